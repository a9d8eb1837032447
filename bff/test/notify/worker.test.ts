// The outbox worker against the local WeChat and Alipay stubs (which check credentials, tokens,
// RSA2 signatures and field limits as the real parties do): sending, retrying, failing, and two
// workers never sending one row twice.
import { randomUUID } from 'node:crypto';
import { NotificationWorker } from '../../src/notify/worker';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { startAllStubs, type AllStubs } from '../stubs';
import { citizen, COUNTER_1, outbox, resetHall, subscribe, SERVICE, take, type Citizen } from './helpers';


// Stubs with fresh RSA keys and a seeded app per file: slow on 2 shared cores.
jest.setTimeout(30_000);

describe('notification worker', () => {
  let stubs: AllStubs;
  let t: TestApp;
  const worker = (maxAttempts = 5, batchSize = 20) =>
    new NotificationWorker(t.app.prisma, t.resources.integrations, t.resources.clock, t.app.log, { batchSize, maxAttempts, miniprogramState: 'formal' });
  /** Makes every waiting retry due now. */
  const fastForward = () => t.app.prisma.notification.updateMany({ where: { status: 'PENDING' }, data: { nextAttemptAt: new Date(0) } });

  beforeAll(async () => {
    stubs = await startAllStubs();
    t = await build({ env: { ...stubs.env, RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await resetHall(t);
    stubs.wechat.sent.length = 0;
    stubs.alipay.sentMessages.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await stubs.close();
    await closeTestDatabase();
  });

  /** A citizen subscribed to "near" on WeChat, with a ticket that is near at once. */
  const nearOnWechat = async (openId: string): Promise<{ who: Citizen; ticketId: string }> => {
    const who = await citizen(t);
    await subscribe(t, who, 'WECHAT', openId, t.config.WECHAT_TEMPLATE_TICKET_NEAR);
    const ticketId = await take(t, who);
    expect((await outbox(t, { channel: 'WECHAT', ticketId })).length).toBe(1);
    return { who, ticketId };
  };

  it('sends a WeChat subscribe message to the right person with the template’s data', async () => {
    const { ticketId } = await nearOnWechat('o-worker-1');
    expect(await t.app.notify.worker.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(stubs.wechat.sent).toHaveLength(1);
    const sent = stubs.wechat.sent[0]!;
    const ticket = await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(sent).toMatchObject({
      touser: 'o-worker-1',
      template_id: t.config.WECHAT_TEMPLATE_TICKET_NEAR,
      page: `pages/ticket/index?id=${ticketId}`,
      miniprogram_state: 'formal',
      data: {
        character_string1: { value: ticket.displayNumber },
        thing2: { value: '社会保障卡申领' },
        number3: { value: '0' },
        thing5: { value: '请留意叫号，过号可重新排队一次' },
      },
    });
    const [row] = await outbox(t, { channel: 'WECHAT' });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(row!.sentAt).not.toBeNull();
    // Sent once: a second pass finds nothing due.
    expect(await t.app.notify.worker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
  });

  it('sends "called" with the window and a WeChat time value', async () => {
    const who = await citizen(t);
    await subscribe(t, who, 'WECHAT', 'o-worker-called', t.config.WECHAT_TEMPLATE_TICKET_CALLED);
    await take(t, who);
    const clerk = (await t.login({ phone: '13800000004' })).accessToken;
    await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_1}/call-next`, payload: {} });
    expect((await t.app.notify.worker.runOnce()).sent).toBe(1);
    expect(stubs.wechat.sent[0]).toMatchObject({
      touser: 'o-worker-called',
      template_id: t.config.WECHAT_TEMPLATE_TICKET_CALLED,
      data: { thing2: { value: '1号窗口 无差别综合受理窗口' }, thing3: { value: '社会保障卡申领' }, time4: { value: expect.stringMatching(/^2026-11-23 \d{2}:\d{2}$/) } },
    });
  });

  it('shortens a long service name to WeChat’s 20 characters (the stub refuses longer) and never sends a phone', async () => {
    const long = '城乡居民基本养老保险待遇领取资格认证及其他相关业务（含补发、异地认证）';
    await t.app.prisma.service.update({ where: { id: SERVICE }, data: { name: long } });
    try {
      await nearOnWechat('o-worker-long');
      await t.app.notify.worker.runOnce();
    } finally {
      await t.app.prisma.service.update({ where: { id: SERVICE }, data: { name: '社会保障卡申领' } });
    }
    const thing2 = stubs.wechat.sent[0]!.data['thing2']!.value;
    expect([...thing2].length).toBeLessThanOrEqual(20);
    expect(thing2).toBe('城乡居民基本养老保险待遇领取资格认证及…');
    expect(JSON.stringify(stubs.wechat.sent[0])).not.toMatch(/1[3-9]\d{9}/);
    // The in-app message keeps the whole name.
    const [inApp] = await outbox(t, { channel: 'IN_APP' });
    expect(JSON.stringify(inApp!.payload)).toContain(long);
  });

  it('sends an Alipay template message the gateway accepts only with a valid RSA2 signature', async () => {
    const who = await citizen(t);
    const other = await citizen(t);
    await subscribe(t, who, 'ALIPAY', '2088000000000777', t.config.ALIPAY_TEMPLATE_TICKET_NEAR);
    await subscribe(t, other, 'ALIPAY', '074a1Zcp3X4wOpenIdScheme', t.config.ALIPAY_TEMPLATE_TICKET_NEAR);
    const mine = await take(t, who);
    await take(t, other);
    await t.app.notify.enqueuer.settled();
    expect((await t.app.notify.worker.runOnce()).sent).toBe(2);
    const messages = stubs.alipay.sentMessages;
    const ticket = await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: mine } });
    expect(messages.find((m) => m.to_user_id === '2088000000000777')).toMatchObject({
      user_template_id: t.config.ALIPAY_TEMPLATE_TICKET_NEAR,
      page: `pages/ticket/index?id=${mine}`,
      data: { keyword1: { value: ticket.displayNumber }, keyword2: { value: '社会保障卡申领' }, keyword3: { value: '前面还有 0 人' } },
    });
    expect(messages.find((m) => m.to_open_id === '074a1Zcp3X4wOpenIdScheme')).toBeDefined();
    const request = stubs.alipay.requests.find((p) => p['method'] === 'alipay.open.app.mini.templatemessage.send');
    expect(request?.['sign_type']).toBe('RSA2');
  });

  it('retries a transient fault with backoff, then sends', async () => {
    await nearOnWechat('o-worker-retry');
    stubs.wechat.failNext('send', { errcode: -1, errmsg: 'system busy' });
    expect((await t.app.notify.worker.runOnce()).retrying).toBe(1);
    let [row] = await outbox(t, { channel: 'WECHAT' });
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'wechat UNAVAILABLE -1' });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(t.resources.clock.now().getTime() + 20_000);
    // Not due yet: nothing is sent.
    expect((await t.app.notify.worker.runOnce()).sent).toBe(0);
    await fastForward();
    expect((await t.app.notify.worker.runOnce()).sent).toBe(1);
    [row] = await outbox(t, { channel: 'WECHAT' });
    expect(row).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    expect(stubs.wechat.sent).toHaveLength(1);
  });

  it('gives up after the maximum attempts, and at once when the person turned the template off', async () => {
    const two = worker(2);
    const { ticketId } = await nearOnWechat('o-worker-down');
    stubs.wechat.failNext('send', 'close-socket');
    stubs.wechat.failNext('send', 'close-socket');
    await two.runOnce();
    await fastForward();
    expect((await two.runOnce()).failed).toBe(1);
    expect((await outbox(t, { channel: 'WECHAT', ticketId }))[0]).toMatchObject({ status: 'FAILED', attempts: 2, lastError: 'wechat UNAVAILABLE NETWORK' });

    const refused = await nearOnWechat('o-worker-refused');
    stubs.wechat.refuseSubscription('o-worker-refused');
    await subscribe(t, refused.who, 'WECHAT', 'o-worker-refused', t.config.WECHAT_TEMPLATE_TICKET_NEAR, 3);
    expect((await two.runOnce()).failed).toBe(1);
    expect((await outbox(t, { channel: 'WECHAT', ticketId: refused.ticketId }))[0]).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'wechat REJECTED 43101' });
    const subscription = await t.app.prisma.notificationSubscription.findFirstOrThrow({ where: { userId: refused.who.userId } });
    expect(subscription.credits).toBe(0);
    expect(stubs.wechat.sent).toHaveLength(0);
  });

  it('never sends one row twice when two workers run at the same moment', async () => {
    const who = await citizen(t);
    const now = t.resources.clock.now();
    const payload = { displayNumber: 'B001', serviceName: '社会保障卡申领', officeName: '县政务服务中心', peopleAhead: 1, estimateHighMinutes: null, at: now.toISOString() };
    await t.app.prisma.notification.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        userId: who.userId,
        channel: 'WECHAT' as const,
        kind: 'TICKET_NEAR',
        templateId: t.config.WECHAT_TEMPLATE_TICKET_NEAR,
        recipient: `o-race-${i}`,
        payload,
        nextAttemptAt: now,
        dedupeKey: `test:${randomUUID()}`,
      })),
    });
    const [a, b] = [worker(5, 7), worker(5, 7)];
    const drain = async (w: NotificationWorker) => {
      let sent = 0;
      for (;;) {
        const r = await w.runOnce();
        if (r.sent === 0) return sent;
        sent += r.sent;
      }
    };
    const [sentA, sentB] = await Promise.all([drain(a), drain(b)]);
    expect(sentA + sentB).toBe(30);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    expect(stubs.wechat.sent).toHaveLength(30);
    expect(new Set(stubs.wechat.sent.map((m) => m.touser)).size).toBe(30);
    expect(await t.app.prisma.notification.count({ where: { status: 'SENT' } })).toBe(30);
  });
});

describe('notifications without WeChat or Alipay configured (embedded defaults)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { WECHAT_APP_ID: '', WECHAT_APP_SECRET: '', ALIPAY_APP_ID: '', RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('writes in-app messages only, even for someone with credits, and offers no templates', async () => {
    await resetHall(t);
    const who = await citizen(t);
    await subscribe(t, who, 'WECHAT', 'o-embedded', t.config.WECHAT_TEMPLATE_TICKET_NEAR);
    await take(t, who);
    expect((await outbox(t)).map((n) => n.channel)).toEqual(['IN_APP']);
    expect((await t.app.notify.worker.runOnce()).sent).toBe(0);
    const templates = await t.as(who.token, { method: 'GET', url: '/api/notifications/templates?platform=weapp' });
    expect(templates.json()).toEqual({ items: [] });
  });
});
