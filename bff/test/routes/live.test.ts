// WS /api/live (issue 4 "Live"): a fresh view on connect and after every change, at most once a
// second per client; a ticket's holder only; across two BFF instances through Redis.
import type { WebSocket } from 'ws';
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;

interface Frame {
  type: string;
  data: { status?: string; counter?: { number: number } | null; waiting?: Array<{ letter: string; count: number }> };
  at: number;
}

function record(ws: WebSocket): Frame[] {
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push({ ...(JSON.parse(String(raw)) as Omit<Frame, 'at'>), at: Date.now() }));
  return frames;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for a live frame');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const waitingOf = (frame: Frame | undefined, letter: string) => frame?.data.waiting?.find((w) => w.letter === letter)?.count;

describe('WS /api/live on one instance (no Redis)', () => {
  let t: TestApp;
  let letter: string;
  let phone = 0;
  const citizen = () => t.login({ phone: `132${String((phone += 1)).padStart(8, '0')}` });
  const take = async (token: string) => (await t.as(token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).json();

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    letter = (await t.app.prisma.service.findUniqueOrThrow({ where: { id: SERVICE } })).categoryLetter;
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('sends the hall board on connect and after changes, at most once a second, with the latest state', async () => {
    const ws = await t.app.injectWS(`/api/live?officeId=${OFFICE}`);
    const frames = record(ws);
    await until(() => frames.length === 1);
    expect(frames[0]!.type).toBe('queue.board');
    const before = waitingOf(frames[0], letter)!;
    const takers = await Promise.all(Array.from({ length: 5 }, () => citizen()));
    for (const u of takers) await take(u.accessToken);
    await until(() => waitingOf(frames[frames.length - 1], letter) === before + 5);
    // Five changes, coalesced: never two frames less than a second apart.
    for (let i = 1; i < frames.length; i += 1) expect(frames[i]!.at - frames[i - 1]!.at).toBeGreaterThanOrEqual(990);
    expect(frames.length).toBeLessThanOrEqual(3);
    ws.terminate();
    await until(() => t.app.live.subscriberCount === 0);
  });

  it('tells a ticket’s holder it is called, live, and refuses anyone else', async () => {
    const holder = await citizen();
    const mine = await take(holder.accessToken);
    const ws = await t.app.injectWS(`/api/live?ticketId=${mine.id}&access_token=${holder.accessToken}`);
    const frames = record(ws);
    await until(() => frames.length === 1);
    expect(frames[0]).toMatchObject({ type: 'ticket.updated', data: { status: 'WAITING' } });
    await t.app.prisma.ticket.updateMany({ where: { status: 'WAITING', id: { not: mine.id } }, data: { status: 'CANCELLED', activeKey: null } });
    await t.app.prisma.counter.updateMany({ where: { officeId: OFFICE }, data: { state: 'OPEN' } });
    const clerk = await t.login({ phone: '13800000004' });
    await t.as(clerk.accessToken, { method: 'POST', url: `/api/counters/${COUNTER_IDS.countyCenter1}/call-next`, payload: {} });
    await until(() => frames.some((f) => f.data.status === 'CALLED'));
    expect(frames.find((f) => f.data.status === 'CALLED')!.data.counter).toMatchObject({ number: 1 });
    ws.terminate();

    const stranger = await citizen();
    await expect(t.app.injectWS(`/api/live?ticketId=${mine.id}&access_token=${stranger.accessToken}`)).rejects.toThrow(/404/);
    await expect(t.app.injectWS(`/api/live?ticketId=${mine.id}`)).rejects.toThrow(/401/);
    await expect(t.app.injectWS('/api/live?officeId=00000000-0000-4000-8000-000000000000')).rejects.toThrow(/404/);
  });
});

describe('WS /api/live across two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await build({ redis: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    b = await build({ redis: true, reset: false, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  it('shows on instance B a number taken on instance A', async () => {
    const letter = (await a.app.prisma.service.findUniqueOrThrow({ where: { id: SERVICE } })).categoryLetter;
    const ws = await b.app.injectWS(`/api/live?officeId=${OFFICE}`);
    const frames = record(ws);
    await until(() => frames.length === 1);
    const before = waitingOf(frames[0], letter)!;
    const { accessToken } = await a.login({ phone: '13199990001' });
    expect((await a.as(accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).statusCode).toBe(201);
    await until(() => waitingOf(frames[frames.length - 1], letter) === before + 1);
    ws.terminate();
  });
});
