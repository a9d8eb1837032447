// The provincial e-licence platform (省电子证照共享服务平台): the licences issued to one person,
// asked by name and resident ID number. No national public specification exists for this call;
// the platforms share the real-name gateway's shape (realname.ts, README.md), which this client
// speaks: an app key, an HMAC-SHA256 request signature over method, path, timestamp, nonce and the
// body's digest, a JSON answer `{code, message, data: {licences: […]}}` signed back with the
// request's nonce, so a forged or replayed answer cannot put licences into someone's wallet.
//
// The name, the ID number and the licence numbers travel only in bodies and never appear in an
// error message: messages carry our words and the platform's error code only.
import { randomBytes, randomUUID } from 'node:crypto';
import { LICENCE_STATUSES, LICENCE_TYPES, type LicenceStatusKey, type LicenceTypeKey } from '@palm/shared';
import { DEFAULT_TIMEOUT_MS, UpstreamError, isRecord, malformed, parseJsonObject, requestUpstream, stringField } from './http';
import { realNameSignature, requestStringToSign, responseStringToSign, sameSignature } from './realname';

export interface LicenceIssuerConfig {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
}

/** One licence as the issuer reports it. Dates are YYYY-MM-DD; `validUntil` null is 长期. */
export interface IssuedLicence {
  type: LicenceTypeKey;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string | null;
  status: LicenceStatusKey;
  /** Display fields by the keys of @palm/shared LICENCE_FIELD_LABELS (strings only). */
  fields: Record<string, string>;
}

export interface LicenceIssuer {
  /** Every licence the platform holds for this person (the name must match the number's owner). */
  licencesOf(holder: { name: string; idNumber: string }): Promise<IssuedLicence[]>;
}

export const LICENCE_QUERY_PATH = '/v1/licences/query';
export const LICENCE_SUCCESS_CODE = '0000';

const RATE_LIMITS = new Set(['RATE_LIMITED', 'QUOTA_EXCEEDED']);
const TRANSIENT = new Set(['SYSTEM_BUSY', 'SOURCE_UNAVAILABLE', 'NONCE_REUSED']);
const REJECTED = new Set(['PARAM_INVALID', 'HOLDER_MISMATCH']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createLicenceIssuerClient(cfg: LicenceIssuerConfig): LicenceIssuer {
  const url = `${cfg.baseUrl.replace(/\/+$/, '')}${LICENCE_QUERY_PATH}`;
  const path = new URL(url).pathname;
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async licencesOf({ name, idNumber }) {
      const body = JSON.stringify({ name, idNumber, serialNo: randomUUID() });
      const timestamp = String(Date.now());
      const nonce = randomBytes(16).toString('hex');
      const response = await requestUpstream(
        'licences',
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
      const answer = parseJsonObject('licences', response);
      const code = stringField(answer, 'code');
      if (code !== LICENCE_SUCCESS_CODE) throw answerError(code);
      const signature = response.headers.get('x-signature');
      const answeredAt = response.headers.get('x-timestamp') ?? '';
      if (!signature || !sameSignature(signature, realNameSignature(cfg.appSecret, responseStringToSign(nonce, answeredAt, response.body)))) {
        throw new UpstreamError({ upstream: 'licences', kind: 'UNAVAILABLE', retryable: false, upstreamCode: 'RESPONSE_SIGNATURE_INVALID', message: 'licence platform answer signature missing or wrong' });
      }
      const data = isRecord(answer['data']) ? answer['data'] : undefined;
      const list = data?.['licences'];
      if (!Array.isArray(list)) throw malformed('licences', 'success without a licence list');
      return list.map(parseLicence);
    },
  };
}

/** One licence of the answer, checked field by field (a bad one makes the whole answer unusable). */
export function parseLicence(raw: unknown): IssuedLicence {
  if (!isRecord(raw)) throw malformed('licences', 'a licence that is not an object');
  const type = stringField(raw, 'type');
  const status = stringField(raw, 'status');
  const number = stringField(raw, 'number');
  const issuer = stringField(raw, 'issuer');
  const validFrom = stringField(raw, 'validFrom');
  const validUntil = raw['validUntil'] === null ? null : stringField(raw, 'validUntil');
  const fields = raw['fields'];
  if (!type || !(LICENCE_TYPES as readonly string[]).includes(type)) throw malformed('licences', 'a licence of an unknown type');
  if (!status || !(LICENCE_STATUSES as readonly string[]).includes(status)) throw malformed('licences', 'a licence of an unknown status');
  if (!number || number.length > 64 || !issuer || !validFrom || !DAY.test(validFrom) || (validUntil !== null && (!validUntil || !DAY.test(validUntil)))) {
    throw malformed('licences', 'a licence without its number, issuer or dates');
  }
  if (!isRecord(fields) || !Object.values(fields).every((v) => typeof v === 'string')) throw malformed('licences', 'a licence whose fields are not strings');
  return { type: type as LicenceTypeKey, number, issuer, validFrom, validUntil, status: status as LicenceStatusKey, fields: fields as Record<string, string> };
}

function answerError(rawCode: string | undefined): UpstreamError {
  const code = rawCode && /^[A-Za-z0-9_.-]{1,64}$/.test(rawCode) ? rawCode : 'UNKNOWN';
  const message = `licence platform query failed with ${code}`;
  if (RATE_LIMITS.has(code)) return new UpstreamError({ upstream: 'licences', kind: 'RATE_LIMITED', upstreamCode: code, message });
  if (TRANSIENT.has(code)) return new UpstreamError({ upstream: 'licences', kind: 'UNAVAILABLE', upstreamCode: code, message });
  if (REJECTED.has(code)) return new UpstreamError({ upstream: 'licences', kind: 'REJECTED', upstreamCode: code, message });
  return new UpstreamError({ upstream: 'licences', kind: 'UNAVAILABLE', retryable: false, upstreamCode: code, message });
}
