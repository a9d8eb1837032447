// 亮证 keys from configuration (production's way, bff/src/licences/keys.ts): the current private JWK
// signs, the previous public JWK is published beside it, nothing private is published, and a bad
// key stops the start with the variable's name. Without configuration in production there is no
// 亮证 (503) and an empty JWK Set — never a key made up on one instance.
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { DEMO_PHONES, USER_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { json, licenceOf, present, signIn } from './helpers';

const jwkOf = async (alg: 'ES256' | 'EdDSA', kid: string): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { ...(await exportJWK(privateKey)), kid, alg };
};

describe('亮证 keys from configuration', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  afterAll(() => closeTestDatabase());

  it('signs with LICENCE_SIGNING_KEY (EdDSA here) and publishes it with the previous key, public members only', async () => {
    const current = await jwkOf('EdDSA', '2026-12');
    const previous = await jwkOf('ES256', '2026-06');
    t = await build({ env: { LICENCE_SIGNING_KEY: JSON.stringify(current), LICENCE_SIGNING_KEY_PREVIOUS: JSON.stringify(previous) } });
    const jwks = json<{ keys: JWK[] }>(await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }), 200);
    expect(jwks.keys.map((k) => [k.kid, k.alg, k.use])).toEqual([
      ['2026-12', 'EdDSA', 'sig'],
      ['2026-06', 'ES256', 'sig'],
    ]);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const citizen = await signIn(t, DEMO_PHONES.citizen);
    const { token } = json<{ token: string }>(await present(t, citizen, licenceOf('citizen', 'RESIDENT_ID')), 201);
    const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks as { keys: JWK[] }), { audience: 'licence-verify', typ: 'licence-qr+jwt', currentDate: t.resources.clock.now() });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: '2026-12' });
    const clerk = await signIn(t, DEMO_PHONES.clerk);
    expect((await t.as(clerk.token, { method: 'POST', url: '/api/licence-verifications', payload: { token } })).statusCode).toBe(200);
    // Nothing was kept in the database.
    expect(await t.app.prisma.licenceSigningKey.count()).toBe(0);
  });

  it('refuses to start with a key that is not a usable JWK', async () => {
    await expect(build({ env: { LICENCE_SIGNING_KEY: 'not json' } })).rejects.toThrow('LICENCE_SIGNING_KEY');
    const rsa = { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'x' };
    await expect(build({ env: { LICENCE_SIGNING_KEY: JSON.stringify(rsa) } })).rejects.toThrow(/ES256|EdDSA/);
    const { d: _private, ...publicOnly } = await jwkOf('ES256', 'pub');
    void _private;
    await expect(build({ env: { LICENCE_SIGNING_KEY: JSON.stringify(publicOnly) } })).rejects.toThrow('private JWK');
  });

  it('in production without a key: 503 for 亮证, an empty JWK Set', async () => {
    t = await build({ env: { NODE_ENV: 'production', PALM_JWT_SECRET: 'p'.repeat(40), PALM_PII_KEY: 'palm-test-pii-key-not-a-secret', DATABASE_URL: 'postgresql://unused@127.0.0.1/unused', PALM_CLOCK: '' } });
    expect(json<{ keys: unknown[] }>(await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }), 200).keys).toEqual([]);
    const id = licenceOf('citizen', 'RESIDENT_ID');
    // No dev login in production: the holder's session is made by the token service directly.
    const { accessToken } = await t.app.tokens.issue(await t.app.prisma.user.findUniqueOrThrow({ where: { id: USER_IDS.citizen } }));
    const res = await t.as(accessToken, { method: 'POST', url: `/api/licences/${id}/presentations` });
    expect([res.statusCode, errorCodeOf(res)]).toEqual([503, 'LICENCE_SIGNING_UNAVAILABLE']);
  });
});
