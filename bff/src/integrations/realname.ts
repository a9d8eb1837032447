// Real-name verification (实名核验, "二要素": does this name belong to this resident ID number?) at a
// provincial identity platform's gateway (省统一身份认证平台 / a CTID-backed 身份核验 service). The
// platforms differ in paths and field names but share one shape, which this client speaks and
// README.md writes down: an app key, an HMAC-SHA256 request signature over method, path,
// timestamp, nonce and body digest, a JSON answer with a code and a verdict, and the answer signed
// back with the request's nonce, so an answer cannot be forged or replayed onto another request.
//
// The name and the ID number travel only in the POST body (never a URL) and never appear in an
// error message: messages carry our words and the platform's error code only.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, UpstreamError, isRecord, malformed, parseJsonObject, requestUpstream, stringField } from './http';

export interface RealNameConfig {
  /** The platform gateway's origin (and path prefix, if any); a stub's URL in tests. */
  baseUrl: string;
  /** The app key the platform issued to this deployment (sent in `x-app-key`). */
  appKey: string;
  /** The shared secret both sides sign with (never sent). */
  appSecret: string;
  timeoutMs?: number;
}

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

// The platform's frequency control or our daily quota.
const RATE_LIMITS = new Set(['RATE_LIMITED', 'QUOTA_EXCEEDED']);
// Its own trouble (the police register behind it is down, it is busy), or a nonce that collided:
// trying again later can work.
const TRANSIENT = new Set(['SYSTEM_BUSY', 'SOURCE_UNAVAILABLE', 'NONCE_REUSED']);
// About this request's fields (we validate first, so this is rare).
const REJECTED = new Set(['PARAM_INVALID']);
// Anything else (APP_KEY_INVALID, SIGNATURE_INVALID, TIMESTAMP_EXPIRED, APP_DISABLED,
// BALANCE_INSUFFICIENT, an unknown code) is our set-up being refused: it needs an operator.

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the request signature covers: method, path, timestamp (ms), nonce and the body's SHA-256, one per line. */
export function requestStringToSign(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return [method, path, timestamp, nonce, sha256Hex(body)].join('\n');
}

/** What the answer's signature covers: the request's nonce, the answer's timestamp and its body's SHA-256. */
export function responseStringToSign(requestNonce: string, timestamp: string, body: string): string {
  return [requestNonce, timestamp, sha256Hex(body)].join('\n');
}

/** base64(HMAC-SHA256(secret, text)). */
export function realNameSignature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/** Constant-time comparison of two signatures (a mismatch in length is simply false). */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createRealNameClient(cfg: RealNameConfig): RealNameVerifier {
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}${REAL_NAME_VERIFY_PATH}`;
  const path = new URL(url).pathname;
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async verify(name, idNumber) {
      const body = JSON.stringify({ name, idNumber, serialNo: randomUUID() });
      const timestamp = String(Date.now());
      const nonce = randomBytes(16).toString('hex');
      const response = await requestUpstream(
        'realname',
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-app-key': cfg.appKey,
            'x-timestamp': timestamp,
            'x-nonce': nonce,
            'x-signature': realNameSignature(cfg.appSecret, requestStringToSign('POST', path, timestamp, nonce, body)),
          },
          body,
        },
        timeoutMs,
      );
      const answer = parseJsonObject('realname', response);
      const code = stringField(answer, 'code');
      // An error needs no signature: a forged one can only make a binding fail.
      if (code !== REAL_NAME_SUCCESS_CODE) throw answerError(code);

      // A verdict does: a forged or replayed MATCH would bind a number to the wrong account.
      const answeredAt = response.headers.get('x-timestamp') ?? '';
      const signature = response.headers.get('x-signature');
      if (!signature) throw badSignature('missing');
      if (!sameSignature(signature, realNameSignature(cfg.appSecret, responseStringToSign(nonce, answeredAt, response.body)))) throw badSignature('does not verify');

      const data = isRecord(answer['data']) ? answer['data'] : undefined;
      const result = data ? stringField(data, 'result') : undefined;
      const verifyId = data ? stringField(data, 'verifyId') : undefined;
      if (!result || !REAL_NAME_RESULTS.includes(result as RealNameResult) || !verifyId) throw malformed('realname', 'success without a known result and verifyId');
      return { result: result as RealNameResult, verifyId };
    },
  };
}

function answerError(rawCode: string | undefined): UpstreamError {
  // The code is the only thing of the answer we repeat, and only if it looks like one.
  const code = rawCode && /^[A-Za-z0-9_.-]{1,64}$/.test(rawCode) ? rawCode : 'UNKNOWN';
  const message = `realname two-factor check failed with ${code}`;
  if (RATE_LIMITS.has(code)) return new UpstreamError({ upstream: 'realname', kind: 'RATE_LIMITED', upstreamCode: code, message });
  if (TRANSIENT.has(code)) return new UpstreamError({ upstream: 'realname', kind: 'UNAVAILABLE', upstreamCode: code, message });
  if (REJECTED.has(code)) return new UpstreamError({ upstream: 'realname', kind: 'REJECTED', upstreamCode: code, message });
  return new UpstreamError({ upstream: 'realname', kind: 'UNAVAILABLE', retryable: false, upstreamCode: code, message });
}

// Not retryable: a wrong secret or a key rotation needs an operator, and tampering in transit is
// nothing a retry should paper over.
function badSignature(what: string): UpstreamError {
  return new UpstreamError({ upstream: 'realname', kind: 'UNAVAILABLE', retryable: false, upstreamCode: 'RESPONSE_SIGNATURE_INVALID', message: `realname answer signature ${what}` });
}
