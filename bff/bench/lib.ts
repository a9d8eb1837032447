// Shared pieces of `npm run bench`: the bench database, child processes, autocannon rows and the
// table they print as.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';

export const ROOT = join(__dirname, '..', '..');
export const BASE_URL = process.env.PALM_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
// PALM_BENCH_DB: another name, so two people benching on one server do not drop each other's database.
export const DB_NAME = process.env.PALM_BENCH_DB ?? 'palm_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`PALM_BENCH_DB: not a plain lower-case database name: ${DB_NAME}`);
export const DURATION = Number(process.env.BENCH_DURATION ?? 8);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
export const WARMUP = 3;

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export const BENCH_DATABASE_URL = withDatabase(BASE_URL, DB_NAME);

export async function recreateDatabase(): Promise<void> {
  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [DB_NAME]);
  await client.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  await client.query(`CREATE DATABASE ${DB_NAME}`);
  await client.end();
}

/** A one-off connection to the bench database (setup and checks, never under measurement). */
export async function benchDb<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface Child {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point (tsx) and resolves with its URL once it prints where it listens. */
export function start(script: string, env: Record<string, string>): Promise<Child> {
  return new Promise((resolve, reject) => {
    // BENCH_PROFILE_DIR: each child writes a V8 CPU profile there on exit (open it in Chrome DevTools).
    const profile = process.env.BENCH_PROFILE_DIR;
    const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, '--import', 'tsx', script] : [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script];
    const child = spawn(process.execPath, args, {
      cwd: join(ROOT, 'bff'),
      // Under plain `node --import tsx`, @fastify/autoload must be told the .ts plugins can be imported.
      env: { ...process.env, ...env, ...(profile ? { FASTIFY_AUTOLOAD_TYPESCRIPT: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start:\n${out}`));
    }, 60_000);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      // Keep only the tail: a long run must not grow this string for nothing.
      if (out.length > 20_000) out = out.slice(-10_000);
      const m = started ? null : out.match(/LISTENING (\S+)|Palm is running: (\S+)/);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve({
          child,
          url: (m[1] ?? m[2])!,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code}:\n${out}`));
      }
    });
  });
}

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Filled for pgbench rows: what the figure is, instead of HTTP errors. */
  note?: string;
}

export function rowOf(name: string, r: autocannon.Result): Row {
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

export async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  // Warm-up so JIT and caches do not count against the first scenario.
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers });
  return rowOf(name, await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
