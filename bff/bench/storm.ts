// The release storm (DESIGN.md §7, issue 5): 5,000 people try to book at the instant 200 places
// are released (放号), against a real BFF on real PostgreSQL + Redis.
//
// - 5,000 citizens created in the bench database in one statement, access tokens signed as the
//   BFF signs them (tickets.ts);
// - 20 slots × 10 places of one hall and service, tomorrow, not released: the release instant is
//   set once every connection is open, LEAD_MS ahead;
// - every attempt is one person trying one slot, once. Demand concentrates on the earliest slots
//   (position j of a shuffled order tries slot ⌊20·((j + ½)/5000)²⌋: the first slot draws ~22% of
//   the crowd, the last ~2.5%, still 12× its places);
// - each request carries an Idempotency-Key, as the mini-app's do;
// - one connection per person, opened before the release, each request written in full in one
//   tight loop at the release instant (raw HTTP/1.1 on `net` sockets: the client adds the least
//   possible spread and CPU on a machine it shares with the BFF and PostgreSQL); EARLY of them are
//   sent 2–300 ms before it and must be refused SLOT_NOT_RELEASED: the BFF judges a booking by
//   when its request arrived, however long the crowd makes it wait for its turn (an early one
//   that reaches the BFF after the release, in transit, is decided like the rest); the database
//   check finds no booking made before the release;
// - each person from their own address (X-Forwarded-For, the storm's BFF runs with TRUST_PROXY),
//   so the per-address booking limit does not stand in front of the database's decision. A second,
//   shorter round sends everyone from ONE address: the per-address limit (BOOKING_IP_PER_MINUTE)
//   lets its first STORM_PER_ADDRESS through and answers the rest 429.
//
// Every answer is classified (success, refusal by HTTP status and error code, 5xx, transport error)
// and the database is checked afterwards: places over capacity by the slots' counters and by the
// appointment rows, counters that disagree with the rows, bookings made before the release.
import { randomInt, randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { OFFICE_IDS, SERVICE_IDS } from '../../seeds';
import { benchDb, percentile, sleep } from './lib';
import { accessToken, createUsers } from './tickets';

const ATTEMPTS = Number(process.env.BENCH_STORM_ATTEMPTS ?? 5000);
const SLOTS = Number(process.env.BENCH_STORM_SLOTS ?? 200);
const CAPACITY = Number(process.env.BENCH_STORM_CAPACITY ?? 1);
const EARLY = Number(process.env.BENCH_STORM_EARLY ?? 100);
const EARLY_MS = { min: 2, max: 300 };
/** Attempts of the one-address round (0: skip it). */
const ONE_ADDRESS_ATTEMPTS = Number(process.env.BENCH_STORM_ONE_ADDRESS ?? 1000);
/** BOOKING_IP_PER_MINUTE of the storm's BFF (run.ts): the production default. */
export const STORM_PER_ADDRESS = 120;
/** From "every connection is open" to the release instant. */
const LEAD_MS = 1500;
/** An answer not in by then is a transport error. */
const ANSWER_TIMEOUT_MS = 60_000;
const CONNECT_BATCH = 250;
/** Booking attempts before anything is timed (warmUp). */
const WARM_UP = 300;
const SEED = 20261130;

const SLOT_MINUTES = 30;
/** Odd seconds: no slot of the seeded rules (whole minutes) can share a start with these. */
const FIRST_START = '09:00:07';

interface Planned {
  user: number;
  slot: number;
  /** Sent this many ms before the release (0: at it). */
  earlyMs: number;
}

interface Outcome {
  status: number;
  code: string | null;
  ms: number;
  at: number;
  transport?: string;
}

export interface StormRound {
  name: string;
  officeName: string;
  attempts: number;
  early: number;
  places: number;
  sameAddress: boolean;
  successes: number;
  /** 2xx other than 201 (an Idempotency-Key replay: none expected, every attempt has its own key). */
  otherOk: Map<string, number>;
  refusals: Map<string, number>;
  earlyRefusals: Map<string, number>;
  serverErrors: Map<string, number>;
  transportErrors: Map<string, number>;
  latencies: number[];
  /** From the first request written at the release to the last answer. */
  durationMs: number;
  /** Spread of writing the on-time requests (first to last write). */
  fireMs: number;
  db: {
    /** Σ max(0, booked − capacity) over the slots, and the same by counting active appointments. */
    overCounter: number;
    overRows: number;
    /** Slots whose active appointments outnumber their places. */
    slotsOverRows: number;
    /** Slots whose `booked` counter differs from their active appointments. */
    counterMismatch: number;
    appointments: number;
    distinctPeople: number;
    bookedBeforeRelease: number;
  };
}

/** mulberry32: a small seeded PRNG, so every run plans the same storm. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function plan(attempts: number, slots: number, early: number, seed: number): Planned[] {
  const random = prng(seed);
  const order = Array.from({ length: attempts }, (_x, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const planned = order.map((user, j) => ({ user, slot: Math.min(slots - 1, Math.floor(slots * ((j + 0.5) / attempts) ** 2)), earlyMs: 0 }));
  // The early ones: a random choice across all slots.
  const pick = Array.from({ length: attempts }, (_x, i) => i);
  for (let i = 0; i < Math.min(early, attempts); i += 1) {
    const j = i + Math.floor(random() * (attempts - i));
    [pick[i], pick[j]] = [pick[j]!, pick[i]!];
    planned[pick[i]!]!.earlyMs = EARLY_MS.min + Math.floor(random() * (EARLY_MS.max - EARLY_MS.min + 1));
  }
  // Fired in person order (random against the slot order): whoever the per-address limit lets
  // through first is a random part of the crowd, not the earliest slot's.
  return planned.sort((x, y) => x.user - y.user);
}

/** The Shanghai calendar date `days` after today. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** `count` slots of `capacity` from 09:00:07 Shanghai on `date`, released a day from now (for now). */
async function createSlots(officeId: string, serviceId: string, date: string, count: number, capacity: number): Promise<string[]> {
  return benchDb(async (db) => {
    const { rows } = await db.query<{ id: string; startsAt: Date }>(
      `INSERT INTO "Slot" ("id", "officeId", "serviceId", "date", "startsAt", "endsAt", "capacity", "releasedAt", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::date,
              (($4::timestamptz + k * make_interval(mins => $5)) AT TIME ZONE 'UTC')::timestamp(3),
              (($4::timestamptz + (k + 1) * make_interval(mins => $5)) AT TIME ZONE 'UTC')::timestamp(3),
              $6, ((now() + interval '1 day') AT TIME ZONE 'UTC')::timestamp(3), (now() AT TIME ZONE 'UTC')::timestamp(3)
         FROM generate_series(0, $7::int - 1) AS k
       RETURNING "id", "startsAt"`,
      [officeId, serviceId, date, `${date}T${FIRST_START}+08:00`, SLOT_MINUTES, capacity, count],
    );
    return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map((r) => r.id);
  });
}

async function release(slotIds: string[], at: number): Promise<void> {
  await benchDb((db) => db.query(`UPDATE "Slot" SET "releasedAt" = ($1::timestamptz AT TIME ZONE 'UTC')::timestamp(3) WHERE "id" = ANY($2::uuid[])`, [new Date(at).toISOString(), slotIds]));
}

/**
 * One keep-alive HTTP/1.1 connection, one request at a time, read by hand (Fastify always sends
 * content-length for its JSON): the least client CPU on a machine shared with the BFF and PostgreSQL.
 */
class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private pending: ((o: Omit<Outcome, 'ms' | 'at'>) => void) | null = null;
  private failure: string | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.once('error', (err: NodeJS.ErrnoException) => this.fail(err.code ?? err.message));
    socket.once('close', () => this.fail('closed before the answer'));
  }

  /** Writes the request now; resolves with its answer (or a transport error). */
  send(request: Buffer): Promise<Outcome> {
    return new Promise((resolve) => {
      const sentAt = performance.now();
      const timer = setTimeout(() => this.settle({ status: 0, code: null, transport: `no answer within ${ANSWER_TIMEOUT_MS / 1000} s` }), ANSWER_TIMEOUT_MS);
      this.pending = (o) => {
        clearTimeout(timer);
        const at = performance.now();
        resolve({ ...o, at, ms: at - sentAt });
      };
      if (this.failure) this.settle({ status: 0, code: null, transport: this.failure });
      else this.socket.write(request);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private settle(o: Omit<Outcome, 'ms' | 'at'>): void {
    const pending = this.pending;
    this.pending = null;
    pending?.(o);
  }

  private fail(reason: string): void {
    this.failure ??= reason;
    this.settle({ status: 0, code: null, transport: reason });
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    if (!status || length === undefined) return this.fail('unparsable answer');
    const total = end + 4 + Number(length);
    if (this.buf.length < total) return;
    const body = this.buf.subarray(end + 4, total);
    this.buf = this.buf.subarray(total);
    let code: string | null = null;
    if (status >= 300) {
      try {
        code = (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code ?? null;
      } catch {
        code = null;
      }
    }
    this.settle({ status, code });
  }
}

/**
 * Opens `count` connections, CONNECT_BATCH at a time, each proven with a GET /healthz round trip:
 * a client's connect() succeeds once the kernel has the connection, even when the server's accept
 * queue is full — then the server drops it and the client's first request waits for SYN-ACK
 * retransmits (1 s, 2 s, 4 s …), which would time the kernel, not the BFF.
 */
async function openConnections(url: string, count: number): Promise<Connection[]> {
  const { hostname, port, host } = new URL(url);
  const ping = Buffer.from(`GET /healthz HTTP/1.1\r\nhost: ${host}\r\n\r\n`);
  const connections: Connection[] = [];
  try {
    for (let i = 0; i < count; i += CONNECT_BATCH) {
      const batch = Array.from(
        { length: Math.min(CONNECT_BATCH, count - i) },
        () =>
          new Promise<Connection>((resolve, reject) => {
            const socket = connect({ host: hostname, port: Number(port) });
            socket.setNoDelay(true);
            socket.once('error', reject);
            socket.once('connect', () => {
              socket.off('error', reject);
              const connection = new Connection(socket);
              connections.push(connection);
              resolve(connection);
            });
          }),
      );
      const opened = await Promise.all(batch);
      const pings = await Promise.all(opened.map((c) => c.send(ping)));
      const bad = pings.find((o) => o.status !== 200);
      if (bad) throw new Error(`storm: GET /healthz on a new connection → ${bad.status || bad.transport}`);
    }
    return connections;
  } catch (err) {
    for (const c of connections) c.destroy();
    throw err;
  }
}

/** As the mini-app books: with an Idempotency-Key naming the attempt. */
function requestBytes(host: string, token: string, address: string, slotId: string, serviceId: string): Buffer {
  const body = JSON.stringify({ slotId, serviceId });
  return Buffer.from(
    `POST /api/appointments HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\n` +
      `idempotency-key: ${randomUUID()}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-forwarded-for: ${address}\r\n\r\n${body}`,
  );
}

const addressOf = (i: number) => `10.${77 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

interface RoundInput {
  name: string;
  url: string;
  officeId: string;
  officeName: string;
  serviceId: string;
  date: string;
  users: string[];
  attempts: number;
  early: number;
  sameAddress: boolean;
  seed: number;
}

async function round(input: RoundInput): Promise<StormRound> {
  const slotIds = await createSlots(input.officeId, input.serviceId, input.date, SLOTS, CAPACITY);
  const planned = plan(input.attempts, SLOTS, input.early, input.seed);
  const host = new URL(input.url).host;
  // The one address is new each run: the limiter's count of an earlier run's lasts a minute.
  const oneAddress = `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
  const requests = planned.map((p) => requestBytes(host, accessToken(input.users[p.user]!), input.sameAddress ? oneAddress : addressOf(p.user), slotIds[p.slot]!, input.serviceId));
  const connections = await openConnections(input.url, planned.length);
  try {
    const answers = new Array<Promise<Outcome>>(planned.length);
    const fire = (i: number) => {
      answers[i] = connections[i]!.send(requests[i]!);
    };
    const releaseAt = Date.now() + LEAD_MS;
    await release(slotIds, releaseAt);
    await sleep(releaseAt - Date.now() - EARLY_MS.max - 20);
    // The rest in a busy wait: timers are too coarse for "a few ms early".
    const early = planned.map((p, i) => ({ i, earlyMs: p.earlyMs })).filter((e) => e.earlyMs > 0).sort((a, b) => b.earlyMs - a.earlyMs);
    for (const e of early) {
      while (Date.now() < releaseAt - e.earlyMs) {
        /* wait */
      }
      fire(e.i);
    }
    while (Date.now() < releaseAt) {
      /* wait */
    }
    const t0 = performance.now();
    for (let i = 0; i < planned.length; i += 1) if (planned[i]!.earlyMs === 0) fire(i);
    const fireMs = performance.now() - t0;
    const outcomes = await Promise.all(answers);

    const result: StormRound = {
      name: input.name,
      officeName: input.officeName,
      attempts: planned.length,
      early: early.length,
      places: SLOTS * CAPACITY,
      sameAddress: input.sameAddress,
      successes: 0,
      otherOk: new Map(),
      refusals: new Map(),
      earlyRefusals: new Map(),
      serverErrors: new Map(),
      transportErrors: new Map(),
      latencies: outcomes.map((o) => o.ms).sort((a, b) => a - b),
      durationMs: Math.max(...outcomes.map((o) => o.at)) - t0,
      fireMs,
      db: await checkSlots(slotIds),
    };
    outcomes.forEach((o, i) => {
      if (o.transport) bump(result.transportErrors, o.transport);
      else if (o.status >= 500) bump(result.serverErrors, `${o.status} ${o.code ?? '-'}`);
      else if (o.status === 201) result.successes += 1;
      else if (o.status < 300) bump(result.otherOk, String(o.status));
      else {
        bump(result.refusals, `${o.status} ${o.code ?? '-'}`);
        if (planned[i]!.earlyMs > 0) bump(result.earlyRefusals, `${o.status} ${o.code ?? '-'}`);
      }
    });
    return result;
  } finally {
    for (const c of connections) c.destroy();
  }
}

async function checkSlots(slotIds: string[]): Promise<StormRound['db']> {
  return benchDb(async (db) => {
    const { rows } = await db.query<{ capacity: number; booked: number; active: number; early: number }>(
      `SELECT s."capacity", s."booked",
              (SELECT count(*) FROM "Appointment" a WHERE a."slotId" = s."id" AND a."status" IN ('BOOKED', 'CHECKED_IN'))::int AS active,
              (SELECT count(*) FROM "Appointment" a WHERE a."slotId" = s."id" AND a."bookedAt" < s."releasedAt")::int AS early
         FROM "Slot" s WHERE s."id" = ANY($1::uuid[])`,
      [slotIds],
    );
    const people = await db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "subjectId")::int AS distinct FROM "Appointment" WHERE "slotId" = ANY($1::uuid[])`,
      [slotIds],
    );
    return {
      overCounter: rows.reduce((n, r) => n + Math.max(0, r.booked - r.capacity), 0),
      overRows: rows.reduce((n, r) => n + Math.max(0, r.active - r.capacity), 0),
      slotsOverRows: rows.filter((r) => r.active > r.capacity).length,
      counterMismatch: rows.filter((r) => r.booked !== r.active).length,
      appointments: people.rows[0]!.n,
      distinctPeople: people.rows[0]!.distinct,
      bookedBeforeRelease: rows.reduce((n, r) => n + r.early, 0),
    };
  });
}

/**
 * A server that has been up for a while: every path of a booking taken (a place won, a full slot,
 * a slot not released yet; JIT, the query compiler, the pool's connections) before anything is
 * timed. Its own people, addresses, hall and day; its answers are not reported, only checked.
 */
async function warmUp(url: string): Promise<void> {
  const people = await createUsers(WARM_UP, 'bench storm warm-up');
  const [open, closed] = await createSlots(OFFICE_IDS.shiqiaoTown, SERVICE_IDS.residentIdRenewal, shanghaiDate(3), 2, Math.ceil(WARM_UP / 10));
  await release([open!], Date.now() - 60_000);
  const host = new URL(url).host;
  const connections = await openConnections(url, 50);
  try {
    for (let i = 0; i < WARM_UP; i += connections.length) {
      const answers = await Promise.all(
        connections.slice(0, Math.min(connections.length, WARM_UP - i)).map((c, j) => {
          const n = i + j;
          return c.send(requestBytes(host, accessToken(people[n]!), `10.99.${n >> 8}.${n & 255}`, n % 2 === 0 ? open! : closed!, SERVICE_IDS.residentIdRenewal));
        }),
      );
      const bad = answers.find((o) => o.transport || o.status >= 500);
      if (bad) throw new Error(`storm warm-up: booking → ${bad.status || bad.transport} ${bad.code ?? ''}`);
    }
  } finally {
    for (const c of connections) c.destroy();
  }
}

export async function stormScenario(url: string): Promise<StormRound[]> {
  await warmUp(url);
  const users = await createUsers(ATTEMPTS, 'bench storm citizen');
  const rounds = [
    await round({
      name: `${ATTEMPTS} people, each from their own address`,
      url,
      officeId: OFFICE_IDS.countyCenter,
      officeName: '县政务服务中心 身份证换领',
      serviceId: SERVICE_IDS.residentIdRenewal,
      date: shanghaiDate(1),
      users,
      attempts: ATTEMPTS,
      early: EARLY,
      sameAddress: false,
      seed: SEED,
    }),
  ];
  if (ONE_ADDRESS_ATTEMPTS > 0) {
    // Another hall and day: nobody meets the one-booking-per-service-per-day rule from round 1.
    rounds.push(
      await round({
        name: `${ONE_ADDRESS_ATTEMPTS} people, all from ONE address`,
        url,
        officeId: OFFICE_IDS.qingyunTown,
        officeName: '青云镇 身份证换领',
        serviceId: SERVICE_IDS.residentIdRenewal,
        date: shanghaiDate(2),
        users: users.slice(0, ONE_ADDRESS_ATTEMPTS),
        attempts: Math.min(ONE_ADDRESS_ATTEMPTS, ATTEMPTS),
        early: 0,
        sameAddress: true,
        seed: SEED + 1,
      }),
    );
  }
  return rounds;
}

/** What is wrong with a round; empty when it is right. */
export function stormFailures(r: StormRound): string[] {
  const failures: string[] = [];
  if (r.sameAddress) {
    if (r.successes > Math.min(r.places, STORM_PER_ADDRESS)) failures.push(`${r.successes} successes from one address (at most ${Math.min(r.places, STORM_PER_ADDRESS)})`);
    const limited = r.refusals.get('429 RATE_LIMITED') ?? 0;
    if (limited !== Math.max(0, r.attempts - STORM_PER_ADDRESS)) failures.push(`${limited} refused 429 (expected ${Math.max(0, r.attempts - STORM_PER_ADDRESS)})`);
  } else if (r.successes !== r.places) {
    failures.push(`${r.successes} successes (must be exactly ${r.places})`);
  }
  if (r.successes !== r.db.appointments) failures.push(`${r.successes} successes but ${r.db.appointments} appointments in the database`);
  if (r.db.overCounter || r.db.overRows || r.db.slotsOverRows) failures.push('overbooked');
  if (r.db.counterMismatch) failures.push(`${r.db.counterMismatch} slot counters disagree with their appointments`);
  if (r.db.distinctPeople !== r.db.appointments) failures.push('someone holds two places');
  if (r.db.bookedBeforeRelease) failures.push(`${r.db.bookedBeforeRelease} booked before the release`);
  if (r.otherOk.size) failures.push('answers other than 201 for a success');
  if (r.serverErrors.size) failures.push('5xx answers');
  if (r.transportErrors.size) failures.push('transport errors');
  return failures;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const list = (m: Map<string, number>) => (m.size ? [...m].map(([k, n]) => `${k} ×${n}`).join(', ') : 'none');

export function stormLines(rounds: StormRound[], helloRps: number): string[] {
  const lines: string[] = [];
  for (const r of rounds) {
    const answersPerSecond = r.attempts / (r.durationMs / 1000);
    const failures = stormFailures(r);
    lines.push(
      `Release storm: ${r.name} on ${SLOTS} slots × ${CAPACITY} places (${r.officeName}) released at one instant — one connection each, opened beforehand`,
      `  attempts:              ${r.attempts} (${r.early} sent ${EARLY_MS.min}–${EARLY_MS.max} ms before the release, ${r.attempts - r.early} at it, written in ${r.fireMs.toFixed(1)} ms)`,
      `  successes (201):       ${r.successes} of ${r.places} places${r.sameAddress ? ` (the per-address limit lets ${STORM_PER_ADDRESS} a minute through)` : ''}; ${r.db.appointments} appointments in the database, ${r.db.distinctPeople} people`,
      `  overbookings:          ${r.db.overCounter} (Σ max(0, booked − capacity)), ${r.db.overRows} (Σ max(0, appointments − capacity)), ${r.db.slotsOverRows} slots over capacity; ${r.db.counterMismatch} counters ≠ rows; ${r.db.bookedBeforeRelease} booked before the release`,
      `  refusals:              ${sum(r.refusals)}`,
      '',
      '  | HTTP | code | count | of them sent early |',
      '  |---:|---|---:|---:|',
      ...[...r.refusals].sort((a, b) => b[1] - a[1]).map(([key, n]) => {
        const [status, code] = key.split(' ');
        return `  | ${status} | ${code} | ${n} | ${r.earlyRefusals.get(key) ?? 0} |`;
      }),
      '',
      `  5xx: ${list(r.serverErrors)}; transport errors: ${list(r.transportErrors)}; other 2xx: ${list(r.otherOk)}`,
      `  latency (sent → whole answer): min ${r.latencies[0]!.toFixed(0)} ms, p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p99 ${percentile(r.latencies, 99).toFixed(0)} ms, max ${r.latencies[r.latencies.length - 1]!.toFixed(0)} ms`,
      `  total: ${r.durationMs.toFixed(0)} ms from the release to the last answer (${answersPerSecond.toFixed(0)} answers/s, ÷ hello req/s ${(answersPerSecond / helloRps).toFixed(3)}); successes ÷ places ${(r.successes / r.places).toFixed(2)}`,
      `  ${failures.length ? `FAILED: ${failures.join('; ')}` : 'ok'}`,
      '',
    );
  }
  return lines;
}
