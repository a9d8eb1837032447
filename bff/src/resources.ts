// Long-lived resources the app is built on: opened once by server.ts (or a test helper), handed
// to buildApp, closed after the app. Keeping them outside the Fastify instance lets tests share one
// database between app instances and lets two instances share one Redis in the cross-instance tests.
import Redis from 'ioredis';
import type { Config } from './config';
import { type Database, openDatabase, Pii, piiKeysFromSecret } from '@palm/db';
import { createClock, parsePalmClock, type Clock } from './lib/clock';
import { createIntegrations, type Integrations } from './integrations';

export interface AppResources {
  db: Database;
  /** null when REDIS_URL is unset (embedded default: single process, in-memory fan-out). */
  redis: Redis | null;
  clock: Clock;
  pii: Pii;
  integrations: Integrations;
}

export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    // Fail fast instead of queueing commands forever while Redis is down: rate limits and live
    // fan-out degrade, PostgreSQL keeps every fact (DESIGN.md §2).
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    lazyConnect: false,
  });
  // Each failed command is handled where it is sent (rate limits skip, fan-out stays local, /readyz
  // says down) and the live listener logs the outage; with no listener here ioredis would also
  // write every reconnect attempt to stderr, outside the structured log.
  redis.on('error', () => undefined);
  return redis;
}

export async function openResources(config: Config, overrides: Partial<AppResources> = {}): Promise<AppResources> {
  const db =
    overrides.db ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      pgliteDataDir: config.PALM_DATA_DIR,
      migrate: config.migrateOnStart,
      poolMax: config.DATABASE_POOL_MAX,
    }));
  const redis = overrides.redis !== undefined ? overrides.redis : config.REDIS_URL ? createRedis(config.REDIS_URL) : null;
  const clock = overrides.clock ?? createClock({ pinnedStart: parsePalmClock(config.PALM_CLOCK, config.NODE_ENV) });
  const pii = overrides.pii ?? new Pii(piiKeysFromSecret(config.PALM_PII_KEY));
  const integrations = overrides.integrations ?? createIntegrations(config);
  return { db, redis, clock, pii, integrations };
}

export async function closeResources(resources: AppResources): Promise<void> {
  if (resources.redis) resources.redis.disconnect();
  await resources.db.close();
}
