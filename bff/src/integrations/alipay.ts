// Alipay OpenAPI gateway, signed RSA2: `alipay.system.oauth.token` (auth code → user id) and
// `alipay.open.app.mini.templatemessage.send` (a subscribed template message to one person).
// Docs: opendocs.alipay.com/common/02kf5q (signing), /common/02kf5r (verifying answers),
// /apis/api_9/alipay.system.oauth.token, /mini/02cth2 (subscription messages),
// /common/02km9f (public error codes).
import { createPrivateKey, createPublicKey, createSign, createVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, UpstreamError, isRecord, malformed, requestUpstream, stringField } from './http';

export interface AlipayConfig {
  /** `https://openapi.alipay.com/gateway.do` in production; a stub's URL in tests. */
  baseUrl: string;
  appId: string;
  /** App private key: PEM (PKCS#1 or PKCS#8) or the bare base64 that Alipay's key tool prints. */
  privateKeyPem: string;
  /** Alipay's public key for this app (not the app's own public key), PEM or bare base64. */
  alipayPublicKeyPem: string;
  timeoutMs?: number;
}

export interface AlipayTemplateMessage {
  /** The id exchangeAuthCode returned: a 2088… user id (`to_user_id`) or an OpenID (`to_open_id`). */
  toUserId: string;
  /** `user_template_id` of a template the person subscribed to (my.requestSubscribeMessage). */
  templateId: string;
  /** Mini-program page opened from the message, e.g. `pages/ticket/index?id=…`. */
  page?: string;
  /** `keyword1`, `keyword2`, … in the template's order; values are checked by checkAlipayTemplateData. */
  data: Record<string, { value: string }>;
}

export interface AlipayClient {
  /** `userId` is the `open_id` for apps on Alipay's OpenID scheme, else the 2088… `user_id`. */
  exchangeAuthCode(authCode: string): Promise<{ userId: string }>;
  /** 订阅消息 sent by the server (`alipay.open.app.mini.templatemessage.send`, no form_id). */
  sendTemplateMessage(message: AlipayTemplateMessage): Promise<void>;
}

export const ALIPAY_DEFAULT_BASE_URL = 'https://openapi.alipay.com/gateway.do';
const OAUTH_METHOD = 'alipay.system.oauth.token';
const TEMPLATE_MESSAGE_METHOD = 'alipay.open.app.mini.templatemessage.send';
/** Answer node of a method: its name with dots as underscores, plus `_response`. */
const responseNodeOf = (method: string): string => `${method.replace(/\./g, '_')}_response`;
const ERROR_NODE = 'error_response';
/** Alipay's user ids: 2088 and 12 more digits. Anything else is an OpenID (apps since 2023). */
const ALIPAY_USER_ID = /^2088\d{12}$/;
const SUCCESS_CODE = '10000';

// Answers that mean our own set-up is wrong (keys, app id, clock, permissions): no user can get
// through until an operator acts, so they are UNAVAILABLE and not retryable rather than REJECTED.
const MISCONFIGURED = new Set([
  'isv.invalid-signature',
  'isv.invalid-signature-type',
  'isv.missing-signature',
  'isv.missing-signature-type',
  'isv.invalid-app-id',
  'isv.missing-app-id',
  'isv.invalid-timestamp',
  'isv.invalid-charset',
  'isv.invalid-method',
  'isv.invalid-format',
  'isv.insufficient-isv-permissions',
]);

