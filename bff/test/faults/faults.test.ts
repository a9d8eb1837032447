// Faults under load, in CI: two real BFF instances (child processes) on a PostgreSQL cluster and a
// Redis server of this file's own (rig.ts), many demo citizens taking numbers at once with
// Idempotency-Keys, and one fault each — Redis killed, PostgreSQL stopped, an instance SIGKILLed.
// Each test prints one summary line with its figures. The SIGKILL test comes last: instance A
// stays dead after it.
import { SERVICE_IDS } from '../../../seeds';
import { openBoard, openWindow } from './board';
import type { Instance } from './instances';
import { ledger, signUp, takeAll, tally, type Attempt, type Take, type TakeOptions } from './load';
import { sleep } from './processes';
import { startRig, type Rig } from './rig';

/** No answer within this long is a hang, and fails the test. */
const HANG_BOUND_MS = 8000;
const CITIZENS = 120;
const FAULT_MS = 1500;
/** Once a server is back, the instances serve (PostgreSQL) or fan out (Redis) again within this. */
const RECOVERY_BOUND_MS = 5000;

const load: Omit<TakeOptions, 'route'> = {
  concurrency: 12,
  startEveryMs: 25,
  timeoutMs: HANG_BOUND_MS,
  retryDelayMs: 150,
  giveUpAfterMs: 30_000,
};

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
}, 120_000);

afterAll(async () => {
  await rig?.stop();
}, 60_000);

/** Each citizen starts on A or B by turns, and each retry goes to the other instance. */
const alternate = (i: number, attempt: number): Instance => ((i + attempt) % 2 === 0 ? rig.a : rig.b);
const during = (from: number, to: number) => (a: Attempt) => a.at >= from && a.at < to;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * How long after `since` `instance` was serving again: when its last 503 came (0 if none came
 * after `since`), or null if it answered no take in 2xx after that.
 */
function recoveredAfter(takes: Take[], instance: string, since: number): number | null {
  const attempts = takes.flatMap((t) => t.attempts).filter((a) => a.instance === instance);
  const lastFailure = Math.max(since, ...attempts.filter((a) => a.status === 503).map((a) => a.at + a.ms));
  return attempts.some((a) => a.at >= lastFailure && (a.status === 200 || a.status === 201)) ? lastFailure - since : null;
}

async function readyz(instance: Instance): Promise<number> {
  return (await fetch(`${instance.url}/readyz`, { signal: AbortSignal.timeout(HANG_BOUND_MS) })).status;
}

it('keeps taking numbers while Redis is killed, and boards hear the other instance again once Redis is back', async () => {
  // People waiting at the county centre for the clerk to call (nobody in the load goes there, so
  // a board on B changes only when it hears of A's calls).
  const waiting = await signUp(rig.a, '59', 30, [{ officeId: rig.liveOfficeId, serviceId: SERVICE_IDS.socialSecurityCardApply }]);
  const queued = await takeAll(waiting, { ...load, route: () => rig.a, startEveryMs: 0 });
  expect(queued.every((t) => t.ticket)).toBe(true);
  const window = await openWindow(rig.a);
  const board = await openBoard(rig.b, rig.liveOfficeId);
  try {
    // A call on A shows on B's board: the path the outage is about to cut.
    let since = Date.now();
    expect(await board.shows(await window.callNext(), since, 5000)).not.toBeNull();

    const citizens = await signUp(rig.a, '39', CITIZENS, rig.offerings);
    const running = takeAll(citizens, { ...load, route: alternate });
    await sleep(600);
    const downAt = Date.now();
    let backAt = Number.POSITIVE_INFINITY;
    let readyWhileDown: number[] = [];
    try {
      await rig.redis.kill();
      await sleep(FAULT_MS / 2);
      readyWhileDown = await Promise.all([readyz(rig.a), readyz(rig.b)]);
      await sleep(FAULT_MS / 2);
    } finally {
      await rig.redis.start();
      backAt = Date.now();
    }
    // Calls on A until B's board shows one, while the load goes on.
    const resumed = (async () => {
      while (Date.now() - backAt < 4 * RECOVERY_BOUND_MS) {
        since = Date.now();
        const seenAt = await board.shows(await window.callNext(), since, 1500);
        if (seenAt !== null) return seenAt - backAt;
      }
      return null;
    })();
    const [takes, liveMs] = await Promise.all([running, resumed]);

    const all = tally(takes);
    const outage = tally(takes, during(downAt, backAt));
    const book = await ledger(rig.databaseUrl, takes);
    console.log(
      `fault redis-killed (down ${seconds(backAt - downAt)}): ${all.citizens} citizens, ${all.requests} requests (${outage.requests} while Redis was down), ` +
        `2xx ${all.created + all.replayed}, 503 ${all.unavailable}, other failures ${all.serverErrors + all.otherStatuses + all.noAnswer + all.clientTimeouts}; ` +
        `lost ${book.lost}, doubled ${book.doubled}; live A→B resumed ${liveMs === null ? 'never' : seconds(liveMs)} after Redis was back`,
    );
    expect(readyWhileDown).toEqual([503, 503]); // both instances knew Redis was gone
    expect(outage.requests).toBeGreaterThan(0);
    expect(all.created).toBe(CITIZENS);
    expect(all.requests).toBe(CITIZENS); // not one retry needed: Redis is not on the path of a take
    expect(book).toEqual({ rows: CITIZENS, lost: 0, doubled: 0, duplicateNumbers: 0 });
    expect(liveMs).not.toBeNull();
    expect(liveMs!).toBeLessThan(2 * RECOVERY_BOUND_MS); // ioredis retries every 2 s at most, then a board waits ≤ 1 s
    // The outage went through the BFF's own handling and log, none of it to raw stderr.
    expect(rig.a.process.output() + rig.b.process.output()).not.toMatch(/Unhandled error event/);
  } finally {
    board.close();
  }
}, 90_000);

