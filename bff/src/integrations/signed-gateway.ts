// The signed-gateway protocol shared by the provincial platforms Palm calls with a person's name
// and ID number — the real-name gateway (realname.ts) and the e-licence platform
// (licence-issuer.ts), README.md: an app key, an HMAC-SHA256 request signature over method, path,
// timestamp, nonce and the body's digest, a JSON answer `{code, message, data}`, and a successful
// answer signed back with the request's nonce, so a forged or replayed answer is refused.
//
// Bodies (names, ID numbers) never appear in an error message: only our words and the platform's
// error code, and only when it looks like one.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, UpstreamError, parseJsonObject, requestUpstream, stringField, type UpstreamName } from './http';

export interface SignedGatewayConfig {
  /** The platform gateway's origin (and path prefix, if any); a stub's URL in tests. */
  baseUrl: string;
  /** The app key the platform issued to this deployment (sent in `x-app-key`). */
  appKey: string;
  /** The shared secret both sides sign with (never sent). */
  appSecret: string;
  timeoutMs?: number;
}

/** The platform's frequency control or our daily quota. */
const RATE_LIMITS = new Set(['RATE_LIMITED', 'QUOTA_EXCEEDED']);
/** Its own trouble (the register behind it is down, it is busy), or a nonce that collided: trying again later can work. */
const TRANSIENT = new Set(['SYSTEM_BUSY', 'SOURCE_UNAVAILABLE', 'NONCE_REUSED']);

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
export function gatewaySignature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/** Constant-time comparison of two signatures (a mismatch in length is simply false). */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A client for one path of a signed gateway: `call(fields)` posts `fields` (with a fresh serialNo),
 * signed; answers the `data` of a successful, correctly signed answer; throws an UpstreamError
 * otherwise — RATE_LIMITED, UNAVAILABLE (retryable for the platform's own trouble, not for our
 * set-up being refused or a bad answer signature), REJECTED for the codes in `rejected`.
 */
export function signedGatewayClient(upstream: UpstreamName, cfg: SignedGatewayConfig, pathname: string, successCode: string, rejected: ReadonlySet<string>) {
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}${pathname}`;
  const path = new URL(url).pathname;
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (fields: Record<string, string>): Promise<Record<string, unknown> | undefined> => {
    const body = JSON.stringify({ ...fields, serialNo: randomUUID() });
    const timestamp = String(Date.now());
    const nonce = randomBytes(16).toString('hex');
    const response = await requestUpstream(
      upstream,
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-app-key': cfg.appKey,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': gatewaySignature(cfg.appSecret, requestStringToSign('POST', path, timestamp, nonce, body)),
        },
        body,
      },
      timeoutMs,
    );
    const answer = parseJsonObject(upstream, response);
    const code = stringField(answer, 'code');
    // An error needs no signature: a forged one can only make the act fail.
    if (code !== successCode) throw answerError(upstream, code, rejected);
    // A success does: a forged or replayed one would bind a number or put licences in a wallet.
    const answeredAt = response.headers.get('x-timestamp') ?? '';
    const signature = response.headers.get('x-signature');
    if (!signature) throw badSignature(upstream, 'missing');
    if (!sameSignature(signature, gatewaySignature(cfg.appSecret, responseStringToSign(nonce, answeredAt, response.body)))) throw badSignature(upstream, 'does not verify');
    const data = answer['data'];
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  };
}

function answerError(upstream: UpstreamName, rawCode: string | undefined, rejected: ReadonlySet<string>): UpstreamError {
  // The code is the only thing of the answer we repeat, and only if it looks like one.
  const code = rawCode && /^[A-Za-z0-9_.-]{1,64}$/.test(rawCode) ? rawCode : 'UNKNOWN';
  const message = `${upstream} gateway call failed with ${code}`;
  if (RATE_LIMITS.has(code)) return new UpstreamError({ upstream, kind: 'RATE_LIMITED', upstreamCode: code, message });
  if (TRANSIENT.has(code)) return new UpstreamError({ upstream, kind: 'UNAVAILABLE', upstreamCode: code, message });
  if (rejected.has(code)) return new UpstreamError({ upstream, kind: 'REJECTED', upstreamCode: code, message });
  // Anything else (APP_KEY_INVALID, SIGNATURE_INVALID, TIMESTAMP_EXPIRED, APP_DISABLED,
  // BALANCE_INSUFFICIENT, an unknown code) is our set-up being refused: it needs an operator.
  return new UpstreamError({ upstream, kind: 'UNAVAILABLE', retryable: false, upstreamCode: code, message });
}

// Not retryable: a wrong secret or a key rotation needs an operator, and tampering in transit is
// nothing a retry should paper over.
function badSignature(upstream: UpstreamName, what: string): UpstreamError {
  return new UpstreamError({ upstream, kind: 'UNAVAILABLE', retryable: false, upstreamCode: 'RESPONSE_SIGNATURE_INVALID', message: `${upstream} answer signature ${what}` });
}
