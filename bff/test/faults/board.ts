// Live updates across instances for the fault tests: a hall board socket (WS /api/live?officeId=)
// held on one instance, and the clerk of window 1 calling numbers on the other.
import WebSocket from 'ws';
import { COUNTER_IDS } from '../../../seeds';
import type { Instance } from './instances';
import { postJson } from './load';
import { sleep } from './processes';

/** The seeded clerk of the county centre, who works window 1 there. */
const CLERK_PHONE = '13800000004';
const COUNTER_ID = COUNTER_IDS.countyCenter1;
const COUNTER_NUMBER = 1;
const REQUEST_TIMEOUT_MS = 10_000;

interface Frame {
  at: number;
  calling: string | null | undefined;
}

export interface BoardSocket {
  /** Resolves with the time a frame showing window 1 calling `displayNumber` arrived after `since`, or null after `ms`. */
  shows(displayNumber: string, since: number, ms: number): Promise<number | null>;
  close(): void;
}

export async function openBoard(instance: Instance, officeId: string): Promise<BoardSocket> {
  const ws = new WebSocket(`${instance.url.replace(/^http/, 'ws')}/api/live?officeId=${officeId}`);
  const frames: Frame[] = [];
  ws.on('message', (data) => {
    const board = (JSON.parse(String(data)) as { data?: { counters?: Array<{ number: number; calling: string | null }> } }).data;
    frames.push({ at: Date.now(), calling: board?.counters?.find((c) => c.number === COUNTER_NUMBER)?.calling });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first board from ${instance.name} within 10 s`)), 10_000);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  ws.on('error', () => undefined); // later errors show as frames that never come
  return {
    async shows(displayNumber, since, ms) {
      const end = Date.now() + ms;
      for (;;) {
        const frame = frames.find((f) => f.at >= since && f.calling === displayNumber);
        if (frame) return frame.at;
        if (Date.now() > end) return null;
        await sleep(20);
      }
    },
    close: () => ws.terminate(),
  };
}

export interface Window {
  /** Passes the number at the window (if any) and calls the next one; returns its display number. */
  callNext(): Promise<string>;
}

/** The clerk of window 1 of the county centre, working on `instance`. */
export async function openWindow(instance: Instance): Promise<Window> {
  const login = await postJson(`${instance.url}/api/auth/dev-login`, { phone: CLERK_PHONE }, {}, REQUEST_TIMEOUT_MS);
  if (login.status !== 200) throw new Error(`clerk dev-login → ${login.status} ${JSON.stringify(login.body)}`);
  const auth = { authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
  // Action POSTs carry no body (and so no content type).
  const act = async (path: string) => {
    const res = await fetch(`${instance.url}${path}`, { method: 'POST', headers: auth, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = (await res.json()) as unknown;
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  let current: string | null = null;
  return {
    async callNext() {
      if (current) await act(`/api/tickets/${current}/skip`);
      current = null;
      const { called } = (await act(`/api/counters/${COUNTER_ID}/call-next`)) as { called: { id: string; displayNumber: string } | null };
      if (!called) throw new Error('nobody is waiting at the county centre for window 1');
      current = called.id;
      return called.displayNumber;
    },
  };
}