it('answers clean 503s while PostgreSQL is stopped and recovers when it starts, without restarting the BFF', async () => {
  const pids = [rig.a.pid, rig.b.pid];
  const citizens = await signUp(rig.a, '49', CITIZENS, rig.offerings);
  const running = takeAll(citizens, { ...load, route: alternate });
  await sleep(600);
  const downAt = Date.now();
  let backAt = Number.POSITIVE_INFINITY;
  let readyWhileDown: number[] = [];
  try {
    await rig.postgres.stop();
    readyWhileDown = await Promise.all([readyz(rig.a), readyz(rig.b)]);
    await sleep(FAULT_MS);
  } finally {
    await rig.postgres.start();
    backAt = Date.now();
  }
  const takes = await running;

  const all = tally(takes);
  const book = await ledger(rig.databaseUrl, takes);
  const recoveryA = recoveredAfter(takes, 'A', backAt);
  const recoveryB = recoveredAfter(takes, 'B', backAt);
  console.log(
    `fault postgres-stopped (down ${seconds(backAt - downAt)}): ${all.citizens} citizens, ${all.requests} requests, 2xx ${all.created + all.replayed} (${all.replayed} replays), ` +
      `503 SERVICE_UNAVAILABLE ${all.unavailable}, 500/other 5xx ${all.serverErrors}, other ${all.otherStatuses}, no answer ${all.noAnswer + all.clientTimeouts}, ` +
      `slowest answer ${all.slowestMs} ms; lost ${book.lost}, doubled ${book.doubled}; ` +
      `serving again after PostgreSQL was back: A ${recoveryA === null ? 'never' : seconds(recoveryA)}, B ${recoveryB === null ? 'never' : seconds(recoveryB)}`,
  );
  expect(readyWhileDown).toEqual([503, 503]);
  expect(tally(takes, during(downAt, backAt)).unavailable).toBeGreaterThan(0);
  expect({ serverErrors: all.serverErrors, otherStatuses: all.otherStatuses, noAnswer: all.noAnswer, clientTimeouts: all.clientTimeouts }).toEqual({
    serverErrors: 0,
    otherStatuses: 0,
    noAnswer: 0,
    clientTimeouts: 0,
  });
  expect(all.slowestMs).toBeLessThan(HANG_BOUND_MS);
  expect(book).toEqual({ rows: CITIZENS, lost: 0, doubled: 0, duplicateNumbers: 0 });
  // The same processes serve again, soon: nothing was restarted.
  expect(recoveryA).not.toBeNull();
  expect(recoveryB).not.toBeNull();
  expect(Math.max(recoveryA!, recoveryB!)).toBeLessThan(RECOVERY_BOUND_MS);
  expect([rig.a.process.isAlive(), rig.b.process.isAlive(), rig.a.pid, rig.b.pid]).toEqual([true, true, ...pids]);
  expect(await Promise.all([readyz(rig.a), readyz(rig.b)])).toEqual([200, 200]);
}, 90_000);

it('loses and doubles no ticket when an instance is SIGKILLed mid-request and clients retry on the other with their keys', async () => {
  const count = 90;
  const citizens = await signUp(rig.b, '69', count, rig.offerings);
  let killedAt = Number.POSITIVE_INFINITY;
  let inFlightAtKill = 0;
  // Everyone first asks A; every retry goes to B. A is killed once a fifth are done and many wait on it.
  const takes = await takeAll(citizens, {
    ...load,
    concurrency: 16,
    startEveryMs: 0,
    route: (_i, attempt) => (attempt === 0 ? rig.a : rig.b),
    onProgress: (state) => {
      if (killedAt === Number.POSITIVE_INFINITY && state.done >= count / 5 && state.inFlight >= 8) {
        killedAt = Date.now();
        inFlightAtKill = state.inFlight;
        rig.a.process.child.kill('SIGKILL');
      }
    },
  });
  // If the load ended before the kill condition held, say so rather than wait for A forever.
  expect(killedAt).toBeLessThan(Number.POSITIVE_INFINITY);
  await rig.a.process.exited;

  const all = tally(takes);
  const lastServed = Math.max(...takes.flatMap((t) => t.attempts).filter((a) => a.status === 200 || a.status === 201).map((a) => a.at + a.ms));
  const cut = tally(takes, (a) => a.instance === 'A' && a.status === null);
  const book = await ledger(rig.databaseUrl, takes);
  console.log(
    `fault instance-sigkilled: ${all.citizens} citizens, ${inFlightAtKill} requests in flight on A when it was killed, ${all.requests} requests, ` +
      `A's requests cut ${cut.requests}, 2xx ${all.created + all.replayed} (${all.replayed} replays of takes A had made), other ${all.serverErrors + all.otherStatuses}; ` +
      `lost ${book.lost}, doubled ${book.doubled}, ticket rows ${book.rows}, duplicate display numbers ${book.duplicateNumbers}; ` +
      `everyone served ${seconds(lastServed - killedAt)} after the kill`,
  );
  expect(killedAt).toBeLessThan(Number.POSITIVE_INFINITY);
  expect(cut.requests).toBeGreaterThan(0);
  expect(all.serverErrors + all.otherStatuses).toBe(0);
  expect(book).toEqual({ rows: count, lost: 0, doubled: 0, duplicateNumbers: 0 });
}, 90_000);
