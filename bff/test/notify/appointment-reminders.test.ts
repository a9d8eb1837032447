// Appointment reminders (issue 5 step 4) on real PostgreSQL: the day before and 1 hour before,
// each once, through the outbox (in-app always; WeChat / Alipay 预约提醒 with an account and a
// credit), never for a cancelled booking, and the notices other appointment steps send. The step
// is called with an explicit `now` (the job passes the clock's); bookings go through the API at
// the pinned clock (Monday 2026-11-23 09:30 Asia/Shanghai, setup-env.ts).
import { HALL_CLOSED_REASON } from '../../src/appointments/hall-closure';
import { APPOINTMENT_JOB_STEPS } from '../../src/appointments/jobs';
import { enqueueReminders, notifyAppointment } from '../../src/notify/appointments';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { startAllStubs, type AllStubs } from '../stubs';
import { citizen, OFFICE, SERVICE, subscribe, type Citizen } from './helpers';

// Stubs with fresh RSA keys and a seeded app per file: slow on 2 shared cores.
jest.setTimeout(60_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('appointment reminders', () => {
  let stubs: AllStubs;
  let t: TestApp;
  const now = () => t.resources.clock.now().getTime();
  const rows = (where: { kind?: string; channel?: 'IN_APP' | 'WECHAT' | 'ALIPAY'; appointmentId?: string } = {}) =>
    t.app.prisma.notification.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const remind = (at: number) => enqueueReminders(t.app, new Date(at));
  const credits = async (who: Citizen, platform: 'WECHAT' | 'ALIPAY' = 'WECHAT') =>
    (await t.app.prisma.notificationSubscription.findFirst({ where: { userId: who.userId, platform, templateId: template(platform) } }))?.credits ?? 0;
  const template = (platform: 'WECHAT' | 'ALIPAY') => (platform === 'WECHAT' ? t.config.WECHAT_TEMPLATE_APPOINTMENT_REMINDER : t.config.ALIPAY_TEMPLATE_APPOINTMENT_REMINDER);
  /** Makes every pending platform row due for the worker now. */
  const fastForward = () => t.app.prisma.notification.updateMany({ where: { status: 'PENDING' }, data: { nextAttemptAt: new Date(0) } });

  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, capacity: 10 });
  /** A slot starting `startsIn` ms from now (plus a distinct second); its start in ms. */
  const slot = async (startsIn: number): Promise<{ id: string; startsAt: number }> => {
    const row = await newSlot({ startsIn });
    return { id: row.id, startsAt: row.startsAt.getTime() };
  };
  const book = async (who: Citizen, slotId: string): Promise<string> => {
    const res = await t.as(who.token, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId: SERVICE } });
    if (res.statusCode !== 201) throw new Error(`booking failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { id: string }).id;
  };
  const cancel = async (who: Citizen, id: string) => {
    const res = await t.as(who.token, { method: 'POST', url: `/api/appointments/${id}/cancel`, payload: {} });
    expect(res.statusCode).toBe(200);
  };
  const messages = async (who: Citizen) => (await t.as(who.token, { method: 'GET', url: '/api/messages' })).json();

  beforeAll(async () => {
    stubs = await startAllStubs();
    t = await build({ env: { ...stubs.env, RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await t.app.prisma.$executeRawUnsafe('TRUNCATE "Appointment", "AppointmentEvent", "AppointmentQuota", "Notification", "NotificationSubscription" CASCADE');
    await t.app.prisma.slot.deleteMany({});
    stubs.wechat.sent.length = 0;
    stubs.alipay.sentMessages.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await stubs.close();
    await closeTestDatabase();
  });

  it('reminds once 24 hours before and once 1 hour before, each whatever the runs around it', async () => {
    const who = await citizen(t);
    const { id: slotId, startsAt } = await slot(2 * DAY);
    const id = await book(who, slotId);

    expect((await remind(startsAt - DAY - MIN)).APPOINTMENT_REMINDER_DAY.inApp).toBe(0);
    expect(await remind(startsAt - DAY)).toEqual({ APPOINTMENT_REMINDER_DAY: { inApp: 1, platform: 0 }, APPOINTMENT_REMINDER_HOUR: { inApp: 0, platform: 0 } });
    for (const at of [startsAt - DAY, startsAt - 20 * HOUR, startsAt - 2 * HOUR, startsAt - HOUR - 1000]) {
      expect(await remind(at)).toEqual({ APPOINTMENT_REMINDER_DAY: { inApp: 0, platform: 0 }, APPOINTMENT_REMINDER_HOUR: { inApp: 0, platform: 0 } });
    }
    expect((await remind(startsAt - HOUR)).APPOINTMENT_REMINDER_HOUR.inApp).toBe(1);
    for (const at of [startsAt - 30 * MIN, startsAt - 1000, startsAt]) expect((await remind(at)).APPOINTMENT_REMINDER_HOUR.inApp).toBe(0);

    const written = await rows({ appointmentId: id });
    expect(written.map((n) => [n.kind, n.channel, n.status, n.userId])).toEqual([
      ['APPOINTMENT_REMINDER_DAY', 'IN_APP', 'SENT', who.userId],
      ['APPOINTMENT_REMINDER_HOUR', 'IN_APP', 'SENT', who.userId],
    ]);
    expect(written[0]!.dedupeKey).toBe(`APPOINTMENT_REMINDER_DAY:${id}:${startsAt}:IN_APP`);
    const appointment = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(written[0]!.payload).toMatchObject({ code: appointment.code, serviceName: '社会保障卡申领', startsAt: new Date(startsAt).toISOString() });
    expect(JSON.stringify(written.map((n) => n.payload))).not.toMatch(/1[3-9]\d{9}/);
    expect(appointment.remindedDayAt?.getTime()).toBe(startsAt - DAY);
    expect(appointment.remindedHourAt?.getTime()).toBe(startsAt - HOUR);

    const list = await messages(who);
    expect(list.unread).toBe(2);
    expect(list.items.map((m: { kind: string; title: string; appointmentId: string }) => [m.kind, m.title, m.appointmentId])).toEqual([
      ['APPOINTMENT_REMINDER_HOUR', '预约即将开始', id],
      ['APPOINTMENT_REMINDER_DAY', '预约提醒', id],
    ]);
    // 2026-11-25 (a Wednesday), in Asia/Shanghai words with the code to show at the window.
    expect(list.items[1].body).toContain('11月25日（周三）');
    expect(list.items[1].body).toContain(appointment.code);
  });

  it('sends a late day-before reminder after an outage, but none once the 1-hour one is due', async () => {
    const [a, b] = [await citizen(t), await citizen(t)];
    const early = await slot(2 * DAY);
    const late = await slot(3 * DAY);
    const [idA, idB] = [await book(a, early.id), await book(b, late.id)];
    // The job was down all day: its first run is 5 hours before A, still in A's day-before window.
    await remind(early.startsAt - 5 * HOUR);
    expect((await rows({ appointmentId: idA })).map((n) => n.kind)).toEqual(['APPOINTMENT_REMINDER_DAY']);
    // B's first run falls inside its last hour: only the 1-hour reminder, never the day one after it.
    await remind(late.startsAt - 50 * MIN);
    await remind(late.startsAt - 40 * MIN);
    expect((await rows({ appointmentId: idB })).map((n) => n.kind)).toEqual(['APPOINTMENT_REMINDER_HOUR']);
  });

  it('gives a booking made within the day only the 1-hour reminder, and one made within the hour none', async () => {
    const [a, b] = [await citizen(t), await citizen(t)];
    const today = await slot(3 * HOUR);
    const soon = await slot(30 * MIN);
    const [idA, idB] = [await book(a, today.id), await book(b, soon.id)];
    for (const at of [now() + 1000, today.startsAt - 2 * HOUR, today.startsAt - HOUR, soon.startsAt - 29 * MIN, soon.startsAt - 5 * MIN]) await remind(at);
    expect((await rows({ appointmentId: idA })).map((n) => n.kind)).toEqual(['APPOINTMENT_REMINDER_HOUR']);
    expect(await rows({ appointmentId: idB })).toEqual([]);
  });

  it('never reminds a cancelled booking', async () => {
    const who = await citizen(t);
    const { id: slotId, startsAt } = await slot(2 * DAY);
    const id = await book(who, slotId);
    await cancel(who, id);
    for (const at of [startsAt - DAY, startsAt - 3 * HOUR, startsAt - HOUR, startsAt - 10 * MIN]) await remind(at);
    expect(await rows()).toEqual([]);
    expect(await t.app.prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({ remindedDayAt: null, remindedHourAt: null });
  });

  it('drops a platform reminder whose booking is cancelled before it is sent, gives the credit back and hides the in-app one', async () => {
    const who = await citizen(t);
    await subscribe(t, who, 'WECHAT', 'o-remind-cancel', template('WECHAT'));
    const { id: slotId, startsAt } = await slot(2 * DAY);
    const id = await book(who, slotId);
    expect((await remind(startsAt - DAY)).APPOINTMENT_REMINDER_DAY).toEqual({ inApp: 1, platform: 1 });
    expect(await credits(who)).toBe(0);
    expect((await messages(who)).unread).toBe(1);

    await cancel(who, id);
    await fastForward();
    expect(await t.app.notify.worker.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 1 });
    expect(stubs.wechat.sent).toEqual([]);
    const [platform] = await rows({ channel: 'WECHAT' });
    expect(platform).toMatchObject({ status: 'SKIPPED', lastError: 'appointment CANCELLED' });
    expect(await credits(who)).toBe(1);
    // The in-app reminder would send the person to a booking that is gone: it is no longer listed.
    expect(await messages(who)).toEqual({ items: [], unread: 0 });
  });

  it('reminds a moved booking for its new time, and never sends the pending message of the old time', async () => {
    const who = await citizen(t);
    await subscribe(t, who, 'WECHAT', 'o-remind-move', template('WECHAT'));
    const first = await slot(23 * HOUR);
    const second = await slot(47 * HOUR);
    const id = await book(who, first.id);
    // Booked two days ago: the day-before reminder of the first time is due now.
    await t.app.prisma.appointment.update({ where: { id }, data: { bookedAt: new Date(now() - 2 * DAY) } });
    expect((await enqueueReminders(t.app)).APPOINTMENT_REMINDER_DAY).toEqual({ inApp: 1, platform: 1 });

    const moved = await t.as(who.token, { method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { slotId: second.id } });
    expect(moved.statusCode).toBe(200);
    await fastForward();
    expect((await t.app.notify.worker.runOnce()).skipped).toBe(1);
    expect((await rows({ channel: 'WECHAT' }))[0]).toMatchObject({ status: 'SKIPPED', lastError: 'appointment moved' });
    expect(await credits(who)).toBe(1);
    const [old] = (await messages(who)).items;
    expect(old.body).toContain('（该预约已改约，时间以预约详情为准）');

    expect((await remind(second.startsAt - DAY)).APPOINTMENT_REMINDER_DAY).toEqual({ inApp: 1, platform: 1 });
    expect((await remind(second.startsAt - DAY + MIN)).APPOINTMENT_REMINDER_DAY.inApp).toBe(0);
    await fastForward();
    expect((await t.app.notify.worker.runOnce()).sent).toBe(1);
    expect(stubs.wechat.sent.map((m) => m.data['time2']?.value)).toEqual([new Date(second.startsAt).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)]);
  });

  it('claims each reminder once when steps run at the same moment on separate connections', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => citizen(t)));
    for (const [i, who] of people.entries()) await subscribe(t, who, 'WECHAT', `o-remind-race-${i}`, template('WECHAT'), 5);
    const { id: slotId, startsAt } = await slot(2 * DAY);
    const ids = [];
    for (const who of people) ids.push(await book(who, slotId));

    for (const at of [startsAt - DAY + MIN, startsAt - HOUR + MIN]) {
      const results = await Promise.all(Array.from({ length: 8 }, () => remind(at)));
      const total = results.reduce((sum, r) => sum + r.APPOINTMENT_REMINDER_DAY.inApp + r.APPOINTMENT_REMINDER_HOUR.inApp, 0);
      expect(total).toBe(6);
    }
    for (const kind of ['APPOINTMENT_REMINDER_DAY', 'APPOINTMENT_REMINDER_HOUR']) {
      for (const channel of ['IN_APP', 'WECHAT'] as const) {
        const written = await rows({ kind, channel });
        expect(written.map((n) => n.appointmentId).sort()).toEqual([...ids].sort());
      }
    }
    for (const who of people) expect(await credits(who)).toBe(3);
  });

  it('writes a WeChat or Alipay 预约提醒 only with an account and an unused credit of that template, in-app always', async () => {
    const subscribed = await citizen(t);
    const noAccount = await citizen(t);
    const noCredit = await citizen(t);
    const otherTemplate = await citizen(t);
    const both = await citizen(t);
    // The person's tap goes through the API, as the mini-app records it.
    const offered = (await t.as(subscribed.token, { method: 'GET', url: '/api/notifications/templates?platform=weapp&scene=appointment' })).json();
    expect(offered).toEqual({ items: [{ kind: 'APPOINTMENT_REMINDER', templateId: template('WECHAT') }] });
    await t.app.prisma.platformAccount.create({ data: { platform: 'WECHAT', openId: 'o-remind-1', userId: subscribed.userId } });
    const tapped = await t.as(subscribed.token, { method: 'POST', url: '/api/notifications/subscriptions', payload: { platform: 'weapp', accepted: [template('WECHAT')] } });
    expect(tapped.json().items).toEqual(expect.arrayContaining([{ templateId: template('WECHAT'), kind: 'APPOINTMENT_REMINDER', credits: 1 }]));
    await t.app.prisma.notificationSubscription.create({ data: { userId: noAccount.userId, platform: 'WECHAT', templateId: template('WECHAT'), credits: 2 } });
    await subscribe(t, noCredit, 'WECHAT', 'o-remind-3', template('WECHAT'), 0);
    await subscribe(t, otherTemplate, 'WECHAT', 'o-remind-4', t.config.WECHAT_TEMPLATE_TICKET_NEAR, 3);
    await subscribe(t, both, 'WECHAT', 'o-remind-5', template('WECHAT'));
    await subscribe(t, both, 'ALIPAY', '2088000000000555', template('ALIPAY'));
    const { id: slotId, startsAt } = await slot(2 * DAY);
    const ids = new Map<Citizen, string>();
    for (const who of [subscribed, noAccount, noCredit, otherTemplate, both]) ids.set(who, await book(who, slotId));

    expect((await remind(startsAt - DAY)).APPOINTMENT_REMINDER_DAY).toEqual({ inApp: 5, platform: 3 });
    expect((await rows({ channel: 'WECHAT' })).map((n) => [n.appointmentId, n.recipient, n.templateId, n.status]).sort()).toEqual(
      [
        [ids.get(subscribed), 'o-remind-1', template('WECHAT'), 'PENDING'],
        [ids.get(both), 'o-remind-5', template('WECHAT'), 'PENDING'],
      ].sort(),
    );
    expect((await rows({ channel: 'ALIPAY' })).map((n) => [n.appointmentId, n.recipient])).toEqual([[ids.get(both), '2088000000000555']]);
    expect([await credits(subscribed), await credits(noAccount), await credits(both), await credits(both, 'ALIPAY')]).toEqual([0, 2, 0, 0]);

    await fastForward();
    expect((await t.app.notify.worker.runOnce()).sent).toBe(3);
    const appointment = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: ids.get(subscribed)! }, include: { office: true } });
    const wechat = stubs.wechat.sent.find((m) => m.touser === 'o-remind-1');
    expect(wechat).toMatchObject({
      template_id: template('WECHAT'),
      page: `pages/appointments/index?id=${appointment.id}`,
      data: {
        thing1: { value: '社会保障卡申领' },
        time2: { value: new Date(startsAt).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) },
        thing3: { value: appointment.office.name.slice(0, 20) },
        character_string4: { value: appointment.code },
        thing5: { value: '请按时前往，开始前30分钟可签到' },
      },
    });
    expect(stubs.alipay.sentMessages[0]).toMatchObject({
      to_user_id: '2088000000000555',
      user_template_id: template('ALIPAY'),
      page: `pages/appointments/index?id=${ids.get(both)}`,
      data: { keyword1: { value: '社会保障卡申领' }, keyword5: { value: '请按时前往，开始前30分钟可签到' } },
    });
    expect(JSON.stringify([stubs.wechat.sent, stubs.alipay.sentMessages])).not.toMatch(/1[3-9]\d{9}/);
  });

  it('is a step of the appointment minute job', async () => {
    const step = APPOINTMENT_JOB_STEPS.find((s) => s.name === 'reminders');
    expect(step).toBeDefined();
    const who = await citizen(t);
    const { id: slotId } = await slot(50 * MIN);
    const id = await book(who, slotId);
    await t.app.prisma.appointment.update({ where: { id }, data: { bookedAt: new Date(now() - DAY) } });
    expect(await step!.run(t.app)).toMatchObject({ APPOINTMENT_REMINDER_HOUR: { inApp: 1 } });
  });

  describe('notifyAppointment (候补成功, booking suspended, cancelled by the hall)', () => {
    it('tells 候补成功 in-app and by 预约提醒 with a credit, once, and only to the booking’s own people', async () => {
      const who = await citizen(t);
      const stranger = await citizen(t);
      await subscribe(t, who, 'WECHAT', 'o-promoted', template('WECHAT'), 2);
      const { id: slotId } = await slot(2 * DAY);
      const id = await book(who, slotId);
      const notice = { kind: 'WAITLIST_PROMOTED' as const, userId: who.userId, appointmentId: id };
      // Inside the promotion's transaction, as the waitlist step calls it; again outside it.
      expect(await t.app.prisma.$transaction((tx) => notifyAppointment(tx, notice, t.app))).toEqual({ inApp: 1, platform: 1 });
      expect(await notifyAppointment(t.app.prisma, notice, t.app)).toEqual({ inApp: 0, platform: 0 });
      expect(await notifyAppointment(t.app.prisma, { ...notice, userId: stranger.userId }, t.app)).toEqual({ inApp: 0, platform: 0 });
      expect(await credits(who)).toBe(1);
      const [message] = (await messages(who)).items;
      expect(message).toMatchObject({ kind: 'WAITLIST_PROMOTED', title: '候补成功', appointmentId: id });
      expect(message.body).toMatch(/^您候补的社会保障卡申领（11月25日（周三） \d{2}:\d{2}–\d{2}:\d{2}，.+）已为您预约成功，预约码 [2-9A-HJKMNP-Z]{6}。/);
      // Whoever joined the waitlist for the person is told too, as such.
      const helper = await citizen(t);
      await t.app.prisma.appointment.update({ where: { id }, data: { actorId: helper.userId } });
      expect(await notifyAppointment(t.app.prisma, { ...notice, userId: helper.userId }, t.app)).toEqual({ inApp: 1, platform: 0 });
      expect((await messages(helper)).items[0].body).toMatch(/^您代他人候补的社会保障卡申领.+已预约成功/);
      await fastForward();
      await t.app.notify.worker.runOnce();
      expect(stubs.wechat.sent[0]?.data['thing5']).toEqual({ value: '候补成功，已为您预约此时段' });
      // Cancelled afterwards: the message stays (a place was given) but says so.
      await cancel(who, id);
      expect((await messages(who)).items[0].body).toContain('（该预约已取消）');
    });

    it('tells a suspension in-app only, once per suspension', async () => {
      const who = await citizen(t);
      await subscribe(t, who, 'WECHAT', 'o-suspended', template('WECHAT'), 2);
      const notice = {
        kind: 'BOOKING_SUSPENDED' as const,
        userId: who.userId,
        facts: { suspensionId: '6f9619ff-8b86-4d11-b42d-00c04fc964ff', endsAt: new Date('2026-11-30T01:30:00Z'), reason: '30天内3次预约未到（11月2日、11月9日、11月16日）' },
      };
      expect(await notifyAppointment(t.app.prisma, notice, t.app)).toEqual({ inApp: 1, platform: 0 });
      expect(await notifyAppointment(t.app.prisma, notice, t.app)).toEqual({ inApp: 0, platform: 0 });
      expect(await credits(who)).toBe(2);
      const [message] = (await messages(who)).items;
      expect(message).toMatchObject({ kind: 'BOOKING_SUSPENDED', title: '在线预约已暂停', appointmentId: null });
      expect(message.body).toBe('30天内3次预约未到（11月2日、11月9日、11月16日），11月30日（周一） 09:30 前暂停在线预约。到大厅现场取号办理不受影响；如有异议，可以申诉。');
    });

    it('tells a cancellation by the hall in-app only, once, and only for a cancelled booking of the person’s', async () => {
      const who = await citizen(t);
      const stranger = await citizen(t);
      await subscribe(t, who, 'WECHAT', 'o-cancelled', template('WECHAT'), 2);
      const { id: slotId } = await slot(2 * DAY);
      const id = await book(who, slotId);
      const notice = { kind: 'APPOINTMENT_CANCELLED' as const, userId: who.userId, appointmentId: id };
      // Still booked: nothing to tell.
      expect(await notifyAppointment(t.app.prisma, notice, t.app)).toEqual({ inApp: 0, platform: 0 });
      await t.app.prisma.appointment.update({ where: { id }, data: { status: 'CANCELLED', activeKey: null, cancelledAt: new Date(now()), cancelReason: HALL_CLOSED_REASON } });
      expect(await t.app.prisma.$transaction((tx) => notifyAppointment(tx, notice, t.app))).toEqual({ inApp: 1, platform: 0 });
      expect(await notifyAppointment(t.app.prisma, notice, t.app)).toEqual({ inApp: 0, platform: 0 });
      expect(await notifyAppointment(t.app.prisma, { ...notice, userId: stranger.userId }, t.app)).toEqual({ inApp: 0, platform: 0 });
      expect(await credits(who)).toBe(2);
      const [message] = (await messages(who)).items;
      expect(message).toMatchObject({ kind: 'APPOINTMENT_CANCELLED', title: '预约已取消', appointmentId: id });
      // Said as it happened: no "（该预约已取消）" appended to a message that is about the cancellation.
      expect(message.body).toMatch(
        /^您预约的社会保障卡申领（11月25日（周三） \d{2}:\d{2}–\d{2}:\d{2}，.+）已取消：大厅调整了办公时间，该时段不再办理。不计为爽约；可以重新预约其他时段，或到大厅现场取号办理。$/,
      );
      expect((await messages(stranger)).items).toEqual([]);
    });

    it('never fails the caller: a write that cannot be made rolls back alone, inside a transaction or not', async () => {
      const who = await citizen(t);
      const broken = { kind: 'BOOKING_SUSPENDED' as const, userId: who.userId, appointmentId: '6f9619ff-8b86-4d11-b42d-00c04fc964ff', facts: { suspensionId: '6f9619ff-8b86-4d11-b42d-00c04fc96400', endsAt: '2026-11-30T01:30:00Z', reason: '测试' } };
      const kept = await t.app.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: who.userId }, data: { fontScale: 1.3 } });
        expect(await notifyAppointment(tx, broken, t.app)).toEqual({ inApp: 0, platform: 0 });
        return tx.user.findUniqueOrThrow({ where: { id: who.userId } });
      });
      expect(kept.fontScale).toBe(1.3);
      expect((await t.app.prisma.user.findUniqueOrThrow({ where: { id: who.userId } })).fontScale).toBe(1.3);
      expect(await notifyAppointment(t.app.prisma, broken, t.app)).toEqual({ inApp: 0, platform: 0 });
      expect(t.logs.filter((line) => line.includes('appointment notification not written'))).toHaveLength(2);
    });
  });
});