export function createAlipayClient(cfg: AlipayConfig): AlipayClient {
  // Parsed once at start-up so a malformed key fails the boot, not the first citizen's login.
  const privateKey = loadKey(cfg.privateKeyPem, 'private');
  const alipayPublicKey = loadKey(cfg.alipayPublicKeyPem, 'public');
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** One signed call; returns the verified success node or throws an UpstreamError. */
  async function call(method: string, apiParams: Record<string, string>): Promise<Record<string, unknown>> {
    const publicParams: Record<string, string> = {
      app_id: cfg.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: shanghaiTimestamp(new Date()),
      version: '1.0',
    };
    publicParams['sign'] = createSign('RSA-SHA256').update(alipaySignContent({ ...publicParams, ...apiParams }), 'utf8').sign(privateKey, 'base64');

    // As Alipay's own SDKs do: public parameters in the query (the gateway reads `charset` there
    // before decoding the body), API parameters, including the auth code, in the form body.
    const url = `${cfg.baseUrl}${cfg.baseUrl.includes('?') ? '&' : '?'}${new URLSearchParams(publicParams).toString()}`;
    const response = await requestUpstream(
      'alipay',
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(apiParams).toString() },
      timeoutMs,
    );
    if (response.status !== 200) throw malformed('alipay', `HTTP ${response.status}`);

    const node = verifiedNode(response.body, alipayPublicKey, responseNodeOf(method));
    const code = stringField(node.value, 'code');
    if (node.name === ERROR_NODE || (code !== undefined && code !== SUCCESS_CODE)) throw answerError(method, node.value);
    return node.value;
  }

  return {
    async exchangeAuthCode(authCode) {
      const answer = await call(OAUTH_METHOD, { grant_type: 'authorization_code', code: authCode });
      const userId = stringField(answer, 'open_id') ?? stringField(answer, 'user_id');
      if (!userId) throw malformed('alipay', 'token answer without open_id or user_id');
      return { userId };
    },

    async sendTemplateMessage(message) {
      // Business parameters travel as one JSON `biz_content`; `data` is itself a JSON string.
      const bizContent = {
        [ALIPAY_USER_ID.test(message.toUserId) ? 'to_user_id' : 'to_open_id']: message.toUserId,
        user_template_id: message.templateId,
        ...(message.page ? { page: message.page } : {}),
        data: JSON.stringify(checkAlipayTemplateData(message.data)),
      };
      await call(TEMPLATE_MESSAGE_METHOD, { biz_content: JSON.stringify(bizContent) });
    },
  };
}

/** Alipay's limit on a template keyword's value (alipay.open.app.mini.templatemessage.send `data`). */
export const ALIPAY_KEYWORD_MAX = 50;

/**
 * Alipay's template data rules, checked before sending: keys `keyword1`…, non-empty values of at
 * most 50 characters. Every keyword is free text, so a longer value is shortened with `…`; a bad
 * key or an empty value is refused locally as REJECTED, as the gateway would.
 */
export function checkAlipayTemplateData(data: Record<string, { value: string }>): Record<string, { value: string }> {
  const checked: Record<string, { value: string }> = {};
  for (const [key, { value }] of Object.entries(data)) {
    const chars = [...value];
    if (!/^keyword\d+$/.test(key) || chars.length === 0) {
      throw new UpstreamError({ upstream: 'alipay', kind: 'REJECTED', upstreamCode: 'isv.invalid-data', message: `template message field ${key} is not a non-empty keywordN (checked before sending)` });
    }
    checked[key] = { value: chars.length > ALIPAY_KEYWORD_MAX ? `${chars.slice(0, ALIPAY_KEYWORD_MAX - 1).join('')}…` : value };
  }
  return checked;
}

/**
 * Alipay's signing string: every non-empty parameter except `sign`, sorted by name, joined as
 * `k=v&k=v` with raw (not URL-encoded) values. `sign_type` is included for requests.
 */
