import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

describe('/api/me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('GET returns the profile with ID and phone masked', async () => {
    const { accessToken } = await t.login({ phone: '13800000001' });
    const res = await t.as(accessToken, { url: '/api/me' });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.phoneMasked).toBe('138****0001');
    expect(me.realNameVerified).toBe(true);
    expect(me.preferences).toEqual({ elderMode: false, fontScale: 1, locale: 'zh-CN' });
    expect(res.body).not.toMatch(/1380000000\d|\d{17}[\dX]/);
  });

  it('offers 长辈版 once to a person aged 60+', async () => {
    const { accessToken } = await t.login({ phone: '13800000002' });
    const before = (await t.as(accessToken, { url: '/api/me' })).json();
    expect(before.age).toBeGreaterThanOrEqual(70);
    expect(before.offerElderMode).toBe(true);
    const dismissed = await t.as(accessToken, { method: 'PATCH', url: '/api/me/preferences', payload: { elderModeOffered: true } });
    expect(dismissed.json().offerElderMode).toBe(false);
    expect(dismissed.json().preferences.elderMode).toBe(false);
    const younger = (await t.as((await t.login({ phone: '13800000001' })).accessToken, { url: '/api/me' })).json();
    expect(younger.offerElderMode).toBe(false);
  });

  it('PATCH /preferences stores elder mode server-side so it follows the person to another sign-in', async () => {
    const web = await t.login({ phone: '13800000001' });
    const res = await t.as(web.accessToken, { method: 'PATCH', url: '/api/me/preferences', payload: { elderMode: true, fontScale: 1.3 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().preferences).toEqual({ elderMode: true, fontScale: 1.3, locale: 'zh-CN' });
    const other = await t.login({ phone: '13800000001' });
    expect(other.user.preferences.elderMode).toBe(true);
  });

  it('POST /preferences does the same for mini-programs, whose request APIs have no PATCH', async () => {
    const mini = await t.login({ phone: '13800000003' });
    const res = await t.as(mini.accessToken, { method: 'POST', url: '/api/me/preferences', payload: { elderMode: true } });
    expect(res.statusCode).toBe(200);
    expect((await t.login({ phone: '13800000003' })).user.preferences.elderMode).toBe(true);
  });

  it('PATCH /preferences rejects empty, unknown and out-of-range input without changing anything', async () => {
    const { accessToken } = await t.login({ phone: '13800000006' });
    for (const payload of [{}, { elderMode: 'yes' }, { fontScale: 5 }, { locale: 'fr' }, { theme: 'dark' }]) {
      const res = await t.as(accessToken, { method: 'PATCH', url: '/api/me/preferences', payload });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res)).toBe('VALIDATION_FAILED');
    }
    expect((await t.as(accessToken, { url: '/api/me' })).json().preferences).toEqual({ elderMode: false, fontScale: 1, locale: 'zh-CN' });
  });

  describe('acting on behalf (X-On-Behalf-Of)', () => {
    it('is refused without a grant, and the refusal is audited', async () => {
      const grid = await t.login({ phone: '13800000003' });
      const elder = await t.login({ phone: '13800000002' });
      const res = await t.as(grid.accessToken, { url: '/api/me', headers: { 'x-on-behalf-of': elder.user.id } });
      expect(res.statusCode).toBe(403);
      expect(errorCodeOf(res)).toBe('ON_BEHALF_NOT_ALLOWED');
      const entry = await t.app.prisma.auditLog.findFirst({ where: { actorId: grid.user.id, subjectId: elder.user.id }, orderBy: { id: 'desc' } });
      expect(entry).toMatchObject({ action: 'profile.read', result: 'DENY', requestId: res.headers['x-request-id'] });
    });

    it('rejects a malformed header with 400', async () => {
      const grid = await t.login({ phone: '13800000003' });
      const res = await t.as(grid.accessToken, { url: '/api/me', headers: { 'x-on-behalf-of': "1' OR '1'='1" } });
      expect(res.statusCode).toBe(400);
    });

    it('naming oneself is not acting on behalf', async () => {
      const me = await t.login({ phone: '13800000001' });
      const res = await t.as(me.accessToken, { url: '/api/me', headers: { 'x-on-behalf-of': me.user.id } });
      expect(res.statusCode).toBe(200);
    });
  });
});
