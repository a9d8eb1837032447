// A local stand-in for a provincial identity platform's 二要素核验 gateway, speaking the protocol of
// integrations/realname.ts (README there; the signed gateway: signed-gateway-stub.ts checks the
// request the way the platform does and signs the answer with the request's nonce). It answers by
// the demo register's rule (integrations/realname-demo.ts: seeded people match their own name only,
// other numbers match any name not ending in 不符, plus whatever a test registers).
import { randomBytes, randomUUID } from 'node:crypto';
import { REAL_NAME_SUCCESS_CODE, REAL_NAME_VERIFY_PATH, type RealNameResult } from '../../src/integrations/realname';
import { demoRegister, registerVerdict } from '../../src/integrations/realname-demo';
import type { TransportFault } from './index';
import { startSignedGatewayStub, type GatewayCodeFault, type GatewaySignatureFault } from './signed-gateway-stub';

/**
 * What the next request gets instead of its normal answer: a transport fault, a platform error
 * code (with its HTTP status), a verdict regardless of the register, or a verdict whose signature
 * is wrong or missing (as if changed in transit, or from a platform whose key was rotated).
 */
export type RealNameFault =
  | TransportFault
  | GatewayCodeFault
  | { result: RealNameResult }
  | { result: RealNameResult; signature: GatewaySignatureFault };

export interface RealNameCheck {
  name: string;
  idNumber: string;
  result: RealNameResult;
  verifyId: string;
}

export interface RealNameStub {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Adds a person to the register: from now on `idNumber` matches `name` only. */
  register(idNumber: string, name: string): void;
  failNext(fault: RealNameFault): void;
  /** Checks answered with a verdict, oldest first (what the platform would bill). */
  checks: RealNameCheck[];
  close(): Promise<void>;
}

export async function startRealNameStub(opts: { appKey?: string; appSecret?: string } = {}): Promise<RealNameStub> {
  const appKey = opts.appKey ?? 'palm-stub-app-key';
  const appSecret = opts.appSecret ?? randomBytes(24).toString('base64');
  const register = demoRegister();
  const faults: RealNameFault[] = [];
  const checks: RealNameCheck[] = [];
  const server = await startSignedGatewayStub<{ result: RealNameResult; signature?: GatewaySignatureFault }>({
    path: REAL_NAME_VERIFY_PATH,
    appKey,
    appSecret,
    faults,
    handle: ({ fields: { name, idNumber, serialNo }, fault, answer, error }) => {
      if (typeof name !== 'string' || !name || typeof idNumber !== 'string' || !/^\d{17}[\dX]$/.test(idNumber) || typeof serialNo !== 'string' || !serialNo) {
        return error(400, 'PARAM_INVALID', 'name, idNumber (18 characters, upper-case X) and serialNo are required');
      }
      const result = fault ? fault.result : registerVerdict(register, name, idNumber);
      const verifyId = randomUUID();
      checks.push({ name, idNumber, result, verifyId });
      return answer({ code: REAL_NAME_SUCCESS_CODE, message: '成功', data: { result, verifyId } }, fault?.signature);
    },
  });
  return {
    ...server,
    appKey,
    appSecret,
    register: (idNumber, name) => void register.set(idNumber, name),
    failNext: (fault) => void faults.push(fault),
    checks,
  };
}
