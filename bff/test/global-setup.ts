// Jest globalSetup for the bff project: (re)creates the template database and migrates it once per
// run; workers clone it (bff/test/db.ts). Runs in Jest's parent process before any worker exists.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, pgExecutor, quoteIdent } from '../src/lib/migrations';
import { baseTestUrl, TEMPLATE_DB, terminateConnections, urlForDatabase } from './db';

export default async function globalSetup(): Promise<void> {
  const started = performance.now();
  const admin = new pg.Client({ connectionString: baseTestUrl() });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`bff tests need PostgreSQL at ${baseTestUrl()} (set PALM_TEST_PG_URL): ${(err as Error).message}`, { cause: err });
  }
  try {
    await terminateConnections(admin, TEMPLATE_DB);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(TEMPLATE_DB)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DB)}`);

    const template = new pg.Client({ connectionString: urlForDatabase(TEMPLATE_DB) });
    await template.connect();
    try {
      await applyMigrations(pgExecutor(template));
    } finally {
      // No session may stay on a template, or CREATE DATABASE … TEMPLATE fails.
      await template.end();
    }
    // The run stamp tells workers whether their clone is from this run (see getTestDatabaseUrl).
    await admin.query(`COMMENT ON DATABASE ${quoteIdent(TEMPLATE_DB)} IS ${pg.escapeLiteral(`${new Date().toISOString()} ${randomUUID()}`)}`);
  } finally {
    await admin.end();
  }
  if (process.env.PALM_TEST_TIMINGS) console.log(`\n[palm] template database migrated in ${(performance.now() - started).toFixed(0)} ms`);
}
