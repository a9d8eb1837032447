/**
 * @jest-environment node
 */
// The offline 亮证 check with `jose` and a JWK Set alone (Node's WebCrypto stands in for the
// browser's): a good token passes; a changed one, another audience or type, an expired one (past
// the 30 s skew), an unknown key, `alg: none` and no saved keys are each refused with their own words.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { LICENCE_TOKEN_AUD, LICENCE_TOKEN_TYP } from '@palm/shared';
import { OFFLINE_REFUSAL_WORDS, parseSavedKeys, verifyOffline, type OfflineRefusal, type SavedKeys } from '../../src/features/licences/offline-verify';

const NOW = Date.parse('2026-11-23T01:30:00.000Z');
let saved: SavedKeys;
let sign: (patch?: { aud?: string; typ?: string; kid?: string; exp?: number }) => Promise<string>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  saved = { keys: [jwk], savedAt: NOW, offset: 0 };
  sign = (patch = {}) =>
    new SignJWT({ lid: 'lic-1', pur: 'IDENTITY_CHECK' })
      .setProtectedHeader({ alg: 'ES256', typ: patch.typ ?? LICENCE_TOKEN_TYP, kid: patch.kid ?? 'k1' })
      .setAudience(patch.aud ?? LICENCE_TOKEN_AUD)
      .setIssuedAt(Math.floor(NOW / 1000))
      .setExpirationTime(patch.exp ?? Math.floor(NOW / 1000) + 60)
      .setJti('0123456789abcdef')
      .sign(privateKey);
});

describe('离线核验', () => {
  it('passes a good token: its purpose, key and expiry', async () => {
    await expect(verifyOffline(await sign(), saved, NOW)).resolves.toEqual({ isValid: true, kid: 'k1', purpose: 'IDENTITY_CHECK', expiresAt: NOW + 60_000 });
    // Within the skew after its expiry.
    await expect(verifyOffline(await sign(), saved, NOW + 85_000)).resolves.toMatchObject({ isValid: true });
  });

  const cases: Array<[string, () => Promise<string>, OfflineRefusal]> = [
    ['a changed signature', async () => `${(await sign()).slice(0, -4)}AAAA`, 'SIGNATURE'],
    ['a changed payload', async () => {
      const [h, , s] = (await sign()).split('.');
      const other = Buffer.from(JSON.stringify({ lid: 'lic-2', pur: 'IDENTITY_CHECK', aud: LICENCE_TOKEN_AUD, exp: Math.floor(NOW / 1000) + 60, jti: 'x' })).toString('base64url');
      return `${h}.${other}.${s}`;
    }, 'SIGNATURE'],
    ['another audience', () => sign({ aud: 'palm-api' }), 'AUDIENCE'],
    ['another type', () => sign({ typ: 'JWT' }), 'TYPE'],
    ['expired beyond the skew', () => sign({ exp: Math.floor(NOW / 1000) - 31 }), 'EXPIRED'],
    ['an unknown key', () => sign({ kid: 'k9' }), 'KEY_UNKNOWN'],
    ['alg none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: LICENCE_TOKEN_TYP, kid: 'k1' })).toString('base64url');
      const body = (await sign()).split('.')[1];
      return `${header}.${body}.AAAA`;
    }, 'ALGORITHM'],
    ['not a token', async () => 'hello', 'FORM'],
  ];
  it.each(cases)('refuses %s', async (_case, make, code) => {
    await expect(verifyOffline(await make(), saved, NOW)).resolves.toEqual({ isValid: false, code, words: OFFLINE_REFUSAL_WORDS[code] });
  });

  it('needs keys fetched once', async () => {
    await expect(verifyOffline(await sign(), null, NOW)).resolves.toMatchObject({ isValid: false, code: 'NO_KEYS' });
    expect(parseSavedKeys('')).toBeNull();
    expect(parseSavedKeys('{oops')).toBeNull();
    expect(parseSavedKeys(JSON.stringify(saved))).toEqual(saved);
  });
});
