// The waitlist service's own guarantees on real PostgreSQL (bff/src/appointments/waitlist/): no
// place given twice however many promotions run at once on two instances, the line closing before
// the start, suspensions, and the minute job's step. The clock can be moved forward here.
import { OFFICE_IDS, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { BookingService } from '../../src/appointments/booking';
import { APPOINTMENT_JOB_STEPS, runAppointmentJobs } from '../../src/appointments/jobs';
import { WaitlistService, type Promotion } from '../../src/appointments/waitlist';
import { createClock, type Clock } from '../../src/lib/clock';
import { openDatabase } from '@palm/db';
import { getTestDatabaseUrl } from '../db';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { slotMaker } from './fixtures';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('waitlist service', () => {
  let t: TestApp;
  // The pinned clock (setup-env.ts), moved forward by `shift` when a test needs time to pass.
  let shift = 0;
  const base = createClock({ pinnedStart: process.env.PALM_CLOCK });
  const clock: Clock = {
    now: () => new Date(base.now().getTime() + shift),
    businessDate: (at) => base.businessDate(at ?? clock.now()),
    businessTime: (at) => base.businessTime(at ?? clock.now()),
    businessDateTime: (at) => base.businessDateTime(at ?? clock.now()),
  };
  let booking: BookingService;
  let waitlist: WaitlistService;

  beforeAll(async () => {
    t = await build({ resources: { clock } });
    booking = new BookingService(t.app);
    waitlist = new WaitlistService(t.app);
  });
  beforeEach(async () => {
    shift = 0;
    await t.app.prisma.$executeRawUnsafe(
      'TRUNCATE "WaitlistEntry", "Appointment", "AppointmentEvent", "AppointmentQuota", "BookingSuspension", "Notification" CASCADE',
    );
    await t.app.prisma.slot.deleteMany({});
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const person = async () => (await t.login({ phone: `134${String((nextPhone += 1)).padStart(8, '0')}` })).user.id;
  // The maker reads `t.resources.clock`: the shifted clock above.
  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE });
  const slot = async (opts: { capacity?: number; startsIn?: number } = {}) => (await newSlot(opts)).id;
  const book = async (slotId: string, subjectId: string) =>
    (await booking.book({ slotId, serviceId: SERVICE, subjectId, actorId: subjectId })).appointment;
  const join = async (slotId: string, subjectId: string, actorId = subjectId) =>
    (await waitlist.join({ slotId, serviceId: SERVICE, subjectId, actorId })).entry;
  /** A full slot, its bookings and a line of `waiting` people (in joining order). */
  const fullSlotWithLine = async (capacity: number, waiting: number, opts: { startsIn?: number } = {}) => {
    const id = await slot({ capacity, ...opts });
    const bookings = [];
    for (let i = 0; i < capacity; i += 1) bookings.push(await book(id, await person()));
    const line = [];
    for (let i = 0; i < waiting; i += 1) line.push(await join(id, await person()));
    return { id, bookings, line };
  };
  const slotRow = (id: string) => t.app.prisma.slot.findUniqueOrThrow({ where: { id } });
  const statuses = async (slotId: string) =>
    (await t.app.prisma.waitlistEntry.findMany({ where: { slotId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((e) => e.status);

  it('never gives a place twice: 20 cancels and 40 promotions at once, on two instances', async () => {
    const { id, bookings, line } = await fullSlotWithLine(20, 25);
    // A second instance: its own app and connection pool on the same database.
    const db2 = await openDatabase({ databaseUrl: await getTestDatabaseUrl(), migrate: false, poolMax: 5 });
    const t2 = await build({ db: db2, reset: false, resources: { clock } });
    try {
      const other = new WaitlistService(t2.app);
      const results = await Promise.all([
        ...bookings.map(async (b) => {
          await booking.cancel(b, b.subjectId, undefined);
          return (await waitlist.promote(id)).promoted;
        }),
        ...Array.from({ length: 20 }, async () => (await other.promote(id)).promoted),
      ]);
      const promotions: Promotion[] = results.flat();
      // Every place went to exactly one person, the first 20 in line, each once.
      expect(promotions).toHaveLength(20);
      expect(new Set(promotions.map((p) => p.entryId))).toEqual(new Set(line.slice(0, 20).map((e) => e.id)));
      expect(new Set(promotions.map((p) => p.appointmentId)).size).toBe(20);
      const s = await slotRow(id);
      expect([s.booked, s.held, s.booked + s.held <= s.capacity]).toEqual([20, 0, true]);
      const appointments = await t.app.prisma.appointment.findMany({ where: { slotId: id, status: 'BOOKED' } });
      expect(appointments).toHaveLength(20);
      expect(new Set(appointments.map((a) => a.subjectId))).toEqual(new Set(line.slice(0, 20).map((e) => e.subjectId)));
      expect(await statuses(id)).toEqual([...Array<string>(20).fill('PROMOTED'), ...Array<string>(5).fill('WAITING')]);
      const entries = await t.app.prisma.waitlistEntry.findMany({ where: { slotId: id, status: 'PROMOTED' } });
      for (const e of entries) expect(appointments.find((a) => a.id === e.appointmentId)?.subjectId).toBe(e.subjectId);
      const quotas = await t.app.prisma.appointmentQuota.findMany({ where: { subjectId: { in: line.map((e) => e.subjectId) } } });
      expect(quotas.map((q) => q.active).sort()).toEqual(Array<number>(20).fill(1));
    } finally {
      await t2.close();
      await db2.close();
    }
  }, 120_000);

  it('closes the line 30 minutes before the start: entries expire and held places are freed', async () => {
    const { id, bookings, line } = await fullSlotWithLine(2, 2, { startsIn: 50 * MIN });
    await booking.cancel(bookings[0]!, bookings[0]!.subjectId, undefined);
    expect(await slotRow(id)).toMatchObject({ booked: 1, held: 1 });
    shift = 21 * MIN; // 29 minutes before the start
    // Nobody is promoted into a booking they could no longer cancel online; the place is anyone's.
    expect(await waitlist.promote(id)).toEqual({ promoted: [], skipped: 0, expired: 2, released: 1 });
    expect(await statuses(id)).toEqual(['EXPIRED', 'EXPIRED']);
    const row = await t.app.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: line[0]!.id } });
    expect(row.activeKey).toBeNull();
    expect(row.endedAt).not.toBeNull();
    expect(await slotRow(id)).toMatchObject({ booked: 1, held: 0 });
    expect(await t.app.prisma.appointment.count({ where: { slotId: id, status: 'BOOKED' } })).toBe(1);
  });

  it('expires the line of a slot that started or was withdrawn, from the minute job', async () => {
    const started = await fullSlotWithLine(1, 1, { startsIn: 40 * MIN });
    const withdrawn = await fullSlotWithLine(1, 2);
    const open = await fullSlotWithLine(1, 1, { startsIn: 2 * DAY });
    await t.app.prisma.slot.update({ where: { id: withdrawn.id }, data: { withdrawnAt: clock.now() } });
    shift = 45 * MIN;
    const results = await runAppointmentJobs(t.app);
    expect(results.waitlist).toMatchObject({ slots: 2, promoted: 0, expired: 3, failed: 0 });
    expect(await statuses(started.id)).toEqual(['EXPIRED']);
    expect(await statuses(withdrawn.id)).toEqual(['EXPIRED', 'EXPIRED']);
    expect(await statuses(open.id)).toEqual(['WAITING']);
  });

  it('runs as a step of the appointment minute job: promotes held places a failed promotion left, frees those nobody waits for', async () => {
    expect(APPOINTMENT_JOB_STEPS.map((s) => s.name)).toContain('waitlist');
    const left = await fullSlotWithLine(1, 2);
    const empty = await fullSlotWithLine(2, 0);
    // As a cancel leaves them when its promotion fails: a place held, nobody handed it yet.
    await t.app.prisma.slot.update({ where: { id: left.id }, data: { booked: 0, held: 1 } });
    await t.app.prisma.appointment.update({ where: { id: left.bookings[0]!.id }, data: { status: 'CANCELLED', activeKey: null } });
    await t.app.prisma.slot.update({ where: { id: empty.id }, data: { booked: 1, held: 1 } });
    // A join that raced a cancel: a free place with someone waiting.
    const raced = await fullSlotWithLine(1, 1);
    await t.app.prisma.slot.update({ where: { id: raced.id }, data: { booked: 0 } });
    const results = await runAppointmentJobs(t.app);
    expect(results.waitlist).toMatchObject({ slots: 3, promoted: 2, released: 1, failed: 0 });
    expect(await statuses(left.id)).toEqual(['PROMOTED', 'WAITING']);
    expect(await slotRow(left.id)).toMatchObject({ booked: 1, held: 0 });
    expect(await slotRow(empty.id)).toMatchObject({ booked: 1, held: 0 });
    expect(await statuses(raced.id)).toEqual(['PROMOTED']);
    expect(await slotRow(raced.id)).toMatchObject({ booked: 1, held: 0 });
    // Nothing left to do: a second run (another instance's, say) changes nothing.
    expect((await runAppointmentJobs(t.app)).waitlist).toMatchObject({ slots: 0, promoted: 0 });
  });

  it('passes over a suspended person, but not one a grid worker joined for', async () => {
    const now = clock.now();
    const suspend = (subjectId: string) =>
      t.app.prisma.bookingSuspension.create({
        data: { subjectId, officeId: OFFICE, startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() + 6 * DAY), reason: '30天内3次预约未到' },
      });
    const id = await slot({ capacity: 2 });
    const bookings = [await book(id, await person()), await book(id, await person())];
    const [self, elder, next] = [await person(), USER_IDS.noPhoneElder, await person()];
    const own = await join(id, self);
    const proxied = await join(id, elder, USER_IDS.gridWorker);
    await join(id, next);
    // Suspended after joining (no-shows elsewhere meanwhile).
    await suspend(self);
    await suspend(elder);
    await booking.cancel(bookings[0]!, bookings[0]!.subjectId, undefined);
    await booking.cancel(bookings[1]!, bookings[1]!.subjectId, undefined);
    const result = await waitlist.promote(id);
    expect(result.skipped).toBe(1);
    expect(result.promoted.map((p) => p.subjectId)).toEqual([elder, next]);
    const skipped = await t.app.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: own.id } });
    expect([skipped.status, skipped.skipReason]).toEqual(['SKIPPED', '候补到名额时在线预约处于暂停期，未能为您预约']);
    const promoted = await t.app.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: proxied.id } });
    const appointment = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: promoted.appointmentId! } });
    expect([appointment.subjectId, appointment.actorId]).toEqual([elder, USER_IDS.gridWorker]);
    // 候补成功 goes to the person and to the grid worker who joined for them.
    const messages = await t.app.prisma.notification.findMany({ where: { kind: 'WAITLIST_PROMOTED', channel: 'IN_APP', appointmentId: appointment.id } });
    expect(messages.map((m) => m.userId).sort()).toEqual([elder, USER_IDS.gridWorker].sort());
  });
});
