// The identity register of the stand-ins for the real-name platform: the test stub
// (bff/test/stubs/realname-stub.ts, over HTTP) and the built-in verifier that development and the
// embedded `npm start` use when no platform is configured. Both answer by one deterministic rule,
// so the demo behaves the same with or without the stub:
//
// 1. A number in the register (every seeded person, plus any pair a test registers) matches its
//    own name only; any other name is MISMATCH.
// 2. Any other number matches any name, unless the name ends in MISMATCH_MARKER ("王芳不符"),
//    which is MISMATCH: a way to see a refusal without knowing a seeded number.
//
// Never used in production (integrations/index.ts): there a platform is configured or binding is off.
import { randomUUID } from 'node:crypto';
import { ALL_DEMO_USERS } from '../../../seeds/data/people';
import type { RealNameResult, RealNameVerifier } from './realname';

export const MISMATCH_MARKER = '不符';

/** idNumber → name of every seeded person. */
export function demoRegister(): Map<string, string> {
  return new Map(ALL_DEMO_USERS.map((person) => [person.idNumber, person.name]));
}

export function registerVerdict(register: ReadonlyMap<string, string>, name: string, idNumber: string): RealNameResult {
  const registered = register.get(idNumber);
  if (registered !== undefined) return registered === name ? 'MATCH' : 'MISMATCH';
  return name.endsWith(MISMATCH_MARKER) ? 'MISMATCH' : 'MATCH';
}

/** The in-process verifier of development: the rule above, no network. */
export function createDemoVerifier(register: ReadonlyMap<string, string> = demoRegister()): RealNameVerifier {
  return {
    verify: async (name, idNumber) => ({ result: registerVerdict(register, name, idNumber), verifyId: `demo-${randomUUID()}` }),
  };
}
