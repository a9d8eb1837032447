// The BFF's clock on every reply (x-server-time, epoch ms), so the app shows the server's time and
// never the device's; H5 on another origin may read it. The test BFF's clock is pinned at
// PALM_CLOCK (setup-env.ts) and runs forward from there.
import { OFFICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

const PINNED = Date.parse('2026-11-23T09:30:00+08:00');
const H5_ORIGIN = 'http://127.0.0.1:10086';
const serverTime = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-server-time']);

describe('x-server-time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('is the pinned clock in epoch milliseconds on a successful reply', async () => {
    const before = t.app.resources.clock.now().getTime();
    const res = await t.app.inject({ url: `/api/offices/${OFFICE_IDS.countyCenter}` });
    const after = t.app.resources.clock.now().getTime();
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-server-time']).toMatch(/^\d{13}$/);
    expect(serverTime(res)).toBeGreaterThanOrEqual(before);
    expect(serverTime(res)).toBeLessThanOrEqual(after);
    // Pinned, not the machine's time: within the minutes a test run takes of PALM_CLOCK.
    expect(serverTime(res) - PINNED).toBeGreaterThanOrEqual(0);
    expect(serverTime(res) - PINNED).toBeLessThan(30 * 60_000);
  });

  it('is on errors too: a 401, a 404 and a 400', async () => {
    for (const url of ['/api/me', '/api/no-such-route', '/api/offices/not-an-id']) {
      const res = await t.app.inject({ url });
      expect([url, res.statusCode >= 400, Number.isFinite(serverTime(res))]).toEqual([url, true, true]);
    }
  });

  it('is exposed to the H5 origin by CORS, so a browser on another origin may read it', async () => {
    const res = await t.app.inject({ url: '/api/services', headers: { origin: H5_ORIGIN } });
    expect(res.headers['access-control-allow-origin']).toBe(H5_ORIGIN);
    const exposed = String(res.headers['access-control-expose-headers']).split(',').map((h) => h.trim().toLowerCase());
    expect(exposed).toContain('x-server-time');
  });
});
