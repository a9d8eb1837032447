// Test harness (fastify/demo's `build()`): a real app on the worker's own PostgreSQL database,
// seeded, optionally with Redis (its own logical database per worker), logs captured so tests can
// assert what was — and was not — written.
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import Redis from 'ioredis';
import type { Tokens } from '@palm/shared/server';
import { loadConfig, type Config } from '../src/config';
import { buildApp } from '../src/app';
import { openResources, type AppResources } from '../src/resources';
import { openDatabase, type Database } from '@palm/db';
import { seedAll } from '../../seeds';
import { getTestDatabaseUrl, testRedisUrl, truncateAll } from './db';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  resources: AppResources;
  /** Every log line written so far, raw JSON text. */
  logs: string[];
  /** Signs in through dev login; returns the token pair and the profile. */
  login(who: { phone: string } | { userId: string }): Promise<Tokens>;
  /** inject() with a bearer token. */
  as(token: string, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface BuildOptions {
  env?: Record<string, string>;
  /** Use the real Redis (default false: the embedded single-process mode). */
  redis?: boolean;
  /** Truncate and re-seed the worker database first (default true). */
  reset?: boolean;
  /** Reuse an open database instead of opening one (e.g. PGlite). */
  db?: Database;
  resources?: Partial<AppResources>;
  /** Adds test-only routes or hooks before the app is ready. */
  configure?: (app: FastifyInstance) => void;
}

let sharedDb: Database | undefined;

/** One database connection pool per test file (Jest module registry is per file). */
export async function testDatabase(): Promise<Database> {
  if (!sharedDb) sharedDb = await openDatabase({ databaseUrl: await getTestDatabaseUrl(), migrate: false, poolMax: 10 });
  return sharedDb;
}

export async function closeTestDatabase(): Promise<void> {
  await sharedDb?.close();
  sharedDb = undefined;
}

export async function build(options: BuildOptions = {}): Promise<TestApp> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const db = options.db ?? (await testDatabase());
  const redisUrl = testRedisUrl();
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'info',
    ...(options.redis ? { REDIS_URL: redisUrl } : { REDIS_URL: '' }),
    ...options.env,
  });
  let redis: Redis | null = null;
  if (options.redis) {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    await redis.flushdb();
  }
  const resources = await openResources(config, { db, redis, ...options.resources });
  if (options.reset !== false) {
    await truncateAll(db.prisma);
    await seedAll(db.prisma, resources.pii, { now: resources.clock.now() });
  }
  const app = await buildApp({ config, resources, logStream });
  options.configure?.(app);
  await app.ready();

  const as = (token: string, opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${token}` } });

  return {
    app,
    config,
    resources,
    logs,
    as,
    async login(who) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: who });
      if (res.statusCode !== 200) throw new Error(`dev login failed: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async close() {
      await app.close();
      redis?.disconnect();
    },
  };
}

/** Asserts the DESIGN.md §5 error shape and returns the code. */
export function errorCodeOf(res: LightMyRequestResponse): string {
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${res.body}`);
  }
  return body.error.code;
}

/**
 * An empty queue for the next test: no tickets, numbers, quotas, settings, service-time averages or
 * notifications (after the background near evaluations finish), and the given hall's windows open.
 */
export async function resetQueue(t: TestApp, openOfficeId?: string): Promise<void> {
  await t.app.notify.enqueuer.settled();
  await t.app.prisma.$executeRawUnsafe(
    'TRUNCATE "Ticket", "TicketEvent", "TicketSequence", "TicketQuota", "OfficeQueueSettings", "ServiceTimeStat", "Notification", "NotificationSubscription" CASCADE',
  );
  if (openOfficeId) await t.app.prisma.counter.updateMany({ where: { officeId: openOfficeId }, data: { state: 'OPEN' } });
}
