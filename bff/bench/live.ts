// Live-event latency (DESIGN.md §7): 1,000 WebSocket hall-board subscribers (`WS /api/live?officeId=`),
// half on BFF instance A and half on B (sharing Redis and the database); the clerk of window 1
// works on A — call next, start, finish, over and over — and each call and finish is timed from the
// moment the request is sent until each subscriber has the board that shows it (window 1 calling
// the number, or no longer calling it). A start changes nothing a board shows, so boards are sent
// nothing for it (live.ts sends no repeat of a client's last message); it is done untimed. Events are spaced so that no subscriber's 1-message-a-second
// limit (queue/live.ts) holds an event back: the next is sent ≥ 1.1 s after the last subscriber
// received the previous one, so every figure is fan-out latency, not throttling.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { COUNTER_IDS, SERVICE_IDS } from '../../seeds';
import { percentile, sleep } from './lib';
import { accessToken, createUsers, LIVE_OFFICE } from './tickets';

const SUBSCRIBERS = Number(process.env.BENCH_LIVE_SUBSCRIBERS ?? 1000);
const EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 20);
const COUNTER = COUNTER_IDS.countyCenter1;
const COUNTER_NUMBER = 1;
const CLERK_PHONE = '13800000004';
const EVENT_TIMEOUT_MS = 20_000;
const QUIET_MS = 1100;

interface Frame {
  at: number;
  raw: string;
}

interface Subscriber {
  ws: WebSocket;
  instance: 'A' | 'B';
  frames: Frame[];
}

interface Board {
  counters: Array<{ number: number; calling: string | null }>;
}

type Action = 'call' | 'finish';

export interface LiveEvent {
  action: Action;
  /** Milliseconds from sending the clerk's request to each subscriber's board, per instance. */
  latencies: { A: number[]; B: number[] };
  /** Subscribers whose first frame after the request showed the event. */
  received: number;
  requestMs: number;
}

export interface LiveResult {
  subscribers: { A: number; B: number };
  events: LiveEvent[];
  connectMs: number;
}

function connect(url: string, instance: 'A' | 'B', opened: WebSocket[]): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    opened.push(ws);
    const sub: Subscriber = { ws, instance, frames: [] };
    const timer = setTimeout(() => reject(new Error(`no first board from ${url} within 30 s`)), 30_000);
    ws.on('error', () => undefined); // after the first board an error shows as a missing delivery
    ws.on('message', (data) => {
      sub.frames.push({ at: performance.now(), raw: String(data) });
      if (sub.frames.length === 1) {
        clearTimeout(timer);
        resolve(sub);
      }
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`subscriber closed before its first board (${code})`));
    });
  });
}

/** This process holds every subscriber's socket (each instance half of them): check the limit first. */
function checkFileLimit(): void {
  let limits = '';
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return; // not Linux: let connect() report any failure
  }
  const soft = Number(/Max open files\s+(\d+)/.exec(limits)?.[1]);
  if (Number.isFinite(soft) && soft < SUBSCRIBERS + 256) {
    throw new Error(`live bench: open-file limit ${soft} is too low for ${SUBSCRIBERS} WebSockets (raise it with ulimit -n ${SUBSCRIBERS + 1024})`);
  }
}

async function post(url: string, token: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) return false;
    await sleep(5);
  }
  return true;
}

