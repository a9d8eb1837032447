// The offline 亮证 check (issue 15 item 5), in the browser with `jose` and the published JWK Set
// alone: the signature (by `kid`), `alg` (ES256 or EdDSA), `typ` licence-qr+jwt, `aud`
// licence-verify and the expiry with ±30 s of skew. It cannot know whether the token was already
// used or the licence revoked since — only the BFF can (POST /api/licence-verifications).
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { LICENCE_TOKEN_AUD, LICENCE_TOKEN_SKEW_SECONDS, LICENCE_TOKEN_TYP } from '@palm/shared';

/** Where the page keeps the keys (localStorage on H5), with when and by what clock they came. */
export const JWKS_STORAGE_KEY = 'palm.licenceJwks';

export interface SavedKeys {
  keys: JSONWebKeySet['keys'];
  /** Server time (ms) the keys were fetched. */
  savedAt: number;
  /** Server minus device clock (ms) then: offline, "now" is the device's clock corrected by it. */
  offset: number;
}

export type OfflineCheck =
  | { isValid: true; kid: string; purpose: string; expiresAt: number }
  | { isValid: false; code: OfflineRefusal; words: string };

export type OfflineRefusal = 'FORM' | 'SIGNATURE' | 'ALGORITHM' | 'KEY_UNKNOWN' | 'TYPE' | 'AUDIENCE' | 'EXPIRED' | 'NO_KEYS';

export const OFFLINE_REFUSAL_WORDS: Readonly<Record<OfflineRefusal, string>> = {
  FORM: '这不是一个完整的亮证码，请重新扫码或粘贴。',
  SIGNATURE: '签名不对：这个码被改动过，或不是掌上办签发的。',
  ALGORITHM: '签名方式不被接受（只接受 ES256 或 EdDSA）。',
  KEY_UNKNOWN: '签名密钥不在已保存的公钥里：请联网后重新获取公钥再核验。',
  TYPE: '这不是亮证码（类型不是 licence-qr+jwt）。',
  AUDIENCE: '这个码不是用于证照核验的（用途不是 licence-verify）。',
  EXPIRED: '亮证码已过期，请让对方刷新后重新出示。',
  NO_KEYS: '还没有保存公钥：请先联网获取一次公钥。',
};

const refused = (code: OfflineRefusal): OfflineCheck => ({ isValid: false, code, words: OFFLINE_REFUSAL_WORDS[code] });

function refusalOf(failure: unknown): OfflineRefusal {
  if (failure instanceof errors.JWTExpired) return 'EXPIRED';
  if (failure instanceof errors.JWTClaimValidationFailed) {
    if (failure.claim === 'aud') return 'AUDIENCE';
    if (failure.claim === 'typ') return 'TYPE';
    // iat / nbf in the future beyond the skew: not a token to accept now.
    return 'EXPIRED';
  }
  if (failure instanceof errors.JOSEAlgNotAllowed || failure instanceof errors.JOSENotSupported) return 'ALGORITHM';
  if (failure instanceof errors.JWKSNoMatchingKey || failure instanceof errors.JWKSMultipleMatchingKeys) return 'KEY_UNKNOWN';
  if (failure instanceof errors.JWSSignatureVerificationFailed) return 'SIGNATURE';
  return 'FORM';
}

/** Checks `token` against the saved keys at `now` (ms on the server's clock as best known). */
export async function verifyOffline(token: string, saved: SavedKeys | null, now: number): Promise<OfflineCheck> {
  if (!saved || saved.keys.length === 0) return refused('NO_KEYS');
  const text = token.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) return refused('FORM');
  try {
    const { payload, protectedHeader } = await jwtVerify(text, createLocalJWKSet({ keys: saved.keys }), {
      algorithms: ['ES256', 'EdDSA'],
      typ: LICENCE_TOKEN_TYP,
      audience: LICENCE_TOKEN_AUD,
      clockTolerance: LICENCE_TOKEN_SKEW_SECONDS,
      currentDate: new Date(now),
      requiredClaims: ['exp', 'jti'],
    });
    return { isValid: true, kid: protectedHeader.kid ?? '', purpose: typeof payload.pur === 'string' ? payload.pur : '', expiresAt: (payload.exp ?? 0) * 1000 };
  } catch (failure) {
    return refused(refusalOf(failure));
  }
}

/** The saved keys, or null (nothing saved, or something unreadable). */
export function parseSavedKeys(value: unknown): SavedKeys | null {
  let saved: Partial<SavedKeys> | null;
  try {
    saved = (typeof value === 'string' && value ? (JSON.parse(value) as unknown) : value) as Partial<SavedKeys> | null;
  } catch {
    return null;
  }
  if (!saved || !Array.isArray(saved.keys) || typeof saved.savedAt !== 'number' || typeof saved.offset !== 'number') return null;
  return { keys: saved.keys, savedAt: saved.savedAt, offset: saved.offset };
}
