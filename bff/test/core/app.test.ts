import { helmetOptions } from '../../src/plugins/external/helmet';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

describe('BFF core', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('answers /healthz and /readyz (database up, Redis not configured)', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    // The pinned test clock (2026-11-23) is within 60 days of 2027, whose calendar is not loaded:
    // a warning, still ready (calendar-coverage.test.ts has the rule).
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'disabled', calendar: 'gap' }, warnings: [expect.stringContaining('2027-01-01')] });
  });

  it('echoes a safe x-request-id and replaces an unsafe one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-12345678' } });
    expect(kept.headers['x-request-id']).toBe('abc-12345678');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\r\nx: y' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown paths with the error shape and a 404', async () => {
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(errorCodeOf(res)).toBe('NOT_FOUND');
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('rate-limits the 404 handler more tightly than the API', async () => {
    let last = 0;
    for (let i = 0; i < 70; i += 1) last = (await t.app.inject({ url: `/no-such-${i}`, remoteAddress: '10.9.9.9' })).statusCode;
    expect(last).toBe(429);
    const res = await t.app.inject({ url: '/no-such-x', remoteAddress: '10.9.9.9' });
    expect(errorCodeOf(res)).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('rejects malformed JSON and unknown body fields with 400 and the error shape', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', headers: { 'content-type': 'application/json' }, payload: '{"phone":' });
    expect(bad.statusCode).toBe(400);
    expect(errorCodeOf(bad)).toBe('BAD_REQUEST');
    const extra = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { phone: '13800000001', admin: true } });
    expect(extra.statusCode).toBe(400);
    expect(errorCodeOf(extra)).toBe('VALIDATION_FAILED');
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/auth/dev-login', headers: { 'content-type': 'application/xml' }, payload: '<phone/>' });
    expect(wrongType.statusCode).toBe(415);
    expect(errorCodeOf(wrongType)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('sets security headers and CORS for the H5 origin only', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { origin: 'http://localhost:10086' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    // Photos held in memory (chosen, or fetched with a token) are blob: URLs; scripts never are.
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data: blob:");
    expect(res.headers['content-security-policy']).toContain("connect-src 'self' blob:");
    // Plain http outside production (a phone on the LAN opens the H5 app): no upgrade to https.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(helmetOptions(true).contentSecurityPolicy).toMatchObject({ directives: { upgradeInsecureRequests: [] } });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    const other = await t.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('publishes OpenAPI generated from the route schemas', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/dev-login', '/api/me/', '/api/services/', '/api/offices/{id}']));
  });

  it('hides the cause of a server fault and logs it with the request id', async () => {
    const t2 = await build({
      reset: false,
      configure: (app) => {
        app.get('/boom', async () => {
          throw new Error('relation "secret_table" does not exist');
        });
      },
    });
    try {
      const res = await t2.app.inject({ url: '/boom', headers: { 'x-request-id': 'req-boom-0001' } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
      expect(res.body).not.toMatch(/secret_table/);
      const logged = t2.logs.find((l) => l.includes('secret_table'));
      expect(logged).toMatch(/req-boom-0001/);
    } finally {
      await t2.close();
    }
  });
});

describe('global per-IP ceiling', () => {
  it('counts requests with missing or bad tokens too', async () => {
    const t = await build({ reset: false, env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push((await t.app.inject({ url: '/api/me', headers: { authorization: 'Bearer junk' }, remoteAddress: '10.3.3.3' })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Another client is unaffected.
      expect((await t.app.inject({ url: '/api/me', remoteAddress: '10.3.3.4' })).statusCode).toBe(401);
    } finally {
      await t.close();
      await closeTestDatabase();
    }
  });
});

describe('the H5 app at /', () => {
  afterAll(closeTestDatabase);

  it('serves the built app with no-cache HTML and long-cached assets', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'palm-h5-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>掌上办</title>');
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'js', 'app.1a2b3c.js'), 'console.log(1)');
    const t = await build({ reset: false, env: { PALM_H5_DIR: dir } });
    try {
      const index = await t.app.inject({ url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('掌上办');
      expect(index.headers['cache-control']).toBe('no-cache');
      const asset = await t.app.inject({ url: '/js/app.1a2b3c.js' });
      expect(asset.headers['cache-control']).toContain('immutable');
      const missing = await t.app.inject({ url: '/js/nope.js' });
      expect(missing.statusCode).toBe(404);
      expect(errorCodeOf(missing)).toBe('NOT_FOUND');
      expect((await t.app.inject({ url: '/api/nope' })).json().error.code).toBe('NOT_FOUND');
    } finally {
      await t.close();
    }
  });

  it('says how to build it when it is not built', async () => {
    const t = await build({ reset: false, env: { PALM_H5_DIR: '/nonexistent/palm-h5' } });
    try {
      expect((await t.app.inject({ url: '/' })).json().h5).toMatch(/build:h5/);
    } finally {
      await t.close();
    }
  });
});
