// `Cache-Control: no-store` on every response that carries tokens or personal data, walked over the
// app's own route table: every /api response but a public catalogue or board read asked without
// credentials, and every error anywhere.
import type { LightMyRequestResponse } from 'fastify';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { PUBLIC_READS } from '../../src/plugins/app/no-store';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { routeTable } from './route-table';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
/** A path with its parameters filled: the hall for an office route, the service for a service route. */
const fill = (url: string) => url.replace(/^\/api\/services\/:id/, `/api/services/${SERVICE}`).replace(/:id/g, OFFICE);
// A service the hall takes bookings for, so its slot day answers 200.
const QUERIES: Record<string, string> = { '/api/offices/:id/queue/preview': `?serviceId=${SERVICE}`, '/api/offices/:id/slots': `?serviceId=${SERVICE_IDS.marriageRegistration}` };
const noStore = (res: LightMyRequestResponse) => res.headers['cache-control'] === 'no-store';

describe('Cache-Control: no-store', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    token = (await t.login({ phone: '13800000001' })).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const apiRoutes = () => routeTable(t.app).filter((r) => r.url.startsWith('/api'));

  it('is on every /api response to a signed-in person, whatever the route and outcome', async () => {
    // Logout last: it may end the session the other requests use.
    const routes = apiRoutes().sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    expect(routes.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const { method, url } of routes) {
      const res = await t.as(token, { method: method as 'GET', url: fill(url) + (QUERIES[url] ?? ''), ...(method === 'GET' ? {} : { payload: {} }) });
      if (!noStore(res)) missing.push(`${method} ${url} → ${res.statusCode}`);
    }
    expect(missing).toEqual([]);
    // A walk over every route, one request after another: up to a minute on a loaded 2-core machine.
  }, 60_000);

  it('is on tokens and personal data asked without a token: sign-in replies, refusals', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone: '13800000001' } });
    expect([login.statusCode, noStore(login)]).toEqual([200, true]);
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: login.json().refreshToken } });
    expect([refreshed.statusCode, noStore(refreshed)]).toEqual([200, true]);
    for (const url of ['/api/me', '/api/tickets', '/api/appointments', '/api/messages', '/api/appointments/waitlist']) {
      const res = await t.app.inject({ url });
      expect([url, res.statusCode, noStore(res)]).toEqual([url, 401, true]);
    }
  });

  it('is on every error, inside the API or not', async () => {
    const replies = [
      await t.app.inject({ url: '/no-such-page' }),
      await t.app.inject({ url: '/api/no-such-route' }),
      await t.app.inject({ url: '/api/offices/not-an-id' }),
      await t.app.inject({ url: '/api/offices/%E0%A4%A' }), // refused before routing
      await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', headers: { 'content-type': 'application/json' }, payload: '{"phone":' }),
    ];
    expect(replies.map((r) => [r.statusCode, noStore(r)])).toEqual([
      [404, true],
      [404, true],
      [400, true],
      [400, true],
      [400, true],
    ]);
  });

  it('leaves the public catalogue and hall boards cacheable when asked without credentials, and only those', async () => {
    const gets = apiRoutes().filter((r) => r.method === 'GET');
    const cacheable: string[] = [];
    for (const { url } of gets) {
      const res = await t.app.inject({ url: fill(url) + (QUERIES[url] ?? '') });
      if (res.statusCode === 200 && !noStore(res)) cacheable.push(url.replace(/(.)\/$/, '$1'));
    }
    expect([...new Set(cacheable)].sort()).toEqual([...PUBLIC_READS].sort());
    // The same reads with a token may be personal (a signed-in preview finds one's own number).
    const preview = await t.as(token, { url: `/api/offices/${OFFICE}/queue/preview?serviceId=${SERVICE}` });
    expect([preview.statusCode, noStore(preview)]).toEqual([200, true]);
    const onBehalf = await t.app.inject({ url: '/api/services', headers: { 'x-on-behalf-of': OFFICE } });
    expect(noStore(onBehalf)).toBe(true);
  });

  it('is not added outside the API when nothing failed (health checks, the H5 app)', async () => {
    const health = await t.app.inject({ url: '/healthz' });
    expect([health.statusCode, health.headers['cache-control']]).toEqual([200, undefined]);
  });
});
