// WS /api/live holds at most LIVE_SOCKETS_PER_ADDRESS open sockets per client address: one more is
// refused before the upgrade with 429 in the error shape, and a place comes back when a socket
// closes — or when an upgrade is refused or its handshake fails. Over real TCP connections (the
// places are tied to them), behind a proxy (TRUST_PROXY: the address is the X-Forwarded-For one).
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { OFFICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const CAP = 3;

type Outcome = { opened: WebSocket } | { refused: { status: number; body: string; retryAfter: string | undefined } };

describe('WS /api/live: open sockets per client address', () => {
  let t: TestApp;
  let origin: string;
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    t = await build({ env: { LIVE_SOCKETS_PER_ADDRESS: String(CAP), TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '100000' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate();
    await until(() => t.app.live.subscriberCount === 0);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  /** A board socket from `ip`: open (after its first frame), or the HTTP reply that refused it. */
  const open = (ip: string, query = `officeId=${OFFICE}`) =>
    new Promise<Outcome>((resolve, reject) => {
      const ws = new WebSocket(`ws://${origin}/api/live?${query}`, { headers: { 'x-forwarded-for': ip } });
      ws.once('message', () => {
        clients.push(ws);
        resolve({ opened: ws });
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += String(chunk)));
        res.on('end', () => resolve({ refused: { status: res.statusCode ?? 0, body, retryAfter: res.headers['retry-after'] } }));
      });
      ws.once('error', reject);
    });
  const isOpen = (outcome: Outcome) => 'opened' in outcome;
  const statusOf = (outcome: Outcome) => ('refused' in outcome ? outcome.refused.status : 101);

  /** A place is given back when the server sees the close, a moment after the client's. */
  async function until(check: () => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  /** Tries to open from `ip` until it opens or `ms` pass; the last outcome. */
  async function openWithin(ip: string, ms: number): Promise<Outcome> {
    const end = Date.now() + ms;
    let outcome = await open(ip);
    while (!isOpen(outcome) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 20));
      outcome = await open(ip);
    }
    return outcome;
  }
  /** Opens from `ip` until one is refused (at most CAP + 1 tries); how many opened. */
  async function openUntilRefused(ip: string): Promise<number> {
    for (let n = 0; n <= CAP; n += 1) if (!isOpen(await open(ip))) return n;
    throw new Error('never refused');
  }

  it('refuses the socket after the cap from one address with 429 in the error shape; other addresses are counted apart', async () => {
    const first = await Promise.all(Array.from({ length: CAP }, () => open('203.0.113.7')));
    expect(first.map(statusOf)).toEqual(Array(CAP).fill(101));
    const refused = await open('203.0.113.7');
    if (!('refused' in refused)) throw new Error('the socket over the cap was accepted');
    expect(refused.refused.status).toBe(429);
    expect(JSON.parse(refused.refused.body)).toEqual({
      error: { code: 'RATE_LIMITED', message: '同一网络打开的实时连接太多，请关闭不用的页面后再试', details: { retryAfterSeconds: 30 } },
    });
    expect(refused.refused.retryAfter).toBe('30');
    // The sockets already open are untouched; another address opens its own.
    expect(t.app.live.subscriberCount).toBe(CAP);
    expect(statusOf(await open('203.0.113.8'))).toBe(101);
  });

  it('gives a place back when a socket closes: the next one from that address is accepted', async () => {
    const opened = await Promise.all(Array.from({ length: CAP }, () => open('203.0.113.9')));
    expect(statusOf(await open('203.0.113.9'))).toBe(429);
    const [closing] = opened;
    if (!closing || !('opened' in closing)) throw new Error('not open');
    await new Promise((resolve) => {
      closing.opened.once('close', resolve);
      closing.opened.close();
    });
    // The server gives the place back as its end of the connection closes, a moment after the client's.
    expect(statusOf(await openWithin('203.0.113.9', 2000))).toBe(101);
    expect(statusOf(await open('203.0.113.9'))).toBe(429);
  });

  it('holds no place for a parallel burst beyond the cap, for an upgrade refused by a hook, or for a failed handshake', async () => {
    // A burst: the check and the count are one step, so no more than the cap get through.
    const burst = await Promise.all(Array.from({ length: CAP * 4 }, () => open('203.0.113.10')));
    expect(burst.filter(isOpen)).toHaveLength(CAP);
    for (const ws of clients.splice(0)) ws.terminate();
    await until(() => t.app.live.subscriberCount === 0);

    // Refused after the place was taken: an unknown hall (404), a ticket without sign-in (401).
    for (let i = 0; i < CAP + 2; i += 1) {
      expect(statusOf(await open('203.0.113.11', 'officeId=00000000-0000-4000-8000-000000000000'))).toBe(404);
      expect(statusOf(await open('203.0.113.11', 'ticketId=00000000-0000-4000-8000-000000000000'))).toBe(401);
    }
    // A handshake the ws server rejects after every hook passed (a malformed Sec-WebSocket-Key).
    for (let i = 0; i < CAP + 2; i += 1) expect(await badHandshake('203.0.113.11')).toMatch(/^HTTP\/1\.1 400 /);
    // Nothing was left holding a place: the address still opens the full cap, and no more.
    expect(await openUntilRefused('203.0.113.11')).toBe(CAP);
  });

  /** An upgrade request with a key the ws server refuses; the status line it gets. */
  const badHandshake = (ip: string) =>
    new Promise<string>((resolve, reject) => {
      const [host, port] = origin.split(':');
      const socket = connect({ host, port: Number(port) }, () => {
        socket.write(
          [
            `GET /api/live?officeId=${OFFICE} HTTP/1.1`,
            `Host: ${origin}`,
            'Connection: Upgrade',
            'Upgrade: websocket',
            'Sec-WebSocket-Version: 13',
            'Sec-WebSocket-Key: not-a-key',
            `X-Forwarded-For: ${ip}`,
            '',
            '',
          ].join('\r\n'),
        );
      });
      let reply = '';
      socket.on('data', (chunk) => (reply += String(chunk)));
      socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
});
