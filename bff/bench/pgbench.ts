// The ceiling for POST /api/tickets: pgbench running the SQL that TicketService.issue sends, on the
// same bench database, with the same offerings mix and the same concurrency.
//
// The statements are not copied by hand: TicketService.issue is run here, in process, on a
// node-postgres pool whose query() is recorded — what goes on the wire (text with $n and the values).
// So a change to queue/tickets/statements.ts changes what pgbench runs. Two scripts are built from the recording:
// - "issue statement": the one CTE statement (quota → sequence → ticket → event) that takes the number;
// - "all statements": every statement of one issue(), in order (today: the one read of everything a
//   take needs, then the CTE, which also stores the estimate and returns the new row); if a
//   statement ever follows the CTE, the new ticket's id is passed on with \gset.
// Values become literals, except the new ticket's id (issue() chooses it; the script takes a
// gen_random_uuid() in its place) and the person: each pgbench client takes
// numbers for its own pre-created people (first + client_id × per_client + i, i counting the
// client's transactions — pgbench variables last across them — and `first` apart per run), so no
// transaction meets the one-active-ticket rule. Each transaction picks one of the same offerings
// as the HTTP run (an \if chain on a random index) and the recorded hall, service and letter are
// moved to it. -M extended: like node-postgres, every statement is parsed, bound and executed
// unnamed. Side effects issue() starts without awaiting (live fan-out, notifications) are not in it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { PrismaClient } from '@palm/db/client';
import { createClock } from '../src/lib/clock';
import type { AppResources } from '../src/resources';
import { TicketService } from '../src/queue/tickets';
import { BENCH_DATABASE_URL, benchDb, CONNECTIONS, DURATION, percentile, type Row } from './lib';
import type { Offering } from './tickets';

const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';
/** People per pgbench client and run: enough for PER_CLIENT_PER_SECOND transactions a second per client. */
const PER_CLIENT_PER_SECOND = 250;
/** pgbench runs (scripts) per bench: each takes numbers for its own people. */
const RUNS = 2;
const PERSON_PREFIX = '00000000-0000-4000-a000-';
/** Who the recorded takes are for: outside every pgbench client's range. */
const RECORDING_PEOPLE = [999_999_999_998, 999_999_999_999] as const;
const personId = (n: number) => `${PERSON_PREFIX}${String(n).padStart(12, '0')}`;

interface Statement {
  text: string;
  values: unknown[];
}

export interface Recording {
  all: Statement[];
  /** Index of the CTE in `all`. */
  cte: number;
  ticketId: string;
  subjectId: string;
  offering: Offering;
}

