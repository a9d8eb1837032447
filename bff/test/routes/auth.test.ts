import { createHmac } from 'node:crypto';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function handMadeJwt(header: object, payload: object, secret: string) {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('identity: dev login, tokens, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  describe('GET /api/auth/methods', () => {
    it('offers the demo sign-in and SMS codes outside production, platforms only when configured', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/methods' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ wechat: false, alipay: false, sms: true, devLogin: true });
    });
  });

  describe('POST /api/auth/dev-login', () => {
    it('signs a demo citizen in by phone and returns only masked identifiers', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone: '13800000001' } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user.phoneMasked).toBe('138****0001');
      expect(body.user.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      expect(body.expiresIn).toBe(900);
      expect(res.body).not.toContain('13800000001');
      expect(res.body).not.toMatch(/\d{17}[\dX]/);
    });

    it('creates a new citizen for an unknown phone, once', async () => {
      const first = (await t.login({ phone: '13912345678' })).user.id;
      const second = (await t.login({ phone: '13912345678' })).user.id;
      expect(second).toBe(first);
      const user = await t.app.prisma.user.findUniqueOrThrow({ where: { id: first } });
      expect(user.roles).toEqual(['CITIZEN']);
      expect(user.phoneEnc).not.toContain('13912345678');
      expect(t.resources.pii.decrypt(user.phoneEnc!)).toBe('13912345678');
    });

    it('signs in by user id and refuses unknown ids and bad phones', async () => {
      const { user } = await t.login({ phone: '13800000002' });
      expect((await t.login({ userId: user.id })).user.id).toBe(user.id);
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userId: '00000000-0000-4000-8000-000000000000' } });
      expect(unknown.statusCode).toBe(404);
      const badPhone = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone: '12345' } });
      expect(badPhone.statusCode).toBe(422);
      expect(errorCodeOf(badPhone)).toBe('PHONE_INVALID');
      const both = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone: '13800000001', userId: user.id } });
      expect(both.statusCode).toBe(400);
    });
  });

  describe('access tokens', () => {
    it('are required and verified: alg pinned, iss/aud/typ checked, expiry honoured', async () => {
      const { accessToken, user } = await t.login({ phone: '13800000001' });
      expect((await t.as(accessToken, { url: '/api/me' })).statusCode).toBe(200);
      expect(errorCodeOf(await t.app.inject({ url: '/api/me' }))).toBe('UNAUTHENTICATED');
      expect((await t.as('not-a-token', { url: '/api/me' })).statusCode).toBe(401);

      const secret = t.config.PALM_JWT_SECRET;
      const now = Math.floor(Date.now() / 1000);
      const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string };
      const good = { sub: user.id, roles: ['CITIZEN'], sid, iss: t.config.JWT_ISSUER, aud: t.config.JWT_AUDIENCE, iat: now, exp: now + 600 };
      expect((await t.as(handMadeJwt({ alg: 'HS256', typ: 'at+jwt' }, good, secret), { url: '/api/me' })).statusCode).toBe(200);
      const none = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(good)}.`;
      expect((await t.as(none, { url: '/api/me' })).statusCode).toBe(401);
      expect((await t.as(handMadeJwt({ alg: 'HS256', typ: 'JWT' }, good, secret), { url: '/api/me' })).statusCode).toBe(401);
      expect((await t.as(handMadeJwt({ alg: 'HS256', typ: 'at+jwt' }, { ...good, aud: 'licence-verify' }, secret), { url: '/api/me' })).statusCode).toBe(401);
      expect((await t.as(handMadeJwt({ alg: 'HS256', typ: 'at+jwt' }, { ...good, iss: 'someone' }, secret), { url: '/api/me' })).statusCode).toBe(401);
      expect((await t.as(handMadeJwt({ alg: 'HS256', typ: 'at+jwt' }, good, 'another-secret-another-secret-12345'), { url: '/api/me' })).statusCode).toBe(401);
      const expired = await t.as(handMadeJwt({ alg: 'HS256', typ: 'at+jwt' }, { ...good, iat: now - 2000, exp: now - 1000 }, secret), { url: '/api/me' });
      expect(errorCodeOf(expired)).toBe('TOKEN_EXPIRED');
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('rotates the refresh token and issues a new pair', async () => {
      const first = await t.login({ phone: '13800000001' });
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
      expect(res.statusCode).toBe(200);
      const next = res.json();
      expect(next.refreshToken).not.toBe(first.refreshToken);
      expect((await t.as(next.accessToken, { url: '/api/me' })).statusCode).toBe(200);
    });

    it('revokes the whole family when a rotated token is reused', async () => {
      const first = await t.login({ phone: '13800000001' });
      const second = (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } })).json();
      const reuse = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
      expect(reuse.statusCode).toBe(401);
      expect(errorCodeOf(reuse)).toBe('REFRESH_TOKEN_INVALID');
      // The legitimate newest token dies with the family.
      const after = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: second.refreshToken } });
      expect(after.statusCode).toBe(401);
      const audit = await t.app.prisma.auditLog.findFirst({ where: { action: 'auth.refresh-reuse' } });
      expect(audit?.result).toBe('DENY');
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const first = await t.login({ phone: '13800000001' });
      const results = await Promise.all(
        [1, 2].map(() => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('refuses unknown tokens', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: 'x'.repeat(43) } });
      expect(errorCodeOf(res)).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('POST /api/auth/logout', () => {
    it('revokes the session so its refresh token no longer works', async () => {
      const session = await t.login({ phone: '13800000001' });
      const out = await t.as(session.accessToken, { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: session.refreshToken } });
      expect(out.statusCode).toBe(200);
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } });
      expect(res.statusCode).toBe(401);
    });

    it('without a token in the body ends every session of the caller', async () => {
      const a = await t.login({ phone: '13800000002' });
      const b = await t.login({ phone: '13800000002' });
      expect((await t.as(a.accessToken, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
      for (const s of [a, b]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } });
        expect(res.statusCode).toBe(401);
      }
    });
  });
});

describe('identity in production', () => {
  it('has no dev login', async () => {
    const t = await build({
      reset: false,
      env: {
        NODE_ENV: 'production',
        PALM_CLOCK: '',
        PALM_JWT_SECRET: 'p'.repeat(40),
        PALM_PII_KEY: 'q'.repeat(20),
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/unused',
      },
    });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone: '13800000001' } });
      expect(res.statusCode).toBe(404);
      // …and says so, so the apps hide the demo sign-in and the SMS form (no gateway configured here).
      const methods = await t.app.inject({ method: 'GET', url: '/api/auth/methods' });
      expect(methods.json()).toEqual({ wechat: false, alipay: false, sms: false, devLogin: false });
    } finally {
      await t.close();
      await closeTestDatabase();
    }
  });
});
