// The provincial e-licence platform (省电子证照共享服务平台): the licences issued to one person,
// asked by name and resident ID number. No national public specification exists for this call;
// the platforms share the real-name gateway's shape (realname.ts, README.md), which this client
// speaks: an app key, an HMAC-SHA256 request signature over method, path, timestamp, nonce and the
// body's digest, a JSON answer `{code, message, data: {licences: […]}}` signed back with the
// request's nonce, so a forged or replayed answer cannot put licences into someone's wallet.
//
// The name, the ID number and the licence numbers travel only in bodies and never appear in an
// error message: messages carry our words and the platform's error code only.
import { LICENCE_STATUSES, LICENCE_TYPE_FIELDS, LICENCE_TYPES, maskLicenceNumber, type LicenceStatusKey, type LicenceTypeKey } from '@palm/shared';
import { isRecord, malformed, stringField } from './http';
import { signedGatewayClient, type SignedGatewayConfig } from './signed-gateway';

export type LicenceIssuerConfig = SignedGatewayConfig;

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

// About this request (the other codes: signed-gateway.ts).
const REJECTED = new Set(['PARAM_INVALID', 'HOLDER_MISMATCH']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createLicenceIssuerClient(cfg: LicenceIssuerConfig): LicenceIssuer {
  const call = signedGatewayClient('licences', cfg, LICENCE_QUERY_PATH, LICENCE_SUCCESS_CODE, REJECTED);
  return {
    async licencesOf({ name, idNumber }) {
      const list = (await call({ name, idNumber }))?.['licences'];
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
  return { type: type as LicenceTypeKey, number, issuer, validFrom, validUntil, status: status as LicenceStatusKey, fields: carriedFields(type as LicenceTypeKey, fields as Record<string, string>) };
}

/**
 * Of a licence's display fields, only those its type carries (LICENCE_TYPE_FIELDS): the fields are
 * stored in clear, so whatever else a platform adds (a full ID number, a phone) is never kept. A
 * field meant to be masked ("…Masked") that came without a mask is masked here.
 */
function carriedFields(type: LicenceTypeKey, fields: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of LICENCE_TYPE_FIELDS[type]) {
    const value = fields[key];
    if (value === undefined) continue;
    kept[key] = key.endsWith('Masked') && !value.includes('*') ? maskLicenceNumber(value) : value;
  }
  return kept;
}
