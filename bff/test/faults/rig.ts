// The fault tests' world: a disposable PostgreSQL cluster and Redis server in a temp dir, the
// database migrated and seeded with the project's own functions, and two BFF instances (A and B)
// as child processes sharing both. stop() undoes all of it and is safe after a partial start.
import pg from 'pg';
import { OFFICE_IDS, seedAll } from '../../../seeds';
import { openDatabase, Pii, piiKeysFromSecret } from '@palm/db';
import { startInstance, type Instance } from './instances';
import type { Offering } from './load';
import { killAllNow } from './processes';
import { makeTempRoot, PostgresServer, RedisServer } from './servers';

const DATABASE = 'palm_faults';
/** Every offering gets this daily remote capacity: no take in these tests is refused as a full queue. */
const CAPACITY = 100_000;

export interface Rig {
  postgres: PostgresServer;
  redis: RedisServer;
  databaseUrl: string;
  a: Instance;
  b: Instance;
  /** Offerings of every hall but the live one (the county centre, watched by the board sockets). */
  offerings: Offering[];
  liveOfficeId: string;
  /** Starts the instance `name` again after it was killed. */
  restart(name: 'a' | 'b'): Promise<Instance>;
  stop(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const temp = makeTempRoot();
  const root = temp.path;
  let postgres: PostgresServer | undefined;
  let redis: RedisServer | undefined;
  const instances: Instance[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      // BFFs first (SIGTERM lets them close their pools), then the servers they use.
      await Promise.all(instances.map((i) => i.process.stop('SIGTERM', 5000)));
      await Promise.all([postgres?.stop(), redis?.kill()]);
      killAllNow();
      temp.remove();
    })());
  // Should afterAll never run (an interrupted run), the children die with this process
  // (processes.ts) and the temp dir goes after it (servers.ts).

  try {
    [postgres, redis] = await Promise.all([PostgresServer.create(root), RedisServer.create(root)]);
    await Promise.all([postgres.start(), redis.start()]);
    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    const databaseUrl = postgres.url(DATABASE);

    // Migrated and seeded as the server does it at start (@palm/db, seeds/), once, before the
    // instances start side by side.
    const db = await openDatabase({ databaseUrl, migrate: true, poolMax: 2 });
    let offerings: Offering[];
    try {
      await seedAll(db.prisma, new Pii(piiKeysFromSecret(process.env.PALM_PII_KEY!)), { demoUsers: true });
      await db.prisma.$executeRawUnsafe(`UPDATE "OfficeService" SET "dailyTicketCapacity" = ${CAPACITY}`);
      offerings = await db.prisma.$queryRawUnsafe<Offering[]>(
        `SELECT "officeId"::text, "serviceId"::text FROM "OfficeService" WHERE "officeId" <> $1::uuid ORDER BY "officeId", "serviceId"`,
        OFFICE_IDS.countyCenter,
      );
    } finally {
      await db.close();
    }

    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      PALM_MIGRATE_ON_START: 'false',
      PALM_SEED_ON_START: 'false',
      // Every client of these tests is 127.0.0.1: the per-address ceiling would throttle the load itself.
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'error',
    };
    const start = async (name: 'a' | 'b') => {
      const instance = await startInstance(name.toUpperCase(), env);
      instances.push(instance);
      return instance;
    };
    const [a, b] = await Promise.all([start('a'), start('b')]);
    return { postgres, redis, databaseUrl, a, b, offerings, liveOfficeId: OFFICE_IDS.countyCenter, restart: start, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
