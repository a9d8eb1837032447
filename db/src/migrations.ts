// Applies the checked-in Prisma migrations (prisma/migrations/<name>/migration.sql) without the
// Prisma CLI or its schema engine, so that the embedded PGlite path and the test set-up need
// neither a native binary nor the WebAssembly engine at run time (TOOLCHAIN.md, "Back end").
//
// It reproduces what the schema engine's `applyMigrations` (the command behind
// `prisma migrate deploy`) does on PostgreSQL, step for step, so a database migrated here can be
// handed to the real `prisma migrate deploy` / `migrate status` unchanged:
//   - same session advisory lock key (72707369), so this applier and a real `prisma migrate
//     deploy` exclude each other as well as two BFF instances starting together;
//   - same `_prisma_migrations` table and columns, one row per migration: a random UUID id,
//     checksum = sha256 hex of the migration.sql bytes, started_at = now() at insert,
//     applied_steps_count + 1 and finished_at = now() on success, `logs` = the error on failure;
//   - same ordering (directory names, localeCompare) and "pending" rule (a name without a row
//     that is not rolled back);
//   - same refusal to go on when a migration is recorded as failed (Prisma's P3009);
//   - each script is sent as one simple-protocol query, which PostgreSQL runs as one implicit
//     transaction, exactly like the engine does; a failed script therefore leaves no half-applied
//     schema behind, only the failed row.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The least a SQL connection must offer: node-postgres `Client`/`PoolClient` (through
 *  `pgExecutor`) and PGlite both fit. It must be ONE session: the advisory lock is held by it. */
export interface SqlExecutor {
  /** One statement, `$1`-style parameters. */
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** A script of several statements, no parameters (simple query protocol). */
  exec(multiStatementSql: string): Promise<unknown>;
}

/** Minimal view of a node-postgres client; kept structural so this module does not import `pg`. */
interface PgLikeClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Wraps a node-postgres `Client` or checked-out `PoolClient` (not a `Pool`: a pool may run the
 *  lock and the unlock on different sessions). */
export function pgExecutor(client: PgLikeClient): SqlExecutor {
  return {
    query: (sql, params) => client.query(sql, params),
    // Without values, pg uses the simple query protocol, which accepts several statements.
    exec: (sql) => client.query(sql),
  };
}

export interface MigrationFile {
  /** Directory name, e.g. `20261123093000_init`. */
  name: string;
  sql: string;
  /** sha256 hex of the script, as Prisma stores it. */
  checksum: string;
}

export interface ApplyMigrationsOptions {
  /** How long to wait for another process holding the migration lock (default 60 s; Prisma's
   *  own CLI gives up after 10 s, which is short for a slow migration running elsewhere). */
  lockTimeoutMs?: number;
  /** Progress and warnings (edited migrations); silent by default. */
  log?: (message: string) => void;
}

/** Prisma's advisory lock key on PostgreSQL (schema engine, `postgres` connector). */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const MIGRATIONS_TABLE = '_prisma_migrations';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Double-quotes a PostgreSQL identifier (schema, database, table name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Finds `prisma/migrations` by walking up from this file, so the same code works from source
 *  (db/src) and from a build (bff/dist/db/src). PALM_MIGRATIONS_DIR overrides it. */
export function defaultMigrationsDir(): string {
  const fromEnv = process.env.PALM_MIGRATIONS_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(join(candidate, 'migration_lock.toml'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new MigrationError(`prisma/migrations not found above ${__dirname}; set PALM_MIGRATIONS_DIR`);
    dir = parent;
  }
}

/** Reads the migrations folder the way the Prisma CLI does: every sub-directory holds a
 *  `migration.sql`, sorted by name; `migration_lock.toml` must name the postgresql provider. */
export function readMigrations(migrationsDir: string = defaultMigrationsDir()): MigrationFile[] {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  if (existsSync(lockPath)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(readFileSync(lockPath, 'utf8'))?.[1];
    if (provider !== 'postgresql') {
      throw new MigrationError(`${lockPath} names provider "${provider ?? '?'}", expected "postgresql"`);
    }
  }
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql`);
      const sql = readFileSync(file, 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

/**
 * Applies every pending migration and returns the names applied (empty when up to date).
 * Idempotent; concurrent callers on the same database serialise on the advisory lock, and the
 * second one finds nothing left to do.
 */
export async function applyMigrations(
  exec: SqlExecutor,
  migrationsDir?: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  // Read (and validate) the files before touching the database.
  const files = readMigrations(migrationsDir ?? defaultMigrationsDir());

  await acquireLock(exec, options.lockTimeoutMs ?? 60_000);
  try {
    // Same DDL as the schema engine, created in the session's current schema (search_path),
    // which is where Prisma looks for it when the URL carries `?schema=`.
    await exec.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`);
    const { rows } = await exec.query(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at FROM "${MIGRATIONS_TABLE}" ORDER BY started_at ASC`,
    );
    const recorded = rows as MigrationRow[];

    const failed = recorded.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      const names = failed.map((r) => r.migration_name).join(', ');
      throw new MigrationError(
        `failed migrations in the target database: ${names}. Fix the database, then mark them with ` +
          '`prisma migrate resolve --rolled-back <name>` (or --applied) before deploying again (Prisma P3009)',
      );
    }

    const live = recorded.filter((r) => r.rolled_back_at === null);
    for (const file of files) {
      const row = live.find((r) => r.migration_name === file.name);
      if (row && row.checksum !== file.checksum) log(`warning: migration ${file.name} was edited after it was applied`);
    }
    const pending = files.filter((file) => !live.some((r) => r.migration_name === file.name));

    const applied: string[] = [];
    for (const file of pending) {
      const id = randomUUID();
      await exec.query(
        `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, started_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 0)`,
        [id, file.checksum, file.name],
      );
      try {
        await exec.exec(file.sql);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // A script with its own BEGIN leaves the session in an aborted transaction; end it so
        // the failure can be recorded (outside a transaction ROLLBACK only warns).
        await exec.exec('ROLLBACK').catch(() => undefined);
        await exec.query(`UPDATE "${MIGRATIONS_TABLE}" SET logs = $1 WHERE id = $2`, [message, id]);
        throw new MigrationError(`migration ${file.name} failed: ${message}`, { cause: err });
      }
      await exec.query(`UPDATE "${MIGRATIONS_TABLE}" SET applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [id]);
      await exec.query(`UPDATE "${MIGRATIONS_TABLE}" SET finished_at = now() WHERE id = $1`, [id]);
      applied.push(file.name);
      log(`applied migration ${file.name}`);
    }
    return applied;
  } finally {
    await exec.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
  }
}

/** Polls `pg_try_advisory_lock` instead of blocking in `pg_advisory_lock`, so a stuck holder
 *  produces a clear error after the timeout instead of a hang, without changing session
 *  settings such as lock_timeout. */
async function acquireLock(exec: SqlExecutor, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    const { rows } = await exec.query('SELECT pg_try_advisory_lock($1) AS locked', [PRISMA_ADVISORY_LOCK_KEY]);
    if ((rows[0] as { locked?: boolean } | undefined)?.locked === true) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(`timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock ${PRISMA_ADVISORY_LOCK_KEY})`);
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}
