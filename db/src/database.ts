// Opens the system of record (DESIGN.md §2): real PostgreSQL through node-postgres + PrismaPg when
// a URL is given, otherwise embedded PGlite (PostgreSQL compiled to WebAssembly) running the same
// schema, generated client and migrations.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client';
import { applyMigrations, defaultMigrationsDir, pgExecutor, quoteIdent, readMigrations, type SqlExecutor } from './migrations';

export { quoteIdent };

export interface Database {
  prisma: PrismaClient;
  kind: 'postgresql' | 'pglite';
  /** Resolves when the database answers `SELECT 1`; rejects within ~1 s otherwise (/readyz). */
  ping(): Promise<void>;
  /** Disconnects Prisma and ends the pool (or closes PGlite). Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgresql://… ; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; undefined = in-memory. Ignored with a databaseUrl. */
  pgliteDataDir?: string;
  /** Apply pending migrations at open. PGlite always migrates (nothing else could); PostgreSQL
   *  only when asked (production runs `npm run db:migrate:deploy` as its own step). */
  migrate?: boolean;
  /** Pool size (PostgreSQL). Default: `connection_limit` from the URL, else 10. */
  poolMax?: number;
  /** Where the migrations live (default: prisma/migrations found above this file). */
  migrationsDir?: string;
  /** Directory for the cached pre-migrated PGlite image used by in-memory and new data-dir
   *  opens (default: the OS temp directory); `false` disables it. */
  pgliteCacheDir?: string | false;
}

export const PING_TIMEOUT_MS = 1000;

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export interface ParsedDatabaseUrl {
  /** The URL without Prisma-only parameters, for node-postgres. */
  connectionString: string;
  /** PostgreSQL schema from `?schema=` (Prisma's convention); undefined = the server default. */
  schema?: string;
  /** From `?connection_limit=`. */
  connectionLimit?: number;
  /** From `?connect_timeout=` (seconds in Prisma's URL), in milliseconds. */
  connectTimeoutMs?: number;
}

// Parameters that Prisma URLs carry but node-postgres would either ignore silently (schema:
// tables would land in `public`) or pass on to the server as unknown startup options.
const PRISMA_ONLY_PARAMS = ['schema', 'connection_limit', 'connect_timeout', 'pool_timeout', 'socket_timeout', 'pgbouncer', 'statement_cache_size'];

export function parseDatabaseUrl(databaseUrl: string): ParsedDatabaseUrl {
  const url = new URL(databaseUrl);
  const params = url.searchParams;
  const schema = params.get('schema') || undefined;
  const limit = Number(params.get('connection_limit'));
  const connectTimeout = Number(params.get('connect_timeout'));
  for (const name of PRISMA_ONLY_PARAMS) params.delete(name);
  return {
    connectionString: url.toString(),
    ...(schema ? { schema } : {}),
    ...(Number.isInteger(limit) && limit > 0 ? { connectionLimit: limit } : {}),
    ...(Number.isFinite(connectTimeout) && connectTimeout > 0 ? { connectTimeoutMs: connectTimeout * 1000 } : {}),
  };
}

/** node-postgres settings shared by the application pool and one-off clients (migrations, tests):
 *  the schema becomes the session's search_path, so raw SQL, migrations and `_prisma_migrations`
 *  resolve in it exactly as with the Prisma CLI. */
export function pgConfigFor(parsed: ParsedDatabaseUrl): pg.ClientConfig {
  return {
    connectionString: parsed.connectionString,
    // A hung TCP connect (host down, packets dropped) must not pin a pool slot for minutes.
    connectionTimeoutMillis: parsed.connectTimeoutMs ?? 5000,
    ...(parsed.schema ? { options: `-c search_path=${quoteIdent(parsed.schema)}` } : {}),
  };
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts);
}

