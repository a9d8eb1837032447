// The window's side of the queue on real PostgreSQL (DESIGN.md §4, issue 4 "Calling").
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { activeKeyOf } from '../../src/queue/tickets';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const COUNTER_1 = COUNTER_IDS.countyCenter1;
const COUNTER_2 = COUNTER_IDS.countyCenter2;
/** Serves only C (户籍): not a window for SERVICE's letter B. */
const COUNTER_5 = COUNTER_IDS.countyCenter5;

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
    await resetQueue(t, OFFICE);
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
    // Another hall's window is not there for them (the same 404 as a window that does not exist).
    expect((await callNext(COUNTER_1, other.accessToken)).statusCode).toBe(404);
    expect((await callNext(COUNTER_1, (await citizen()).accessToken)).statusCode).toBe(404);
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

  it('does not let a number left unfinished yesterday stop the person queuing today', async () => {
    const holder = await citizen();
    const old = await take(holder.accessToken);
    // As if taken yesterday and never finished (the person went home, nobody pressed 办结).
    await t.app.prisma.ticket.update({
      where: { id: old.id },
      data: { businessDate: new Date('2026-11-22T00:00:00Z'), activeKey: activeKeyOf(holder.user.id, OFFICE, SERVICE, '2026-11-22') },
    });
    const today = await t.as(holder.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } });
    expect(today.statusCode).toBe(201);
    // Still one a day: a second take today is refused.
    const again = await t.as(holder.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } });
    expect(errorCodeOf(again)).toBe('TICKET_ALREADY_ACTIVE');
  });

  it('keeps the first call time on a recall and shows the recall on the board', async () => {
    const mine = await take((await citizen()).accessToken);
    await callNext();
    const calledAt = (await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: mine.id } })).calledAt;
    const board = async () => (await t.app.inject({ method: 'GET', url: `/api/offices/${OFFICE}/queue` })).json().counters.find((c: { number: number }) => c.number === 1);
    expect(await board()).toMatchObject({ calling: mine.displayNumber, recalls: 0 });
    expect((await act(mine.id, 'recall')).statusCode).toBe(200);
    expect((await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: mine.id } })).calledAt).toEqual(calledAt);
    expect(await board()).toMatchObject({ calling: mine.displayNumber, recalls: 1 });
  });

  it('lists the day\'s latest calls on the board, newest first, finished ones included', async () => {
    const a = await take((await citizen()).accessToken);
    const b = await take((await citizen()).accessToken);
    await callNext(COUNTER_1);
    await act(a.id, 'start');
    await act(a.id, 'finish');
    await callNext(COUNTER_2);
    const board = (await t.app.inject({ method: 'GET', url: `/api/offices/${OFFICE}/queue` })).json();
    expect(board.recent).toEqual([
      { displayNumber: b.displayNumber, counterNumber: 2, calledAt: expect.any(String) },
      { displayNumber: a.displayNumber, counterNumber: 1, calledAt: expect.any(String) },
    ]);
    expect(board.counters.find((c: { number: number }) => c.number === 1).calling).toBeNull();
  });

  it('counts both of two services finished at the same moment in the service-time average', async () => {
    const a = await take((await citizen()).accessToken);
    const b = await take((await citizen()).accessToken);
    expect((await callNext(COUNTER_1)).json().called.id).toBe(a.id);
    expect((await callNext(COUNTER_2)).json().called.id).toBe(b.id);
    await act(a.id, 'start');
    await act(b.id, 'start');
    const [fa, fb] = await Promise.all([act(a.id, 'finish'), act(b.id, 'finish')]);
    expect([fa.statusCode, fb.statusCode]).toEqual([200, 200]);
    expect((await t.app.prisma.serviceTimeStat.findUniqueOrThrow({ where: { serviceId: SERVICE } })).samples).toBe(2);
  });

  it('will not close a window with a number at it, and hands numbers reserved for it back when it closes', async () => {
    const a = await take((await citizen()).accessToken);
    await take((await citizen()).accessToken);
    await callNext(COUNTER_1);
    const busy = await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/close`, payload: {} });
    expect(busy.statusCode).toBe(409);
    expect(errorCodeOf(busy)).toBe('COUNTER_BUSY');
    expect((await t.app.prisma.counter.findUniqueOrThrow({ where: { id: COUNTER_1 } })).state).toBe('OPEN');
    // Pausing (no new calls) is fine with a number at the window.
    expect((await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/pause`, payload: {} })).statusCode).toBe(200);
    // Transferred to window 2, then window 2 closes: the number waits for any window again.
    const moved = (await t.as(clerk, { method: 'POST', url: `/api/tickets/${a.id}/transfer`, payload: { counterId: COUNTER_2 } })).json();
    expect(moved.counter).toMatchObject({ number: 2 });
    expect((await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_2}/close`, payload: {} })).statusCode).toBe(200);
    expect((await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: moved.id } })).counterId).toBeNull();
  });

  it('refuses a transfer to a closed window or one that does not serve the number’s letter', async () => {
    const mine = await take((await citizen()).accessToken);
    await callNext(COUNTER_1);
    const wrong = await t.as(clerk, { method: 'POST', url: `/api/tickets/${mine.id}/transfer`, payload: { counterId: COUNTER_5 } });
    expect(wrong.statusCode).toBe(409);
    expect(errorCodeOf(wrong)).toBe('COUNTER_WRONG_SERVICE');
    await t.app.prisma.counter.update({ where: { id: COUNTER_2 }, data: { state: 'CLOSED' } });
    const closed = await t.as(clerk, { method: 'POST', url: `/api/tickets/${mine.id}/transfer`, payload: { counterId: COUNTER_2 } });
    expect(errorCodeOf(closed)).toBe('COUNTER_NOT_OPEN');
    expect((await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe('CALLED');
  });

  it('keeps a transferred number the holder’s: same taker and channel, the clerk only in its log', async () => {
    const holder = await citizen();
    const mine = await take(holder.accessToken);
    await callNext(COUNTER_1);
    const moved = await t.as(clerk, { method: 'POST', url: `/api/tickets/${mine.id}/transfer`, payload: { counterId: COUNTER_2 } });
    expect(moved.statusCode).toBe(200);
    const row = await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: moved.json().id }, include: { events: true } });
    expect(row).toMatchObject({ subjectId: holder.user.id, actorId: holder.user.id, channel: 'ONLINE' });
    const clerkId = (await t.login({ phone: '13800000004' })).user.id;
    expect(row.events.map((e) => e.actorId)).toEqual([clerkId]);
    const seen = (await t.as(holder.accessToken, { method: 'GET', url: `/api/tickets/${row.id}` })).json();
    expect(seen.onBehalfOf).toBeNull();
    const clerkList = (await t.as(clerk, { method: 'GET', url: '/api/tickets' })).json().items.map((i: { id: string }) => i.id);
    expect(clerkList).not.toContain(row.id);
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

describe('walk-ins and transfers at the window', () => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    // A Monday evening: remote takes are closed, the window still serves walk-ins.
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', PALM_CLOCK: '2026-11-23T21:00:00+08:00' } });
    clerk = (await t.login({ phone: '13800000004' })).accessToken;
    await t.app.prisma.counter.updateMany({ where: { officeId: OFFICE }, data: { state: 'OPEN' } });
    await t.app.prisma.officeService.update({ where: { officeId_serviceId: { officeId: OFFICE, serviceId: SERVICE } }, data: { dailyTicketCapacity: 0 } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const walkIn = (serviceId = SERVICE, counterId: string = COUNTER_1) =>
    t.as(clerk, { method: 'POST', url: `/api/counters/${counterId}/walk-in`, payload: { serviceId } });

  it('issues a number at the window for someone without a phone, even with no remote capacity and after hours', async () => {
    const res = await walkIn();
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'WAITING', channel: 'WINDOW', onBehalfOf: null });
    const row = await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: res.json().id } });
    expect(row.subjectId).toBeNull();
  });

  it('prints one number for a walk-in tapped twice or retried with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'walk-in-retry-0001' };
    const first = await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/walk-in`, payload: { serviceId: SERVICE }, headers });
    const again = await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/walk-in`, payload: { serviceId: SERVICE }, headers });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
    const other = await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/walk-in`, payload: { serviceId: SERVICE }, headers: { 'idempotency-key': 'walk-in-retry-0002' } });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });

  it('transfers a called ticket to another window: a new number keeps the place and waits for that window only', async () => {
    await t.app.prisma.$executeRawUnsafe('TRUNCATE "Ticket", "TicketEvent", "TicketSequence" CASCADE');
    const first = (await walkIn()).json();
    const second = (await walkIn()).json();
    const called = (await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/call-next`, payload: {} })).json().called;
    expect(called.id).toBe(first.id);
    const moved = await t.as(clerk, { method: 'POST', url: `/api/tickets/${first.id}/transfer`, payload: { counterId: COUNTER_2 } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'WAITING', counter: { number: 2 } });
    expect(moved.json().displayNumber).not.toBe(first.displayNumber);
    expect((await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('TRANSFERRED');
    // Window 1 never gets it; window 2 gets it first (it kept its place ahead of the second walk-in).
    const next1 = (await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/call-next`, payload: {} })).json().called;
    expect(next1.id).toBe(second.id);
    const next2 = (await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_2}/call-next`, payload: {} })).json().called;
    expect(next2.id).toBe(moved.json().id);
    // A ticket no longer at a window cannot be transferred.
    const again = await t.as(clerk, { method: 'POST', url: `/api/tickets/${first.id}/transfer`, payload: { counterId: COUNTER_2 } });
    expect(errorCodeOf(again)).toBe('TICKET_STATE');
  });

  it('transfers a holder’s ticket to another service keeping one active ticket per person', async () => {
    await t.app.prisma.$executeRawUnsafe('TRUNCATE "Ticket", "TicketEvent", "TicketSequence" CASCADE');
    const holder = await t.login({ phone: '13800000001' });
    // Taken at the window for a known resident: give it to the holder by hand (remote takes are closed now).
    const mine = (await walkIn()).json();
    await t.app.prisma.ticket.update({ where: { id: mine.id }, data: { subjectId: holder.user.id, activeKey: activeKeyOf(holder.user.id, OFFICE, SERVICE, mine.businessDate) } });
    await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/call-next`, payload: {} });
    const moved = await t.as(clerk, { method: 'POST', url: `/api/tickets/${mine.id}/transfer`, payload: { serviceId: SERVICE } });
    expect(moved.statusCode).toBe(200);
    const seen = (await t.as(holder.accessToken, { method: 'GET', url: `/api/tickets/${moved.json().id}` })).json();
    expect(seen.status).toBe('WAITING');
  });
});
