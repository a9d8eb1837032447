// A local stand-in for the provincial e-licence platform, speaking the protocol of
// integrations/licence-issuer.ts (the signed gateway: signed-gateway-stub.ts checks the request
// the way the platform does and signs the answer with the request's nonce). It answers from the
// demo register (integrations/licence-issuer-demo.ts: the seeded people's licences, by ID number
// and matching name; anyone else has none) plus whatever a test sets. `failNext` spoils the next
// answer the ways a platform or the wire can.
import { randomBytes } from 'node:crypto';
import { LICENCE_QUERY_PATH, LICENCE_SUCCESS_CODE, type IssuedLicence } from '../../src/integrations/licence-issuer';
import { demoLicenceRegister } from '../../src/integrations/licence-issuer-demo';
import type { TransportFault } from './index';
import { startSignedGatewayStub, type GatewayCodeFault, type GatewaySignatureFault } from './signed-gateway-stub';

export type LicenceIssuerFault = TransportFault | GatewayCodeFault | { signature: GatewaySignatureFault } | { body: unknown };

export interface LicenceIssuerStub {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** From now on `idNumber` (with `name`) holds exactly these licences. */
  set(idNumber: string, name: string, licences: IssuedLicence[]): void;
  failNext(fault: LicenceIssuerFault): void;
  /** The queries answered, oldest first (ID numbers as asked). */
  queries: { name: string; idNumber: string }[];
  close(): Promise<void>;
}

export async function startLicenceIssuerStub(opts: { appKey?: string; appSecret?: string } = {}): Promise<LicenceIssuerStub> {
  const appKey = opts.appKey ?? 'palm-stub-licence-key';
  const appSecret = opts.appSecret ?? randomBytes(24).toString('base64');
  const register = demoLicenceRegister();
  const faults: LicenceIssuerFault[] = [];
  const queries: { name: string; idNumber: string }[] = [];
  const server = await startSignedGatewayStub<{ signature: GatewaySignatureFault } | { body: unknown }>({
    path: LICENCE_QUERY_PATH,
    appKey,
    appSecret,
    faults,
    handle: ({ fields: { name, idNumber }, fault, answer, error }) => {
      if (typeof name !== 'string' || !name || typeof idNumber !== 'string' || !/^\d{17}[\dX]$/.test(idNumber)) return error(400, 'PARAM_INVALID');
      queries.push({ name, idNumber });
      const entry = register.get(idNumber);
      const licences = entry && entry.name === name ? entry.licences : [];
      const body = fault && 'body' in fault ? fault.body : { code: LICENCE_SUCCESS_CODE, message: '成功', data: { licences } };
      return answer(body, fault && 'signature' in fault ? fault.signature : undefined);
    },
  });
  return {
    ...server,
    appKey,
    appSecret,
    set: (idNumber, name, licences) => void register.set(idNumber, { name, licences }),
    failNext: (fault) => void faults.push(fault),
    queries,
  };
}
