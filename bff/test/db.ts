// Test database isolation (TOOLCHAIN.md, "test isolation"): globalSetup migrates one template
// database per run; each Jest worker clones it once into its own database, and tests empty the
// tables between cases with one TRUNCATE. Redis gets one logical database per worker.
import pg from 'pg';
import { quoteIdent } from '../src/lib/migrations';
import type { PrismaClient } from '../src/generated/prisma/client';

export const TEMPLATE_DB = 'palm_test_template';
const DEFAULT_BASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/** Server URL used to administer test databases (any existing database on the server). */
export function baseTestUrl(): string {
  return process.env.PALM_TEST_PG_URL || DEFAULT_BASE_URL;
}

/** The base URL pointing at another database on the same server. */
export function urlForDatabase(database: string, base = baseTestUrl()): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  url.search = '';
  return url.toString();
}

export function workerId(): number {
  const id = Number(process.env.JEST_WORKER_ID ?? '1');
  return Number.isInteger(id) && id > 0 ? id : 1;
}

export function workerDatabaseName(): string {
  return `palm_test_w${workerId()}`;
}

/** Redis logical database for this worker: 1..15 (0 is left to development). */
export function testRedisDb(): number {
  return ((workerId() - 1) % 15) + 1;
}

/** Drops other sessions on `database` (CREATE DATABASE … TEMPLATE refuses while any exist). */
export async function terminateConnections(admin: pg.Client, database: string): Promise<void> {
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
}

let ensured: Promise<string> | undefined;

/**
 * URL of this worker's own database, a clone of the template made by globalSetup. Jest gives each
 * test file a fresh module registry, so a module variable cannot remember "already cloned" across
 * files of one worker; the database remembers instead: globalSetup stamps the template with a run
 * id (COMMENT ON DATABASE) and each clone carries the stamp it was made from. A clone whose stamp
 * matches is this run's and is reused; anything else (a previous run) is dropped and re-cloned.
 */
export function getTestDatabaseUrl(): Promise<string> {
  ensured ??= ensureWorkerDatabase().catch((err: unknown) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

async function ensureWorkerDatabase(): Promise<string> {
  const name = workerDatabaseName();
  const admin = new pg.Client({ connectionString: baseTestUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string; stamp: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS stamp FROM pg_database WHERE datname = ANY($1)`,
      [[TEMPLATE_DB, name]],
    );
    const template = rows.find((r) => r.datname === TEMPLATE_DB);
    if (!template?.stamp) {
      throw new Error(`test template database ${TEMPLATE_DB} is missing: run the tests through jest (bff/test/global-setup.ts creates it)`);
    }
    const clone = rows.find((r) => r.datname === name);
    if (clone?.stamp !== template.stamp) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      await cloneTemplate(admin, name);
      await admin.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${pg.escapeLiteral(template.stamp)}`);
    }
  } finally {
    await admin.end();
  }
  return urlForDatabase(name);
}

async function cloneTemplate(admin: pg.Client, name: string): Promise<void> {
  // Another worker's clone does not block ours, but a stray session on the template (a psql, a
  // crashed run) does: terminate and retry a few times.
  for (let attempt = 1; ; attempt++) {
    await terminateConnections(admin, TEMPLATE_DB);
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(TEMPLATE_DB)}`);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 55006 object_in_use: "source database is being accessed by other users".
      if (code !== '55006' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

type RawClient = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;
const tableLists = new WeakMap<object, string>();

/** Empties every application table (not `_prisma_migrations`) in one statement; identities
 *  restart so ids are predictable. Works on PostgreSQL and PGlite. */
export async function truncateAll(prisma: RawClient): Promise<void> {
  let list = tableLists.get(prisma);
  if (list === undefined) {
    const rows = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    );
    list = rows.map((r) => quoteIdent(r.tablename)).join(', ');
    tableLists.set(prisma, list);
  }
  if (list) await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}
