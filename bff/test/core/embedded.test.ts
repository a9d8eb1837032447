// The embedded default (DESIGN.md §2): no DATABASE_URL, no REDIS_URL. PGlite runs the same
// migrations; seeds load; the public and signed-in API work.
import { openDatabase, type Database } from '../../src/lib/db';
import { build, type TestApp } from '../helper';

describe('embedded default (PGlite, no Redis)', () => {
  let db: Database;
  let t: TestApp;
  beforeAll(async () => {
    db = await openDatabase({ migrate: true });
    expect(db.kind).toBe('pglite');
    t = await build({ db, env: { DATABASE_URL: '' } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('serves readiness, the catalogue, offices and a signed-in profile', async () => {
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'disabled' } });
    const services = await t.app.inject({ url: `/api/services?q=${encodeURIComponent('社保')}` });
    expect(services.statusCode).toBe(200);
    expect(services.json().items.length).toBeGreaterThan(0);
    const offices = await t.app.inject({ url: '/api/offices?lat=28.0&lng=116.0' });
    expect(offices.json().items.length).toBeGreaterThanOrEqual(13);
    const { accessToken } = await t.login({ phone: '13800000001' });
    const me = await t.as(accessToken, { url: '/api/me' });
    expect(me.json().phoneMasked).toBe('138****0001');
  });
});
