// Sign-in through the real HTTP clients against local stubs speaking WeChat's, Alipay's and
// Aliyun SMS's protocols (DESIGN.md §2).
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { startAllStubs, type AllStubs } from '../stubs';

describe('platform sign-in', () => {
  let stubs: AllStubs;
  let t: TestApp;
  beforeAll(async () => {
    stubs = await startAllStubs();
    t = await build({ env: stubs.env });
  });
  afterAll(async () => {
    await t.close();
    await stubs.close();
    await closeTestDatabase();
  });

  it('GET /api/auth/methods lists WeChat, Alipay and SMS once their gateways are configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toMatchObject({ wechat: true, alipay: true, sms: true });
  });

  describe('POST /api/auth/wechat', () => {
    it('creates a citizen on first sign-in and finds the same person afterwards', async () => {
      stubs.wechat.registerCode('code-a1', { openid: 'o-wx-1', unionid: 'u-1' });
      stubs.wechat.registerCode('code-a2', { openid: 'o-wx-1', unionid: 'u-1' });
      const first = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'code-a1' } });
      expect(first.statusCode).toBe(200);
      const second = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'code-a2' } });
      expect(second.json().user.id).toBe(first.json().user.id);
      expect(first.body).not.toMatch(/session_key|o-wx-1/);
    });

    it('links a second mini-program of the same person by unionId', async () => {
      stubs.wechat.registerCode('code-b1', { openid: 'o-wx-2', unionid: 'u-2' });
      stubs.wechat.registerCode('code-b2', { openid: 'o-wx-2-other-app', unionid: 'u-2' });
      const a = (await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'code-b1' } })).json();
      const b = (await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'code-b2' } })).json();
      expect(b.user.id).toBe(a.user.id);
    });

    it('answers 401 for a code WeChat rejects, 429 when WeChat rate-limits and 503 when it is down', async () => {
      const bad = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'never-issued' } });
      expect(bad.statusCode).toBe(401);
      expect(errorCodeOf(bad)).toBe('PLATFORM_LOGIN_FAILED');
      stubs.wechat.failNext('jscode2session', { errcode: 45011, errmsg: 'api minute-quota reach limit' });
      const limited = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'whatever' } });
      expect(limited.statusCode).toBe(429);
      stubs.wechat.failNext('jscode2session', { errcode: -1, errmsg: 'system error' });
      const busy = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'whatever' } });
      expect(busy.statusCode).toBe(503);
      expect(errorCodeOf(busy)).toBe('UPSTREAM_UNAVAILABLE');
      stubs.wechat.failNext('jscode2session', 'close-socket');
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'whatever' } })).statusCode).toBe(503);
    });
  });

  describe('POST /api/auth/alipay', () => {
    it('signs in with a verified, signed answer', async () => {
      stubs.alipay.registerCode('auth-1', { openId: '074a-open-id' });
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/alipay', payload: { authCode: 'auth-1' } });
      expect(res.statusCode).toBe(200);
      const again = (stubs.alipay.registerCode('auth-2', { openId: '074a-open-id' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/alipay', payload: { authCode: 'auth-2' } }));
      expect(again.json().user.id).toBe(res.json().user.id);
    });

    it('refuses an invalid code (401) and a tampered answer (503, never a sign-in)', async () => {
      const bad = await t.app.inject({ method: 'POST', url: '/api/auth/alipay', payload: { authCode: 'unknown' } });
      expect(errorCodeOf(bad)).toBe('PLATFORM_LOGIN_FAILED');
      stubs.alipay.registerCode('auth-3', { openId: 'victim' });
      stubs.alipay.failNext('tamper-response');
      const tampered = await t.app.inject({ method: 'POST', url: '/api/auth/alipay', payload: { authCode: 'auth-3' } });
      expect(tampered.statusCode).toBe(503);
    });
  });

  describe('SMS one-time code', () => {
    it('sends a code through the gateway and signs in with it, once', async () => {
      const sent = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13600000001' } });
      expect(sent.statusCode).toBe(200);
      expect(sent.json().devCode).toBeUndefined();
      const code = stubs.sms.lastCodeFor('13600000001')!;
      expect(code).toMatch(/^\d{6}$/);
      const ok = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone: '13600000001', code } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.phoneMasked).toBe('136****0001');
      const replay = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone: '13600000001', code } });
      expect(errorCodeOf(replay)).toBe('OTP_INVALID');
    });

    it('allows one code a minute per phone', async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13600000002' } })).statusCode).toBe(200);
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13600000002' } });
      expect(again.statusCode).toBe(429);
      expect(again.headers['retry-after']).toBeDefined();
    });

    it('locks a code after 5 wrong guesses', async () => {
      await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13600000003' }, remoteAddress: '10.0.0.3' });
      const code = stubs.sms.lastCodeFor('13600000003')!;
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i += 1) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone: '13600000003', code: wrong }, remoteAddress: '10.0.0.3' });
        expect(errorCodeOf(res)).toBe('OTP_INVALID');
      }
      const right = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone: '13600000003', code }, remoteAddress: '10.0.0.4' });
      expect(errorCodeOf(right)).toBe('OTP_INVALID');
    });

    it('does not count a code the gateway failed to deliver', async () => {
      stubs.sms.failNext({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: 'limit' });
      const failed = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13600000004' }, remoteAddress: '10.0.0.5' });
      expect(failed.statusCode).toBe(429);
      const retry = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13600000004' }, remoteAddress: '10.0.0.5' });
      expect(retry.statusCode).toBe(200);
    });

    it('rejects a malformed phone or code', async () => {
      const phone = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '23600000001' }, remoteAddress: '10.0.0.6' });
      expect(errorCodeOf(phone)).toBe('PHONE_INVALID');
      const code = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone: '13600000001', code: '12ab' }, remoteAddress: '10.0.0.6' });
      expect(errorCodeOf(code)).toBe('VALIDATION_FAILED');
    });
  });

  it('rate-limits sign-in attempts per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: `x${i}` }, remoteAddress: '10.7.7.7' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('platform sign-in without credentials configured', () => {
  it('answers 503 rather than failing at start', async () => {
    const t = await build({ reset: false });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'c' } });
      expect(res.statusCode).toBe(503);
      expect(errorCodeOf(res)).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await t.close();
      await closeTestDatabase();
    }
  });
});
