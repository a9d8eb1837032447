// Real-name verification (实名核验, "二要素": does this name belong to this resident ID number?) at a
// provincial identity platform's gateway (省统一身份认证平台 / a CTID-backed 身份核验 service). The
// platforms differ in paths and field names but share one shape, which this client speaks and
// README.md writes down: an app key, an HMAC-SHA256 request signature over method, path,
// timestamp, nonce and body digest, a JSON answer with a code and a verdict, and the answer signed
// back with the request's nonce, so an answer cannot be forged or replayed onto another request.
//
// The name and the ID number travel only in the POST body (never a URL) and never appear in an
// error message: messages carry our words and the platform's error code only.
import { malformed, stringField } from './http';
import { gatewaySignature, signedGatewayClient, type SignedGatewayConfig } from './signed-gateway';

// The protocol's pieces, under the names this client's tests and stub know them by.
export { requestStringToSign, responseStringToSign, sameSignature } from './signed-gateway';
export const realNameSignature = gatewaySignature;

export type RealNameConfig = SignedGatewayConfig;

/**
 * The platform's verdict: the name belongs to the number; it does not; or the register has no such
 * number (a typo, or a number that was never issued).
 */
export type RealNameResult = 'MATCH' | 'MISMATCH' | 'NO_RECORD';
export const REAL_NAME_RESULTS: readonly RealNameResult[] = ['MATCH', 'MISMATCH', 'NO_RECORD'];

export interface RealNameVerdict {
  result: RealNameResult;
  /** The platform's id of this check, kept in the audit log to trace a binding back to it. */
  verifyId: string;
}

export interface RealNameVerifier {
  verify(name: string, idNumber: string): Promise<RealNameVerdict>;
}

export const REAL_NAME_VERIFY_PATH = '/v1/id-verify/two-factor';
export const REAL_NAME_SUCCESS_CODE = '0000';

// About this request's fields (we validate first, so this is rare); the other codes: signed-gateway.ts.
const REJECTED = new Set(['PARAM_INVALID']);

export function createRealNameClient(cfg: RealNameConfig): RealNameVerifier {
  const call = signedGatewayClient('realname', cfg, REAL_NAME_VERIFY_PATH, REAL_NAME_SUCCESS_CODE, REJECTED);
  return {
    async verify(name, idNumber) {
      // A verdict is signed (signed-gateway.ts): a forged or replayed MATCH would bind a number to the wrong account.
      const data = await call({ name, idNumber });
      const result = data ? stringField(data, 'result') : undefined;
      const verifyId = data ? stringField(data, 'verifyId') : undefined;
      if (!result || !REAL_NAME_RESULTS.includes(result as RealNameResult) || !verifyId) throw malformed('realname', 'success without a known result and verifyId');
      return { result: result as RealNameResult, verifyId };
    },
  };
}
