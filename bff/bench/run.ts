// `npm run bench`: starts a bare Fastify "hello" and the real BFF (real PostgreSQL, seeded) as
// separate processes, drives each with autocannon from this process, and prints req/s and
// latency with every figure as a ratio of the hello figure measured in the same run
// (absolute numbers on shared 2-core machines vary ±20%; ratios are what to compare).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');
const BASE_URL = process.env.PALM_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const DB_NAME = 'palm_bench';
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function recreateDatabase() {
  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [DB_NAME]);
  await client.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  await client.query(`CREATE DATABASE ${DB_NAME}`);
  await client.end();
}

function start(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], {
      cwd: join(ROOT, 'bff'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/LISTENING (\S+)|Palm is running: (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: (m[1] ?? m[2])! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${out}`)));
  });
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  // Warm-up so JIT and caches do not count against the first scenario.
  await autocannon({ url, connections: CONNECTIONS, duration: 3, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main() {
  await recreateDatabase();
  const databaseUrl = withDatabase(BASE_URL, DB_NAME);
  const hello = await start('bench/hello.ts', { PORT: '0' });
  const bff = await start('src/server.ts', {
    PORT: '0',
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.PALM_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
    PALM_MIGRATE_ON_START: 'true',
    PALM_SEED_ON_START: 'true',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    PALM_CLOCK: '2026-11-23T09:30:00+08:00',
  });
  try {
    const login = await fetch(`${bff.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13800000001' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const rows: Row[] = [];
    rows.push(await load('bare Fastify GET /hello', `${hello.url}/hello`));
    // The BFF's own stack (hooks, headers, routing) without a database call.
    rows.push(await load('BFF GET /healthz (no database)', `${bff.url}/healthz`));
    rows.push(await load('GET /api/services?q=社保', `${bff.url}/api/services?q=${encodeURIComponent('社保')}`));
    rows.push(await load('GET /api/offices?lat&lng', `${bff.url}/api/offices?lat=27.81&lng=115.12`));
    rows.push(await load('GET /api/me (JWT-verified)', `${bff.url}/api/me`, { authorization: `Bearer ${accessToken}` }));

    const base = rows[0]!.rps;
    // hello's p99 is often 1–2 ms, so its ratio is coarse; it still shows how much latency a route adds.
    const baseP99 = Math.max(rows[0]!.p99, 1);
    console.log(`\nPalm benchmark — ${DURATION}s × ${CONNECTIONS} connections each, autocannon in a separate process, real PostgreSQL + Redis\n`);
    console.log('| scenario | req/s | req/s ÷ hello | p50 ms | p99 ms | p99 ÷ hello | errors | non-2xx |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / base).toFixed(2)} | ${r.p50} | ${r.p99} | ${(r.p99 / baseP99).toFixed(1)} | ${r.errors} | ${r.non2xx} |`);
    }
    const failed = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
    if (failed.length) {
      console.error(`\nscenarios with failures: ${failed.map((r) => r.name).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    hello.child.kill('SIGTERM');
    bff.child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