/** Runs TicketService.issue once (after one warm-up take) and records the SQL it sends. */
export async function recordIssue(offering: Offering, pinnedStart: string): Promise<Recording> {
  const pool = new pg.Pool({ connectionString: BENCH_DATABASE_URL, max: 4 });
  const recorded: Statement[] = [];
  let recording = false;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  // PrismaPg sends statements outside transactions through pool.query({ text, values, … }).
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const config = args[0] as { text?: string; values?: unknown[] } | string;
    if (recording) recorded.push(typeof config === 'string' ? { text: config, values: (args[1] as unknown[]) ?? [] } : { text: config.text ?? '', values: config.values ?? [] });
    return query(...args);
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const resources = { db: { prisma }, clock: createClock({ pinnedStart }) } as unknown as AppResources;
    // What issue() reads from the app: prisma, the clock (and the calendar cache keyed by
    // resources). Everything else it touches (live fan-out, notifications: asynchronous side
    // effects, coalesced per office under load) is a silent stand-in, so they are not recorded.
    const app = new Proxy({ prisma, resources } as Record<string | symbol, unknown>, {
      get: (target, key) => (key in target ? target[key] : silent),
    }) as unknown as FastifyInstance;
    const service = new TicketService(app);
    const take = (subjectId: string) => service.issue({ officeId: offering.officeId, serviceId: offering.serviceId, subjectId, actorId: subjectId, channel: 'ONLINE' });
    await take(personId(RECORDING_PEOPLE[0])); // warm-up: the calendar cache's first load is not part of a take
    const subjectId = personId(RECORDING_PEOPLE[1]);
    recording = true;
    const { ticket } = await take(subjectId);
    recording = false;
    const cte = recorded.findIndex((s) => s.text.includes('INSERT INTO "TicketSequence"'));
    if (cte < 0) throw new Error(`no ticket-issue statement among the ${recorded.length} recorded`);
    return { all: recorded, cte, ticketId: ticket.id, subjectId, offering };
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

/** Any property, any call: does nothing (a stand-in for the app's side-effect services). */
const silent: unknown = new Proxy(() => undefined, {
  get: (_target, key) => (key === 'then' ? undefined : silent),
  apply: () => undefined,
});

const PERSON_SQL = `('${PERSON_PREFIX}' || lpad((:person)::text, 12, '0'))`;

/** A string literal pgbench leaves alone: a colon would start a variable name, so it is written \\072. */
function quote(text: string): string {
  const escaped = text.replaceAll("'", "''");
  if (!/[:\\]/.test(escaped)) return `'${escaped}'`;
  return `E'${escaped.replaceAll('\\', '\\\\').replaceAll(':', '\\072')}'`;
}

/** A recorded text moved to another offering: its hall, service and queue letter. */
function moved(text: string, rec: Recording, offering: Offering): string {
  if (text === rec.offering.letter) return offering.letter;
  return text.replaceAll(rec.offering.officeId, offering.officeId).replaceAll(rec.offering.serviceId, offering.serviceId);
}

/**
 * One recorded value as SQL for the given offering; the person becomes a variable, the new ticket's
 * id (chosen by issue() before the statement that inserts it) a fresh one there and the CTE's
 * answer after it.
 */
function literal(value: unknown, rec: Recording, offering: Offering, afterCte: boolean): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Array.isArray(value)) return quote(`{${value.map((v) => `"${moved(String(v), rec, offering).replaceAll('"', '\\"')}"`).join(',')}}`);
  if (value instanceof Date) throw new Error('unexpected Date value (PrismaPg formats dates as text)');
  if (typeof value === 'object') return quote(JSON.stringify(value));
  const text = moved(String(value), rec, offering);
  if (text === rec.ticketId) return afterCte ? ':ticket_id' : 'gen_random_uuid()';
  if (text === rec.subjectId) return `${PERSON_SQL}::uuid`;
  const parts = text.split(rec.subjectId).map(quote);
  return parts.length === 1 ? parts[0]! : `(${parts.join(` || ${PERSON_SQL} || `)})`;
}

function render(statement: Statement, rec: Recording, offering: Offering, afterCte: boolean): string {
  // One line per statement (whitespace of the text only, never of a value).
  return statement.text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\$(\d+)/g, (_m, n: string) => literal(statement.values[Number(n) - 1], rec, offering, afterCte));
}

function script(statements: number[], rec: Recording, offerings: Offering[]): string {
  const lines = ['\\set i :i + 1', `\\set person :first + :client_id * :per_client + :i`, `\\set k random(0, ${offerings.length - 1})`];
  offerings.forEach((offering, k) => {
    lines.push(`${k === 0 ? '\\if' : '\\elif'} :k = ${k}`);
    for (const index of statements) {
      const sql = render(rec.all[index]!, rec, offering, index > rec.cte);
      // The CTE returns the new ticket's id ("id" → :ticket_id): later statements use it, as issue() does.
      lines.push(index === rec.cte && statements.some((i) => i > rec.cte) ? `${sql} \\gset ticket_` : `${sql};`);
    }
  });
  lines.push('\\endif');
  return `${lines.join('\n')}\n`;
}

