// /api/booking-suspensions on real PostgreSQL (issue 5 step 5): the person sees why online booking
// is suspended and appeals once; a supervisor of the hall's region decides (GRANTED lifts it,
// UPHELD keeps it); grid workers still book for a suspended resident; walk-ins are never refused.
import { COUNTER_IDS, DEMO_USERS, OFFICE_IDS, REGION_CODES, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { emptyTables } from '../db';

const OFFICE = OFFICE_IDS.countyCenter;
const TOWN_OFFICE = OFFICE_IDS.qingyunTown;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('booking suspensions', () => {
  let t: TestApp;
  let countySupervisor: string;
  let townSupervisor: string;
  let otherTownSupervisor: string;
  let clerk: string;

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    countySupervisor = (await t.login({ phone: '13800000005' })).accessToken;
    clerk = (await t.login({ phone: '13800000004' })).accessToken;
    const supervisorOf = async (regionCode: string) => {
      const user = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'SUPERVISOR'], name: '主管', regionCode } });
      return (await t.login({ userId: user.id })).accessToken;
    };
    townSupervisor = await supervisorOf(REGION_CODES.qingyun);
    otherTownSupervisor = await supervisorOf(REGION_CODES.donghu);
  });
  beforeEach(async () => {
    await resetQueue(t, OFFICE);
    await emptyTables(t.app.prisma, ['Appointment', 'AppointmentEvent', 'AppointmentQuota', 'BookingSuspension', 'AuditLog']);
    await t.app.prisma.slot.deleteMany({});
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let phone = 0;
  const citizen = () => t.login({ phone: `132${String((phone += 1)).padStart(8, '0')}` });
  const now = () => t.resources.clock.now();

  /** A suspension as the no-show job leaves it (started an hour ago, 7 days long). */
  const suspend = (subjectId: string, opts: { officeId?: string; endsIn?: number } = {}) => {
    const startsAt = new Date(now().getTime() - 60 * MIN);
    return t.app.prisma.bookingSuspension.create({
      data: {
        subjectId,
        officeId: opts.officeId ?? OFFICE,
        startsAt,
        endsAt: new Date(now().getTime() + (opts.endsIn ?? 7 * DAY - 60 * MIN)),
        reason: '30天内3次预约未到（11月2日、11月9日、11月16日），网上预约暂停至11月30日 08:30',
      },
    });
  };
  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, capacity: 5, startsIn: 2 * DAY });
  const book = async (token: string, headers: Record<string, string> = {}) =>
    t.as(token, { method: 'POST', url: '/api/appointments', payload: { slotId: (await slot()).id, serviceId: SERVICE }, headers });
  const list = (token: string) => t.as(token, { method: 'GET', url: '/api/booking-suspensions' });
  const appeal = (token: string, id: string, text = '那几天住院了，有住院证明') => t.as(token, { method: 'POST', url: `/api/booking-suspensions/${id}/appeal`, payload: { text } });
  const appeals = (token: string, query = '') => t.as(token, { method: 'GET', url: `/api/booking-suspensions/appeals${query}` });
  const decide = (token: string, id: string, decision: 'UPHELD' | 'GRANTED', note = '已核实住院证明') =>
    t.as(token, { method: 'POST', url: `/api/booking-suspensions/${id}/decide`, payload: { decision, note } });
  const grant = (grantorId: string, granteeId: string) =>
    t.app.prisma.grant.create({
      data: { grantorId, granteeId, relation: '网格员', scopes: ['APPOINTMENT', 'QUEUE'], status: 'ACTIVE', acceptedAt: now(), validFrom: now(), validUntil: new Date(now().getTime() + 90 * DAY) },
    });

  describe('GET /api/booking-suspensions', () => {
    it('shows the person their suspensions, the running one first, with the reason; nobody else sees them', async () => {
      const a = await citizen();
      const old = await t.app.prisma.bookingSuspension.create({
        data: { subjectId: a.user.id, officeId: OFFICE, startsAt: new Date(now().getTime() - 20 * DAY), endsAt: new Date(now().getTime() - 13 * DAY), reason: '旧的暂停' },
      });
      const current = await suspend(a.user.id);
      const res = await list(a.accessToken);
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((i: { id: string }) => i.id)).toEqual([current.id, old.id]);
      expect(items[0]).toEqual({
        id: current.id,
        reason: current.reason,
        startsAt: current.startsAt.toISOString(),
        endsAt: current.endsAt.toISOString(),
        active: true,
        liftedAt: null,
        canAppeal: true,
        appealStatus: null,
        appealText: null,
        appealedAt: null,
        decisionNote: null,
        decidedAt: null,
      });
      expect(items[1]).toMatchObject({ active: false, canAppeal: false });
      expect((await list((await citizen()).accessToken)).json().items).toEqual([]);
    });
  });

  describe('booking while suspended', () => {
    it('refuses the person’s online booking with the reason, but not a grid worker’s booking for them', async () => {
      const resident = await citizen();
      const s = await suspend(resident.user.id);
      const own = await book(resident.accessToken);
      expect([own.statusCode, errorCodeOf(own)]).toEqual([422, 'APPOINTMENT_SUSPENDED']);
      expect(own.json().error.message).toMatch(/^30天内3次预约未到（11月2日、11月9日、11月16日），网上预约暂停至11月30日 08:30。/);
      expect(own.json().error.details).toEqual({ suspensionId: s.id, endsAt: s.endsAt.toISOString(), appealStatus: null });

      // A family member booking for them is refused too; the grid worker is exempt.
      const family = await citizen();
      await grant(resident.user.id, family.user.id);
      expect(errorCodeOf(await book(family.accessToken, { 'x-on-behalf-of': resident.user.id }))).toBe('APPOINTMENT_SUSPENDED');
      const gridWorker = await t.login({ phone: '13800000003' });
      await grant(resident.user.id, DEMO_USERS.gridWorker.id);
      const byGridWorker = await book(gridWorker.accessToken, { 'x-on-behalf-of': resident.user.id });
      expect(byGridWorker.statusCode).toBe(201);

      // …and its move is refused for the person like a new booking.
      const moved = await t.as(resident.accessToken, { method: 'POST', url: `/api/appointments/${byGridWorker.json().id}/reschedule`, payload: { slotId: (await slot()).id } });
      expect(errorCodeOf(moved)).toBe('APPOINTMENT_SUSPENDED');
      // A grid worker's own suspension is not waived for their own bookings.
      await suspend(DEMO_USERS.gridWorker.id);
      expect(errorCodeOf(await book(gridWorker.accessToken))).toBe('APPOINTMENT_SUSPENDED');
    });

    it('never refuses a walk-in: a suspended person or one without a booking takes a number, and a clerk issues one at the window', async () => {
      const a = await citizen();
      await suspend(a.user.id);
      const take = await t.as(a.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } });
      expect(take.statusCode).toBe(201);
      expect(take.json()).toMatchObject({ priority: 'NORMAL', channel: 'ONLINE' });
      const b = await citizen();
      expect((await t.as(b.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).statusCode).toBe(201);
      const walkIn = await t.as(clerk, { method: 'POST', url: `/api/counters/${COUNTER_IDS.countyCenter1}/walk-in`, payload: { serviceId: SERVICE } });
      expect(walkIn.statusCode).toBe(201);
    });
  });

  describe('appeal and decision', () => {
    it('takes one appeal while the suspension runs; a second one, or one after it ended, is refused', async () => {
      const a = await citizen();
      const s = await suspend(a.user.id);
      const tooShort = await appeal(a.accessToken, s.id, '   好    ');
      expect([tooShort.statusCode, errorCodeOf(tooShort)]).toEqual([400, 'VALIDATION_FAILED']);
      const stranger = await appeal((await citizen()).accessToken, s.id);
      expect([stranger.statusCode, errorCodeOf(stranger)]).toEqual([404, 'NOT_FOUND']);
      const [first, second] = await Promise.all([appeal(a.accessToken, s.id), appeal(a.accessToken, s.id, '再补充一次理由说明')]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
      const accepted = [first, second].find((r) => r.statusCode === 200)!.json();
      expect(accepted).toMatchObject({ appealStatus: 'PENDING', canAppeal: false, active: true, appealedAt: expect.any(String) });
      expect(errorCodeOf([first, second].find((r) => r.statusCode === 409)!)).toBe('APPEAL_STATE');
      expect(errorCodeOf(await appeal(a.accessToken, s.id))).toBe('APPEAL_STATE');

      const ended = await suspend(a.user.id, { endsIn: -MIN });
      const late = await appeal(a.accessToken, ended.id);
      expect([late.statusCode, errorCodeOf(late)]).toEqual([409, 'APPEAL_STATE']);
      expect(late.json().error.message).toBe('该暂停已结束，无需申诉');
    });

    it('takes an appeal made for the person by someone with an ACTIVE APPOINTMENT grant; without one it is refused', async () => {
      const resident = await citizen();
      const helper = await citizen();
      const s = await suspend(resident.user.id);
      const forResident = { 'x-on-behalf-of': resident.user.id };
      const appealFor = (headers: Record<string, string>) =>
        t.as(helper.accessToken, { method: 'POST', url: `/api/booking-suspensions/${s.id}/appeal`, payload: { text: '老人那几天住院了，有住院证明' }, headers });

      // No grant, a grant for the queue only, a revoked one: the suspension is not there for the
      // helper (the same 404 as a missing one), and nothing is recorded.
      const none = await appealFor(forResident);
      expect([none.statusCode, errorCodeOf(none), none.json().error.message]).toEqual([404, 'NOT_FOUND', '没有找到该预约暂停记录']);
      const queueOnly = await t.app.prisma.grant.create({
        data: { grantorId: resident.user.id, granteeId: helper.user.id, relation: '子女', scopes: ['QUEUE'], status: 'ACTIVE', acceptedAt: now(), validFrom: now(), validUntil: new Date(now().getTime() + 30 * DAY) },
      });
      expect(errorCodeOf(await appealFor(forResident))).toBe('NOT_FOUND');
      await t.app.prisma.grant.update({ where: { id: queueOnly.id }, data: { scopes: ['APPOINTMENT'], status: 'REVOKED', revokedAt: now() } });
      expect(errorCodeOf(await appealFor(forResident))).toBe('NOT_FOUND');
      // Without the header it is someone else's suspension: nothing to see.
      expect(errorCodeOf(await appealFor({}))).toBe('NOT_FOUND');
      expect((await t.app.prisma.bookingSuspension.findUniqueOrThrow({ where: { id: s.id } })).appealStatus).toBeNull();

      await t.app.prisma.grant.update({ where: { id: queueOnly.id }, data: { status: 'ACTIVE', revokedAt: null } });
      const res = await appealFor(forResident);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: s.id, appealStatus: 'PENDING', appealText: '老人那几天住院了，有住院证明', canAppeal: false });
      // The person sees it as their own appeal; the use of the grant is in the log.
      expect((await list(resident.accessToken)).json().items[0]).toMatchObject({ appealStatus: 'PENDING' });
      const audit = await t.app.prisma.auditLog.findMany({ where: { action: 'suspension.appeal', actorId: helper.user.id } });
      // The allowed appeal is followed by its outcome (OK: it was done), as every act on someone's behalf.
      expect(audit.map((r) => [r.result, r.subjectId]).sort()).toEqual([['ALLOW', resident.user.id], ['OK', resident.user.id], ['DENY', resident.user.id], ['DENY', resident.user.id], ['DENY', resident.user.id]].sort());
    });

    it('refuses a control character (a NUL) in an appeal or a decision note with 400; line breaks are fine', async () => {
      const a = await citizen();
      const s = await suspend(a.user.id);
      for (const text of ['那几天\u0000住院了', '那几天住院了\u0007', '\u001b[31m那几天住院了']) {
        const res = await appeal(a.accessToken, s.id, text);
        expect([res.statusCode, errorCodeOf(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await appeal(a.accessToken, s.id, '那几天住院了，\r\n有住院证明\t（附件）')).statusCode).toBe(200);
      const note = await decide(countySupervisor, s.id, 'UPHELD', '未提供\u0000证明');
      expect([note.statusCode, errorCodeOf(note)]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await decide(countySupervisor, s.id, 'UPHELD', '未提供证明\n请补充')).json()).toMatchObject({ appealStatus: 'UPHELD', decisionNote: '未提供证明\n请补充' });
    });

    it('shows supervisors the appeals of the halls in their region only, names masked, no phone', async () => {
      const a = await citizen();
      await t.app.prisma.user.update({ where: { id: a.user.id }, data: { name: '王小明' } });
      const county = await suspend(a.user.id);
      await appeal(a.accessToken, county.id);
      const b = await citizen();
      const town = await suspend(b.user.id, { officeId: TOWN_OFFICE });
      await appeal(b.accessToken, town.id);

      const all = await appeals(countySupervisor);
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((i: { id: string }) => i.id).sort()).toEqual([county.id, town.id].sort());
      const item = all.json().items.find((i: { id: string }) => i.id === county.id);
      expect(item).toMatchObject({ name: '王**', office: { id: OFFICE }, appealStatus: 'PENDING', appealText: '那几天住院了，有住院证明', active: true, noShows: [] });
      expect(all.body).not.toContain('王小明');
      expect(all.body).not.toMatch(/1\d{10}/);
      expect((await appeals(townSupervisor)).json().items.map((i: { id: string }) => i.id)).toEqual([town.id]);
      expect((await appeals(otherTownSupervisor)).json().items).toEqual([]);
      expect((await appeals(countySupervisor, '?status=GRANTED')).json().items).toEqual([]);
      for (const token of [a.accessToken, clerk]) expect((await appeals(token)).statusCode).toBe(403);
    });

    it('GRANTED by a supervisor of the region lifts the suspension at once; a decision is made once', async () => {
      const a = await citizen();
      const s = await suspend(a.user.id, { officeId: TOWN_OFFICE });
      expect(errorCodeOf(await decide(countySupervisor, s.id, 'GRANTED'))).toBe('APPEAL_STATE');
      await appeal(a.accessToken, s.id);
      // Outside the supervisor's region, or for a citizen, it is not there: the same 404 as a missing one.
      const outside = await decide(otherTownSupervisor, s.id, 'GRANTED');
      const missing = await decide(otherTownSupervisor, '00000000-0000-4000-8000-000000000000', 'GRANTED');
      expect([outside.statusCode, outside.json()]).toEqual([404, missing.json()]);
      expect((await decide(a.accessToken, s.id, 'GRANTED')).statusCode).toBe(404);
      const [x, y] = await Promise.all([decide(townSupervisor, s.id, 'GRANTED'), decide(countySupervisor, s.id, 'GRANTED', '同意解除')]);
      expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
      const decided = (await list(a.accessToken)).json().items[0];
      expect(decided).toMatchObject({ appealStatus: 'GRANTED', liftedAt: expect.any(String), active: false, decidedAt: expect.any(String) });
      expect(['已核实住院证明', '同意解除']).toContain(decided.decisionNote);
      expect((await book(a.accessToken)).statusCode).toBe(201);
      // Every supervisor action on it is in the audit log, the refused ones too.
      const audit = await t.app.prisma.auditLog.findMany({ where: { action: 'office.supervise', resourceId: s.id } });
      expect(audit.map((r) => r.result).sort()).toEqual(['ALLOW', 'ALLOW', 'ALLOW', 'DENY', 'DENY']);
    });

    it('UPHELD keeps the suspension, with the supervisor’s note for the person', async () => {
      const a = await citizen();
      const s = await suspend(a.user.id);
      await appeal(a.accessToken, s.id);
      const res = await decide(countySupervisor, s.id, 'UPHELD', '未提供证明材料');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ appealStatus: 'UPHELD', decisionNote: '未提供证明材料', active: true, liftedAt: null, canAppeal: false });
      expect(errorCodeOf(await book(a.accessToken))).toBe('APPOINTMENT_SUSPENDED');
      expect(errorCodeOf(await appeal(a.accessToken, s.id))).toBe('APPEAL_STATE');
      expect((await appeals(countySupervisor, '?status=UPHELD')).json().items.map((i: { id: string }) => i.id)).toEqual([s.id]);
    });
  });
});
