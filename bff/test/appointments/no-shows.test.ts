// The no-show job step and the suspension it may bring (issue 5 step 5, DESIGN.md §4) on real
// PostgreSQL. The clock is pinned at Monday 2026-11-23 09:30 Asia/Shanghai (setup-env.ts) and runs
// forward; appointments are written as a booking leaves them (slot place, quota, activeKey).
import { DEMO_USERS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { newAppointmentCode } from '../../src/appointments/booking';
import { APPOINTMENT_JOB_STEPS } from '../../src/appointments/jobs';
import { markNoShows } from '../../src/appointments/no-shows';
import { evaluateSuspension } from '../../src/appointments/suspensions';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { nextSecond, slotMaker } from './fixtures';

const OFFICE = OFFICE_IDS.countyCenter;
const OTHER_OFFICE = OFFICE_IDS.qingyunTown;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** 09:00 Asia/Shanghai on a date of November 2026. */
const nov = (day: number) => new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00+08:00`);

describe('no-shows and booking suspensions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await t.app.prisma.$executeRawUnsafe('TRUNCATE "Appointment", "AppointmentEvent", "AppointmentQuota", "BookingSuspension", "Notification" CASCADE');
    await t.app.prisma.slot.deleteMany({});
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const now = () => t.resources.clock.now();
  let phone = 0;
  const citizen = () => t.login({ phone: `133${String((phone += 1)).padStart(8, '0')}` });
  const person = async () => (await t.app.prisma.user.create({ data: { roles: ['CITIZEN'], name: '李四' } })).id;

  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, capacity: 5 });
  /** A BOOKED appointment of `subjectId` starting at `at`, as a booking leaves it. */
  const appointment = async (subjectId: string, at: Date, opts: { actorId?: string; officeId?: string; status?: 'BOOKED' | 'CHECKED_IN' } = {}) => {
    const startsAt = new Date(at.getTime() + nextSecond() * 1000);
    const officeId = opts.officeId ?? OFFICE;
    const date = t.resources.clock.businessDate(startsAt);
    const slot = await newSlot({ at: startsAt, officeId, booked: 1, releasedAt: new Date(startsAt.getTime() - 7 * DAY) });
    await t.app.prisma.appointmentQuota.upsert({ where: { subjectId }, create: { subjectId, active: 1 }, update: { active: { increment: 1 } } });
    return t.app.prisma.appointment.create({
      data: {
        code: newAppointmentCode(),
        slotId: slot.id,
        officeId,
        serviceId: SERVICE,
        date: new Date(`${date}T00:00:00Z`),
        startsAt,
        subjectId,
        actorId: opts.actorId ?? subjectId,
        status: opts.status ?? 'BOOKED',
        activeKey: `${subjectId}:${SERVICE}:${date}`,
        bookedAt: new Date(startsAt.getTime() - 2 * DAY),
      },
    });
  };
  const quota = async (subjectId: string) => (await t.app.prisma.appointmentQuota.findUnique({ where: { subjectId } }))?.active ?? 0;
  const suspensions = (subjectId: string) => t.app.prisma.bookingSuspension.findMany({ where: { subjectId }, orderBy: { createdAt: 'asc' } });

  describe('the no-show step', () => {
    it('marks appointments NO_SHOW once their check-in window has closed: once, however many runs at once', async () => {
      const people = await Promise.all(Array.from({ length: 5 }, () => person()));
      const due = await Promise.all(people.map((p) => appointment(p, new Date(now().getTime() - 16 * MIN))));
      const stillOpen = await appointment(await person(), new Date(now().getTime() - 14 * MIN));
      const checkedIn = await appointment(await person(), new Date(now().getTime() - 60 * MIN), { status: 'CHECKED_IN' });

      const runs = await Promise.all(Array.from({ length: 4 }, () => markNoShows(t.app)));
      expect(runs.reduce((n, r) => n + r.marked, 0)).toBe(5);
      for (const a of due) {
        const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: a.id } });
        expect([row.status, row.activeKey, row.noShowAt]).toEqual(['NO_SHOW', null, expect.any(Date)]);
        expect(await quota(a.subjectId)).toBe(0);
        expect(await t.app.prisma.appointmentEvent.count({ where: { appointmentId: a.id, type: 'NO_SHOW' } })).toBe(1);
      }
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: stillOpen.id } })).status).toBe('BOOKED');
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: checkedIn.id } })).status).toBe('CHECKED_IN');
      // The slot's place stays used: its time has passed.
      expect((await t.app.prisma.slot.findUniqueOrThrow({ where: { id: due[0]!.slotId } })).booked).toBe(1);
      expect(await markNoShows(t.app)).toEqual({ marked: 0, suspended: 0 });
      // The minute job runs it (and the day-end close of checked-in appointments).
      expect(APPOINTMENT_JOB_STEPS.map((s) => s.name)).toEqual(expect.arrayContaining(['no-shows', 'checked-in-day-end']));
    });

    it('never marks an appointment of a withdrawn slot: the hall withdrew it, not coming is no fault', async () => {
      const p = await person();
      const withdrawn = await appointment(p, nov(16));
      await t.app.prisma.slot.update({ where: { id: withdrawn.slotId }, data: { withdrawnAt: nov(10) } });
      const counted = await appointment(p, nov(17));
      expect(await markNoShows(t.app)).toEqual({ marked: 1, suspended: 0 });
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: withdrawn.id } })).status).toBe('BOOKED');
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: counted.id } })).status).toBe('NO_SHOW');
    });

    it('suspends online booking after a 3rd no-show in 30 days, with the dates in the reason', async () => {
      const a = await citizen();
      await appointment(a.user.id, nov(2));
      await appointment(a.user.id, nov(9));
      expect(await markNoShows(t.app)).toEqual({ marked: 2, suspended: 0 });
      const third = await appointment(a.user.id, nov(16), { officeId: OTHER_OFFICE });
      expect(await markNoShows(t.app)).toEqual({ marked: 1, suspended: 1 });
      const [s] = await suspensions(a.user.id);
      expect(s!.reason).toMatch(/^30天内3次预约未到（11月2日、11月9日、11月16日），网上预约暂停至11月30日 09:\d\d$/);
      expect(s!.officeId).toBe(OTHER_OFFICE);
      expect(s!.noShowIds).toHaveLength(3);
      expect(s!.noShowIds).toContain(third.id);
      expect(s!.endsAt.getTime() - s!.startsAt.getTime()).toBe(7 * DAY);
      // Told in the app, once.
      const told = await t.app.prisma.notification.findMany({ where: { userId: a.user.id, kind: 'BOOKING_SUSPENDED' } });
      expect(told.map((n) => [n.channel, n.appointmentId])).toEqual([['IN_APP', third.id]]);

      const res = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: third.slotId, serviceId: SERVICE } });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([422, 'APPOINTMENT_SUSPENDED']);
      expect(res.json().error.message).toContain(s!.reason);
      expect(res.json().error.details).toMatchObject({ suspensionId: s!.id, endsAt: s!.endsAt.toISOString() });

      // The person sees it and appeals; the supervisor sees which appointments it counts.
      const mine = (await t.as(a.accessToken, { method: 'GET', url: '/api/booking-suspensions' })).json().items;
      expect(mine).toEqual([expect.objectContaining({ id: s!.id, reason: s!.reason, active: true, canAppeal: true })]);
      await t.as(a.accessToken, { method: 'POST', url: `/api/booking-suspensions/${s!.id}/appeal`, payload: { text: '家里老人生病住院' } });
      const supervisor = (await t.login({ phone: '13800000005' })).accessToken;
      const [appealed] = (await t.as(supervisor, { method: 'GET', url: '/api/booking-suspensions/appeals' })).json().items;
      expect(appealed.noShows).toEqual(['2026-11-02', '2026-11-09', '2026-11-16'].map((date) => ({ date, start: '09:00', service: expect.any(String) })));

      // A 4th no-show while suspended adds nothing.
      await appointment(a.user.id, nov(20));
      expect(await markNoShows(t.app)).toEqual({ marked: 1, suspended: 0 });
      expect(await suspensions(a.user.id)).toHaveLength(1);
    });

    it('counts only the last 30 days and not bookings a grid worker made for the resident; never suspends people aged 70+', async () => {
      const oldOnes = await person();
      await appointment(oldOnes, new Date(now().getTime() - 31 * DAY));
      await appointment(oldOnes, nov(18));
      await appointment(oldOnes, nov(19));

      const resident = await person();
      await appointment(resident, nov(10), { actorId: DEMO_USERS.gridWorker.id });
      await appointment(resident, nov(12));
      await appointment(resident, nov(14));

      const elder = DEMO_USERS.elderly.id;
      for (const day of [11, 13, 15]) await appointment(elder, nov(day));

      expect(await markNoShows(t.app)).toEqual({ marked: 9, suspended: 0 });
      expect(await t.app.prisma.bookingSuspension.count()).toBe(0);

      // A family member's booking for the resident is the resident's own no-show.
      const family = await person();
      await appointment(resident, nov(20), { actorId: family });
      expect(await markNoShows(t.app)).toEqual({ marked: 1, suspended: 1 });
      expect((await suspensions(resident))[0]!.reason).toMatch(/^30天内3次预约未到（11月12日、11月14日、11月20日）/);
    });

    it('counts a no-show towards one suspension only', async () => {
      const p = await person();
      for (const day of [2, 3, 4]) await appointment(p, nov(day));
      await markNoShows(t.app);
      const [first] = await suspensions(p);
      await t.app.prisma.bookingSuspension.update({ where: { id: first!.id }, data: { liftedAt: now() } });
      await appointment(p, nov(20));
      expect(await markNoShows(t.app)).toEqual({ marked: 1, suspended: 0 });
      await appointment(p, nov(21));
      await appointment(p, nov(22));
      expect(await markNoShows(t.app)).toEqual({ marked: 2, suspended: 1 });
      const second = (await suspensions(p))[1]!;
      expect(second.reason).toMatch(/（11月20日、11月21日、11月22日）/);
    });

    it('creates one suspension when the same person is evaluated by several instances at once', async () => {
      const p = await person();
      for (const day of [5, 6, 7]) await appointment(p, nov(day));
      await markNoShows(t.app);
      await t.app.prisma.bookingSuspension.deleteMany({});
      const at = now();
      const created = await Promise.all(
        Array.from({ length: 4 }, () => t.app.prisma.$transaction((tx) => evaluateSuspension(tx, p, at, t.resources.clock))),
      );
      expect(created.filter((s) => s !== null)).toHaveLength(1);
      expect(await t.app.prisma.bookingSuspension.count({ where: { subjectId: p } })).toBe(1);
    });
  });
});
