// SMS one-time codes through Aliyun Dysmsapi `SendSms` (version 2017-05-25), RPC-style POP API
// signed with HMAC-SHA1. Docs: help.aliyun.com/document_detail/101343 (SendSms),
// /document_detail/101341 (signature), /document_detail/101346 (error codes).
import { createHmac, randomUUID } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, UpstreamError, malformed, parseJsonObject, requestUpstream, stringField } from './http';

export interface SmsConfig {
  /** `https://dysmsapi.aliyuncs.com` in production; a stub's URL in tests. */
  baseUrl: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Approved signature (签名), e.g. `掌上办`. */
  signName: string;
  /** Approved verification-code template, e.g. `SMS_123456789`, with one variable. */
  templateCode: string;
  /** The template's variable name; Aliyun's verification-code templates use `code`. */
  templateParamName?: string;
  regionId?: string;
  timeoutMs?: number;
}

export interface SmsClient {
  sendCode(phone: string, code: string): Promise<{ bizId: string }>;
}

export const SMS_DEFAULT_BASE_URL = 'https://dysmsapi.aliyuncs.com';

// Frequency control: Aliyun's per-number limits (default 1/min, 5/h, 10/day) and API throttling.
const RATE_LIMITS = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'Throttling', 'Throttling.User', 'Throttling.Api']);
// Aliyun's own trouble: trying again later can work.
const TRANSIENT = new Set(['isp.SYSTEM_ERROR', 'isp.GATEWAY_ERROR', 'InternalError', 'ServiceUnavailable', 'SignatureNonceUsed']);
// Our account or credentials: no citizen gets a code until an operator acts.
const MISCONFIGURED = new Set([
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'InvalidTimeStamp.Expired',
  'Forbidden.RAM',
  'isp.RAM_PERMISSION_DENY',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.OUT_OF_SERVICE',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.PRODUCT_UNSUBSCRIBE',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
]);

export function createSmsClient(cfg: SmsConfig): SmsClient {
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}/`;
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async sendCode(phone, code) {
      const params: Record<string, string> = {
        AccessKeyId: cfg.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: phone,
        RegionId: cfg.regionId ?? 'cn-hangzhou',
        SignName: cfg.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: cfg.templateCode,
        TemplateParam: JSON.stringify({ [cfg.templateParamName ?? 'code']: code }),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      params['Signature'] = popSignature('POST', params, cfg.accessKeySecret);
      // POST keeps the phone and the code out of URLs, which proxies and gateways log.
      const response = await requestUpstream(
        'sms',
        url,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: popQuery(params) },
        timeoutMs,
      );
      // Aliyun answers POP-level errors (signature, key) with 4xx and a JSON body like any other.
      const answer = parseJsonObject('sms', response);
      const answerCode = stringField(answer, 'Code');
      if (answerCode === 'OK') {
        const bizId = stringField(answer, 'BizId');
        if (!bizId) throw malformed('sms', 'OK without BizId');
        return { bizId };
      }
      throw answerError(answerCode ?? 'unknown');
    },
  };
}

function answerError(code: string): UpstreamError {
  const message = `sms SendSms failed with ${code}`;
  if (RATE_LIMITS.has(code)) return new UpstreamError({ upstream: 'sms', kind: 'RATE_LIMITED', upstreamCode: code, message });
  if (TRANSIENT.has(code)) return new UpstreamError({ upstream: 'sms', kind: 'UNAVAILABLE', upstreamCode: code, message });
  // Other isv.* answers are about this message or number (isv.MOBILE_NUMBER_ILLEGAL,
  // isv.BLACK_KEY_CONTROL_LIMIT, …); anything else is a POP-level fault on our side.
  if (MISCONFIGURED.has(code) || !code.startsWith('isv.')) {
    return new UpstreamError({ upstream: 'sms', kind: 'UNAVAILABLE', retryable: false, upstreamCode: code, message });
  }
  return new UpstreamError({ upstream: 'sms', kind: 'REJECTED', upstreamCode: code, message });
}

/**
 * Aliyun POP percent-encoding: RFC 3986 unreserved characters (A–Z a–z 0–9 - _ . ~) stay, every
 * other UTF-8 byte becomes %XX in upper case; space is %20, never `+`.
 */
export function popPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalised query: parameters sorted by name (byte order), each name and value encoded. */
export function popQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${popPercentEncode(key)}=${popPercentEncode(params[key] ?? '')}`)
    .join('&');
}

/**
 * Signature version 1.0: base64(HMAC-SHA1(secret + "&", method + "&" + enc("/") + "&" + enc(query))),
 * over every parameter except `Signature` itself.
 */
export function popSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const { Signature: _ignored, ...signed } = params;
  const stringToSign = `${method}&${popPercentEncode('/')}&${popPercentEncode(popQuery(signed))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
