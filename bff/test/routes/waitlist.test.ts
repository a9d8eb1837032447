// 候补 on real PostgreSQL (issue 5 step 3): POST/GET /api/appointments/waitlist, POST …/:id/cancel,
// and the promotions a cancel or a move of a booking starts. The clock is pinned at Monday
// 2026-11-23 09:30 Asia/Shanghai (setup-env.ts) and runs forward; slots are made here, relative to it.
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker, type SlotOptions } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { emptyTables } from '../db';

const OFFICE = OFFICE_IDS.countyCenter;
// A service with a slot rule at the hall, so GET /api/offices/:id/slots lists its day.
const SERVICE: string = SERVICE_IDS.marriageRegistration;
const SERVICES: string[] = Object.values(SERVICE_IDS).filter((id) => id !== SERVICE).slice(0, 5);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Entry {
  id: string;
  status: string;
  office: { id: string; name: string };
  service: { id: string; name: string };
  slot: { id: string; date: string; start: string; end: string; startsAt: string };
  position: number | null;
  appointmentId: string | null;
  skipReason: string | null;
  onBehalfOf: string | null;
  endedAt: string | null;
}
type Who = Awaited<ReturnType<TestApp['login']>>;

describe('waitlist (候补)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Many sign-ins from one test address: the per-IP ceilings are tested elsewhere.
    t = await build({ redis: true, env: { RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await emptyTables(t.app.prisma, ['WaitlistEntry', 'Appointment', 'AppointmentEvent', 'AppointmentQuota', 'BookingSuspension', 'Notification', 'AuditLog']);
    await t.app.prisma.slot.deleteMany({});
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const citizen = () => t.login({ phone: `135${String((nextPhone += 1)).padStart(8, '0')}` });

  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE });
  const slot = async (opts: SlotOptions = {}) => (await newSlot(opts)).id;
  const book = async (who: Who, slotId: string, serviceId = SERVICE) => {
    const res = await t.as(who.accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; slotId: string };
  };
  /** A slot whose places are all booked (by fresh people), and its bookings. */
  const fullSlot = async (opts: Parameters<typeof slot>[0] = {}) => {
    const id = await slot(opts);
    const bookings = [];
    for (let i = 0; i < (opts.capacity ?? 1); i += 1) bookings.push(await book(await citizen(), id, opts.serviceId));
    return { id, bookings };
  };
  const join = (token: string, slotId: string, serviceId = SERVICE, headers: Record<string, string> = {}) =>
    t.as(token, { method: 'POST', url: '/api/appointments/waitlist', payload: { slotId, serviceId }, headers });
  const joined = async (who: Who, slotId: string, serviceId = SERVICE) => {
    const res = await join(who.accessToken, slotId, serviceId);
    expect(res.statusCode).toBe(201);
    return res.json() as Entry;
  };
  const entries = async (who: Who, headers: Record<string, string> = {}) => {
    const res = await t.as(who.accessToken, { method: 'GET', url: '/api/appointments/waitlist', headers });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: Entry[] }).items;
  };
  const leave = (token: string, id: string, payload: object = {}) => t.as(token, { method: 'POST', url: `/api/appointments/waitlist/${id}/cancel`, payload });
  const cancelBooking = (token: string, id: string) => t.as(token, { method: 'POST', url: `/api/appointments/${id}/cancel`, payload: {} });
  const places = async (slotId: string) => {
    const s = await t.app.prisma.slot.findUniqueOrThrow({ where: { id: slotId } });
    return { booked: s.booked, held: s.held };
  };
  const entryRow = (id: string) => t.app.prisma.waitlistEntry.findUniqueOrThrow({ where: { id } });

  describe('POST /api/appointments/waitlist', () => {
    it('puts people in line for a full slot in the order they join; the slot list counts them and stays unbookable', async () => {
      const at = new Date('2026-11-24T01:00:00Z'); // 09:00 Shanghai, Tuesday
      const { id } = await fullSlot({ at, capacity: 2 });
      const [a, b] = [await citizen(), await citizen()];
      const first = await joined(a, id);
      expect(first).toMatchObject({
        status: 'WAITING',
        position: 1,
        slot: { id, date: '2026-11-24', start: '09:00', end: '09:30', startsAt: at.toISOString() },
        service: { id: SERVICE },
        office: { id: OFFICE },
        appointmentId: null,
        skipReason: null,
        onBehalfOf: null,
        endedAt: null,
      });
      expect((await joined(b, id)).position).toBe(2);
      const row = await entryRow(first.id);
      expect([row.subjectId, row.actorId, row.activeKey]).toEqual([a.user.id, a.user.id, `${a.user.id}:${id}`]);
      const day = await t.app.inject({ method: 'GET', url: `/api/offices/${OFFICE}/slots?serviceId=${SERVICE}&date=2026-11-24` });
      expect(day.statusCode).toBe(200);
      expect(day.json().items.find((s: { id: string }) => s.id === id)).toMatchObject({ remaining: 0, waiting: 2, isBookable: false, unavailableReason: 'FULL' });
      expect(await places(id)).toEqual({ booked: 2, held: 0 });
    });

    it('refuses a slot with places left, not released, started or about to, withdrawn, unknown or of another service', async () => {
      const a = await citizen();
      const cases: Array<[string, number, string]> = [
        [await slot({ capacity: 2 }), 409, 'WAITLIST_SLOT_OPEN'],
        [await slot({ releasedIn: 60 * MIN }), 422, 'SLOT_NOT_RELEASED'],
        [(await fullSlot({ startsIn: 40 * MIN })).id, 201, ''],
        [await slot({ startsIn: -10 * MIN }), 422, 'SLOT_PAST'],
        [await slot({ withdrawn: true }), 409, 'SLOT_WITHDRAWN'],
        ['00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND'],
      ];
      for (const [id, status, code] of cases) {
        const res = await join(a.accessToken, id);
        expect([res.statusCode, status === 201 ? '' : errorCodeOf(res)]).toEqual([status, code]);
      }
      // Within 30 minutes of the start a place could no longer be cancelled online: no new line.
      const soon = await fullSlot({ startsIn: 25 * MIN });
      const late = await join(a.accessToken, soon.id);
      expect([late.statusCode, errorCodeOf(late), late.json().error.message]).toEqual([422, 'SLOT_PAST', '该时段30分钟内即将开始，不再接受候补']);
      const open = await join(a.accessToken, await slot({ capacity: 3 }));
      expect(open.json().error.message).toBe('该时段还有名额，可直接预约');
      const mismatch = await join(a.accessToken, (await fullSlot()).id, SERVICES[0]);
      expect([mismatch.statusCode, errorCodeOf(mismatch)]).toEqual([400, 'VALIDATION_FAILED']);
      expect(await t.app.prisma.waitlistEntry.count()).toBe(1);
    });

    it('refuses a second entry for the same slot, a 4th waiting entry, and one for a day already booked for the service', async () => {
      const a = await citizen();
      const slots = await Promise.all([1, 2, 3, 4].map(async (d) => (await fullSlot({ startsIn: d * DAY })).id));
      await joined(a, slots[0]!);
      const again = await join(a.accessToken, slots[0]!);
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'WAITLIST_ALREADY']);
      await joined(a, slots[1]!);
      await joined(a, slots[2]!);
      const fourth = await join(a.accessToken, slots[3]!);
      expect([fourth.statusCode, errorCodeOf(fourth)]).toEqual([409, 'WAITLIST_LIMIT']);
      // Leaving one line makes room for another.
      const [latest] = await entries(a);
      expect((await leave(a.accessToken, latest!.id)).statusCode).toBe(200);
      expect((await join(a.accessToken, slots[3]!)).statusCode).toBe(201);
      // Booked for the service that day already: nothing to wait for.
      const b = await citizen();
      const day = await slot({ at: new Date('2026-11-26T01:00:00Z'), capacity: 2 });
      const full = await fullSlot({ at: new Date('2026-11-26T02:00:00Z') });
      await book(b, day);
      const sameDay = await join(b.accessToken, full.id);
      expect([sameDay.statusCode, errorCodeOf(sameDay)]).toEqual([409, 'APPOINTMENT_LIMIT_SERVICE_DAY']);
      expect(await t.app.prisma.waitlistEntry.count({ where: { subjectId: b.user.id } })).toBe(0);
    });

    it('lets one person racing 6 joins at once wait in at most 3 lines', async () => {
      const a = await citizen();
      const slots = await Promise.all([1, 2, 3, 4, 5, 6].map(async (d) => (await fullSlot({ startsIn: d * DAY })).id));
      const replies = await Promise.all(slots.map((id) => join(a.accessToken, id)));
      expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409, 409]);
      expect(replies.filter((r) => r.statusCode === 409).map(errorCodeOf)).toEqual(['WAITLIST_LIMIT', 'WAITLIST_LIMIT', 'WAITLIST_LIMIT']);
      expect(await t.app.prisma.waitlistEntry.count({ where: { subjectId: a.user.id, status: 'WAITING' } })).toBe(3);
    });

    it('refuses a person whose online booking is suspended', async () => {
      const a = await citizen();
      const now = t.resources.clock.now();
      await t.app.prisma.bookingSuspension.create({
        data: { subjectId: a.user.id, officeId: OFFICE, startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() + 6 * DAY), reason: '30天内3次预约未到' },
      });
      const res = await join(a.accessToken, (await fullSlot()).id);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([422, 'APPOINTMENT_SUSPENDED']);
    });

    it('answers a retried join with the same Idempotency-Key with the same entry; reuse for another slot is refused', async () => {
      const a = await citizen();
      const { id } = await fullSlot();
      const other = await fullSlot({ startsIn: 2 * DAY });
      const headers = { 'idempotency-key': 'wait-0001-abcdef' };
      const [x, y] = await Promise.all([join(a.accessToken, id, SERVICE, headers), join(a.accessToken, id, SERVICE, headers)]);
      expect([x.statusCode, y.statusCode].sort()).toEqual([200, 201]);
      expect(x.json().id).toBe(y.json().id);
      expect(await t.app.prisma.waitlistEntry.count()).toBe(1);
      expect((await join(a.accessToken, id, SERVICE, headers)).statusCode).toBe(200);
      const reused = await join(a.accessToken, other.id, SERVICE, headers);
      expect([reused.statusCode, errorCodeOf(reused)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    });

    it('refuses bad input and anonymous callers, and limits joins per person', async () => {
      const a = await citizen();
      const { id } = await fullSlot();
      for (const payload of [{}, { slotId: 'x', serviceId: SERVICE }, { slotId: id, serviceId: SERVICE, extra: 1 }]) {
        const res = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments/waitlist', payload });
        expect([res.statusCode, errorCodeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(errorCodeOf(await join(a.accessToken, id, SERVICE, { 'idempotency-key': 'bad key!' }))).toBe('VALIDATION_FAILED');
      expect((await t.app.inject({ method: 'POST', url: '/api/appointments/waitlist', payload: { slotId: id, serviceId: SERVICE } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/appointments/waitlist' })).statusCode).toBe(401);
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1) statuses.push((await join(a.accessToken, id)).statusCode);
      expect(statuses.slice(0, 20)).not.toContain(429);
      expect(statuses[20]).toBe(429);
    });
  });

  describe('GET /api/appointments/waitlist, POST /api/appointments/waitlist/:id/cancel', () => {
    it('lists one’s entries with their place in line (the path is not read as an appointment id), and hides everyone else’s', async () => {
      const [a, b, stranger] = [await citizen(), await citizen(), await citizen()];
      const s1 = await fullSlot();
      const s2 = await fullSlot({ startsIn: 2 * DAY });
      await joined(b, s1.id);
      const mine1 = await joined(a, s1.id);
      const mine2 = await joined(a, s2.id);
      const list = await entries(a);
      expect(list.map((e) => [e.id, e.position])).toEqual([
        [mine2.id, 1],
        [mine1.id, 2],
      ]);
      expect(await entries(stranger)).toEqual([]);
      const gone = await leave(stranger.accessToken, mine1.id);
      expect([gone.statusCode, errorCodeOf(gone)]).toEqual([404, 'NOT_FOUND']);
      expect((await entryRow(mine1.id)).status).toBe('WAITING');
    });

    it('cancels an entry: the people behind move up; a second cancel is refused', async () => {
      const [a, b, c] = [await citizen(), await citizen(), await citizen()];
      const { id } = await fullSlot();
      const ea = await joined(a, id);
      await joined(b, id);
      await joined(c, id);
      const res = await leave(a.accessToken, ea.id);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: ea.id, status: 'CANCELLED', position: null });
      expect(res.json().endedAt).not.toBeNull();
      expect((await entries(b))[0]!.position).toBe(1);
      expect((await entries(c))[0]!.position).toBe(2);
      const again = await leave(a.accessToken, ea.id);
      expect([again.statusCode, errorCodeOf(again), again.json().error.message]).toEqual([409, 'WAITLIST_STATE', '该候补已取消']);
      const extra = await leave(b.accessToken, (await entries(b))[0]!.id, { reason: 'x' });
      expect([extra.statusCode, errorCodeOf(extra)]).toEqual([400, 'VALIDATION_FAILED']);
      // Rejoining after leaving is allowed: the line key was cleared.
      expect((await join(a.accessToken, id)).json().position).toBe(3);
    });
  });

  describe('promotion', () => {
    it('gives a cancelled place to the first in line (A before B): A sees the appointment and a message, B moves up', async () => {
      const [a, b] = [await citizen(), await citizen()];
      const holder = await citizen();
      const id = await slot();
      const booking = await book(holder, id);
      const ea = await joined(a, id);
      const eb = await joined(b, id);
      const res = await cancelBooking(holder.accessToken, booking.id);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('CANCELLED');
      const promoted = await entryRow(ea.id);
      expect(promoted.status).toBe('PROMOTED');
      expect(promoted.activeKey).toBeNull();
      const appointments = (await t.as(a.accessToken, { method: 'GET', url: '/api/appointments' })).json().items as Array<{ id: string; slotId: string; status: string }>;
      expect(appointments.map((x) => [x.id, x.slotId, x.status])).toEqual([[promoted.appointmentId, id, 'BOOKED']]);
      expect((await entries(a))[0]).toMatchObject({ status: 'PROMOTED', appointmentId: promoted.appointmentId, position: null });
      expect((await entries(b))[0]).toMatchObject({ id: eb.id, status: 'WAITING', position: 1 });
      expect(await places(id)).toEqual({ booked: 1, held: 0 });
      expect((await t.app.prisma.appointmentQuota.findUniqueOrThrow({ where: { subjectId: a.user.id } })).active).toBe(1);
      const events = await t.app.prisma.appointmentEvent.findMany({ where: { appointmentId: promoted.appointmentId! } });
      expect(events.map((e) => [e.type, e.actorId, (e.detail as { via?: string }).via])).toEqual([['BOOKED', a.user.id, 'WAITLIST']]);
      const messages = await t.app.prisma.notification.findMany({ where: { kind: 'WAITLIST_PROMOTED', channel: 'IN_APP' } });
      expect(messages.map((m) => [m.userId, m.appointmentId])).toEqual([[a.user.id, promoted.appointmentId]]);
    });

    it('passes over a person who may not book then (3 active) with the reason, and gives the place to the next', async () => {
      const [a, b, holder] = [await citizen(), await citizen(), await citizen()];
      const id = await slot();
      const booking = await book(holder, id);
      const ea = await joined(a, id);
      const eb = await joined(b, id);
      // A books 3 other services meanwhile: the waitlist cannot make a 4th.
      for (const serviceId of SERVICES.slice(0, 3)) await book(a, await slot({ serviceId }), serviceId);
      expect((await cancelBooking(holder.accessToken, booking.id)).statusCode).toBe(200);
      const skipped = (await entries(a)).find((e) => e.id === ea.id)!;
      expect(skipped).toMatchObject({ status: 'SKIPPED', skipReason: '候补到名额时您已有3个未完成的预约，未能为您预约', appointmentId: null, position: null });
      expect((await entryRow(eb.id)).status).toBe('PROMOTED');
      expect(await t.app.prisma.appointment.count({ where: { slotId: id, status: 'BOOKED' } })).toBe(1);
      expect((await t.app.prisma.appointmentQuota.findUniqueOrThrow({ where: { subjectId: a.user.id } })).active).toBe(3);
      expect(await places(id)).toEqual({ booked: 1, held: 0 });
    });

    it('passes over a person who booked the service that day meanwhile', async () => {
      const [a, b, holder] = [await citizen(), await citizen(), await citizen()];
      const id = await slot({ at: new Date('2026-11-27T01:00:00Z') });
      const booking = await book(holder, id);
      const ea = await joined(a, id);
      await joined(b, id);
      await book(a, await slot({ at: new Date('2026-11-27T03:00:00Z') }));
      await cancelBooking(holder.accessToken, booking.id);
      expect(await entryRow(ea.id)).toMatchObject({ status: 'SKIPPED', skipReason: '候补到名额时您当天已有这项业务的预约，未能为您预约' });
      expect(await t.app.prisma.waitlistEntry.count({ where: { slotId: id, subjectId: b.user.id, status: 'PROMOTED' } })).toBe(1);
    });

    it('frees the place for anyone when nobody (able) is waiting', async () => {
      const [a, holder, holder2] = [await citizen(), await citizen(), await citizen()];
      // Nobody waits: a cancel frees the place as before.
      const quiet = await slot();
      await cancelBooking(holder.accessToken, (await book(holder, quiet)).id);
      expect(await places(quiet)).toEqual({ booked: 0, held: 0 });
      // The only one waiting is passed over: the place is not kept for nobody.
      const id = await slot();
      const booking = await book(holder2, id);
      const ea = await joined(a, id);
      for (const serviceId of SERVICES.slice(0, 3)) await book(a, await slot({ serviceId }), serviceId);
      await cancelBooking(holder2.accessToken, booking.id);
      expect((await entryRow(ea.id)).status).toBe('SKIPPED');
      expect(await places(id)).toEqual({ booked: 0, held: 0 });
      expect((await t.as((await citizen()).accessToken, { method: 'POST', url: '/api/appointments', payload: { slotId: id, serviceId: SERVICE } })).statusCode).toBe(201);
    });

    it('frees a held place when the last person waiting leaves the line', async () => {
      const [a, holder] = [await citizen(), await citizen()];
      const id = await slot({ capacity: 2 });
      await book(holder, id);
      const other = await book(await citizen(), id);
      const ea = await joined(a, id);
      // A place held for the line that was not handed on yet (a promotion that failed, say).
      await t.app.prisma.$executeRaw`UPDATE "Slot" SET "booked" = 1, "held" = 1 WHERE "id" = ${id}::uuid`;
      await t.app.prisma.appointment.update({ where: { id: other.id }, data: { status: 'CANCELLED', activeKey: null } });
      expect((await leave(a.accessToken, ea.id)).statusCode).toBe(200);
      expect(await places(id)).toEqual({ booked: 1, held: 0 });
    });

    it('gives the place a booking moved away from (改约) to the first in line', async () => {
      const [a, holder] = [await citizen(), await citizen()];
      const from = await slot();
      const to = await slot({ startsIn: 2 * DAY });
      const booking = await book(holder, from);
      const ea = await joined(a, from);
      const moved = await t.as(holder.accessToken, { method: 'POST', url: `/api/appointments/${booking.id}/reschedule`, payload: { slotId: to } });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ id: booking.id, slotId: to });
      const promoted = await entryRow(ea.id);
      expect(promoted.status).toBe('PROMOTED');
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: promoted.appointmentId! } })).slotId).toBe(from);
      expect([await places(from), await places(to)]).toEqual([
        { booked: 1, held: 0 },
        { booked: 1, held: 0 },
      ]);
    });

    it('hands out several freed places in line order, each once', async () => {
      const holders = [await citizen(), await citizen(), await citizen()];
      const id = await slot({ capacity: 3 });
      const bookings = [];
      for (const h of holders) bookings.push(await book(h, id));
      const waiters = [await citizen(), await citizen(), await citizen(), await citizen()];
      const line = [];
      for (const w of waiters) line.push(await joined(w, id));
      await Promise.all(bookings.map((bk, i) => cancelBooking(holders[i]!.accessToken, bk.id)));
      const rows = await t.app.prisma.waitlistEntry.findMany({ where: { slotId: id }, orderBy: { createdAt: 'asc' } });
      expect(rows.map((r) => r.status)).toEqual(['PROMOTED', 'PROMOTED', 'PROMOTED', 'WAITING']);
      expect(rows.map((r) => r.id)).toEqual(line.map((e) => e.id));
      expect(await places(id)).toEqual({ booked: 3, held: 0 });
      expect(await t.app.prisma.appointment.count({ where: { slotId: id, status: 'BOOKED' } })).toBe(3);
      expect((await entries(waiters[3]!))[0]!.position).toBe(1);
    });
  });

  describe('on behalf (X-On-Behalf-Of)', () => {
    it('joins for a resident only with an ACTIVE APPOINTMENT grant: both see the entry (he acting for her), the helper may cancel it acting for her', async () => {
      const [helper, resident, stranger] = [await citizen(), await citizen(), await citizen()];
      const { id } = await fullSlot();
      const onBehalf = { 'x-on-behalf-of': resident.user.id };
      const refused = await join(helper.accessToken, id, SERVICE, onBehalf);
      expect([refused.statusCode, errorCodeOf(refused)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      const now = t.app.resources.clock.now();
      const grant = await t.app.prisma.grant.create({
        data: { grantorId: resident.user.id, granteeId: helper.user.id, relation: '子女', scopes: ['APPOINTMENT'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 365 * DAY) },
      });
      try {
        const res = await join(helper.accessToken, id, SERVICE, onBehalf);
        expect(res.statusCode).toBe(201);
        const entry = res.json() as Entry;
        expect(entry.onBehalfOf).not.toBeNull();
        const row = await entryRow(entry.id);
        expect([row.subjectId, row.actorId]).toEqual([resident.user.id, helper.user.id]);
        // Hers: she sees it as her own, he acting for her; without the header it is not his.
        expect((await entries(helper)).map((e) => e.id)).toEqual([]);
        expect((await entries(resident)).map((e) => e.id)).toEqual([entry.id]);
        expect((await entries(helper, onBehalf)).map((e) => e.id)).toEqual([entry.id]);
        // The resident's own lines count against the resident: a second entry for the slot is refused.
        const twice = await join(resident.accessToken, id);
        expect(errorCodeOf(twice)).toBe('WAITLIST_ALREADY');
        const peek = await leave(stranger.accessToken, entry.id);
        expect(peek.statusCode).toBe(404);
        expect((await leave(helper.accessToken, entry.id)).statusCode).toBe(404);
        const left = await t.as(helper.accessToken, { method: 'POST', url: `/api/appointments/waitlist/${entry.id}/cancel`, payload: {}, headers: onBehalf });
        expect(left.json().status).toBe('CANCELLED');
        const audit = await t.app.prisma.auditLog.findMany({ where: { actorId: helper.user.id, subjectId: resident.user.id } });
        expect(audit.map((r) => [r.action, r.result])).toEqual(expect.arrayContaining([['waitlist.join', 'ALLOW']]));
        // A grant that no longer covers appointments (or is revoked) stops the next request at once.
        await t.app.prisma.grant.update({ where: { id: grant.id }, data: { scopes: ['QUEUE'] } });
        const queueOnly = await join(helper.accessToken, id, SERVICE, onBehalf);
        expect([queueOnly.statusCode, errorCodeOf(queueOnly)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      } finally {
        await t.app.prisma.grant.deleteMany({ where: { id: grant.id } });
      }
    });
  });
});
