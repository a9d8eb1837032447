// The window's side of the queue on real PostgreSQL (DESIGN.md §4, issue 4 "Calling").
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const COUNTER_1 = COUNTER_IDS.countyCenter1;
const COUNTER_2 = COUNTER_IDS.countyCenter2;

describe('calling numbers at a window', () => {
  let t: TestApp;
  let clerk: string;
  let phone = 0;
  const citizen = () => t.login({ phone: `134${String((phone += 1)).padStart(8, '0')}` });
  const take = async (token: string) => (await t.as(token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).json();
  const callNext = (counterId: string = COUNTER_1, token: string = clerk) => t.as(token, { method: 'POST', url: `/api/counters/${counterId}/call-next`, payload: {} });
  const act = (id: string, step: string, token = clerk) => t.as(token, { method: 'POST', url: `/api/tickets/${id}/${step}`, payload: {} });

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    clerk = (await t.login({ phone: '13800000004' })).accessToken;
  });
  beforeEach(async () => {
    await t.app.prisma.$executeRawUnsafe('TRUNCATE "Ticket", "TicketEvent", "TicketSequence", "TicketQuota", "OfficeQueueSettings", "ServiceTimeStat" CASCADE');
    await t.app.prisma.counter.updateMany({ where: { officeId: OFFICE }, data: { state: 'OPEN' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('calls the elderly before the normal line, tells the holder which window, and logs the clerk', async () => {
    const normal = await take((await citizen()).accessToken);
    const elder = await t.login({ phone: '13800000002' });
    const elderTicket = await take(elder.accessToken);
    const first = (await callNext()).json().called;
    expect(first.id).toBe(elderTicket.id);
    const seen = (await t.as(elder.accessToken, { method: 'GET', url: `/api/tickets/${elderTicket.id}` })).json();
    expect(seen).toMatchObject({ status: 'CALLED', counter: { number: 1 }, isTurnNear: true, peopleAhead: null });
    await act(first.id, 'skip');
    expect((await callNext()).json().called.id).toBe(normal.id);
    const audit = await t.app.prisma.auditLog.count({ where: { action: 'office.operate', result: 'ALLOW' } });
    expect(audit).toBeGreaterThanOrEqual(3);
  });

  it('never lets a normal ticket be passed by more than N priority tickets in a row', async () => {
    await t.app.prisma.officeQueueSettings.create({ data: { officeId: OFFICE, maxPriorityStreak: 1 } });
    const normal = await take((await citizen()).accessToken);
    await t.app.prisma.ticket.update({ where: { id: normal.id }, data: { queuedAt: new Date(Date.now() - 60_000) } });
    const elders = [];
    for (let i = 0; i < 2; i += 1) {
      const e = await take((await citizen()).accessToken);
      await t.app.prisma.ticket.update({ where: { id: e.id }, data: { priority: 'ELDERLY' } });
      elders.push(e.id);
    }
    const order: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const called = (await callNext()).json().called;
      order.push(called.id);
      await act(called.id, 'skip');
    }
    expect(order).toEqual([elders[0], normal.id, elders[1]]);
  });

  it('never gives one ticket to two windows calling at the same moment', async () => {
    await take((await citizen()).accessToken);
    await take((await citizen()).accessToken);
    const [a, b] = await Promise.all([callNext(COUNTER_1), callNext(COUNTER_2)]);
    expect(a.json().called.id).not.toBe(b.json().called.id);
    expect(await t.app.prisma.ticket.count({ where: { status: 'CALLED' } })).toBe(2);
  });

  it('says nobody waits, refuses a closed or busy window, and other offices’ clerks', async () => {
    expect((await callNext()).json()).toEqual({ called: null });
    await take((await citizen()).accessToken);
    await take((await citizen()).accessToken);
    await callNext();
    expect(errorCodeOf(await callNext())).toBe('COUNTER_BUSY');
    await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_2}/pause`, payload: {} });
    expect(errorCodeOf(await callNext(COUNTER_2))).toBe('COUNTER_NOT_OPEN');
    const townClerk = await t.app.prisma.user.findFirstOrThrow({ where: { roles: { has: 'CLERK' }, officeId: { not: OFFICE } } });
    const other = await t.login({ userId: townClerk.id });
    expect((await callNext(COUNTER_1, other.accessToken)).statusCode).toBe(403);
    expect((await callNext(COUNTER_1, (await citizen()).accessToken)).statusCode).toBe(403);
  });

  it('moves a ticket only along its life cycle, and learns the service time on finishing', async () => {
    await take((await citizen()).accessToken);
    const called = (await callNext()).json().called;
    const early = await act(called.id, 'finish');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('该号码已叫号，不能办结');
    expect((await act(called.id, 'recall')).json().status).toBe('CALLED');
    expect((await act(called.id, 'start')).json().status).toBe('SERVING');
    expect((await act(called.id, 'finish')).json().status).toBe('DONE');
    expect(errorCodeOf(await act(called.id, 'skip'))).toBe('TICKET_STATE');
    const stat = await t.app.prisma.serviceTimeStat.findUniqueOrThrow({ where: { serviceId: SERVICE } });
    expect(stat.samples).toBe(1);
    const events = await t.app.prisma.ticketEvent.findMany({ where: { ticketId: called.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['ISSUED', 'CALLED', 'RECALL', 'START', 'FINISH']);
  });

  it('lets a skipped holder rejoin once, behind three people', async () => {
    const holder = await citizen();
    const mine = await take(holder.accessToken);
    for (let i = 0; i < 4; i += 1) await take((await citizen()).accessToken);
    const called = (await callNext()).json().called;
    expect(called.id).toBe(mine.id);
    await act(mine.id, 'skip');
    const back = await t.as(holder.accessToken, { method: 'POST', url: `/api/tickets/${mine.id}/rejoin`, payload: {} });
    expect(back.json()).toMatchObject({ status: 'WAITING', peopleAhead: 3 });
    await callNext().then((r) => act(r.json().called.id, 'skip'));
    await t.app.prisma.ticket.update({ where: { id: mine.id }, data: { status: 'SKIPPED' } });
    const again = await t.as(holder.accessToken, { method: 'POST', url: `/api/tickets/${mine.id}/rejoin`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('只能重新排队一次');
  });
});
