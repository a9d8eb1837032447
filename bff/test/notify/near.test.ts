// "Your turn is near" and "called" (DESIGN.md §4, issue 4 item 5) on real PostgreSQL: which changes
// write which outbox rows, once per ticket, under races, and never at the expense of the queue.
import { build, closeTestDatabase, type TestApp } from '../helper';
import { startAllStubs, type AllStubs } from '../stubs';
import { citizen, COUNTER_1, OFFICE, outbox, resetHall, subscribe, SERVICE, take } from './helpers';


// Stubs with fresh RSA keys and a seeded app per file: slow on 2 shared cores.
jest.setTimeout(30_000);

describe('turn-is-near and called notifications', () => {
  let stubs: AllStubs;
  let t: TestApp;
  let clerk: string;
  const callNext = () => t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/call-next`, payload: {} });
  const act = (id: string, step: string) => t.as(clerk, { method: 'POST', url: `/api/tickets/${id}/${step}`, payload: {} });
  const nearRows = async (ticketId?: string) => outbox(t, { kind: 'TICKET_NEAR', channel: 'IN_APP', ...(ticketId ? { ticketId } : {}) });

  beforeAll(async () => {
    stubs = await startAllStubs();
    t = await build({ env: { ...stubs.env, RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    clerk = (await t.login({ phone: '13800000004' })).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await stubs.close();
    await closeTestDatabase();
  });

  it('fires when 3 or fewer are ahead, once per ticket however many changes follow', async () => {
    // nearMinutes 0: only the people-ahead rule can fire here.
    await resetHall(t, { nearPeopleAhead: 3, nearMinutes: 0 });
    const people = await Promise.all(Array.from({ length: 6 }, () => citizen(t)));
    const tickets: string[] = [];
    for (const who of people) tickets.push(await take(t, who));
    // Places 0–3 are near at once; 4 and 5 are not yet.
    expect((await nearRows()).map((n) => n.ticketId).sort()).toEqual(tickets.slice(0, 4).sort());

    const first = (await callNext()).json().called;
    expect(first.id).toBe(tickets[0]);
    expect((await nearRows(tickets[4])).length).toBe(1);
    expect((await nearRows(tickets[5])).length).toBe(0);
    // Many more changes: every ticket is told once, and what was said matches the holder's view.
    await act(first.id, 'skip');
    for (let i = 0; i < 3; i += 1) {
      const next = (await callNext()).json().called;
      await act(next.id, 'start');
      await act(next.id, 'finish');
    }
    await t.as(people[0]!.token, { method: 'POST', url: `/api/tickets/${tickets[0]}/rejoin`, payload: {} });
    await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/pause`, payload: {} });
    await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/open`, payload: {} });
    const rows = await nearRows();
    expect(rows.length).toBe(6);
    expect(new Set(rows.map((n) => n.ticketId)).size).toBe(6);
    const fifth = rows.find((n) => n.ticketId === tickets[4])!;
    expect(fifth.userId).toBe(people[4]!.userId);
    expect(fifth.status).toBe('SENT');
    expect(fifth.payload).toMatchObject({ serviceName: '社会保障卡申领', peopleAhead: 3 });
    expect(JSON.stringify(fifth.payload)).not.toMatch(/1[3-9]\d{9}/);
    const claimed = await t.app.prisma.ticket.count({ where: { nearNotifiedAt: { not: null } } });
    expect(claimed).toBe(6);
  });

  it('fires on the estimate (upper bound ≤ nearMinutes) exactly where the ticket view says "near"', async () => {
    // One open window, 2 minutes a person: the upper estimate is ceil(ahead × 2 × 1.25) minutes,
    // ≤ 10 for up to 4 ahead; the people rule is off (nearPeopleAhead 0 fires only at the front).
    await resetHall(t, { nearPeopleAhead: 0, nearMinutes: 10 });
    await t.app.prisma.serviceTimeStat.create({ data: { serviceId: SERVICE, ewmaMinutes: 2, samples: 10 } });
    const people = await Promise.all(Array.from({ length: 7 }, () => citizen(t)));
    const tickets: string[] = [];
    for (const who of people) tickets.push(await take(t, who));
    const fired = new Set((await nearRows()).map((n) => n.ticketId));
    expect([...fired].sort()).toEqual(tickets.slice(0, 5).sort());
    for (const [i, id] of tickets.entries()) {
      const view = (await t.as(people[i]!.token, { method: 'GET', url: `/api/tickets/${id}` })).json();
      expect({ i, near: view.isTurnNear }).toEqual({ i, near: fired.has(id) });
    }
    const row = (await nearRows(tickets[4]))[0]!;
    expect(row.payload).toMatchObject({ peopleAhead: 4, estimateHighMinutes: 10 });
  });

  it('follows the office’s own settings and says nothing without an open window or an estimate', async () => {
    await resetHall(t, { open: [], nearPeopleAhead: 1, nearMinutes: 60 });
    const people = await Promise.all(Array.from({ length: 4 }, () => citizen(t)));
    const tickets: string[] = [];
    for (const who of people) tickets.push(await take(t, who));
    // No window open: no estimate, so only the 1-ahead rule counts.
    expect((await nearRows()).map((n) => n.ticketId).sort()).toEqual(tickets.slice(0, 2).sort());
  });

  it('claims a ticket once when changes race, on separate connections', async () => {
    await resetHall(t, { nearPeopleAhead: 0, nearMinutes: 0 });
    const people = await Promise.all(Array.from({ length: 8 }, () => citizen(t)));
    for (const who of people) await take(t, who);
    expect((await nearRows()).length).toBe(1);
    await t.app.prisma.officeQueueSettings.update({ where: { officeId: OFFICE }, data: { nearPeopleAhead: 20 } });
    const results = await Promise.all(Array.from({ length: 8 }, () => t.app.notify.enqueuer.enqueueNear(OFFICE)));
    expect(results.reduce((sum, r) => sum + r.inApp, 0)).toBe(7);
    const rows = await nearRows();
    expect(rows.length).toBe(8);
    expect(new Set(rows.map((n) => n.ticketId)).size).toBe(8);
  });

  it('tells the holder which window on every call and recall, and walk-ins nothing', async () => {
    await resetHall(t);
    const holder = await citizen(t);
    const mine = await take(t, holder);
    await callNext();
    await act(mine, 'recall');
    const called = await outbox(t, { kind: 'TICKET_CALLED' });
    expect(called.length).toBe(2);
    expect(called.every((n) => n.channel === 'IN_APP' && n.userId === holder.userId && n.ticketId === mine)).toBe(true);
    const messages = (await t.as(holder.token, { method: 'GET', url: '/api/messages' })).json();
    expect(messages.items[0]).toMatchObject({ kind: 'TICKET_CALLED', title: '请到 1 号窗口', ticketId: mine });
    expect(messages.items[0].body).toContain('1号窗口');

    await act(mine, 'start');
    await act(mine, 'finish');
    const walkIn = await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/walk-in`, payload: { serviceId: SERVICE } });
    expect(walkIn.statusCode).toBe(201);
    await callNext();
    expect(await outbox(t, { ticketId: walkIn.json().id })).toEqual([]);
  });

  it('adds a WeChat or Alipay row only with an account and an unused credit, consuming it', async () => {
    await resetHall(t);
    const { WECHAT_TEMPLATE_TICKET_NEAR: wxNear, ALIPAY_TEMPLATE_TICKET_NEAR: aliNear } = t.config;
    const subscribed = await citizen(t);
    const noCredit = await citizen(t);
    const both = await citizen(t);
    await subscribe(t, subscribed, 'WECHAT', 'o-near-1', wxNear);
    await subscribe(t, noCredit, 'WECHAT', 'o-near-2', wxNear, 0);
    await subscribe(t, both, 'WECHAT', 'o-near-3', wxNear);
    await subscribe(t, both, 'ALIPAY', '2088000000000003', aliNear);
    const [a, b, c] = [await take(t, subscribed), await take(t, noCredit), await take(t, both)];

    const wx = await outbox(t, { channel: 'WECHAT' });
    expect(wx.map((n) => [n.ticketId, n.recipient, n.templateId, n.status])).toEqual(
      expect.arrayContaining([
        [a, 'o-near-1', wxNear, 'PENDING'],
        [c, 'o-near-3', wxNear, 'PENDING'],
      ]),
    );
    expect(wx.some((n) => n.ticketId === b)).toBe(false);
    expect((await outbox(t, { channel: 'ALIPAY' })).map((n) => [n.ticketId, n.recipient])).toEqual([[c, '2088000000000003']]);
    const credits = await t.app.prisma.notificationSubscription.findMany({ where: { templateId: { in: [wxNear, aliNear] } } });
    expect(credits.every((s) => s.credits === 0)).toBe(true);
    // Called uses its own template: no credit for it, so in-app only.
    await callNext();
    expect((await outbox(t, { kind: 'TICKET_CALLED' })).map((n) => n.channel)).toEqual(['IN_APP']);
  });

  it('never fails the queue when the outbox cannot be written', async () => {
    await resetHall(t);
    const holder = await citizen(t);
    await take(t, holder);
    await t.app.prisma.$executeRawUnsafe('ALTER TABLE "Notification" RENAME TO "NotificationAway"');
    try {
      const res = await callNext();
      expect(res.statusCode).toBe(200);
      expect(res.json().called.status).toBe('CALLED');
      const other = await citizen(t);
      expect((await t.as(other.token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).statusCode).toBe(201);
      await t.app.notify.enqueuer.settled();
    } finally {
      await t.app.prisma.$executeRawUnsafe('ALTER TABLE "NotificationAway" RENAME TO "Notification"');
    }
    expect(t.logs.some((line) => line.includes('called notification not written'))).toBe(true);
  });
});
