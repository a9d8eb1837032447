// The slot job (issue 5 step 1, DESIGN.md §4 Appointments) on real PostgreSQL: weekday templates
// and lunch breaks, holidays and 调休 working days from the seeded calendar, the hall's dated
// closures (and the bookings of one added later, cancelled as the hall's doing), UTC storage of
// Asia/Shanghai times, release times, idempotent regeneration that never changes a booked slot
// the hall still opens for.
import { randomUUID } from 'node:crypto';
import { newAppointmentCode } from '../../src/appointments/booking';
import { HALL_CLOSED_REASON } from '../../src/appointments/hall-closure';
import { generateSlots, type GenerateOptions } from '../../src/appointments/slots';
import { createClock } from '../../src/lib/clock';
import type { Prisma, Slot } from '@palm/db/client';
import { REGION_CODES, SEED_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

const O = SEED_IDS.offices;
const S = SEED_IDS.services;

let t: TestApp;

/** Runs the job as if the business clock read `at` (Asia/Shanghai instant with offset). */
const runAt = (at: string, opts: GenerateOptions = {}) =>
  generateSlots({ prisma: t.app.prisma, resources: { clock: createClock({ pinnedStart: at }) } }, opts);

const slotsOf = (officeId: string, serviceId: string, date?: string) =>
  t.app.prisma.slot.findMany({
    where: { officeId, serviceId, ...(date ? { date: new Date(`${date}T00:00:00Z`) } : {}), withdrawnAt: null },
    orderBy: { startsAt: 'asc' },
  });

const shanghaiTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

const person = async () => (await t.app.prisma.user.create({ data: { roles: ['CITIZEN'], name: '李四' } })).id;
/** A BOOKED appointment in `slot`, as a booking leaves it: the slot's place, the quota, the activeKey. */
const bookInto = async (slot: Slot, subjectId: string, actorId = subjectId) => {
  await t.app.prisma.slot.update({ where: { id: slot.id }, data: { booked: { increment: 1 } } });
  await t.app.prisma.appointmentQuota.upsert({ where: { subjectId }, create: { subjectId, active: 1 }, update: { active: { increment: 1 } } });
  const date = slot.date.toISOString().slice(0, 10);
  return t.app.prisma.appointment.create({
    data: { code: newAppointmentCode(), slotId: slot.id, officeId: slot.officeId, serviceId: slot.serviceId, date: slot.date, startsAt: slot.startsAt, subjectId, actorId, activeKey: `${subjectId}:${slot.serviceId}:${date}` },
  });
};
const quota = async (subjectId: string) => (await t.app.prisma.appointmentQuota.findUnique({ where: { subjectId } }))?.active ?? 0;
const datesOf = async (officeId: string, serviceId: string) => [...new Set((await slotsOf(officeId, serviceId)).map((s) => s.date.toISOString().slice(0, 10)))];

beforeAll(async () => {
  t = await build();
});
afterAll(async () => {
  await t.close();
  await closeTestDatabase();
});
beforeEach(async () => {
  await t.app.prisma.$executeRawUnsafe('TRUNCATE "Slot" CASCADE');
});

describe('generateSlots: templates', () => {
  it('cuts a weekday into slots around the lunch break, stored as UTC instants of Shanghai times', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const monday = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-23');
    expect(monday.map((s) => shanghaiTime(s.startsAt))).toEqual([
      '09:00', '09:30', '10:00', '10:30', '11:00', '11:30',
      '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00',
    ]);
    expect(monday.every((s) => s.capacity === 2 && s.booked === 0)).toBe(true);
    expect(monday[0]!.startsAt.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(monday[0]!.endsAt.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(monday.at(-1)!.endsAt.toISOString()).toBe('2026-11-23T09:30:00.000Z');
  });

  it('uses each rule’s slot length, a weekday’s own capacity and the Saturday template', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const idRenewal = await slotsOf(O.countyCenter, S.residentIdRenewal, '2026-11-24');
    expect(idRenewal).toHaveLength(9 + 12); // 09:00–12:00 and 13:30–17:30 in 20-minute slots
    const loan = await slotsOf(O.countyCenter, S.housingFundLoan, '2026-11-24');
    expect(loan.map((s) => shanghaiTime(s.startsAt))).toEqual(['09:00', '10:00', '11:00', '13:30', '14:30', '15:30']);
    const saturday = await slotsOf(O.countyCenter, S.companyRegistration, '2026-11-28');
    expect(saturday.map((s) => [shanghaiTime(s.startsAt), s.capacity])).toEqual([
      ['09:00', 2], ['09:30', 2], ['10:00', 2], ['10:30', 2], ['11:00', 2], ['11:30', 2],
    ]);
    expect(await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-28')).toEqual([]);
    expect(await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-29')).toEqual([]);
  });

  it('covers today through the day released tomorrow (horizon + 1), never days before today', async () => {
    await runAt('2026-11-23T09:30:00+08:00', { officeId: O.countyCenter, from: '2026-11-20', days: 5 });
    expect(await datesOf(O.countyCenter, S.marriageRegistration)).toEqual(['2026-11-23', '2026-11-24']);
    await runAt('2026-11-23T09:30:00+08:00', { officeId: O.countyCenter });
    // Marriage: horizon 7, weekdays only → 23…27, 30, 12-01 (released tomorrow at 08:00).
    expect(await datesOf(O.countyCenter, S.marriageRegistration)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01']);
    // Housing-fund loan: horizon 5 → through 11-29 (a Sunday): last slots on Friday 11-27.
    expect((await datesOf(O.countyCenter, S.housingFundLoan)).at(-1)).toBe('2026-11-27');
  });
});

describe('generateSlots: the working-day calendar and the hall’s own days', () => {
  const aroundNationalDay = () => runAt('2026-09-28T07:00:00+08:00', { officeId: O.countyCenter, days: 14 });

  it('skips official holidays (National Day 10-01…10-07) and ordinary Sundays', async () => {
    await aroundNationalDay();
    expect(await datesOf(O.countyCenter, S.marriageRegistration)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('gives a 调休 working Saturday (2026-10-10) the Monday template, not the Saturday one', async () => {
    await aroundNationalDay();
    const company = await slotsOf(O.countyCenter, S.companyRegistration, '2026-10-10');
    expect(company).toHaveLength(14);
    expect(company.every((s) => s.capacity === 4)).toBe(true);
    expect(company.map((s) => shanghaiTime(s.startsAt))).toContain('16:00');
  });

  it('gives a 调休 day the weekday a rule names (慢特病认定: Tuesday) and 调休 Sundays too (2026-09-20)', async () => {
    await runAt('2026-09-14T07:00:00+08:00', { officeId: O.qingyunTown, days: 28 });
    const dates = await datesOf(O.qingyunTown, S.chronicDiseaseRecognition);
    expect(dates).toEqual(['2026-09-15', '2026-09-17', '2026-09-20', '2026-09-22', '2026-09-24', '2026-09-29', '2026-10-08', '2026-10-10']);
    expect((await slotsOf(O.qingyunTown, S.chronicDiseaseRecognition, '2026-10-10')).map((s) => shanghaiTime(s.startsAt))).toEqual([
      '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30',
    ]);
  });

  it('has the Spring Festival 调休 Saturdays (02-14, 02-28) and no slots 02-15…02-23', async () => {
    await runAt('2026-02-09T07:00:00+08:00', { officeId: O.shiqiaoTown, days: 21 });
    const dates = await datesOf(O.shiqiaoTown, S.residentIdRenewal);
    // 03-01 is an ordinary Sunday.
    expect(dates).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
  });

  it('skips a day the hall is closed by a dated exception, and withdraws its unbooked slots when the closure comes later', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const before = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-25');
    await t.app.prisma.officeException.create({ data: { officeId: O.countyCenter, date: new Date('2026-11-25T00:00:00Z'), closed: true, note: '消防演练' } });
    try {
      const summary = await runAt('2026-11-23T08:00:00+08:00', { officeId: O.countyCenter });
      expect(summary).toMatchObject({ closedBooked: 0, cancelled: 0, keptBooked: 0 });
      expect(summary.withdrawn).toBeGreaterThanOrEqual(before.length);
      expect(await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-25')).toEqual([]);
      expect(await slotsOf(O.countyCenter, S.companyRegistration, '2026-11-25')).toEqual([]);
    } finally {
      await t.app.prisma.officeException.delete({ where: { officeId_date: { officeId: O.countyCenter, date: new Date('2026-11-25T00:00:00Z') } } });
    }
    // The closure lifted: the withdrawn slots come back, the same rows.
    await runAt('2026-11-23T08:30:00+08:00', { officeId: O.countyCenter });
    expect((await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-25')).map((s) => s.id)).toEqual(before.map((s) => s.id));
  });

  it('cancels the bookings of a closure added later as the hall’s doing: slot withdrawn, quota back, waitlist expired, people told', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const before = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-25');
    const slot = before[3]!;
    const [own, resident, helper, waiting] = [await person(), await person(), await person(), await person()];
    const a = await bookInto(slot, own);
    const b = await bookInto(slot, resident, helper);
    const entry = await t.app.prisma.waitlistEntry.create({
      data: { slotId: slot.id, officeId: slot.officeId, serviceId: slot.serviceId, date: slot.date, subjectId: waiting, actorId: waiting, activeKey: `${waiting}:${slot.id}` },
    });
    await t.app.prisma.officeException.create({ data: { officeId: O.countyCenter, date: new Date('2026-11-25T00:00:00Z'), closed: true, note: '消防演练' } });
    try {
      // Two instances at once: each booking is cancelled once.
      const runs = await Promise.all([runAt('2026-11-23T08:00:00+08:00', { officeId: O.countyCenter }), runAt('2026-11-23T08:00:00+08:00', { officeId: O.countyCenter })]);
      expect(runs.reduce((n, r) => n + r.cancelled, 0)).toBe(2);
      expect(runs.map((r) => [r.keptBooked, r.failedRules])).toEqual([[0, 0], [0, 0]]);
      const withdrawn = await t.app.prisma.slot.findUniqueOrThrow({ where: { id: slot.id } });
      expect([withdrawn.withdrawnAt, withdrawn.booked, withdrawn.held]).toEqual([expect.any(Date), 0, 0]);
      expect(await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-25')).toEqual([]);
      for (const appointment of [a, b]) {
        const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
        expect([row.status, row.cancelReason, row.activeKey, row.cancelledAt]).toEqual(['CANCELLED', HALL_CLOSED_REASON, null, expect.any(Date)]);
        const events = await t.app.prisma.appointmentEvent.findMany({ where: { appointmentId: appointment.id } });
        expect(events.map((e) => [e.type, e.actorId, e.detail])).toEqual([['CANCELLED', null, { slotId: slot.id, reason: 'HALL_CLOSED' }]]);
      }
      expect([await quota(own), await quota(resident), await quota(helper)]).toEqual([0, 0, 0]);
      expect(await t.app.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ status: 'EXPIRED', activeKey: null });

      // Told in the app, once each: the people and whoever booked for them.
      const told = await t.app.prisma.notification.findMany({ where: { kind: 'APPOINTMENT_CANCELLED' } });
      expect(told.map((n) => [n.userId, n.appointmentId, n.channel]).sort()).toEqual(
        [[own, a.id, 'IN_APP'], [resident, b.id, 'IN_APP'], [helper, b.id, 'IN_APP']].sort(),
      );
      const [message] = (await t.as((await t.login({ userId: helper })).accessToken, { method: 'GET', url: '/api/messages' })).json().items;
      expect(message).toMatchObject({ kind: 'APPOINTMENT_CANCELLED', title: '预约已取消', appointmentId: b.id });
      expect(message.body).toMatch(/^您代他人预约的.+（11月25日（周三） 10:30–11:00，.+）已取消：大厅调整了办公时间，该时段不再办理。不计为爽约；.+请告知办事人。$/);

      // A second run has nothing left to do.
      expect(await runAt('2026-11-23T08:10:00+08:00', { officeId: O.countyCenter })).toMatchObject({ closedBooked: 0, cancelled: 0 });
      expect(await t.app.prisma.notification.count({ where: { kind: 'APPOINTMENT_CANCELLED' } })).toBe(3);
    } finally {
      await t.app.prisma.officeException.delete({ where: { officeId_date: { officeId: O.countyCenter, date: new Date('2026-11-25T00:00:00Z') } } });
    }
    // The closure lifted: the slot comes back, empty, for anyone to book.
    await runAt('2026-11-23T08:30:00+08:00', { officeId: O.countyCenter });
    expect(await t.app.prisma.slot.findUniqueOrThrow({ where: { id: slot.id } })).toMatchObject({ withdrawnAt: null, booked: 0 });
  });

  it('cancels only the bookings a shortened day no longer holds, and keeps the ones a changed template drops', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const day = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-26');
    const morning = await bookInto(day[1]!, await person()); // 09:30
    const afternoon = await bookInto(day.at(-1)!, await person()); // 17:00
    // Another day: the hall stays open, only the rule no longer starts at 09:00.
    const other = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-27');
    const dropped = await bookInto(other[0]!, await person()); // 09:00
    const where = { officeId_serviceId: { officeId: O.countyCenter, serviceId: S.marriageRegistration } };
    const original = await t.app.prisma.slotRule.findUniqueOrThrow({ where });
    await t.app.prisma.slotRule.update({ where, data: { weekTemplate: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, { start: '09:30', end: '17:30' }])) } });
    await t.app.prisma.officeException.create({ data: { officeId: O.countyCenter, date: new Date('2026-11-26T00:00:00Z'), closed: false, hours: [['09:00', '11:00']], note: '下午停电检修' } });
    try {
      const summary = await runAt('2026-11-23T08:00:00+08:00', { officeId: O.countyCenter });
      expect(summary).toMatchObject({ closedBooked: 1, cancelled: 1 });
      expect(summary.keptBooked).toBeGreaterThanOrEqual(1);
      const status = async (id: string) => (await t.app.prisma.appointment.findUniqueOrThrow({ where: { id } })).status;
      expect([await status(morning.id), await status(afternoon.id), await status(dropped.id)]).toEqual(['BOOKED', 'CANCELLED', 'BOOKED']);
      expect(await t.app.prisma.slot.findUniqueOrThrow({ where: { id: other[0]!.id } })).toMatchObject({ withdrawnAt: null, booked: 1 });
    } finally {
      await t.app.prisma.officeException.delete({ where: { officeId_date: { officeId: O.countyCenter, date: new Date('2026-11-26T00:00:00Z') } } });
      await t.app.prisma.slotRule.update({ where, data: { weekTemplate: original.weekTemplate as Prisma.InputJsonValue } });
    }
  });

  it('trims slots to a shortened day (exception hours) and gives none to an inactive rule', async () => {
    await t.app.prisma.officeException.create({ data: { officeId: O.countyCenter, date: new Date('2026-11-26T00:00:00Z'), closed: false, hours: [['09:00', '11:00']], note: '下午停电检修' } });
    await t.app.prisma.slotRule.update({ where: { officeId_serviceId: { officeId: O.countyCenter, serviceId: S.housingFundLoan } }, data: { active: false } });
    try {
      await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
      expect((await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-26')).map((s) => shanghaiTime(s.startsAt))).toEqual(['09:00', '09:30', '10:00', '10:30']);
      expect(await slotsOf(O.countyCenter, S.housingFundLoan)).toEqual([]);
    } finally {
      await t.app.prisma.officeException.delete({ where: { officeId_date: { officeId: O.countyCenter, date: new Date('2026-11-26T00:00:00Z') } } });
      await t.app.prisma.slotRule.update({ where: { officeId_serviceId: { officeId: O.countyCenter, serviceId: S.housingFundLoan } }, data: { active: true } });
    }
  });
});

describe('generateSlots: time zone', () => {
  it('stores slots around Shanghai midnight on the right UTC instants and business dates', async () => {
    const officeId = randomUUID();
    await t.app.prisma.office.create({
      data: {
        id: officeId,
        code: `TEST-${officeId.slice(0, 8)}`,
        name: '测试24小时自助服务厅',
        level: 'TOWN_CENTER',
        regionCode: REGION_CODES.donghu,
        address: '测试地址',
        lat: 27.8,
        lng: 115.1,
        weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '24:00']]])),
        openOnHolidays: true,
        services: { create: { serviceId: S.residentIdRenewal } },
        slotRules: {
          create: {
            serviceId: S.residentIdRenewal,
            weekTemplate: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, { start: '00:00', end: '24:00' }])),
            breaks: [['00:30', '23:30']],
            capacityPerSlot: 1,
            horizonDays: 2,
            releaseTime: '00:00',
          },
        },
      },
    });
    await runAt('2026-11-24T12:00:00+08:00', { officeId });
    const day = await slotsOf(officeId, S.residentIdRenewal, '2026-11-25');
    expect(day.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ['2026-11-24T16:00:00.000Z', '2026-11-24T16:30:00.000Z'],
      ['2026-11-25T15:30:00.000Z', '2026-11-25T16:00:00.000Z'],
    ]);
    // Released at 00:00 Shanghai two days before = 16:00 UTC three calendar days before.
    expect(day[0]!.releasedAt.toISOString()).toBe('2026-11-22T16:00:00.000Z');

    // The route's date is the Shanghai date: 11-25 holds both, 00:00–00:30 and 23:30–24:00.
    const res = await t.app.inject({ url: `/api/offices/${officeId}/slots`, query: { serviceId: S.residentIdRenewal, date: '2026-11-25' } });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Array<{ start: string; end: string; startsAt: string }> }).items;
    expect(items.map((i) => [i.start, i.end, i.startsAt])).toEqual([
      ['00:00', '00:30', '2026-11-24T16:00:00.000Z'],
      ['23:30', '24:00', '2026-11-25T15:30:00.000Z'],
    ]);
    const before = (await t.app.inject({ url: `/api/offices/${officeId}/slots`, query: { serviceId: S.residentIdRenewal, date: '2026-11-24' } })).json() as { items: Array<{ startsAt: string }> };
    expect(before.items.map((i) => i.startsAt)).toEqual(['2026-11-23T16:00:00.000Z', '2026-11-24T15:30:00.000Z']);
    await t.app.prisma.slot.deleteMany({ where: { officeId } });
    await t.app.prisma.office.delete({ where: { id: officeId } });
  });
});

