// Concurrent takes for the fault tests: demo citizens (dev-login with new phones creates them), each
// taking one number with its own Idempotency-Key and retrying the same key after a 503 or a lost
// connection, as the mini-app does; then what the database holds for them.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Instance } from './instances';
import { sleep } from './processes';

export interface Offering {
  officeId: string;
  serviceId: string;
}

export interface Citizen extends Offering {
  userId: string;
  token: string;
  idempotencyKey: string;
}

export interface Attempt {
  instance: string;
  /** When it was sent (Date.now()) and how long until the answer or the failure. */
  at: number;
  ms: number;
  /** null: no HTTP answer (connection refused or reset, or no answer within the bound). */
  status: number | null;
  /** The error shape's code, or the client-side failure. */
  code?: string;
  /** A non-2xx answer's body is {"error":{"code","message"}} with both strings. */
  shaped?: boolean;
}

export interface Take {
  citizen: Citizen;
  attempts: Attempt[];
  ticket: { id: string; displayNumber: string } | null;
}

/** POSTs JSON; an answer that never comes within `timeoutMs` is a failure, never a wait. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text, which the error-shape checks then reject
  }
  return { status: res.status, body: parsed };
}

/** Signs in `count` new citizens (phones 1<prefix><seq>) through dev-login, `concurrency` at a time. */
export async function signUp(instance: Instance, prefix: string, count: number, offerings: Offering[], concurrency = 8): Promise<Citizen[]> {
  const citizens: Citizen[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const phone = `1${prefix}${String(i).padStart(10 - prefix.length, '0')}`;
      const res = await postJson(`${instance.url}/api/auth/dev-login`, { phone }, {}, 10_000);
      if (res.status !== 200) throw new Error(`dev-login ${phone} → ${res.status} ${JSON.stringify(res.body)}`);
      const tokens = res.body as { accessToken: string; user: { id: string } };
      citizens[i] = { ...offerings[i % offerings.length]!, userId: tokens.user.id, token: tokens.accessToken, idempotencyKey: randomUUID() };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return citizens;
}

export interface TakeOptions {
  /** The instance for a citizen's n-th attempt (0 = first). */
  route(citizen: number, attempt: number): Instance;
  /** Citizens taking at once at most. */
  concurrency: number;
  /** A new citizen starts at most this often, so the load spans the fault. */
  startEveryMs: number;
  /** A request with no answer after this long counts as a hang (and is retried). */
  timeoutMs: number;
  retryDelayMs: number;
  /** A citizen still without a number after this long gives up (and is counted lost). */
  giveUpAfterMs: number;
  /** Called whenever a request is sent or settles, for faults timed on the load's progress. */
  onProgress?(state: { inFlight: number; done: number }): void;
}

const RETRIED_STATUSES = new Set([503]);

/** Every citizen takes one number (POST /api/tickets, its own Idempotency-Key, retried as the app does). */
export async function takeAll(citizens: Citizen[], opts: TakeOptions): Promise<Take[]> {
  const takes: Take[] = citizens.map((citizen) => ({ citizen, attempts: [], ticket: null }));
  const state = { inFlight: 0, done: 0 };
  const t0 = Date.now();
  let next = 0;
  const one = async (i: number) => {
    const take = takes[i]!;
    const { citizen } = take;
    const giveUpAt = Date.now() + opts.giveUpAfterMs;
    for (let n = 0; Date.now() < giveUpAt; n += 1) {
      const instance = opts.route(i, n);
      const attempt: Attempt = { instance: instance.name, at: Date.now(), ms: 0, status: null };
      take.attempts.push(attempt);
      state.inFlight += 1;
      opts.onProgress?.(state);
      try {
        const res = await postJson(
          `${instance.url}/api/tickets`,
          { officeId: citizen.officeId, serviceId: citizen.serviceId },
          { authorization: `Bearer ${citizen.token}`, 'idempotency-key': citizen.idempotencyKey },
          opts.timeoutMs,
        );
        attempt.status = res.status;
        const body = res.body as { id?: string; displayNumber?: string; error?: unknown };
        if (res.status === 200 || res.status === 201) {
          take.ticket = { id: body.id!, displayNumber: body.displayNumber! };
        } else {
          const error = typeof body === 'object' && body !== null ? (body.error as { code?: unknown; message?: unknown } | undefined) : undefined;
          attempt.code = typeof error?.code === 'string' ? error.code : undefined;
          attempt.shaped = typeof error?.code === 'string' && typeof error.message === 'string' && error.message.length > 0;
        }
      } catch (err) {
        attempt.code = (err as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NO_ANSWER';
      } finally {
        attempt.ms = Date.now() - attempt.at;
        state.inFlight -= 1;
      }
      if (take.ticket) break;
      // Anything but "try again later" or a lost connection is an answer the app would show.
      if (attempt.status !== null && !RETRIED_STATUSES.has(attempt.status)) break;
      opts.onProgress?.(state);
      await sleep(opts.retryDelayMs);
    }
    state.done += 1;
    opts.onProgress?.(state);
  };
  const worker = async () => {
    for (let i = next++; i < takes.length; i = next++) {
      await sleep(Math.max(0, t0 + i * opts.startEveryMs - Date.now()));
      await one(i);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return takes;
}

export interface Tally {
  citizens: number;
  requests: number;
  created: number;
  replayed: number;
  unavailable: number;
  /** 5xx other than 503, and 503s not in the error shape's SERVICE_UNAVAILABLE. */
  serverErrors: number;
  /** Any other status (a 4xx the load never provokes on purpose). */
  otherStatuses: number;
  noAnswer: number;
  clientTimeouts: number;
  slowestMs: number;
}

/** 503 in the error shape with SERVICE_UNAVAILABLE: "try again later", the one failure a fault may cause. */
const isCleanUnavailable = (a: Attempt) => a.status === 503 && a.code === 'SERVICE_UNAVAILABLE' && a.shaped === true;

export function tally(takes: Take[], filter: (a: Attempt) => boolean = () => true): Tally {
  const attempts = takes.flatMap((t) => t.attempts).filter(filter);
  const count = (p: (a: Attempt) => boolean) => attempts.filter(p).length;
  return {
    citizens: takes.length,
    requests: attempts.length,
    created: count((a) => a.status === 201),
    replayed: count((a) => a.status === 200),
    unavailable: count(isCleanUnavailable),
    serverErrors: count((a) => a.status !== null && a.status >= 500 && !isCleanUnavailable(a)),
    otherStatuses: count((a) => a.status !== null && a.status >= 300 && a.status < 500),
    noAnswer: count((a) => a.code === 'NO_ANSWER'),
    clientTimeouts: count((a) => a.code === 'CLIENT_TIMEOUT'),
    slowestMs: Math.max(0, ...attempts.map((a) => a.ms)),
  };
}

export interface Ledger {
  /** Tickets the database holds for these citizens. */
  rows: number;
  /** Citizens with no number: no success reply, or the number they were told is not in the database. */
  lost: number;
  /** Citizens with more than one ticket in the database. */
  doubled: number;
  /** Display numbers given twice on one day at one office (the whole database). */
  duplicateNumbers: number;
}

/** What PostgreSQL holds for these takes (counted in the database, not from the replies). */
export async function ledger(databaseUrl: string, takes: Take[]): Promise<Ledger> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ actorId: string; ids: string[] }>(
      `SELECT "actorId", array_agg("id"::text) AS ids FROM "Ticket" WHERE "actorId" = ANY($1::uuid[]) GROUP BY "actorId"`,
      [takes.map((t) => t.citizen.userId)],
    );
    const byActor = new Map(rows.map((r) => [r.actorId, r.ids]));
    const { rows: dup } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Ticket" GROUP BY "officeId", "businessDate", "displayNumber" HAVING count(*) > 1) d`,
    );
    return {
      rows: rows.reduce((n, r) => n + r.ids.length, 0),
      lost: takes.filter((t) => !t.ticket || !(byActor.get(t.citizen.userId) ?? []).includes(t.ticket.id)).length,
      doubled: takes.filter((t) => (byActor.get(t.citizen.userId)?.length ?? 0) > 1).length,
      duplicateNumbers: dup[0]!.n,
    };
  } finally {
    await client.end();
  }
}
