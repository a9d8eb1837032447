import Redis from 'ioredis';
import { openDatabase } from '@palm/db';
import { build, closeTestDatabase, errorCodeOf } from '../helper';

describe('graceful shutdown', () => {
  afterAll(closeTestDatabase);

  it('finishes a request that is in flight when the server closes', async () => {
    let release: () => void = () => undefined;
    const t = await build({
      reset: false,
      configure: (app) => {
        app.get('/slow', async () => {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return { done: true };
        });
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const pending = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 100));
    const closing = t.app.close();
    release();
    await expect(pending).resolves.toEqual({ done: true });
    await closing;
  });
});

describe('readiness when dependencies fail', () => {
  afterAll(closeTestDatabase);

  it('reports 503 when the database is unreachable and API calls fail with a clean 503', async () => {
    const deadDb = await openDatabase({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/nowhere', migrate: false });
    const t = await build({ reset: false, db: deadDb });
    try {
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error.details).toEqual({ database: 'down', redis: 'disabled', calendar: 'down', warnings: [] });
      const res = await t.app.inject({ url: '/api/services?q=社保' });
      expect(res.statusCode).toBe(503);
      expect(errorCodeOf(res)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await t.close();
      await deadDb.close();
    }
  });

  it('checks Redis when it is configured', async () => {
    const t = await build({ reset: false, redis: true });
    try {
      expect((await t.app.inject({ url: '/readyz' })).json().checks).toEqual({ database: 'ok', redis: 'ok', calendar: 'gap' });
    } finally {
      await t.close();
    }
  });

  it('reports Redis down as 503 but keeps serving from PostgreSQL', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const t = await build({ reset: false, resources: { redis: deadRedis } });
    try {
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error.details.redis).toBe('down');
      const res = await t.app.inject({ url: '/api/services?q=社保' });
      expect(res.statusCode).toBe(200);
    } finally {
      await t.close();
      deadRedis.disconnect();
    }
  });
});