/** People for pgbench: in run r, client c uses (r × clients + c) × perClient + 1 … + perClient. */
export async function createPgbenchPeople(): Promise<number> {
  const perClient = DURATION * PER_CLIENT_PER_SECOND;
  await benchDb((db) =>
    db.query(
      `INSERT INTO "User" ("id", "roles", "name", "updatedAt")
       SELECT ($1 || lpad((c * $2::int + i)::text, 12, '0'))::uuid, ARRAY['CITIZEN']::"Role"[], 'pgbench person', now()
         FROM generate_series(0, $3::int - 1) c, generate_series(1, $2::int) i
       UNION ALL SELECT ($1 || n::text)::uuid, ARRAY['CITIZEN']::"Role"[], 'pgbench person', now() FROM unnest($4::bigint[]) n
       ON CONFLICT DO NOTHING`,
      [PERSON_PREFIX, perClient, CONNECTIONS * RUNS, RECORDING_PEOPLE],
    ),
  );
  return perClient;
}

export interface PgbenchResult {
  row: Row;
  statements: number;
}

function exec(args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const password = decodeURIComponent(new URL(BENCH_DATABASE_URL).password);
    const child = spawn(PGBENCH, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: password ? { ...process.env, PGPASSWORD: password } : process.env });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Runs one script for DURATION seconds; req/s is tps, latencies from pgbench's per-transaction log. */
export async function pgbench(name: string, which: 'cte' | 'all', rec: Recording, offerings: Offering[], perClient: number, run: number): Promise<PgbenchResult> {
  if (run >= RUNS) throw new Error(`pgbench run ${run}: people exist for ${RUNS} runs`);
  const dir = mkdtempSync(join(tmpdir(), 'palm-pgbench-'));
  try {
    const statements = which === 'cte' ? [rec.cte] : rec.all.map((_s, i) => i);
    writeFileSync(join(dir, 'issue.sql'), script(statements, rec, offerings));
    const url = new URL(BENCH_DATABASE_URL);
    const { code, out } = await exec(
      [
        '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres'),
        '-n', '-M', 'extended', '-c', String(CONNECTIONS), '-j', '2', '-T', String(DURATION),
        '-D', 'i=0', '-D', `per_client=${perClient}`, '-D', `first=${run * CONNECTIONS * perClient}`,
        '-f', join(dir, 'issue.sql'), '-l', '--log-prefix', join(dir, 'log'),
        url.pathname.slice(1),
      ],
      dir,
    );
    const tps = /tps = ([\d.]+)/.exec(out);
    const failed = /number of failed transactions: (\d+)/.exec(out);
    if (code !== 0 || !tps || /abort/i.test(out)) throw new Error(`pgbench (${name}) failed with exit code ${code}:\n${out.slice(-3000)}`);
    // Log lines: client_id transaction_no latency_us script_no epoch_s epoch_us.
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      row: { name, rps: Number(tps[1]), p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors: Number(failed?.[1] ?? 0), non2xx: 0 },
      statements: statements.length,
    };
  } finally {
    // BENCH_PGBENCH_KEEP=1 keeps the script (and logs) to rerun by hand, e.g. with -r per statement.
    if (process.env.BENCH_PGBENCH_KEEP) console.log(`… pgbench script kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Tickets per (office, day, letter) numbered 1…n with no gap or duplicate, after everything ran. */
export async function checkNumbers(): Promise<{ lines: number; bad: number }> {
  return benchDb(async (db) => {
    const { rows } = await db.query<{ lines: number; bad: number }>(
      `SELECT count(*)::int AS lines, count(*) FILTER (WHERE n <> mx OR n <> distinct_n)::int AS bad FROM (
         SELECT count(*) AS n, max(number) AS mx, count(DISTINCT number) AS distinct_n
           FROM "Ticket" WHERE "transferredFromId" IS NULL GROUP BY "officeId", "businessDate", letter) l`,
    );
    return rows[0]!;
  });
}
