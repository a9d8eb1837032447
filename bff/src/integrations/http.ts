// One way to call an outside party (WeChat, Alipay, the SMS gateway) and one error type for every
// way such a call can fail, so routes and the notification outbox map failures without knowing
// which protocol produced them (DESIGN.md §2: real HTTP clients with configurable base URLs).
//
// Error messages are built only from our own words, the upstream's name and its error *code*.
// Upstream messages and bodies are never copied in: WeChat echoes request details, Aliyun's
// SignatureDoesNotMatch message contains the whole string-to-sign (phone and OTP), and URLs carry
// the WeChat app secret in the query (DESIGN.md §4: phones never in logs).

export type UpstreamName = 'wechat' | 'alipay' | 'sms' | 'realname' | 'licences';

/**
 * - `UNAVAILABLE`: nothing wrong with what the user sent; the party could not be reached or did
 *   not give a usable answer (network, timeout, 5xx, "system busy", an answer that fails its
 *   signature, or our own credentials being refused). Map to 503.
 * - `REJECTED`: the party answered and said no to *this* request (bad or used login code, invalid
 *   phone, user did not subscribe). Map to 4xx.
 * - `RATE_LIMITED`: the party's frequency control refused it. Map to 429; do not retry at once.
 */
export type UpstreamErrorKind = 'UNAVAILABLE' | 'REJECTED' | 'RATE_LIMITED';

export interface UpstreamErrorInit {
  upstream: UpstreamName;
  kind: UpstreamErrorKind;
  message: string;
  upstreamCode?: string;
  /** Defaults to true for UNAVAILABLE and false otherwise. */
  retryable?: boolean;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly upstream: UpstreamName;
  readonly kind: UpstreamErrorKind;
  /** The party's own error code (`40029`, `isv.code-invalid`, `isv.BUSINESS_LIMIT_CONTROL`, …). */
  readonly upstreamCode?: string;
  /**
   * Whether trying again later (with fresh input where the input is single-use, such as a login
   * code) can succeed. False for our own misconfiguration, which needs an operator.
   */
  readonly retryable: boolean;

  constructor(init: UpstreamErrorInit) {
    super(init.message);
    this.upstream = init.upstream;
    this.kind = init.kind;
    if (init.upstreamCode !== undefined) this.upstreamCode = init.upstreamCode;
    this.retryable = init.retryable ?? init.kind === 'UNAVAILABLE';
  }
}

export const DEFAULT_TIMEOUT_MS = 5_000;

export interface UpstreamResponse {
  status: number;
  body: string;
  /** Read by parties that sign their answers in headers (the real-name verifier). */
  headers: Headers;
}

/**
 * Performs one request with a hard deadline covering connect, headers *and* body, and turns
 * transport failures and 5xx into UNAVAILABLE. Other statuses are returned for the protocol code to
 * read, because these parties put their error codes in 200 (WeChat, Alipay) or 4xx (Aliyun) bodies.
 */
export async function requestUpstream(
  upstream: UpstreamName,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<UpstreamResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number;
  let body: string;
  let headers: Headers;
  try {
    const response = await fetch(url, { ...init, signal, redirect: 'error' });
    status = response.status;
    headers = response.headers;
    body = await response.text();
  } catch (err) {
    // The cause is deliberately not attached: undici's errors can quote the URL, and WeChat's
    // URLs carry the app secret. The error code alone is enough to tell a refusal from a reset.
    const timedOut = signal.aborted;
    throw new UpstreamError({
      upstream,
      kind: 'UNAVAILABLE',
      message: timedOut ? `${upstream} did not answer within ${timeoutMs} ms` : `${upstream} unreachable (${transportCode(err)})`,
      upstreamCode: timedOut ? 'TIMEOUT' : 'NETWORK',
    });
  }
  if (status >= 500) {
    throw new UpstreamError({ upstream, kind: 'UNAVAILABLE', message: `${upstream} answered HTTP ${status}`, upstreamCode: `HTTP_${status}` });
  }
  if (status === 429) {
    throw new UpstreamError({ upstream, kind: 'RATE_LIMITED', message: `${upstream} answered HTTP 429`, upstreamCode: 'HTTP_429' });
  }
  return { status, body, headers };
}

/** Parses a JSON object answer; anything else (a proxy's HTML page, a truncated body) is UNAVAILABLE. */
export function parseJsonObject(upstream: UpstreamName, response: UpstreamResponse): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(response.body);
    if (isRecord(value)) return value;
  } catch {
    // fall through: reported below without echoing the body
  }
  throw malformed(upstream, `HTTP ${response.status} with a body that is not a JSON object`);
}

export function malformed(upstream: UpstreamName, what: string): UpstreamError {
  return new UpstreamError({ upstream, kind: 'UNAVAILABLE', message: `${upstream} gave an unusable answer: ${what}`, upstreamCode: 'MALFORMED_RESPONSE' });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a string or number field as a string (parties are loose about e.g. `expires_in`). */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

// Duck-typed rather than `instanceof Error`: fetch's errors may come from another realm (Jest's
// VM context), where `instanceof` is false for real Errors.
function transportCode(err: unknown): string {
  const cause = isRecord(err) ? err['cause'] : undefined;
  const code = isRecord(cause) ? cause['code'] : undefined;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  const name = isRecord(err) ? err['name'] : undefined;
  return typeof name === 'string' ? name : 'unknown error';
}
