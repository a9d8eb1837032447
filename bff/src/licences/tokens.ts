// 亮证 tokens (DESIGN.md §4): a compact JWS — header `typ` licence-qr+jwt, `alg` ES256 or EdDSA,
// `kid` — over claims `aud` licence-verify, `iat`, `exp` = iat + 60 s, a random single-use `jti`,
// `lid` (the licence, by its opaque id) and `pur` (the purpose code). No personal data in clear:
// whoever reads the QR learns which purpose, and nothing about the holder.
//
// Checking one is done in a fixed order so each refusal has its own code: the form, the algorithm
// (never `none`, never one the key is not for), `typ`, a known `kid`, the signature, `aud`, expiry
// with ±30 s skew. Single use and the licence's state need the database (verify.ts).
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LICENCE_TOKEN_AUD, LICENCE_TOKEN_SKEW_SECONDS, LICENCE_TOKEN_TTL_SECONDS, LICENCE_TOKEN_TYP, type ErrorCode } from '@palm/shared';
import { AppError } from '../lib/errors';
import { SIGNING_ALGORITHMS, type LicenceKeys, type SigningKey } from './keys';

export interface TokenClaims {
  jti: string;
  /** The licence (its id). */
  lid: string;
  /** The purpose code. */
  pur: string;
}

/** 128 random bits, base64url: unguessable, and the single-use key in the database. */
export const newJti = (): string => randomBytes(16).toString('base64url');

export async function signToken(key: SigningKey, claims: TokenClaims, issuer: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + LICENCE_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ lid: claims.lid, pur: claims.pur })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: LICENCE_TOKEN_TYP })
    .setIssuer(issuer)
    .setAudience(LICENCE_TOKEN_AUD)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(claims.jti)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(exp * 1000) };
}

const refuse = (code: ErrorCode, reason: string): AppError => Object.assign(new AppError(code), { licenceRefusal: reason });

/**
 * The claims of a token whose signature, header and time all check out, or the AppError of the
 * first check it fails (each its own code; never a 500 for anything a scanner can send).
 */
export async function checkToken(keys: LicenceKeys, token: string, now: Date): Promise<TokenClaims> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw refuse('LICENCE_TOKEN_INVALID', 'not a compact JWS');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw refuse('LICENCE_TOKEN_INVALID', 'unreadable header');
  }
  if (!(SIGNING_ALGORITHMS as readonly unknown[]).includes(header.alg)) throw refuse('LICENCE_TOKEN_ALGORITHM', `alg ${String(header.alg).slice(0, 16)}`);
  if (header.typ !== LICENCE_TOKEN_TYP) throw refuse('LICENCE_TOKEN_TYPE', 'typ');
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 128) throw refuse('LICENCE_TOKEN_KEY_UNKNOWN', 'no kid');
  const key = await keys.verifying(header.kid);
  if (!key) throw refuse('LICENCE_TOKEN_KEY_UNKNOWN', 'unknown kid');
  if (key.alg !== header.alg) throw refuse('LICENCE_TOKEN_ALGORITHM', 'alg not the key’s');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key.key, {
      algorithms: [key.alg],
      typ: LICENCE_TOKEN_TYP,
      audience: LICENCE_TOKEN_AUD,
      clockTolerance: LICENCE_TOKEN_SKEW_SECONDS,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'jti'],
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw refuse('LICENCE_TOKEN_EXPIRED', 'exp');
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') throw refuse('LICENCE_TOKEN_AUDIENCE', 'aud');
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'typ') throw refuse('LICENCE_TOKEN_TYPE', 'typ');
    throw refuse('LICENCE_TOKEN_INVALID', err instanceof errors.JOSEError ? err.code : 'unverifiable');
  }
  const { jti, lid, pur } = payload as JWTPayload & { lid?: unknown; pur?: unknown };
  if (typeof jti !== 'string' || typeof lid !== 'string' || typeof pur !== 'string') throw refuse('LICENCE_TOKEN_INVALID', 'claims');
  return { jti, lid, pur };
}
