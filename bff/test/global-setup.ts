// Jest globalSetup for the bff project. Runs in Jest's parent process before any worker exists:
//  1. picks a run id (PALM_TEST_RUN, inherited by the workers) and opens an "owner" session named
//     after it, which lives exactly as long as this process;
//  2. drops the test databases of runs whose owner session is gone (finished, crashed, killed);
//  3. creates palm_test_template_<run> and migrates it once; workers clone it (bff/test/db.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, pgExecutor, quoteIdent } from '@palm/db';
import { baseTestUrl, templateDatabaseName, TEST_DB_PATTERN, urlForDatabase } from './db';

const OWNER_PREFIX = 'palm-test-run:';
const state = globalThis as { palmTestOwner?: pg.Client };

export default async function globalSetup(): Promise<void> {
  const started = performance.now();
  // Watch mode calls globalSetup again in the same process: the previous run is over.
  await state.palmTestOwner?.end().catch(() => undefined);

  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.PALM_TEST_RUN = run;

  const owner = new pg.Client({ connectionString: baseTestUrl(), application_name: `${OWNER_PREFIX}${run}` });
  try {
    await owner.connect();
  } catch (err) {
    throw new Error(`bff tests need PostgreSQL at ${baseTestUrl()} (set PALM_TEST_PG_URL): ${(err as Error).message}`, { cause: err });
  }
  owner.on('error', () => undefined); // it only has to exist; never crash Jest on its errors
  state.palmTestOwner = owner;

  await dropFinishedRuns(owner, run);

  const template = templateDatabaseName(run);
  await owner.query(`CREATE DATABASE ${quoteIdent(template)}`);
  const client = new pg.Client({ connectionString: urlForDatabase(template) });
  await client.connect();
  try {
    await applyMigrations(pgExecutor(client));
  } finally {
    // No session may stay on a template, or CREATE DATABASE … TEMPLATE fails.
    await client.end();
  }
  // The owner stays open (and keeps Jest's parent process alive) until globalTeardown ends it.
  // An unref'd owner let Node exit silently, with status 0 and no tests run, whenever Jest's parent
  // idled between two projects' globalSetups.
  if (process.env.PALM_TEST_TIMINGS) console.log(`\n[palm] template database ${template} created and migrated in ${(performance.now() - started).toFixed(0)} ms`);
}

async function dropFinishedRuns(admin: pg.Client, currentRun: string): Promise<void> {
  const { rows: dbs } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'palm\\_test\\_%'`);
  const { rows: owners } = await admin.query<{ name: string }>(
    `SELECT application_name AS name FROM pg_stat_activity WHERE application_name LIKE $1`,
    [`${OWNER_PREFIX}%`],
  );
  const live = new Set(owners.map((o) => o.name.slice(OWNER_PREFIX.length)));
  live.add(currentRun);
  for (const { datname } of dbs) {
    const run = TEST_DB_PATTERN.exec(datname)?.[2];
    if (run && !live.has(run)) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).catch(() => undefined);
    } else if (/^palm_test_(template|w\d+)$/.test(datname)) {
      // Names from before run ids: drop only when nobody is using them (no FORCE).
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`).catch(() => undefined);
    }
  }
}