export function alipaySignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key] ?? ''}`)
    .join('&');
}

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai (UTC+8 all year, no DST), as the gateway requires. */
export function shanghaiTimestamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Finds the answer node, checks Alipay's signature over its exact bytes in the body, and only then
 * parses it. Re-serialising a parsed object would not reproduce Alipay's text (escaped slashes,
 * `\u` escapes, key order), so the raw substring is what gets verified.
 */
function verifiedNode(body: string, alipayPublicKey: KeyObject, responseNode: string): { name: string; value: Record<string, unknown> } {
  const raw = topLevelRawValues(body);
  if (!raw) throw malformed('alipay', 'body is not a JSON object');
  const name = raw.has(responseNode) ? responseNode : raw.has(ERROR_NODE) ? ERROR_NODE : undefined;
  const rawNode = name ? raw.get(name) : undefined;
  if (!name || rawNode === undefined) throw malformed('alipay', 'no response node');
  const rawSign = raw.get('sign');
  const sign: unknown = rawSign === undefined ? undefined : JSON.parse(rawSign);

  if (typeof sign === 'string' && sign !== '') {
    const valid = createVerify('RSA-SHA256').update(rawNode, 'utf8').verify(alipayPublicKey, sign, 'base64');
    if (!valid) throw badSignature('failed');
  } else if (name === responseNode) {
    throw badSignature('is missing');
  }
  // An unsigned error_response is accepted: Alipay leaves some gateway errors unsigned, and a
  // forged error can only make a login fail, which dropping the connection would do anyway.

  const value: unknown = JSON.parse(rawNode);
  if (!isRecord(value)) throw malformed('alipay', 'response node is not an object');
  return { name, value };
}

// UNAVAILABLE, not REJECTED: the citizen's code is not known to be bad; we could not trust the
// answer (wrong Alipay public key configured, key rotation, or tampering in transit). Not
// retryable: auth codes are single-use and a key mismatch needs an operator.
function badSignature(what: string): UpstreamError {
  return new UpstreamError({ upstream: 'alipay', kind: 'UNAVAILABLE', retryable: false, upstreamCode: 'RESPONSE_SIGNATURE_INVALID', message: `alipay answer signature ${what}` });
}

function answerError(method: string, node: Record<string, unknown>): UpstreamError {
  const code = stringField(node, 'code') ?? 'unknown';
  const subCode = stringField(node, 'sub_code');
  const upstreamCode = subCode ?? code;
  const message = `alipay ${method} failed with ${code}${subCode ? `/${subCode}` : ''}`;
  // 20000 and isp.* are Alipay's own faults ("稍后重试" in its table).
  if (code === '20000' || subCode?.startsWith('isp.')) return new UpstreamError({ upstream: 'alipay', kind: 'UNAVAILABLE', upstreamCode, message });
  if ((subCode && MISCONFIGURED.has(subCode)) || code === '40006') {
    return new UpstreamError({ upstream: 'alipay', kind: 'UNAVAILABLE', retryable: false, upstreamCode, message });
  }
  return new UpstreamError({ upstream: 'alipay', kind: 'REJECTED', upstreamCode, message });
}

function loadKey(text: string, type: 'private' | 'public'): KeyObject {
  // Env files often hold PEM with literal "\n"; Alipay's console hands out bare base64.
  const normalised = text.trim().replace(/\\n/g, '\n');
  if (normalised.includes('-----BEGIN')) return type === 'private' ? createPrivateKey(normalised) : createPublicKey(normalised);
  const der = Buffer.from(normalised.replace(/\s+/g, ''), 'base64');
  if (type === 'public') return createPublicKey({ key: der, format: 'der', type: 'spki' });
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/**
 * Splits a JSON object's text into its top-level members, keeping each value's exact source text.
 * Returns undefined when the text is not a well-formed JSON object.
 */
export function topLevelRawValues(text: string): Map<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  // The text is known-valid JSON from here on, so the scanner only needs to find boundaries.
  const members = new Map<string, string>();
  let i = text.indexOf('{') + 1;
  const skipSpace = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const endOfString = (start: number): number => {
    let j = start + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  const endOfValue = (start: number): number => {
    const first = text[start];
    if (first === '"') return endOfString(start);
    if (first !== '{' && first !== '[') {
      let j = start;
      while (j < text.length && !/[\s,}\]]/.test(text[j] ?? '')) j++;
      return j;
    }
    let depth = 0;
    let j = start;
    do {
      const ch = text[j];
      if (ch === '"') {
        j = endOfString(j);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      j++;
    } while (depth > 0);
    return j;
  };
  for (;;) {
    skipSpace();
    if (text[i] !== '"') break; // `}` of an empty object or after the last member
    const keyEnd = endOfString(i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    skipSpace();
    i++; // ':'
    skipSpace();
    const valueEnd = endOfValue(i);
    // JSON.parse keeps the last of duplicate keys; so does this, so both views agree.
    members.set(key, text.slice(i, valueEnd));
    i = valueEnd;
    skipSpace();
    if (text[i] === ',') i++;
  }
  return members;
}