async function openPostgres(databaseUrl: string, opts: OpenDatabaseOptions): Promise<Database> {
  const parsed = parseDatabaseUrl(databaseUrl);
  const config = pgConfigFor(parsed);

  if (opts.migrate) {
    const client = new pg.Client(config);
    await client.connect();
    try {
      // Prisma creates a missing `?schema=` schema on deploy; do the same before search_path
      // can point at it.
      if (parsed.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(parsed.schema)}`);
      await applyMigrations(pgExecutor(client), opts.migrationsDir);
    } finally {
      await client.end();
    }
  }

  // We own the pool (instead of handing PrismaPg a config) so that close() can end it and an
  // idle client's error (server restart) is absorbed here instead of crashing the process as an
  // unhandled 'error' event.
  const pool = new pg.Pool({ ...config, max: opts.poolMax ?? parsed.connectionLimit ?? 10 });
  pool.on('error', () => undefined);
  // `schema` makes the query compiler qualify table names; search_path (above) covers raw SQL.
  const adapter = new PrismaPg(pool, parsed.schema ? { schema: parsed.schema } : undefined);
  const prisma = new PrismaClient({ adapter });

  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind: 'postgresql',
    ping: () => pingWith(prisma),
    close: () =>
      (closed ??= (async () => {
        await prisma.$disconnect().catch(() => undefined);
        await pool.end();
      })()),
  };
}

async function openPglite(opts: OpenDatabaseOptions): Promise<Database> {
  const client = await newPglite(opts);
  try {
    await client.waitReady;
    // PGlite is the only session, so the advisory lock is a formality, but it is the same code
    // path as PostgreSQL and keeps `_prisma_migrations` identical. With a cached image this only
    // checks that nothing is pending.
    await applyMigrations(pgliteExecutor(client), opts.migrationsDir);
    // PGlite learns the array types (how to send an enum[] parameter such as Grant.scopes) when it
    // starts; types a migration has just created are unknown to it until it looks again, and a
    // query on them fails with "malformed array literal" — only on a cluster migrated in this
    // process, never on one loaded from the cached image.
    await client.refreshArrayTypes();
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });

  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind: 'pglite',
    ping: () => pingWith(prisma),
    close: () =>
      (closed ??= (async () => {
        await prisma.$disconnect().catch(() => undefined);
        if (!client.closed) await client.close();
      })()),
  };
}

/**
 * A fresh PGlite cluster spends ~3 s in initdb (plus the migrations) on our 2-core machines;
 * loading a dump of an already initialised and migrated cluster takes ~0.7 s. The first open
 * makes that dump and caches it on disk, so every later process (each Jest worker, each test file,
 * each `npm start` with no or a new data dir) starts from it. The cache key covers the PGlite build and
 * every migration's checksum, and applyMigrations still runs after loading, so a stale or foreign
 * image can at worst cost time, never give a wrong schema.
 */
async function newPglite(opts: OpenDatabaseOptions): Promise<PGlite> {
  const dataDir = opts.pgliteDataDir;
  const create = (image?: Blob) => (dataDir ? new PGlite(dataDir, image ? { loadDataDir: image } : {}) : new PGlite(image ? { loadDataDir: image } : {}));
  const cacheDir = opts.pgliteCacheDir === false ? undefined : (opts.pgliteCacheDir ?? join(tmpdir(), 'palm-pglite-cache'));
  // An existing data directory is opened as is; only a new one can start from the image.
  if (!cacheDir || (dataDir && existsSync(dataDir) && readdirSync(dataDir).length > 0)) return create();
  const key = pgliteImageKey(opts.migrationsDir ?? defaultMigrationsDir());
  const file = join(cacheDir, `${key}.tar`);
  if (existsSync(file)) {
    try {
      const client = create(new Blob([readFileSync(file)]));
      await client.waitReady;
      return client;
    } catch {
      // Truncated or incompatible image: forget it and build a new one below.
      rmSync(file, { force: true });
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const client = create();
  await client.waitReady;
  await applyMigrations(pgliteExecutor(client), opts.migrationsDir);
  try {
    const image = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    mkdirSync(cacheDir, { recursive: true });
    // Several processes may build it at once: write aside, then rename (atomic on one file system).
    const partial = `${file}.${process.pid}.${Date.now()}.partial`;
    writeFileSync(partial, image);
    renameSync(partial, file);
    for (const old of readdirSync(cacheDir)) {
      if (old.endsWith('.tar') && old !== `${key}.tar`) rmSync(join(cacheDir, old), { force: true });
    }
  } catch {
    // The cache is only an optimisation (read-only or full temp directory): carry on without it.
  }
  return client;
}

function pgliteImageKey(migrationsDir: string): string {
  const pglitePackage = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = (JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version;
  const migrations = readMigrations(migrationsDir).map((m) => `${m.name}:${m.checksum}`);
  return createHash('sha256').update(JSON.stringify({ version, migrations })).digest('hex').slice(0, 32);
}

export function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    query: (sql, params) => client.query(sql, params),
    exec: (sql) => client.exec(sql),
  };
}

async function pingWith(prisma: PrismaClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`database ping timed out after ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([prisma.$executeRawUnsafe('SELECT 1'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Prisma error codes meaning "cannot talk to the database right now" (not "your query is wrong"):
// P1001 can't reach, P1002 timed out, P1008 socket timeout, P1017 server closed the connection,
// P2024 pool timeout, P2037 too many connections.
const PRISMA_UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
// What PrismaPg's DriverAdapterError carries in `cause.kind` for the same situations.
const ADAPTER_UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
// SQLSTATEs: 08xxx connection exceptions, 57P01-03 server shutting down / not accepting yet,
// 53300 too many connections.
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
// node-postgres and pg-pool throw plain Errors (no code) for these; PrismaPg rethrows them as is.
const MESSAGE_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed and is not queryable|Client has encountered a connection error|Connection closed|PGlite is closed|Can't reach database server|Server has closed the connection/i;

/**
 * `err` and everything it wraps, each once: causes, Prisma's `meta.driverAdapterError`, an
 * AggregateError's `errors` — where Prisma, PrismaPg and node-postgres put the real failure.
 */
function* errorChain(err: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length > 0) {
    const e = stack.pop();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    yield o;
    stack.push(o.cause);
    const meta = o.meta as Record<string, unknown> | undefined;
    if (meta && typeof meta === 'object') stack.push(meta.driverAdapterError);
    if (Array.isArray(o.errors)) stack.push(...(o.errors as unknown[]));
  }
}

/** True when `err` (or anything in its cause chain) says the database cannot be reached or
 *  dropped the connection, as opposed to a failing query. Routes map it to 503. */
export function isDatabaseUnavailableError(err: unknown): boolean {
  for (const o of errorChain(err)) {
    if (o instanceof DatabaseUnavailableError || o.name === 'PrismaClientInitializationError') return true;
    const code = typeof o.code === 'string' ? o.code : undefined;
    if (code && (PRISMA_UNAVAILABLE_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code))) return true;
    const cause = o.cause as Record<string, unknown> | undefined;
    if (o.name === 'DriverAdapterError' && cause && typeof cause === 'object') {
      if (typeof cause.kind === 'string' && ADAPTER_UNAVAILABLE_KINDS.has(cause.kind)) return true;
      const pgCode = cause.originalCode ?? cause.code;
      if (typeof pgCode === 'string' && SQLSTATE_UNAVAILABLE.test(pgCode)) return true;
    }
    if (typeof o.message === 'string' && MESSAGE_UNAVAILABLE.test(o.message)) return true;
  }
  return false;
}

// SQLSTATEs of text PostgreSQL will not store: 22021 (a NUL, or bytes invalid in UTF-8) and 22P05
// (a character the database's encoding lacks).
const SQLSTATE_UNSTORABLE_TEXT = new Set(['22021', '22P05']);
const SQLSTATE = /^\d\d[0-9A-Z]{3}$/;

/** The SQLSTATE PostgreSQL refused a statement with, wherever Prisma or PrismaPg put it in `err`. */
export function sqlStateOf(err: unknown): string | undefined {
  for (const o of errorChain(err)) {
    // Prisma's own codes (P2010 …) never match: a SQLSTATE starts with two digits.
    for (const code of [o.originalCode, o.code]) if (typeof code === 'string' && SQLSTATE.test(code)) return code;
  }
  return undefined;
}

/**
 * True when PostgreSQL refused a text value itself (a NUL the request schemas should have kept
 * out): the client's input, so a 400, never a 500.
 */
export const isUnstorableTextError = (err: unknown): boolean => SQLSTATE_UNSTORABLE_TEXT.has(sqlStateOf(err) ?? '');
