// 亮证 verification on real PostgreSQL and Redis (DESIGN.md §4, §6). A verifier that knows nothing
// of the BFF's code — only `jose` and the JWK Set fetched from /.well-known/jwks.json — checks a
// good token and refuses the bad ones; the online check (POST /api/licence-verifications) refuses
// each case with its own code and never a 500: tampered, expired past the skew, wrong aud, wrong
// typ, alg none, unknown kid, replayed, licence revoked or expired, a caller who is not a clerk.
// Selective disclosure is checked for every seeded purpose; a double scan on two app instances at
// once succeeds exactly once. Tokens for the refusal cases are forged here with the development
// key read from the database (test infrastructure: the sealed private JWK opened with the PII key).
import { createLocalJWKSet, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JSONWebKeySet } from 'jose';
import { disclosableFields, type LicenceTypeKey } from '@palm/shared';
import { DEMO_LICENCES, DEMO_PHONES, DEMO_USERS, LICENCE_PURPOSES, OFFICE_IDS, USER_IDS, ALL_DEMO_USERS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { json, licenceOf, present, signIn, verify, type Person } from './helpers';

const AUD = 'licence-verify';
const TYP = 'licence-qr+jwt';

interface Presented {
  token: string;
  fields: { key: string }[];
}
interface Verified {
  purpose: { code: string };
  fields: { key: string; label: string; value: string }[];
  holder: { nameMasked: string; idNumberMasked: string | null };
  licence: { type: string; status: string };
  presentedOnBehalf: boolean;
}

describe('亮证 verification', () => {
  let t: TestApp;
  let second: TestApp;
  let citizen: Person;
  let clerk: Person;
  let jwks: JSONWebKeySet;
  const now = () => t.resources.clock.now();
  const env = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LICENCE_PRESENTATIONS_PER_MINUTE: '10000' };

  beforeAll(async () => {
    t = await build({ redis: true, env });
    // A second instance on the same database and Redis (no reset: it sees the first one's data).
    second = await build({ redis: true, reset: false, env });
    citizen = await signIn(t, DEMO_PHONES.citizen);
    clerk = await signIn(t, DEMO_PHONES.clerk);
    // The first presentation makes the development key; the JWKS is read after it.
    json(await present(t, citizen, licenceOf('citizen', 'RESIDENT_ID')), 201);
    jwks = json<JSONWebKeySet>(await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }), 200);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await closeTestDatabase();
  });

  /** An independent verifier: jose and the published JWK Set only. */
  const offline = (token: string, at = now()) => jwtVerify(token, createLocalJWKSet(jwks), { audience: AUD, typ: TYP, algorithms: ['ES256', 'EdDSA'], clockTolerance: 30, currentDate: at });

  /** The development signing key as stored (sealed with the PII key). */
  const signingKey = async () => {
    const row = await t.app.prisma.licenceSigningKey.findFirstOrThrow({ where: { retiredAt: null } });
    return { kid: row.kid, key: await importJWK(JSON.parse(t.resources.pii.decrypt(row.privateJwkEnc)) as JWK, row.alg) };
  };
  /** A token as the BFF would sign it, with `change` applied to header and claims. */
  const forge = async (base: string, change: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: { kid: string; key: CryptoKey | Uint8Array } } = {}) => {
    const claims = JSON.parse(Buffer.from(base.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { kid, key } = change.key ?? (await signingKey());
    return new SignJWT({ ...claims, ...change.claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: TYP, ...change.header } as { alg: string })
      .sign(key);
  };
  const fresh = async (licence = licenceOf('citizen', 'RESIDENT_ID'), purpose?: string) => json<Presented>(await present(t, citizen, licence, purpose), 201).token;

  it('publishes the current key as a JWK Set: public members only', () => {
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key!.d).toBeUndefined();
  });

  it('a good token verifies offline with jose and the JWKS alone, then online with only its purpose’s fields', async () => {
    const token = await fresh();
    const { payload, protectedHeader } = await offline(token);
    expect(protectedHeader).toMatchObject({ typ: TYP, alg: 'ES256', kid: jwks.keys[0]!.kid });
    expect(payload).toMatchObject({ aud: AUD, pur: 'IDENTITY_CHECK' });
    const body = json<Verified>(await verify(t, clerk, token), 200);
    const id = DEMO_USERS.citizen.idNumber;
    expect(body).toMatchObject({
      purpose: { code: 'IDENTITY_CHECK' },
      holder: { nameMasked: '陈**', idNumberMasked: `${id.slice(0, 4)}**********${id.slice(14)}` },
      licence: { type: 'RESIDENT_ID', status: 'VALID' },
      presentedOnBehalf: false,
    });
    expect(body.fields).toEqual([
      { key: 'name', label: '姓名', value: '陈思远' },
      { key: 'numberMasked', label: '证照号码（部分隐藏）', value: `${id.slice(0, 4)}**********${id.slice(14)}` },
      { key: 'validUntil', label: '有效期至', value: '2036-05-20' },
      { key: 'status', label: '证照状态', value: '有效' },
    ]);
    expect(JSON.stringify(body)).not.toContain(id);
  });

  it('records the use for the holder (hall and window, fields) and tells her at once', async () => {
    const licence = licenceOf('citizen', 'DRIVING_LICENCE');
    const token = await fresh(licence, 'DRIVING_CHECK');
    json(await verify(t, clerk, token), 200);
    const { items } = json<{ items: { verifiedAt: string | null; office: { id: string; name: string } | null; counter: { number: number } | null; fields: { key: string }[]; purpose: { code: string } }[] }>(
      await t.as(citizen.token, { method: 'GET', url: `/api/licences/${licence}/uses` }),
      200,
    );
    expect(items[0]).toMatchObject({ purpose: { code: 'DRIVING_CHECK' }, office: { id: OFFICE_IDS.countyCenter }, counter: { number: 1 } });
    expect(items[0]!.verifiedAt).not.toBeNull();
    expect(items[0]!.fields.map((f) => f.key)).toEqual(['name', 'vehicleClass', 'validUntil', 'status']);
    const messages = json<{ items: { kind: string; title: string; body: string }[] }>(await t.as(citizen.token, { method: 'GET', url: '/api/messages' }), 200);
    expect(messages.items[0]).toMatchObject({ kind: 'LICENCE_VERIFIED', title: '电子证照已被核验' });
    expect(messages.items[0]!.body).toContain('机动车驾驶证');
    expect(messages.items[0]!.body).toContain('驾驶资格核验');
  });

  describe('refusals: each its own code, none a 500, each audited', () => {
    const refused = async (token: string, by: Person = clerk) => {
      const before = await t.app.prisma.auditLog.count({ where: { action: 'licence.verify', result: 'FAIL' } });
      const res = await verify(t, by, token);
      expect(res.statusCode).toBeLessThan(500);
      const after = await t.app.prisma.auditLog.count({ where: { action: 'licence.verify', result: 'FAIL' } });
      return { status: res.statusCode, code: errorCodeOf(res), audited: after - before };
    };

    it('tampered (claims changed, signature kept)', async () => {
      const [h, , s] = (await fresh()).split('.');
      const claims = JSON.parse(Buffer.from((await fresh()).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, pur: 'BUSINESS_CHECK' })).toString('base64url')}.${s}`;
      await expect(offline(tampered)).rejects.toThrow();
      expect(await refused(tampered)).toEqual({ status: 422, code: 'LICENCE_TOKEN_INVALID', audited: 1 });
    });

    it('expired past the 30 s skew (but one 20 s past its exp still verifies)', async () => {
      const base = await fresh();
      const iat = Math.floor(now().getTime() / 1000);
      const late = await forge(base, { claims: { iat: iat - 91, exp: iat - 31 } });
      await expect(offline(late)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
      expect(await refused(late)).toEqual({ status: 422, code: 'LICENCE_TOKEN_EXPIRED', audited: 1 });
      const withinSkew = await forge(base, { claims: { iat: iat - 80, exp: iat - 20 } });
      await expect(offline(withinSkew)).resolves.toBeDefined();
      expect((await verify(t, clerk, withinSkew)).statusCode).toBe(200);
    });

    it('wrong audience', async () => {
      const token = await forge(await fresh(), { claims: { aud: 'palm-app' } });
      await expect(offline(token)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
      expect(await refused(token)).toEqual({ status: 422, code: 'LICENCE_TOKEN_AUDIENCE', audited: 1 });
    });

    it('wrong typ', async () => {
      const token = await forge(await fresh(), { header: { typ: 'JWT' } });
      await expect(offline(token)).rejects.toMatchObject({ claim: 'typ' });
      expect(await refused(token)).toEqual({ status: 422, code: 'LICENCE_TOKEN_TYPE', audited: 1 });
    });

    it('alg none', async () => {
      const [, payload] = (await fresh()).split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: TYP, kid: jwks.keys[0]!.kid })).toString('base64url');
      const token = `${header}.${payload}.`;
      await expect(offline(token)).rejects.toThrow();
      expect(await refused(token)).toEqual({ status: 422, code: 'LICENCE_TOKEN_ALGORITHM', audited: 1 });
      // HS256 with the public key as the secret (the classic confusion) is refused the same way.
      const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: TYP, kid: jwks.keys[0]!.kid }).sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
      expect(await refused(hs)).toEqual({ status: 422, code: 'LICENCE_TOKEN_ALGORITHM', audited: 1 });
    });

    it('unknown kid (a key that is not published)', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const token = await forge(await fresh(), { key: { kid: 'not-a-published-key', key: privateKey } });
      await expect(offline(token)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
      expect(await refused(token)).toEqual({ status: 422, code: 'LICENCE_TOKEN_KEY_UNKNOWN', audited: 1 });
      // A published kid with a foreign key's signature is a tampered token.
      const posing = await forge(await fresh(), { key: { kid: jwks.keys[0]!.kid!, key: privateKey } });
      expect(await refused(posing)).toEqual({ status: 422, code: 'LICENCE_TOKEN_INVALID', audited: 1 });
    });

    it('replayed: the second scan of one token', async () => {
      const token = await fresh();
      expect((await verify(t, clerk, token)).statusCode).toBe(200);
      expect(await refused(token)).toEqual({ status: 409, code: 'LICENCE_TOKEN_USED', audited: 1 });
      const row = await t.app.prisma.licencePresentation.findFirstOrThrow({ where: { subjectId: citizen.id }, orderBy: { createdAt: 'desc' } });
      const entries = await t.app.prisma.auditLog.findMany({ where: { action: 'licence.verify', resourceId: row.id }, orderBy: { id: 'asc' } });
      expect(entries.map((e) => [e.result, e.reason, e.actorId, e.subjectId])).toEqual([
        ['OK', 'verified', clerk.id, citizen.id],
        ['FAIL', 'LICENCE_TOKEN_USED', clerk.id, citizen.id],
      ]);
    });

    it('licence revoked, or past its last day, after the token was made', async () => {
      const licence = licenceOf('citizen', 'SOCIAL_SECURITY_CARD');
      const token = await fresh(licence);
      await t.app.prisma.licence.update({ where: { id: licence }, data: { status: 'REVOKED' } });
      try {
        expect(await refused(token)).toEqual({ status: 422, code: 'LICENCE_REVOKED', audited: 1 });
      } finally {
        await t.app.prisma.licence.update({ where: { id: licence }, data: { status: 'VALID' } });
      }
      const other = await fresh(licence);
      await t.app.prisma.licence.update({ where: { id: licence }, data: { validUntil: new Date('2026-11-01T00:00:00Z') } });
      try {
        expect(await refused(other)).toEqual({ status: 422, code: 'LICENCE_EXPIRED', audited: 1 });
      } finally {
        await t.app.prisma.licence.update({ where: { id: licence }, data: { validUntil: new Date('2029-03-01T00:00:00Z') } });
      }
      // Neither refusal used the token up: the licence valid again, it verifies.
      expect((await verify(t, clerk, other)).statusCode).toBe(200);
    });

    it('not a clerk: a citizen, a supervisor, anonymous', async () => {
      const token = await fresh();
      expect(errorCodeOf(await verify(t, citizen, token))).toBe('FORBIDDEN');
      expect((await verify(t, citizen, token)).statusCode).toBe(403);
      const supervisor = await signIn(t, DEMO_PHONES.supervisor);
      expect((await verify(t, supervisor, token)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/api/licence-verifications', payload: { token } })).statusCode).toBe(401);
      // Still good for a clerk afterwards.
      expect((await verify(t, clerk, token)).statusCode).toBe(200);
    });

    it('garbage of every shape is a 4xx in the error shape', async () => {
      for (const token of ['x', 'a.b', 'a.b.c', '....', `${'a'.repeat(100)}.${'b'.repeat(100)}.c`, 'eyJhbGciOiJFUzI1NiJ9.e30.', '%%%.%%%.%%%']) {
        const res = await verify(t, clerk, token);
        expect([res.statusCode, errorCodeOf(res)]).toEqual([422, expect.stringMatching(/^LICENCE_TOKEN_/)]);
      }
      expect(errorCodeOf(await t.as(clerk.token, { method: 'POST', url: '/api/licence-verifications', payload: {} }))).toBe('VALIDATION_FAILED');
      expect(errorCodeOf(await t.as(clerk.token, { method: 'POST', url: '/api/licence-verifications' }))).toBe('VALIDATION_FAILED');
    });
  });

  it('discloses, for every seeded purpose, exactly its fields and never a full number', async () => {
    const holders = new Map<string, Person>();
    const holderToken = async (userKey: string) => {
      const person = ALL_DEMO_USERS.find((p) => p.key === userKey)!;
      if (!holders.has(userKey)) holders.set(userKey, await signIn(t, person.phone!));
      return holders.get(userKey)!;
    };
    let checked = 0;
    for (const purpose of LICENCE_PURPOSES) {
      for (const type of purpose.licenceTypes) {
        const seeded = DEMO_LICENCES.find((l) => l.type === type && l.status === 'VALID' && ALL_DEMO_USERS.find((p) => p.key === l.holderKey)?.phone);
        let licenceId: string;
        let holder: Person;
        let number: string;
        if (seeded) {
          licenceId = seeded.id;
          holder = await holderToken(seeded.holderKey);
          number = seeded.number;
        } else {
          // No demo person holds one: a licence of this type for 陈思远, every field filled.
          number = `TEST-${type}-0000123456`;
          const fields = Object.fromEntries(disclosableFields(type as LicenceTypeKey).map((k) => [k, k === 'birthDate' ? '1991-05-12' : `值-${k}`]));
          const existing = await t.app.prisma.licence.findFirst({ where: { holderId: USER_IDS.citizen, type } });
          licenceId =
            existing?.id ??
            (await t.app.prisma.licence.create({
              data: { holderId: USER_IDS.citizen, type, ...t.resources.pii.protectLicenceNumber(number), issuer: '测试发证机关', validFrom: new Date('2020-01-01'), status: 'VALID', fields, lastSyncedAt: now() },
            })).id;
          holder = citizen;
        }
        const expected = purpose.fields.filter((k) => disclosableFields(type as LicenceTypeKey).includes(k));
        const shown = json<Presented>(await present(t, holder, licenceId, purpose.code), 201);
        expect([purpose.code, type, shown.fields.map((f) => f.key)]).toEqual([purpose.code, type, expected]);
        const body = json<Verified>(await verify(t, clerk, shown.token), 200);
        expect([purpose.code, type, body.fields.map((f) => f.key)]).toEqual([purpose.code, type, expected]);
        expect(body.fields.every((f) => f.value.length > 0)).toBe(true);
        const text = JSON.stringify(body);
        const idNumbers = ALL_DEMO_USERS.map((p) => p.idNumber);
        expect(idNumbers.filter((id) => text.includes(id))).toEqual([]);
        if (!body.fields.some((f) => f.key === 'creditCode')) expect(text).not.toContain(number);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(LICENCE_PURPOSES.length);
  }, 120_000);

  it('two instances scanning one token at once: exactly one success, the other LICENCE_TOKEN_USED', async () => {
    const clerkOnSecond = await signIn(second, DEMO_PHONES.clerk);
    for (let round = 0; round < 5; round += 1) {
      const token = await fresh();
      const answers = await Promise.all([verify(t, clerk, token), verify(second, clerkOnSecond, token), verify(t, clerk, token), verify(second, clerkOnSecond, token)]);
      const outcomes = answers.map((r) => (r.statusCode === 200 ? 'OK' : errorCodeOf(r))).sort();
      expect(outcomes).toEqual(['LICENCE_TOKEN_USED', 'LICENCE_TOKEN_USED', 'LICENCE_TOKEN_USED', 'OK']);
    }
  });

  it('a rotated key stays published as the previous one: old tokens still verify, new ones use the new kid', async () => {
    const before = await fresh();
    await t.app.licenceKeys.rotate();
    const after = await fresh();
    const published = json<JSONWebKeySet>(await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }), 200);
    expect(published.keys).toHaveLength(2);
    const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string }).kid;
    expect(published.keys.map((k) => k.kid)).toEqual([kidOf(after), kidOf(before)]);
    // The other instance learns the new key on its first unknown kid.
    const clerkOnSecond = await signIn(second, DEMO_PHONES.clerk);
    expect((await verify(second, clerkOnSecond, after)).statusCode).toBe(200);
    expect((await verify(t, clerk, before)).statusCode).toBe(200);
    for (const token of [before, after]) await expect(jwtVerify(token, createLocalJWKSet(published), { audience: AUD, typ: TYP, currentDate: now() })).resolves.toBeDefined();
  });
  it('signs with the live key after another instance rotated it (twice): its tokens verify on every instance and offline', async () => {
    const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string }).kid;
    await fresh(); // this instance has its key ring loaded
    await second.app.licenceKeys.rotate();
    await second.app.licenceKeys.rotate();
    const live = await t.app.prisma.licenceSigningKey.findFirstOrThrow({ where: { retiredAt: null } });
    const token = await fresh();
    expect(kidOf(token)).toBe(live.kid);
    const published = json<JSONWebKeySet>(await second.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }), 200);
    await expect(jwtVerify(token, createLocalJWKSet(published), { audience: AUD, typ: TYP, currentDate: now() })).resolves.toBeDefined();
    const clerkOnSecond = await signIn(second, DEMO_PHONES.clerk);
    expect((await verify(second, clerkOnSecond, token)).statusCode).toBe(200);
  });
});