export async function liveScenario(urlA: string, urlB: string): Promise<LiveResult> {
  const login = await fetch(`${urlA}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: CLERK_PHONE }) });
  if (!login.ok) throw new Error(`clerk dev-login → ${login.status}`);
  const clerk = ((await login.json()) as { accessToken: string }).accessToken;
  // People waiting at the county centre for window 1 to call.
  const cycles = Math.ceil(EVENTS / 2);
  for (const id of await createUsers(cycles + 2, 'bench live citizen')) {
    const res = await fetch(`${urlA}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken(id)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ officeId: LIVE_OFFICE, serviceId: SERVICE_IDS.socialSecurityCardApply }),
    });
    if (res.status !== 201) throw new Error(`live bench: taking a number → ${res.status} ${await res.text()}`);
  }

  checkFileLimit();
  const subscribers: Subscriber[] = [];
  const opened: WebSocket[] = [];
  const started = performance.now();
  try {
    // 50 at a time: each connection's first board costs the instance a few queries.
    for (let i = 0; i < SUBSCRIBERS; i += 50) {
      const batch = Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_x, j) => {
        const instance = (i + j) % 2 === 0 ? 'A' : 'B';
        return connect(`${(instance === 'A' ? urlA : urlB).replace(/^http/, 'ws')}/api/live?officeId=${LIVE_OFFICE}`, instance, opened);
      });
      subscribers.push(...(await Promise.all(batch)));
    }
    const connectMs = performance.now() - started;
    await sleep(QUIET_MS);

    const events: LiveEvent[] = [];
    let calling: string | null = null;
    let ticketId: string | null = null;
    for (let e = 0; e < EVENTS; e += 1) {
      const action: Action = e % 2 === 0 ? 'call' : 'finish';
      if (action === 'finish') {
        // Untimed, and a second before the finish: the office's next rendering is due then.
        await post(`${urlA}/api/tickets/${ticketId}/start`, clerk);
        await sleep(QUIET_MS);
      }
      const seen = subscribers.map((s) => s.frames.length);
      const t0 = performance.now();
      if (action === 'call') {
        const { called } = (await post(`${urlA}/api/counters/${COUNTER}/call-next`, clerk)) as { called: { id: string; displayNumber: string } | null };
        if (!called) throw new Error('live bench: nobody left to call');
        ({ id: ticketId, displayNumber: calling } = called);
      } else {
        await post(`${urlA}/api/tickets/${ticketId}/${action}`, clerk);
        if (action === 'finish') calling = null;
      }
      const requestMs = performance.now() - t0;
      await until(() => subscribers.every((s, i) => s.frames.length > seen[i]!), EVENT_TIMEOUT_MS);
      const event: LiveEvent = { action, latencies: { A: [], B: [] }, received: 0, requestMs };
      let last = t0;
      subscribers.forEach((s, i) => {
        const frame = s.frames[seen[i]!];
        if (!frame) return;
        const board = (JSON.parse(frame.raw) as { data: Board }).data;
        if (board.counters.find((c) => c.number === COUNTER_NUMBER)?.calling !== calling) return;
        event.received += 1;
        event.latencies[s.instance].push(frame.at - t0);
        last = Math.max(last, frame.at);
      });
      events.push(event);
      // Past every subscriber's once-a-second window before the next event.
      await sleep(Math.max(0, last + QUIET_MS - performance.now()));
    }
    return { subscribers: { A: subscribers.filter((s) => s.instance === 'A').length, B: subscribers.filter((s) => s.instance === 'B').length }, events, connectMs };
  } finally {
    // Every socket opened, also those of a batch that failed: a clean close, or cut after 2 s.
    await Promise.all(
      opened.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close();
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2000).unref();
          }),
      ),
    );
  }
}

export function liveLines(result: LiveResult): string[] {
  const all = result.events.flatMap((e) => [...e.latencies.A, ...e.latencies.B]).sort((a, b) => a - b);
  const of = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms`;
  };
  const total = result.subscribers.A + result.subscribers.B;
  const received = result.events.map((e) => e.received);
  const lines = [
    `Live: clerk action on instance A → ${total} WebSocket hall-board subscribers (${result.subscribers.A} on A, ${result.subscribers.B} on B, Redis pub/sub between them), ${result.events.length} events ≥ 1.1 s apart`,
    `  all events:            ${of(all)}  (${all.length} deliveries)`,
  ];
  for (const action of ['call', 'finish'] as const) {
    const events = result.events.filter((e) => e.action === action);
    if (events.length) lines.push(`  ${`${action} (${events.length})`.padEnd(22)} ${of(events.flatMap((e) => [...e.latencies.A, ...e.latencies.B]))}`);
  }
  lines.push(`  subscribers on A:      ${of(result.events.flatMap((e) => e.latencies.A))}`);
  lines.push(`  subscribers on B:      ${of(result.events.flatMap((e) => e.latencies.B))}`);
  lines.push(`  clerk request itself:  ${of(result.events.map((e) => e.requestMs))}`);
  lines.push(`  received per event:    min ${Math.min(...received)} / ${total}, ${received.filter((n) => n === total).length} of ${received.length} events reached every subscriber`);
  lines.push(`  opening ${total} subscribers (50 at a time, first board each): ${(result.connectMs / 1000).toFixed(1)} s`);
  return lines;
}
