// POST /api/appointments and friends on real PostgreSQL (DESIGN.md §4 "Appointments", issue 5 step 2).
// The clock is pinned at Monday 2026-11-23 09:30 Asia/Shanghai (setup-env.ts) and runs forward;
// slots are made here, relative to it.
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { slotMaker, type SlotOptions } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { emptyTables } from '../db';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE: string = SERVICE_IDS.socialSecurityCardApply;
const SERVICES: string[] = Object.values(SERVICE_IDS).filter((id) => id !== SERVICE).slice(0, 5);
const MIN = 60_000;

interface View {
  id: string;
  code: string;
  status: string;
  slotId: string;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  onBehalfOf: string | null;
  canChange: boolean;
  cancelReason: string | null;
}

describe('appointments', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Hundreds of sign-ins and bookings from one test address: the per-IP ceilings (global, and
    // on booking) are tested elsewhere.
    t = await build({ redis: true, env: { RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
  });
  beforeEach(async () => {
    await emptyTables(t.app.prisma, ['Appointment', 'AppointmentEvent', 'AppointmentQuota', 'AuditLog']);
    await t.app.prisma.slot.deleteMany({});
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let nextPhone = 0;
  const citizen = () => t.login({ phone: `136${String((nextPhone += 1)).padStart(8, '0')}` });

  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, capacity: 5 });
  const slot = async (opts: SlotOptions = {}) => (await newSlot(opts)).id;
  const book = (token: string, slotId: string, serviceId = SERVICE, headers: Record<string, string> = {}) =>
    t.as(token, { method: 'POST', url: '/api/appointments', payload: { slotId, serviceId }, headers });
  const cancel = (token: string, id: string, payload: object = {}) => t.as(token, { method: 'POST', url: `/api/appointments/${id}/cancel`, payload });
  const reschedule = (token: string, id: string, slotId: string) => t.as(token, { method: 'POST', url: `/api/appointments/${id}/reschedule`, payload: { slotId } });
  const booked = async (slotId: string) => (await t.app.prisma.slot.findUniqueOrThrow({ where: { id: slotId } })).booked;
  const quota = async (subjectId: string) => (await t.app.prisma.appointmentQuota.findUnique({ where: { subjectId } }))?.active ?? 0;

  describe('POST /api/appointments', () => {
    it('books a place: a short code, Shanghai date and time, the place taken and the step logged', async () => {
      const a = await citizen();
      const at = new Date('2026-11-24T01:00:00Z'); // 09:00 Shanghai, Tuesday
      const id = await slot({ at, capacity: 2 });
      const res = await book(a.accessToken, id);
      expect(res.statusCode).toBe(201);
      const body = res.json() as View;
      expect(body).toMatchObject({ status: 'BOOKED', slotId: id, date: '2026-11-24', start: '09:00', end: '09:30', startsAt: at.toISOString(), onBehalfOf: null, canChange: true });
      expect(body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      expect(await booked(id)).toBe(1);
      expect(await quota(a.user.id)).toBe(1);
      const events = await t.app.prisma.appointmentEvent.findMany({ where: { appointmentId: body.id } });
      expect(events.map((e) => [e.type, e.actorId])).toEqual([['BOOKED', a.user.id]]);
    });

    it('gives 200 concurrent bookers of a 20-place slot exactly 20 places and 180 clean refusals', async () => {
      const id = await slot({ capacity: 20 });
      const users = await Promise.all(Array.from({ length: 200 }, (_, i) => t.login({ phone: `139${String(i).padStart(8, '0')}` })));
      const replies = await Promise.all(users.map((u) => book(u.accessToken, id)));
      const statuses = replies.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 409)).toHaveLength(180);
      expect(new Set(replies.filter((r) => r.statusCode === 409).map(errorCodeOf))).toEqual(new Set(['SLOT_FULL']));
      expect(replies.find((r) => r.statusCode === 409)!.json().error.message).toBe('该时段已约满');
      expect(await booked(id)).toBe(20);
      expect(await t.app.prisma.appointment.count({ where: { slotId: id, status: 'BOOKED' } })).toBe(20);
      expect(new Set(replies.filter((r) => r.statusCode === 201).map((r) => r.json().code)).size).toBe(20);
    }, 180_000);

    it('allows one active booking per person per service per day, again after cancelling', async () => {
      const a = await citizen();
      const morning = await slot({ at: new Date('2026-11-25T01:00:00Z') });
      const afternoon = await slot({ at: new Date('2026-11-25T06:00:00Z') });
      const nextDay = await slot({ at: new Date('2026-11-26T01:00:00Z') });
      const first = (await book(a.accessToken, morning)).json() as View;
      const again = await book(a.accessToken, afternoon);
      expect(again.statusCode).toBe(409);
      expect(errorCodeOf(again)).toBe('APPOINTMENT_LIMIT_SERVICE_DAY');
      expect(await booked(afternoon)).toBe(0); // the refused booking gave its place back
      expect(await quota(a.user.id)).toBe(1);
      expect((await book(a.accessToken, nextDay)).statusCode).toBe(201);
      expect((await cancel(a.accessToken, first.id)).statusCode).toBe(200);
      expect((await book(a.accessToken, afternoon)).statusCode).toBe(201);
    });

    it('allows 3 active bookings in all', async () => {
      const a = await citizen();
      const slots = await Promise.all(SERVICES.slice(0, 4).map((serviceId) => slot({ serviceId })));
      for (const [i, id] of slots.slice(0, 3).entries()) expect((await book(a.accessToken, id, SERVICES[i])).statusCode).toBe(201);
      const fourth = await book(a.accessToken, slots[3]!, SERVICES[3]);
      expect(fourth.statusCode).toBe(409);
      expect(errorCodeOf(fourth)).toBe('APPOINTMENT_LIMIT_TOTAL');
      expect(await booked(slots[3]!)).toBe(0);
      expect(await quota(a.user.id)).toBe(3);
    });

    it('lets one person racing 5 bookings of 5 services at once win at most 3', async () => {
      const a = await citizen();
      const slots = await Promise.all(SERVICES.map((serviceId) => slot({ serviceId })));
      const replies = await Promise.all(slots.map((id, i) => book(a.accessToken, id, SERVICES[i])));
      expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409]);
      expect(replies.filter((r) => r.statusCode === 409).map(errorCodeOf)).toEqual(['APPOINTMENT_LIMIT_TOTAL', 'APPOINTMENT_LIMIT_TOTAL']);
      expect(await t.app.prisma.appointment.count({ where: { subjectId: a.user.id, status: 'BOOKED' } })).toBe(3);
      const places = await t.app.prisma.slot.aggregate({ where: { id: { in: slots } }, _sum: { booked: true } });
      expect(places._sum.booked).toBe(3);
      expect(await quota(a.user.id)).toBe(3);
    });

    it('answers a retried booking with the same Idempotency-Key with the same appointment; reuse for another is refused', async () => {
      const a = await citizen();
      const id = await slot();
      const other = await slot({ serviceId: SERVICES[1] });
      const headers = { 'idempotency-key': 'book-0001-abcdef' };
      const [x, y] = await Promise.all([book(a.accessToken, id, SERVICE, headers), book(a.accessToken, id, SERVICE, headers)]);
      expect([x.statusCode, y.statusCode].sort()).toEqual([200, 201]);
      expect(x.json().id).toBe(y.json().id);
      expect(x.json().code).toBe(y.json().code);
      expect(await t.app.prisma.appointment.count()).toBe(1);
      expect(await booked(id)).toBe(1);
      expect(await quota(a.user.id)).toBe(1);
      const later = await book(a.accessToken, id, SERVICE, headers);
      expect(later.statusCode).toBe(200);
      const reused = await book(a.accessToken, other, SERVICES[1], headers);
      expect(reused.statusCode).toBe(409);
      expect(errorCodeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await booked(other)).toBe(0);
    });

    it('refuses slots not released yet, started, withdrawn, unknown or of another service', async () => {
      const a = await citizen();
      const cases: Array<[string, number, string]> = [
        [await slot({ releasedIn: 60 * MIN }), 422, 'SLOT_NOT_RELEASED'],
        [await slot({ startsIn: -10 * MIN }), 422, 'SLOT_PAST'],
        [await slot({ withdrawn: true }), 409, 'SLOT_WITHDRAWN'],
        ['00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND'],
      ];
      for (const [id, status, code] of cases) {
        const res = await book(a.accessToken, id);
        expect([res.statusCode, errorCodeOf(res)]).toEqual([status, code]);
      }
      const mismatch = await book(a.accessToken, await slot(), SERVICES[1]);
      expect([mismatch.statusCode, errorCodeOf(mismatch)]).toEqual([400, 'VALIDATION_FAILED']);
      expect(await t.app.prisma.appointment.count()).toBe(0);
      expect((await t.app.prisma.slot.aggregate({ _sum: { booked: true } }))._sum.booked).toBe(0);
    });

    it('refuses bad input and anonymous callers', async () => {
      const a = await citizen();
      const id = await slot();
      for (const payload of [{}, { slotId: 'x', serviceId: SERVICE }, { slotId: id, serviceId: SERVICE, extra: 1 }]) {
        const res = await t.as(a.accessToken, { method: 'POST', url: '/api/appointments', payload });
        expect([res.statusCode, errorCodeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(errorCodeOf(await book(a.accessToken, id, SERVICE, { 'idempotency-key': 'bad key!' }))).toBe('VALIDATION_FAILED');
      expect((await t.app.inject({ method: 'POST', url: '/api/appointments', payload: { slotId: id, serviceId: SERVICE } })).statusCode).toBe(401);
      expect(await booked(id)).toBe(0);
    });

    it('limits bookings per person, not per address', async () => {
      const a = await citizen();
      const id = await slot({ capacity: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i += 1) statuses.push((await book(a.accessToken, id)).statusCode);
      expect(statuses.slice(0, 20)).not.toContain(429);
      expect(statuses[20]).toBe(429);
      const b = await citizen();
      expect((await book(b.accessToken, await slot())).statusCode).toBe(201);
    });

    it('shows a slot at 00:30 Shanghai on its Shanghai date, and counts it on that day', async () => {
      const a = await citizen();
      const at = new Date('2026-11-25T16:30:00Z'); // 2026-11-26 00:30 Asia/Shanghai
      const id = await slot({ at });
      const body = (await book(a.accessToken, id)).json() as View;
      expect(body).toMatchObject({ date: '2026-11-26', start: '00:30', end: '01:00', startsAt: at.toISOString() });
      const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: body.id } });
      expect(row.activeKey).toBe(`${a.user.id}:${SERVICE}:2026-11-26`);
      // Another booking of the same service at 23:30 Shanghai the day before is another day.
      const dayBefore = await slot({ at: new Date('2026-11-25T15:30:00Z') });
      const other = (await book(a.accessToken, dayBefore)).json() as View;
      expect(other.date).toBe('2026-11-25');
    });
  });

  describe('GET /api/appointments, GET /api/appointments/:id', () => {
    it('lists one’s appointments, latest first, and hides everyone else’s as not found', async () => {
      const a = await citizen();
      const b = await citizen();
      const early = (await book(a.accessToken, await slot({ startsIn: 24 * 60 * MIN }))).json() as View;
      const late = (await book(a.accessToken, await slot({ startsIn: 48 * 60 * MIN }))).json() as View;
      const list = (await t.as(a.accessToken, { method: 'GET', url: '/api/appointments' })).json();
      expect(list.items.map((i: View) => i.id)).toEqual([late.id, early.id]);
      expect((await t.as(b.accessToken, { method: 'GET', url: '/api/appointments' })).json().items).toEqual([]);
      const mine = await t.as(a.accessToken, { method: 'GET', url: `/api/appointments/${early.id}` });
      expect(mine.json()).toMatchObject({ id: early.id, code: early.code });
      for (const res of [
        await t.as(b.accessToken, { method: 'GET', url: `/api/appointments/${early.id}` }),
        await cancel(b.accessToken, early.id),
        await reschedule(b.accessToken, early.id, await slot()),
      ]) {
        expect([res.statusCode, errorCodeOf(res)]).toEqual([404, 'NOT_FOUND']);
      }
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: early.id } })).status).toBe('BOOKED');
    });
  });

  describe('cancel', () => {
    it('frees the place and the quota, keeps the reason, and is refused a second time', async () => {
      const a = await citizen();
      const id = await slot({ capacity: 1 });
      const appt = (await book(a.accessToken, id)).json() as View;
      const res = await cancel(a.accessToken, appt.id, { reason: '临时有事' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'CANCELLED', cancelReason: '临时有事', canChange: false });
      expect(await booked(id)).toBe(0);
      expect(await quota(a.user.id)).toBe(0);
      const again = await cancel(a.accessToken, appt.id);
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'APPOINTMENT_STATE']);
      expect(await booked(id)).toBe(0);
      // The freed place can be booked by someone else.
      expect((await book((await citizen()).accessToken, id)).statusCode).toBe(201);
    });

    it('is refused within 30 minutes of the start, and the place stays taken', async () => {
      const a = await citizen();
      const id = await slot({ startsIn: 20 * MIN });
      const appt = (await book(a.accessToken, id)).json() as View;
      expect(appt.canChange).toBe(false);
      const res = await cancel(a.accessToken, appt.id);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([409, 'APPOINTMENT_CHANGE_CLOSED']);
      expect(await booked(id)).toBe(1);
      expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appt.id } })).status).toBe('BOOKED');
    });
  });

  describe('reschedule', () => {
    it('moves to a free slot in one step: new place won, old freed, same code', async () => {
      const a = await citizen();
      const from = await slot({ capacity: 1 });
      const to = await slot({ capacity: 1, startsIn: 48 * 60 * MIN });
      const appt = (await book(a.accessToken, from)).json() as View;
      const res = await reschedule(a.accessToken, appt.id, to);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: appt.id, code: appt.code, slotId: to, status: 'BOOKED' });
      expect([await booked(from), await booked(to)]).toEqual([0, 1]);
      expect(await quota(a.user.id)).toBe(1);
      const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appt.id } });
      expect(row.activeKey).toBe(`${a.user.id}:${SERVICE}:${t.resources.clock.businessDate(row.startsAt)}`);
      const events = await t.app.prisma.appointmentEvent.findMany({ where: { appointmentId: appt.id }, orderBy: { id: 'asc' } });
      expect(events.map((e) => e.type)).toEqual(['BOOKED', 'RESCHEDULED']);
    });

    it('keeps the old booking untouched when the new slot is full, past or of another service', async () => {
      const a = await citizen();
      const from = await slot();
      const full = await slot({ capacity: 1, startsIn: 48 * 60 * MIN });
      await book((await citizen()).accessToken, full);
      const appt = (await book(a.accessToken, from)).json() as View;
      const res = await reschedule(a.accessToken, appt.id, full);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([409, 'SLOT_FULL']);
      expect((await reschedule(a.accessToken, appt.id, await slot({ startsIn: -5 * MIN }))).statusCode).toBe(422);
      expect((await reschedule(a.accessToken, appt.id, await slot({ serviceId: SERVICES[1] }))).statusCode).toBe(400);
      expect((await reschedule(a.accessToken, appt.id, from)).statusCode).toBe(400);
      const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appt.id } });
      expect([row.slotId, row.status]).toEqual([from, 'BOOKED']);
      expect([await booked(from), await booked(full)]).toEqual([1, 1]);
    });

    it('refuses a move onto a day that already has a booking of the service, and a cancelled appointment', async () => {
      const a = await citizen();
      const d1 = await slot({ at: new Date('2026-11-27T01:00:00Z') });
      const d2 = await slot({ at: new Date('2026-11-28T01:00:00Z') });
      const d2b = await slot({ at: new Date('2026-11-28T02:00:00Z') });
      const first = (await book(a.accessToken, d1)).json() as View;
      await book(a.accessToken, d2);
      const res = await reschedule(a.accessToken, first.id, d2b);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([409, 'APPOINTMENT_LIMIT_SERVICE_DAY']);
      expect([await booked(d1), await booked(d2b)]).toEqual([1, 0]);
      await cancel(a.accessToken, first.id);
      const moved = await reschedule(a.accessToken, first.id, d2b);
      expect([moved.statusCode, errorCodeOf(moved)]).toEqual([409, 'APPOINTMENT_STATE']);
    });
  });

  describe('on behalf (X-On-Behalf-Of)', () => {
    it('refuses booking for someone else without a grant', async () => {
      const a = await citizen();
      const b = await citizen();
      const res = await book(a.accessToken, await slot(), SERVICE, { 'x-on-behalf-of': b.user.id });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      expect(await t.app.prisma.appointment.count()).toBe(0);
    });

    it('books for a resident with an APPOINTMENT grant: the resident’s limits, both see it (he acting for her), nobody else', async () => {
      const helper = await citizen();
      const resident = await citizen();
      const stranger = await citizen();
      // The resident's grant to the helper, as the authorisation flow leaves it: ACTIVE, for appointments.
      const now = t.app.resources.clock.now();
      const grant = await t.app.prisma.grant.create({
        data: { grantorId: resident.user.id, granteeId: helper.user.id, relation: '子女', scopes: ['APPOINTMENT'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 365 * 24 * 60 * MIN) },
      });
      const setScopes = (scopes: ('APPOINTMENT' | 'QUEUE')[]) => t.app.prisma.grant.update({ where: { id: grant.id }, data: { scopes } });
      try {
        const onBehalf = { 'x-on-behalf-of': resident.user.id };
        const res = await book(helper.accessToken, await slot(), SERVICE, onBehalf);
        expect(res.statusCode).toBe(201);
        const appt = res.json() as View;
        expect(appt.onBehalfOf).not.toBeNull();
        const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appt.id } });
        expect([row.subjectId, row.actorId]).toEqual([resident.user.id, helper.user.id]);
        expect(await quota(resident.user.id)).toBe(1);
        expect(await quota(helper.user.id)).toBe(0);
        // The resident's per-day rule applies, whoever books.
        const again = await book(resident.accessToken, await slot({ startsIn: 24 * 60 * MIN + 60 * MIN }));
        expect(errorCodeOf(again)).toBe('APPOINTMENT_LIMIT_SERVICE_DAY');
        // Hers: she sees it as her own, he acting for her; without the header it is not his.
        for (const [who, headers] of [[helper, onBehalf], [resident, {}]] as const) {
          expect((await t.as(who.accessToken, { method: 'GET', url: `/api/appointments/${appt.id}`, headers })).statusCode).toBe(200);
          expect((await t.as(who.accessToken, { method: 'GET', url: '/api/appointments', headers })).json().items.map((i: View) => i.id)).toEqual([appt.id]);
        }
        expect((await t.as(helper.accessToken, { method: 'GET', url: `/api/appointments/${appt.id}` })).statusCode).toBe(404);
        expect((await t.as(helper.accessToken, { method: 'GET', url: '/api/appointments' })).json().items).toEqual([]);
        expect((await t.as(stranger.accessToken, { method: 'GET', url: `/api/appointments/${appt.id}` })).statusCode).toBe(404);
        // A QUEUE-only grant does not cover appointments; nor does the grant cover other people.
        await setScopes(['QUEUE']);
        const queueOnly = await book(helper.accessToken, await slot({ startsIn: 72 * 60 * MIN }), SERVICE, onBehalf);
        expect([queueOnly.statusCode, errorCodeOf(queueOnly)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
        await setScopes(['APPOINTMENT']);
        const strangers = (await book(stranger.accessToken, await slot())).json() as View;
        const peek = await t.as(helper.accessToken, { method: 'GET', url: `/api/appointments/${strangers.id}`, headers: onBehalf });
        expect([peek.statusCode, errorCodeOf(peek)]).toEqual([404, 'NOT_FOUND']);
        // The helper may cancel for the resident, acting for her; every act for them is audited.
        expect((await cancel(helper.accessToken, appt.id)).statusCode).toBe(404);
        expect((await t.as(helper.accessToken, { method: 'POST', url: `/api/appointments/${appt.id}/cancel`, payload: {}, headers: onBehalf })).statusCode).toBe(200);
        const audit = await t.app.prisma.auditLog.findMany({ where: { actorId: helper.user.id, subjectId: resident.user.id } });
        expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['appointment.book', 'appointment.cancel']));
        // Revoking is immediate: the next request on the resident's behalf is refused.
        await t.app.prisma.grant.update({ where: { id: grant.id }, data: { status: 'REVOKED', revokedAt: now } });
        const revoked = await book(helper.accessToken, await slot({ startsIn: 96 * 60 * MIN }), SERVICE, onBehalf);
        expect([revoked.statusCode, errorCodeOf(revoked)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
      } finally {
        await t.app.prisma.grant.deleteMany({ where: { id: grant.id } });
      }
    });

    it('reaches only the grantor’s own appointments, and only the services a grant names', async () => {
      const son = await citizen();
      const mother = await citizen();
      const aunt = await citizen();
      const now = t.app.resources.clock.now();
      const validUntil = new Date(now.getTime() + 365 * 24 * 60 * MIN);
      const grant = (grantor: string, grantee: string, serviceIds: string[] = []) =>
        t.app.prisma.grant.create({ data: { grantorId: grantor, granteeId: grantee, relation: '亲属', scopes: ['APPOINTMENT'], serviceIds, status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil } });
      const grants = [await grant(mother.user.id, son.user.id), await grant(aunt.user.id, mother.user.id)];
      try {
        const forMother = { 'x-on-behalf-of': mother.user.id };
        // The mother books for her sister (her own grant from the aunt): hers as the booker, the aunt's as the person.
        const auntsRes = await book(mother.accessToken, await slot(), SERVICE, { 'x-on-behalf-of': aunt.user.id });
        expect(auntsRes.statusCode).toBe(201);
        const aunts = auntsRes.json() as View;
        const mothers = (await book(son.accessToken, await slot({ startsIn: 48 * 60 * MIN }), SERVICE, forMother)).json() as View;
        // Acting for the mother, the son sees and changes the mother's own appointment — not the aunt's.
        const list = await t.as(son.accessToken, { method: 'GET', url: '/api/appointments', headers: forMother });
        expect(list.json().items.map((i: View) => i.id)).toEqual([mothers.id]);
        for (const req of [
          { method: 'GET' as const, url: `/api/appointments/${aunts.id}` },
          { method: 'POST' as const, url: `/api/appointments/${aunts.id}/cancel`, payload: {} },
        ]) {
          const res = await t.as(son.accessToken, { ...req, headers: forMother });
          expect([res.statusCode, errorCodeOf(res)]).toEqual([404, 'NOT_FOUND']);
        }
        expect((await t.as(son.accessToken, { method: 'GET', url: `/api/appointments/${mothers.id}`, headers: forMother })).statusCode).toBe(200);
        // A grant for other services only: neither booking nor reading this service's appointment on her behalf.
        await t.app.prisma.grant.update({ where: { id: grants[0]!.id }, data: { serviceIds: [SERVICES[0]!] } });
        const outside = await book(son.accessToken, await slot({ startsIn: 72 * 60 * MIN }), SERVICE, forMother);
        expect([outside.statusCode, errorCodeOf(outside)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
        // Her appointment of a service the grant does not name is not there for him.
        const read = await t.as(son.accessToken, { method: 'GET', url: `/api/appointments/${mothers.id}`, headers: forMother });
        expect([read.statusCode, errorCodeOf(read)]).toEqual([404, 'NOT_FOUND']);
      } finally {
        await t.app.prisma.grant.deleteMany({ where: { id: { in: grants.map((g) => g.id) } } });
      }
    });
  });
});
