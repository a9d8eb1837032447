// 签到 on real PostgreSQL: the hall's check-in code of the day (new at midnight, tries counted), the
// person's check-in with it inside [start − 30 min, start + 15 min], a clerk's check-in by appointment code, the priority
// ticket it becomes, and the appointment ending with that ticket (or, at day end, as a no-show when
// its number was called and never answered). The clock is pinned at Monday 2026-11-23 09:30
// Asia/Shanghai (setup-env.ts) and runs forward; appointments are booked through the API and then
// moved to the start under test (booking only takes future slots).
import type { LightMyRequestResponse } from 'fastify';
import QRCode from 'qrcode';
import { addDays } from '@palm/shared';
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { CheckInService } from '../../src/appointments/check-in';
import { hallCheckInCode, parseHallCode, QR_IMAGE_OPTIONS } from '../../src/appointments/hall-code';
import { markNoShows } from '../../src/appointments/no-shows';
import { closeCheckedInDays } from '../../src/appointments/ticket-end';
import { nextSecond, slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';
import { emptyTables } from '../db';

const OFFICE = OFFICE_IDS.countyCenter;
const OTHER_OFFICE = OFFICE_IDS.qingyunTown;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const COUNTER_1 = COUNTER_IDS.countyCenter1;
const COUNTER_2 = COUNTER_IDS.countyCenter2;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** CHECK_IN_WRONG_CODES_PER_DAY of these tests (the default). */
const TRIES = 5;
/** Tests that draw a QR image: pngjs takes a second or two under Jest on a busy machine (ms in plain Node). */
const QR_RENDERING_TIMEOUT = 30_000;

/** Books through the API a slot 2 hours ahead, then moves it to start `startsIn` ms from now; the appointment's id. */
async function bookedOn(t: TestApp, token: string, startsIn: number, headers: Record<string, string> = {}): Promise<string> {
  // `second` keeps every start distinct (the moved one by ms).
  const second = nextSecond();
  const slot = await slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, capacity: 5 })({ at: new Date(t.resources.clock.now().getTime() + 2 * 60 * MIN + second * 1000) });
  const res = await t.as(token, { method: 'POST', url: '/api/appointments', payload: { slotId: slot.id, serviceId: SERVICE }, headers });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const startsAt = new Date(t.resources.clock.now().getTime() + startsIn + second);
  await t.app.prisma.slot.update({ where: { id: slot.id }, data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MIN) } });
  await t.app.prisma.appointment.update({ where: { id }, data: { startsAt } });
  return id;
}

const checkInOn = (t: TestApp, token: string, id: string, code: string, headers: Record<string, string> = {}) =>
  t.as(token, { method: 'POST', url: `/api/appointments/${id}/check-in`, payload: { hallCode: code }, headers });
const statusAndCode = (res: LightMyRequestResponse) => [res.statusCode, res.statusCode === 200 ? null : errorCodeOf(res)];