describe('generateSlots: regeneration', () => {
  it('is idempotent: a second run writes nothing, and two instances at once make each slot once', async () => {
    const [a, b] = await Promise.all([runAt('2026-11-23T07:00:00+08:00'), runAt('2026-11-23T07:00:00+08:00')]);
    const total = await t.app.prisma.slot.count();
    expect(total).toBeGreaterThan(300);
    expect(a.created + b.created).toBe(total);
    const stamp = await t.app.prisma.slot.aggregate({ _max: { updatedAt: true } });
    const again = await runAt('2026-11-23T07:00:00+08:00');
    expect(again).toEqual({ rules: a.rules, created: 0, updated: 0, withdrawn: 0, closedBooked: 0, cancelled: 0, keptBooked: 0, failedRules: 0 });
    expect(await t.app.prisma.slot.count()).toBe(total);
    expect((await t.app.prisma.slot.aggregate({ _max: { updatedAt: true } }))._max.updatedAt).toEqual(stamp._max.updatedAt);
  });

  it('follows a changed rule on unbooked slots but never changes a booked one', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const day = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-24');
    const booked = await t.app.prisma.slot.update({ where: { id: day[0]!.id }, data: { booked: 2 } });
    const where = { officeId_serviceId: { officeId: O.countyCenter, serviceId: S.marriageRegistration } };
    const original = await t.app.prisma.slotRule.findUniqueOrThrow({ where });
    // More capacity, and mornings start at 09:30 now: the booked 09:00 slot is no longer planned.
    await t.app.prisma.slotRule.update({ where, data: { capacityPerSlot: 5, weekTemplate: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, { start: '09:30', end: '17:30' }])) } });
    try {
      const summary = await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
      expect(summary.keptBooked).toBeGreaterThanOrEqual(1);
      expect(summary.updated).toBeGreaterThan(0);
      const after = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-24');
      expect(after[0]).toMatchObject({ id: booked.id, capacity: 2, booked: 2, withdrawnAt: null, updatedAt: booked.updatedAt });
      expect(after.slice(1).every((s) => s.capacity === 5)).toBe(true);
      // 09:00 (booked, kept) + 09:30 … 11:30 + the afternoon.
      expect(after.map((s) => shanghaiTime(s.startsAt)).slice(0, 3)).toEqual(['09:00', '09:30', '10:00']);
    } finally {
      await t.app.prisma.slotRule.update({ where, data: { capacityPerSlot: original.capacityPerSlot, weekTemplate: original.weekTemplate as Prisma.InputJsonValue } });
    }
  });

  it('moves the release time of unbooked slots with the rule: date − horizon at the release time', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const [marriage] = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-30');
    expect(marriage!.releasedAt.toISOString()).toBe('2026-11-23T00:00:00.000Z'); // 11-23 08:00 Shanghai
    const [loan] = await slotsOf(O.countyCenter, S.housingFundLoan, '2026-11-27');
    expect(loan!.releasedAt.toISOString()).toBe('2026-11-22T01:00:00.000Z'); // 11-22 09:00 Shanghai
  });

  it('skips a malformed rule (logged) and still generates the others', async () => {
    const where = { officeId_serviceId: { officeId: O.qingyunTown, serviceId: S.residentIdRenewal } };
    const original = await t.app.prisma.slotRule.findUniqueOrThrow({ where });
    await t.app.prisma.slotRule.update({ where, data: { weekTemplate: { '1': { start: '17:00', end: '09:00' } } } });
    const warnings: string[] = [];
    try {
      const summary = await generateSlots(
        { prisma: t.app.prisma, resources: { clock: createClock({ pinnedStart: '2026-11-23T07:00:00+08:00' }) }, log: { warn: (_obj, msg) => warnings.push(msg) } },
        { officeId: O.qingyunTown },
      );
      expect(summary.failedRules).toBe(1);
      expect(warnings).toHaveLength(1);
      expect(await slotsOf(O.qingyunTown, S.residentIdRenewal)).toEqual([]);
      expect((await slotsOf(O.qingyunTown, S.chronicDiseaseRecognition)).length).toBeGreaterThan(0);
    } finally {
      await t.app.prisma.slotRule.update({ where, data: { weekTemplate: original.weekTemplate as Prisma.InputJsonValue } });
    }
  });

  it('the database refuses a booked count above capacity', async () => {
    await runAt('2026-11-23T07:00:00+08:00', { officeId: O.countyCenter });
    const [slot] = await slotsOf(O.countyCenter, S.marriageRegistration, '2026-11-24');
    await expect(t.app.prisma.slot.update({ where: { id: slot!.id }, data: { booked: 3 } })).rejects.toThrow();
  });
});

describe('the slot job plugin', () => {
  it('runs once when the app is ready (SLOT_JOB_ENABLED), and closing the app stops its timer', async () => {
    const withJob = await build({ env: { SLOT_JOB_ENABLED: 'true' }, reset: false });
    try {
      expect(await t.app.prisma.slot.count({ where: { officeId: O.qingyunTown } })).toBeGreaterThan(0);
      expect(withJob.logs.some((line) => line.includes('slot job done'))).toBe(true);
    } finally {
      await withJob.close();
    }
  });

  it('is off under NODE_ENV=test by default', () => {
    expect(t.config.slotJobEnabled).toBe(false);
  });
});
