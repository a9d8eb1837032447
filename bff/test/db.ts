// Test database isolation (TOOLCHAIN.md, "test isolation"): globalSetup migrates one template
// database per run; each Jest worker clones it once into its own database, and tests empty the
// tables between cases with one TRUNCATE. Redis gets one logical database per worker.
//
// Several Jest runs may share one PostgreSQL server (engineers testing side by side on one
// machine), so every name carries the run id that globalSetup puts in PALM_TEST_RUN:
// palm_test_template_<run>, palm_test_w<worker>_<run>. Without it two runs dropped and re-cloned
// each other's databases mid-test. globalSetup also drops the databases of runs that have ended.
import pg from 'pg';
import { quoteIdent } from '@palm/db';
import type { PrismaClient } from '@palm/db/client';

const DEFAULT_BASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';
/** Matches every per-run test database (tests may add a suffix to the worker part, e.g.
 *  palm_test_w1race_<run>): [1] kind, [2] run id. */
export const TEST_DB_PATTERN = /^palm_test_(template|w\d+[a-z]*)_([a-z0-9]+)$/;

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

/** This run's id, set by globalSetup before any worker starts (workers inherit the variable). */
export function testRunId(): string {
  const run = process.env.PALM_TEST_RUN;
  if (!run) throw new Error('PALM_TEST_RUN is not set: run the bff tests through jest (bff/test/global-setup.ts sets it)');
  return run;
}

export function templateDatabaseName(run = testRunId()): string {
  return `palm_test_template_${run}`;
}

export function workerId(): number {
  const id = Number(process.env.JEST_WORKER_ID ?? '1');
  return Number.isInteger(id) && id > 0 ? id : 1;
}

export function workerDatabaseName(run = testRunId()): string {
  return `palm_test_w${workerId()}_${run}`;
}

/** Redis logical database for this worker: 1..15 (0 is left to development). */
export function testRedisDb(): number {
  return ((workerId() - 1) % 15) + 1;
}

/**
 * This worker's Redis URL. Runs side by side on one machine would flush each other's logical
 * databases, so PALM_TEST_REDIS_URL (a server of the run's own, e.g. redis://127.0.0.1:6390) may
 * move the whole run to another Redis server; the worker's logical database is appended.
 */
export function testRedisUrl(): string {
  const base = process.env.PALM_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  return `${base.replace(/\/\d*$/, '')}/${testRedisDb()}`;
}

/** Drops other sessions on `database` (CREATE DATABASE … TEMPLATE refuses while any exist). */
export async function terminateConnections(admin: pg.Client, database: string): Promise<void> {
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
}

let ensured: Promise<string> | undefined;

/**
 * URL of this worker's own database, cloned from the run's template on first use. Jest gives each
 * test file a fresh module registry, so "already cloned" cannot live in a module variable across
 * the files of one worker; the catalogue can: the clone exists or not.
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
  const template = templateDatabaseName();
  const admin = new pg.Client({ connectionString: baseTestUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[template, name]]);
    if (!rows.some((r) => r.datname === name)) {
      if (!rows.some((r) => r.datname === template)) throw new Error(`test template database ${template} is missing (bff/test/global-setup.ts creates it)`);
      await cloneTemplate(admin, template, name);
    }
  } finally {
    await admin.end();
  }
  return urlForDatabase(name);
}

async function cloneTemplate(admin: pg.Client, template: string, name: string): Promise<void> {
  // Other workers' clones do not block ours, but a stray session on the template (a psql, a
  // crashed helper) does: terminate it and retry a few times.
  for (let attempt = 1; ; attempt++) {
    await terminateConnections(admin, template);
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
      // A test database is thrown away after the run: its commits need not wait for the WAL to
      // reach the disk (≈ 4 ms a commit on the CI machine, 0.2 ms without). Visibility, locks and
      // constraints are unchanged; only a server crash could lose the last commits.
      await admin.query(`ALTER DATABASE ${quoteIdent(name)} SET synchronous_commit = off`);
      return;
    } catch (err) {
      // 55006 object_in_use: "source database is being accessed by other users".
      if ((err as { code?: string }).code !== '55006' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

type RawClient = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;
const resetStatements = new WeakMap<object, string>();

/**
 * TRUNCATE as a maintenance session does it: "AuditLog" refuses UPDATE, DELETE and TRUNCATE by a
 * trigger (append-only), and triggers do not fire while session_replication_role is 'replica' —
 * which only a superuser (the test server's postgres) may set, here for this one statement.
 */
export async function truncateTables(prisma: RawClient, list: string, options = ''): Promise<void> {
  const truncate = `TRUNCATE TABLE ${list} ${options}`.trim().replaceAll("'", "''");
  await prisma.$executeRawUnsafe(`DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); EXECUTE '${truncate}'; END $$`);
}

const emptyStatements = new Map<string, string>();

/**
 * Empties `tables` and every table that references them, however indirectly — what TRUNCATE …
 * CASCADE empties — by DELETE, for a suite's per-test reset (see truncateAll for why DELETE).
 */
export async function emptyTables(prisma: RawClient, tables: string[]): Promise<void> {
  const key = tables.join(',');
  let statement = emptyStatements.get(key);
  if (statement === undefined) {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `WITH RECURSIVE closure(rel) AS (
         SELECT c.oid FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])
         UNION
         SELECT f.conrelid FROM pg_constraint f JOIN closure ON f.confrelid = closure.rel WHERE f.contype = 'f'
       )
       SELECT quote_ident(c.relname) AS name FROM closure JOIN pg_class c ON c.oid = closure.rel ORDER BY c.relname`,
      tables,
    );
    if (rows.length < tables.length) throw new Error(`emptyTables: unknown table among ${key}`);
    const body = [`PERFORM set_config('session_replication_role', 'replica', true);`, ...rows.map((t) => `DELETE FROM ${t.name};`)];
    statement = `DO $$ BEGIN ${body.join(' ')} END $$`;
    emptyStatements.set(key, statement);
  }
  await prisma.$executeRawUnsafe(statement);
}

/**
 * Empties every application table (not `_prisma_migrations`) in one statement, and restarts the
 * sequences so ids are predictable. Works on PostgreSQL and PGlite.
 *
 * DELETE, not TRUNCATE: every test build starts with this, and TRUNCATE of ~50 tables gives each
 * table and index a new file — about a second on the CI machine — where deleting the few hundred
 * seeded rows takes 10–30 ms. With session_replication_role 'replica' neither the foreign keys
 * (they are triggers) nor the audit log's append-only trigger fire, so the order does not matter.
 */
export async function truncateAll(prisma: RawClient): Promise<void> {
  let statement = resetStatements.get(prisma);
  if (statement === undefined) {
    const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    );
    const sequences = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT quote_ident(sequence_schema) || '.' || quote_ident(sequence_name) AS name FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY sequence_name`,
    );
    const body = [
      `PERFORM set_config('session_replication_role', 'replica', true);`,
      ...tables.map((t) => `DELETE FROM ${t.name};`),
      ...sequences.map((q) => `PERFORM setval('${q.name.replaceAll("'", "''")}', 1, false);`),
    ];
    statement = `DO $$ BEGIN ${body.join(' ')} END $$`;
    resetStatements.set(prisma, statement);
  }
  await prisma.$executeRawUnsafe(statement);
}