describe('check-in (签到)', () => {
  let t: TestApp;
  let clerk: string;
  let otherClerk: string;
  let supervisor: string;
  let hallQr: string;
  let hallCode: string;

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    clerk = (await t.login({ phone: '13800000004' })).accessToken;
    otherClerk = (await t.login({ phone: '13800000101' })).accessToken;
    supervisor = (await t.login({ phone: '13800000005' })).accessToken;
  });
  beforeEach(async () => {
    // Tickets go with their appointments (TRUNCATE … CASCADE follows Appointment.ticketId).
    await resetQueue(t, OFFICE);
    await emptyTables(t.app.prisma, ['Appointment', 'AppointmentEvent', 'AppointmentQuota', 'BookingSuspension', 'AuditLog']);
    await t.app.prisma.slot.deleteMany({});
    const poster = (await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).json();
    hallQr = poster.qr;
    hallCode = poster.code;
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  let phone = 0;
  const citizen = () => t.login({ phone: `135${String((phone += 1)).padStart(8, '0')}` });

  /** A booking by `token` whose slot starts `startsIn` ms from now; its id. */
  const booked = (token: string, startsIn: number, headers: Record<string, string> = {}) => bookedOn(t, token, startsIn, headers);
  const checkIn = (token: string, id: string, code: string = hallQr, headers: Record<string, string> = {}) => checkInOn(t, token, id, code, headers);
  /** The clock `days` ahead until `restore()` (what is checked reads clock.now()). */
  const daysLater = (days: number) => {
    const now = t.resources.clock.now.bind(t.resources.clock);
    return jest.spyOn(t.resources.clock, 'now').mockImplementation(() => new Date(now().getTime() + days * DAY));
  };
  const clerkCheckIn = (code: string, token = clerk, officeId: string = OFFICE) =>
    t.as(token, { method: 'POST', url: `/api/offices/${officeId}/appointments/check-in`, payload: { code } });
  const act = (id: string, step: string, token = clerk, payload: object = {}) => t.as(token, { method: 'POST', url: `/api/tickets/${id}/${step}`, payload });
  const callNext = (counterId: string = COUNTER_1) => t.as(clerk, { method: 'POST', url: `/api/counters/${counterId}/call-next`, payload: {} });
  const quota = async (subjectId: string) => (await t.app.prisma.appointmentQuota.findUnique({ where: { subjectId } }))?.active ?? 0;
  const row = (id: string) => t.app.prisma.appointment.findUniqueOrThrow({ where: { id } });

  describe('the hall’s check-in code of the day', () => {
    it('gives the hall’s screen today’s code with its QR payload and QR image, the same all day and other for each hall and day', async () => {
      const res = await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const today = t.resources.clock.businessDate();
      expect(body.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(body).toMatchObject({ officeId: OFFICE, date: today, qr: `palm-checkin:${OFFICE}:${today}:${body.code}`, validUntil: '2026-11-23T16:00:00.000Z' });
      // Seconds to the Shanghai midnight, whatever the device's clock says.
      expect(Math.abs(body.expiresInSeconds - (Date.parse(body.validUntil) - t.resources.clock.now().getTime()) / 1000)).toBeLessThan(5);
      // The image is the QR of that payload, as a PNG every platform's image element shows.
      expect(body.qrImage).toBe(await QRCode.toDataURL(body.qr, QR_IMAGE_OPTIONS));
      expect(body.code).toBe(hallCheckInCode(t.config.PALM_JWT_SECRET, OFFICE, today));
      expect((await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).json().code).toBe(body.code);
      expect(hallCheckInCode(t.config.PALM_JWT_SECRET, OTHER_OFFICE, today)).not.toBe(body.code);
      expect(hallCheckInCode(t.config.PALM_JWT_SECRET, OFFICE, addDays(today, 1))).not.toBe(body.code);
      // A key of its own: another secret gives other codes.
      expect(hallCheckInCode(`${t.config.PALM_JWT_SECRET}-other`, OFFICE, today)).not.toBe(body.code);
      expect((await t.as(supervisor, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).statusCode).toBe(200);
      for (const token of [otherClerk, (await citizen()).accessToken]) {
        expect((await t.as(token, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).statusCode).toBe(404);
      }
      expect((await t.app.inject({ method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).statusCode).toBe(401);
    }, QR_RENDERING_TIMEOUT);

    it('reads a scanned QR or a typed code, in any case and grouping', () => {
      expect(parseHallCode(`palm-checkin:${OFFICE}:2026-11-23:abcd2345`)).toEqual({ kind: 'qr', officeId: OFFICE, date: '2026-11-23', code: 'ABCD2345' });
      expect(parseHallCode(`palm-checkin:${OFFICE.toUpperCase()}:ABCD2345`)).toEqual({ kind: 'undated-qr', officeId: OFFICE });
      expect(parseHallCode(' abcd-2345 ')).toEqual({ kind: 'typed', code: 'ABCD2345' });
      expect(parseHallCode('https://example.com/pay?x=1')).toBeNull();
    });

    it('changes at midnight: the next day the screen shows a new code, and the old one, scanned or typed, is refused as expired', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const clock = daysLater(1);
      try {
        const next = (await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).json();
        expect(next).toMatchObject({ date: '2026-11-24', validUntil: '2026-11-24T16:00:00.000Z' });
        expect(next.code).not.toBe(hallCode);
        const scanned = await checkIn(a.accessToken, id, hallQr);
        expect(scanned.json().error).toEqual({ code: 'CHECK_IN_CODE_EXPIRED', message: '这是11月23日的签到码，已过期：签到码每天更换，请扫描大厅窗口显示的今天的签到码' });
        const typed = await checkIn(a.accessToken, id, hallCode);
        expect(typed.json().error).toEqual({ code: 'CHECK_IN_CODE_EXPIRED', message: '这是昨天的签到码，已过期：签到码每天更换，请输入大厅窗口显示的今天的签到码' });
        expect(typed.statusCode).toBe(422);
      } finally {
        clock.mockRestore();
      }
      expect((await row(id)).status).toBe('BOOKED');
      // Today the same code still checks in.
      expect((await checkIn(a.accessToken, id, hallQr)).statusCode).toBe(200);
    }, QR_RENDERING_TIMEOUT);

    it('refuses another hall’s code or QR, a QR made up for a day, an old fixed poster, and anything that is not a check-in code', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const today = t.resources.clock.businessDate();
      const otherCode = hallCheckInCode(t.config.PALM_JWT_SECRET, OTHER_OFFICE, today);
      const refusals: Array<[string, string]> = [
        [otherCode, 'CHECK_IN_WRONG_HALL'],
        [`palm-checkin:${OTHER_OFFICE}:${today}:${otherCode}`, 'CHECK_IN_WRONG_HALL'],
        [`palm-checkin:${OTHER_OFFICE}:${today}:${hallCode}`, 'CHECK_IN_WRONG_HALL'],
        [`palm-checkin:${OFFICE}:${today}:${otherCode}`, 'CHECK_IN_WRONG_HALL'],
        // Yesterday's date with a code that was never yesterday's: not a real code, not "expired".
        [`palm-checkin:${OFFICE}:${addDays(today, -1)}:${hallCode}`, 'CHECK_IN_WRONG_HALL'],
        [`palm-checkin:${OFFICE}:${addDays(today, 1)}:${hallCheckInCode(t.config.PALM_JWT_SECRET, OFFICE, addDays(today, 1))}`, 'CHECK_IN_WRONG_HALL'],
        [`palm-checkin:${OFFICE}:ABCD2345`, 'CHECK_IN_CODE_EXPIRED'],
        ['微信支付', 'CHECK_IN_WRONG_HALL'],
      ];
      for (const [code, expected] of refusals) expect([code, ...statusAndCode(await checkIn(a.accessToken, id, code))]).toEqual([code, 422, expected]);
      const poster = await checkIn(a.accessToken, id, `palm-checkin:${OFFICE}:ABCD2345`);
      expect(poster.json().error.message).toBe('这张签到海报已停用：签到码每天更换，请扫描大厅窗口显示的今天的签到码');
      const typo = await checkIn(a.accessToken, id, 'ZZZZZZZZ');
      expect(typo.json().error).toEqual({ code: 'CHECK_IN_WRONG_HALL', message: '签到码不对，请核对后再试（今天还可以再试2次），或到窗口出示预约码签到', details: { triesLeft: 2 } });
      expect((await row(id)).status).toBe('BOOKED');
      expect(await t.app.prisma.ticket.count()).toBe(0);
    });

      it('counts tries per appointment: one person checking in several people at a hall is never held up by the others’ tries', async () => {
      const son = await citizen();
      const now = t.resources.clock.now();
      const ids: Array<[string, string]> = [];
      for (let i = 0; i < TRIES + 1; i += 1) {
        const resident = await citizen();
        await t.app.prisma.grant.create({
          data: { grantorId: resident.user.id, granteeId: son.user.id, relation: '子女', scopes: ['APPOINTMENT'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 30 * 24 * 60 * MIN) },
        });
        ids.push([await booked(son.accessToken, 0, { 'x-on-behalf-of': resident.user.id }), resident.user.id]);
      }
      // Each is theirs: he checks them in acting for each (X-On-Behalf-Of).
      for (const [id, residentId] of ids) expect((await checkIn(son.accessToken, id, hallQr, { 'x-on-behalf-of': residentId })).statusCode).toBe(200);
    });

  it('still checks the code of an appointment already checked in: a wrong one is 422, the right one answers the same number', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const first = await checkIn(a.accessToken, id);
      expect(first.statusCode).toBe(200);
      for (const code of ['ZZZZZZZZ', `palm-checkin:${OFFICE}:${t.resources.clock.businessDate()}:ZZZZZZZZ`, '微信支付']) {
        expect(statusAndCode(await checkIn(a.accessToken, id, code))).toEqual([422, 'CHECK_IN_WRONG_HALL']);
      }
      const again = await checkIn(a.accessToken, id, hallCode);
      expect([again.statusCode, again.json().ticket.id]).toEqual([200, first.json().ticket.id]);
    });

    it(`refuses a person with 429 until the day ends after ${TRIES} wrong codes at a hall, even with the right code; others are not held up`, async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const wrong: LightMyRequestResponse[] = [];
      for (let i = 0; i < TRIES; i += 1) wrong.push(await checkIn(a.accessToken, id, `ZZZZZZZ${i + 2}`));
      expect(wrong.map(statusAndCode)).toEqual(Array(TRIES).fill([422, 'CHECK_IN_WRONG_HALL']));
      expect(wrong.map((r) => r.json().error.details)).toEqual([4, 3, 2, 1, 0].map((triesLeft) => ({ triesLeft })));
      expect(wrong[TRIES - 1]!.json().error.message).toBe('签到码不对，今天不能再用签到码签到了，请到窗口出示预约码，由工作人员为您签到');
      for (const code of [hallQr, hallCode, 'ZZZZZZZZ']) {
        const res = await checkIn(a.accessToken, id, code);
        expect(statusAndCode(res)).toEqual([429, 'RATE_LIMITED']);
        expect(res.json().error.message).toBe('签到码输错次数太多，今天不能再用签到码签到了，请到窗口出示预约码，由工作人员为您签到');
        // Until the Shanghai midnight, when the count starts again with the new code.
        const untilMidnight = (Date.parse('2026-11-23T16:00:00Z') - t.resources.clock.now().getTime()) / 1000;
        expect(Math.abs(Number(res.headers['retry-after']) - untilMidnight)).toBeLessThan(5);
        expect(res.json().error.details.retryAfterSeconds).toBe(Number(res.headers['retry-after']));
      }
      expect((await row(id)).status).toBe('BOOKED');
      // The clerk still checks them in at the window; someone else at the hall scans as before.
      expect((await clerkCheckIn((await row(id)).code)).statusCode).toBe(200);
      const b = await citizen();
      expect((await checkIn(b.accessToken, await booked(b.accessToken, 0))).statusCode).toBe(200);
      // The next day the person's count starts again (the appointment, checked in at the window, answers as such).
      const clock = daysLater(1);
      try {
        const next = (await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).json();
        expect((await checkIn(a.accessToken, id, next.qr)).statusCode).toBe(200);
      } finally {
        clock.mockRestore();
      }
    }, QR_RENDERING_TIMEOUT);

    it('counts tries sent at once before comparing them: no more than the limit are compared', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const replies = await Promise.all(Array.from({ length: 4 * TRIES }, (_, i) => checkIn(a.accessToken, id, i === 3 * TRIES ? hallCode : `ZZZZZZZ${(i % 8) + 2}`)));
      const statuses = replies.map((r) => r.statusCode);
      expect(statuses.filter((s) => s !== 429)).toHaveLength(TRIES);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3 * TRIES);
    });

    it('does not count tries refused without looking at today’s code', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const today = t.resources.clock.businessDate();
      for (let i = 0; i < 2 * TRIES; i += 1) {
        for (const code of ['微信支付', `palm-checkin:${OTHER_OFFICE}:${today}:ZZZZZZZZ`, `palm-checkin:${OFFICE}:${addDays(today, -1)}:ZZZZZZZZ`, `palm-checkin:${OFFICE}:ZZZZZZZZ`]) {
          expect((await checkIn(a.accessToken, id, code)).statusCode).toBe(422);
        }
      }
      expect((await checkIn(a.accessToken, id)).statusCode).toBe(200);
    });
  });

  describe('POST /api/appointments/:id/check-in', () => {
    it('opens 30 minutes before the start and closes 15 minutes after it', async () => {
      const cases: Array<[string, number, number, string | null]> = [
        ['31 min before', 31 * MIN, 422, 'CHECK_IN_NOT_OPEN'],
        ['30 min before', 30 * MIN - 5000, 200, null],
        ['15 min after', -15 * MIN + 5000, 200, null],
        ['16 min after', -16 * MIN, 422, 'CHECK_IN_CLOSED'],
      ];
      for (const [, startsIn, status, code] of cases) {
        const a = await citizen();
        const id = await booked(a.accessToken, startsIn);
        const before = (await t.as(a.accessToken, { method: 'GET', url: `/api/appointments/${id}` })).json();
        expect(before.canCheckIn).toBe(status === 200);
        const res = await checkIn(a.accessToken, id);
        expect([res.statusCode, status === 200 ? null : errorCodeOf(res)]).toEqual([status, code]);
        expect((await row(id)).status).toBe(status === 200 ? 'CHECKED_IN' : 'BOOKED');
      }
      const early = await citizen();
      const res = await checkIn(early.accessToken, await booked(early.accessToken, 45 * MIN));
      expect(res.json().error).toMatchObject({ code: 'CHECK_IN_NOT_OPEN', message: expect.stringMatching(/^还没到签到时间，今天 09:4\d 起可以签到/) });
      expect(res.json().error.details).toEqual({ opensAt: expect.any(String), closesAt: expect.any(String) });
    });

    it('turns the appointment into an APPOINTMENT-priority ticket called before the normal line', async () => {
      const walkIn = await citizen();
      const normal = (await t.as(walkIn.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).json();
      const a = await citizen();
      const id = await booked(a.accessToken, 10 * MIN);
      const res = await checkIn(a.accessToken, id, hallCode.toLowerCase());
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ status: 'CHECKED_IN', canCheckIn: false, canChange: false, ticket: { status: 'WAITING', displayNumber: expect.stringMatching(/^B\d{3}$/) } });
      expect(body.checkedInAt).toEqual(expect.any(String));
      const ticket = (await t.as(a.accessToken, { method: 'GET', url: `/api/tickets/${body.ticket.id}` })).json();
      expect(ticket).toMatchObject({ priority: 'APPOINTMENT', channel: 'APPOINTMENT', status: 'WAITING', peopleAhead: 0 });
      const stored = await row(id);
      expect([stored.checkInMethod, stored.ticketId]).toEqual(['SCAN', body.ticket.id]);
      const events = await t.app.prisma.appointmentEvent.findMany({ where: { appointmentId: id }, orderBy: { id: 'asc' } });
      expect(events.map((e) => [e.type, e.actorId])).toEqual([['BOOKED', a.user.id], ['CHECKED_IN', a.user.id]]);
      expect((await callNext()).json().called.id).toBe(body.ticket.id);
      expect((await callNext(COUNTER_2)).json().called.id).toBe(normal.id);
    });

    it('takes one number however often it is tapped, by the person and the booker (acting for her) at once', async () => {
      const helper = await citizen();
      const resident = await citizen();
      const now = t.resources.clock.now();
      await t.app.prisma.grant.create({
        data: { grantorId: resident.user.id, granteeId: helper.user.id, relation: '子女', scopes: ['APPOINTMENT'], status: 'ACTIVE', acceptedAt: now, validFrom: now, validUntil: new Date(now.getTime() + 30 * 24 * 60 * MIN) },
      });
      const id = await booked(helper.accessToken, 5 * MIN, { 'x-on-behalf-of': resident.user.id });
      const replies = await Promise.all([
        ...Array.from({ length: 4 }, () => checkIn(resident.accessToken, id)),
        ...Array.from({ length: 3 }, () => checkIn(helper.accessToken, id, hallQr, { 'x-on-behalf-of': resident.user.id })),
      ]);
      expect(replies.map((r) => r.statusCode)).toEqual(Array(7).fill(200));
      expect(new Set(replies.map((r) => r.json().ticket.id)).size).toBe(1);
      expect(await t.app.prisma.ticket.count({ where: { subjectId: resident.user.id } })).toBe(1);
      expect(await t.app.prisma.appointmentEvent.count({ where: { appointmentId: id, type: 'CHECKED_IN' } })).toBe(1);
      expect(await t.app.prisma.ticketSequence.aggregate({ _sum: { last: true } })).toEqual({ _sum: { last: 1 } });
      const again = await checkIn(resident.accessToken, id);
      expect([again.statusCode, again.json().ticket.id]).toEqual([200, replies[0]!.json().ticket.id]);
    });

    it('hides someone else’s appointment, and refuses a cancelled one', async () => {
      const a = await citizen();
      const b = await citizen();
      const id = await booked(a.accessToken, 0);
      const res = await checkIn(b.accessToken, id);
      expect([res.statusCode, errorCodeOf(res)]).toEqual([404, 'NOT_FOUND']);
      await t.app.prisma.appointment.update({ where: { id }, data: { status: 'CANCELLED', activeKey: null } });
      expect(errorCodeOf(await checkIn(a.accessToken, id))).toBe('APPOINTMENT_STATE');
    });

    it('checks in while the hall is closed for remote numbers: the person is there at their booked time', async () => {
      const closure = await t.app.prisma.officeException.create({
        data: { officeId: OFFICE, date: new Date(`${t.resources.clock.businessDate()}T00:00:00Z`), closed: true, note: '设备检修' },
      });
      try {
        const a = await citizen();
        const remote = await t.as(a.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } });
        expect(errorCodeOf(remote)).toBe('OFFICE_CLOSED');
        const res = await checkIn(a.accessToken, await booked(a.accessToken, 20 * MIN));
        expect(res.statusCode).toBe(200);
      } finally {
        await t.app.prisma.officeException.delete({ where: { id: closure.id } });
      }
    });

    it('loses to the no-show job at the +15 min edge: the number just taken is withdrawn, CHECK_IN_CLOSED', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, -15 * MIN + 3000);
      // The no-show job runs between the take and the check-in's update, a minute later by its clock.
      const target = CheckInService.prototype as unknown as { takeNumber: (...args: unknown[]) => Promise<string> };
      const original = target.takeNumber;
      const take = jest.spyOn(target, 'takeNumber').mockImplementationOnce(async function (this: unknown, ...args: unknown[]) {
        const ticketId = await original.apply(this, args);
        const clock = jest.spyOn(t.resources.clock, 'now').mockReturnValue(new Date(t.resources.clock.now().getTime() + MIN));
        try {
          expect((await markNoShows(t.app)).marked).toBe(1);
        } finally {
          clock.mockRestore();
        }
        return ticketId;
      });
      try {
        const res = await checkIn(a.accessToken, id);
        expect([res.statusCode, errorCodeOf(res)]).toEqual([422, 'CHECK_IN_CLOSED']);
        expect(take).toHaveBeenCalledTimes(1);
      } finally {
        take.mockRestore();
      }
      const stored = await row(id);
      expect([stored.status, stored.ticketId, stored.activeKey]).toEqual(['NO_SHOW', null, null]);
      expect(await quota(a.user.id)).toBe(0);
      // The number taken for it is cancelled (not left in the queue), its event saying why.
      const [ticket] = await t.app.prisma.ticket.findMany({ where: { subjectId: a.user.id } });
      expect([ticket!.status, ticket!.activeKey]).toEqual(['CANCELLED', null]);
      const ticketEvents = await t.app.prisma.ticketEvent.findMany({ where: { ticketId: ticket!.id, type: 'CANCELLED' } });
      expect(ticketEvents.map((e) => e.detail)).toEqual([{ reason: 'CHECK_IN_LOST' }]);
      expect(await t.app.prisma.appointmentEvent.count({ where: { appointmentId: id, type: 'CHECKED_IN' } })).toBe(0);
      expect((await callNext()).json().called).toBeNull();
    });

    it('says which number the person already holds for the service today', async () => {
      const a = await citizen();
      const held = (await t.as(a.accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).json();
      const res = await checkIn(a.accessToken, await booked(a.accessToken, 0));
      expect([res.statusCode, errorCodeOf(res)]).toEqual([409, 'TICKET_ALREADY_ACTIVE']);
      expect(res.json().error.message).toContain(held.displayNumber);
    });
  });

  describe('at the window', () => {
    it('checks someone in by the code they read out, in any case; only a clerk of that hall', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, -10 * MIN);
      const { code } = await row(id);
      expect((await clerkCheckIn(code, otherClerk)).statusCode).toBe(404);
      expect((await clerkCheckIn(code, a.accessToken)).statusCode).toBe(404);
      const elsewhere = await clerkCheckIn(code, otherClerk, OTHER_OFFICE);
      expect([elsewhere.statusCode, errorCodeOf(elsewhere)]).toEqual([404, 'NOT_FOUND']);
      const res = await clerkCheckIn(code.toLowerCase());
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, status: 'CHECKED_IN', ticket: { status: 'WAITING' } });
      const stored = await row(id);
      expect(stored.checkInMethod).toBe('CLERK');
      const ticket = await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: stored.ticketId! } });
      expect([ticket.priority, ticket.channel, ticket.subjectId]).toEqual(['APPOINTMENT', 'APPOINTMENT', a.user.id]);
      // The number is the citizen's (taken by whoever booked); the clerk is only in its log and
      // cannot read or cancel it as an owner.
      expect(ticket.actorId).toBe(a.user.id);
      const issued = await t.app.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, type: 'ISSUED' } });
      expect(issued.actorId).not.toBe(a.user.id);
      expect((await t.as(clerk, { method: 'GET', url: '/api/tickets' })).json().items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
      expect((await t.as(clerk, { method: 'POST', url: `/api/tickets/${ticket.id}/cancel`, payload: {} })).statusCode).toBe(404);
      expect((await clerkCheckIn(code)).json().ticket.id).toBe(ticket.id);
      expect(await t.app.prisma.auditLog.count({ where: { action: 'office.operate', resourceId: OFFICE, result: 'ALLOW' } })).toBeGreaterThanOrEqual(1);
      // The window rule holds at the window too.
      const late = await citizen();
      const lateCode = (await row(await booked(late.accessToken, -20 * MIN))).code;
      expect(errorCodeOf(await clerkCheckIn(lateCode))).toBe('CHECK_IN_CLOSED');
    });

    it('lists the hall’s appointments of the day for its clerks and supervisors: masked names, codes, numbers', async () => {
      const a = await citizen();
      await t.app.prisma.user.update({ where: { id: a.user.id }, data: { name: '王小明' } });
      const id = await booked(a.accessToken, 5 * MIN);
      await checkIn(a.accessToken, id);
      const res = await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/appointments` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.date).toBe(t.resources.clock.businessDate());
      const item = body.items.find((i: { id: string }) => i.id === id);
      expect(item).toMatchObject({ code: (await row(id)).code, status: 'CHECKED_IN', name: '王**', checkInMethod: 'SCAN', ticket: { displayNumber: expect.any(String) } });
      expect(res.body).not.toContain('王小明');
      expect((await t.as(supervisor, { method: 'GET', url: `/api/offices/${OFFICE}/appointments?date=2026-11-24` })).json()).toEqual({ date: '2026-11-24', items: [] });
      expect((await t.as(otherClerk, { method: 'GET', url: `/api/offices/${OFFICE}/appointments` })).statusCode).toBe(404);
      expect((await t.as(clerk, { method: 'GET', url: `/api/offices/${OFFICE}/appointments?date=0000-01-01` })).statusCode).toBe(400);
    });
  });

  describe('the appointment ends with its ticket', () => {
    it('is DONE when its number is finished at the window, giving the quota back', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const ticketId = (await checkIn(a.accessToken, id)).json().ticket.id;
      expect(await quota(a.user.id)).toBe(1);
      expect((await callNext()).json().called.id).toBe(ticketId);
      await act(ticketId, 'start');
      expect((await act(ticketId, 'finish')).statusCode).toBe(200);
      const done = await row(id);
      expect([done.status, done.activeKey, done.doneAt]).toEqual(['DONE', null, expect.any(Date)]);
      expect(await quota(a.user.id)).toBe(0);
      const view = (await t.as(a.accessToken, { method: 'GET', url: `/api/appointments/${id}` })).json();
      expect(view).toMatchObject({ status: 'DONE', ticket: { id: ticketId, status: 'DONE' } });
      const last = await t.app.prisma.appointmentEvent.findFirstOrThrow({ where: { appointmentId: id }, orderBy: { id: 'desc' } });
      expect(last).toMatchObject({ type: 'DONE', detail: { ticketId, ticketStatus: 'DONE' } });
    });

    it('is DONE when the number it was transferred into is finished, or when its holder cancels it', async () => {
      const a = await citizen();
      const id = await booked(a.accessToken, 0);
      const ticketId = (await checkIn(a.accessToken, id)).json().ticket.id;
      await callNext();
      const moved = (await act(ticketId, 'transfer', clerk, { counterId: COUNTER_2 })).json();
      expect(moved.priority).toBe('APPOINTMENT');
      // The appointment follows its number to the new one.
      expect((await t.as(a.accessToken, { method: 'GET', url: `/api/appointments/${id}` })).json()).toMatchObject({ status: 'CHECKED_IN', ticket: { id: moved.id, status: 'WAITING' } });
      expect((await callNext(COUNTER_2)).json().called.id).toBe(moved.id);
      await act(moved.id, 'start');
      await act(moved.id, 'finish');
      expect((await row(id)).status).toBe('DONE');
      expect(await quota(a.user.id)).toBe(0);

      const b = await citizen();
      const other = await booked(b.accessToken, 0);
      const otherTicket = (await checkIn(b.accessToken, other)).json().ticket.id;
      expect((await t.as(b.accessToken, { method: 'POST', url: `/api/tickets/${otherTicket}/cancel`, payload: {} })).statusCode).toBe(200);
      expect((await row(other)).status).toBe('DONE');
      expect(await quota(b.user.id)).toBe(0);
    });

    /** Moves an appointment to yesterday, as if its day had ended. */
    const dayOver = (id: string) => t.app.prisma.appointment.update({ where: { id }, data: { date: new Date('2026-11-22T00:00:00Z') } });
    /** Checked in, called at a window and skipped (过号): the person did not answer. */
    const checkedInAndSkipped = async (token: string): Promise<{ id: string; ticketId: string }> => {
      const id = await booked(token, 0);
      const ticketId = (await checkIn(token, id)).json().ticket.id as string;
      expect((await callNext()).json().called.id).toBe(ticketId);
      expect((await act(ticketId, 'skip')).statusCode).toBe(200);
      return { id, ticketId };
    };

    it('stays CHECKED_IN while a skipped number may rejoin; at day end a number never answered is a NO_SHOW', async () => {
      const a = await citizen();
      const { id, ticketId } = await checkedInAndSkipped(a.accessToken);
      expect((await row(id)).status).toBe('CHECKED_IN');
      expect(await closeCheckedInDays(t.app)).toEqual({ closed: 0, noShows: 0, suspended: 0 });
      // The next day: yesterday's checked-in appointment is closed once, its quota given back.
      await dayOver(id);
      const runs = await Promise.all([closeCheckedInDays(t.app), closeCheckedInDays(t.app)]);
      expect(runs.reduce((n, r) => n + r.closed, 0)).toBe(1);
      expect(runs.reduce((n, r) => n + r.noShows, 0)).toBe(1);
      const closed = await row(id);
      expect([closed.status, closed.activeKey, closed.noShowAt, closed.doneAt]).toEqual(['NO_SHOW', null, expect.any(Date), null]);
      expect(await quota(a.user.id)).toBe(0);
      const last = await t.app.prisma.appointmentEvent.findFirstOrThrow({ where: { appointmentId: id }, orderBy: { id: 'desc' } });
      expect(last).toMatchObject({ type: 'NO_SHOW', actorId: null, detail: { reason: 'NOT_SERVED', ticketId, ticketStatus: 'SKIPPED' } });
    });

    it('counts skipped numbers never answered towards a suspension: the 3rd suspends, as the no-show job does', async () => {
      const a = await citizen();
      for (const suspended of [0, 0, 1]) {
        const { id } = await checkedInAndSkipped(a.accessToken);
        await dayOver(id);
        expect(await closeCheckedInDays(t.app)).toEqual({ closed: 1, noShows: 1, suspended });
      }
      const [suspension, ...more] = await t.app.prisma.bookingSuspension.findMany({ where: { subjectId: a.user.id } });
      expect(more).toEqual([]);
      expect(suspension!.noShowIds).toHaveLength(3);
      expect(suspension!.reason).toMatch(/^30天内3次预约未到（11月23日、11月23日、11月23日），网上预约暂停至11月30日 /);
      const told = await t.app.prisma.notification.findMany({ where: { userId: a.user.id, kind: 'BOOKING_SUSPENDED' } });
      expect(told.map((n) => n.channel)).toEqual(['IN_APP']);
      const mine = (await t.as(a.accessToken, { method: 'GET', url: '/api/booking-suspensions' })).json().items;
      expect(mine).toEqual([expect.objectContaining({ id: suspension!.id, active: true, canAppeal: true })]);
    });

    it('closes as DONE, never a no-show, a number the hall did not get to (still waiting, or called) by day end', async () => {
      // Appointment numbers are called in check-in order: the first one is called, the second waits.
      const called = await citizen();
      const calledId = await booked(called.accessToken, 0);
      const calledTicket = (await checkIn(called.accessToken, calledId)).json().ticket.id;
      const waiting = await citizen();
      const waitingId = await booked(waiting.accessToken, 0);
      const waitingTicket = (await checkIn(waiting.accessToken, waitingId)).json().ticket.id;
      expect((await callNext()).json().called.id).toBe(calledTicket);
      await Promise.all([dayOver(calledId), dayOver(waitingId)]);
      expect(await closeCheckedInDays(t.app)).toEqual({ closed: 2, noShows: 0, suspended: 0 });
      for (const [id, ticketId, ticketStatus, subjectId] of [[calledId, calledTicket, 'CALLED', called.user.id], [waitingId, waitingTicket, 'WAITING', waiting.user.id]]) {
        const closed = await row(id!);
        expect([closed.status, closed.activeKey, closed.doneAt, closed.noShowAt]).toEqual(['DONE', null, expect.any(Date), null]);
        expect(await quota(subjectId!)).toBe(0);
        const last = await t.app.prisma.appointmentEvent.findFirstOrThrow({ where: { appointmentId: id! }, orderBy: { id: 'desc' } });
        expect(last).toMatchObject({ type: 'DONE', actorId: null, detail: { reason: 'DAY_ENDED_UNSERVED', ticketId, ticketStatus } });
      }
      expect(await t.app.prisma.bookingSuspension.count()).toBe(0);
    });
  });
});

describe('check-in code tries on two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await build({ redis: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    b = await build({ redis: true, reset: false, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  it('counts a person’s tries on every instance together', async () => {
    const { accessToken } = await a.login({ phone: '13599990001' });
    const id = await bookedOn(a, accessToken, 0);
    const replies: LightMyRequestResponse[] = [];
    for (let i = 0; i < TRIES; i += 1) replies.push(await checkInOn(i % 2 === 0 ? a : b, accessToken, id, `ZZZZZZZ${i + 2}`));
    expect(replies.map((r) => r.json().error.details)).toEqual([4, 3, 2, 1, 0].map((triesLeft) => ({ triesLeft })));
    const code = hallCheckInCode(a.config.PALM_JWT_SECRET, OFFICE, a.resources.clock.businessDate());
    expect(statusAndCode(await checkInOn(b, accessToken, id, code))).toEqual([429, 'RATE_LIMITED']);
    expect(statusAndCode(await checkInOn(a, accessToken, id, code))).toEqual([429, 'RATE_LIMITED']);
  });
});
