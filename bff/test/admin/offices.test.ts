// The admin console's halls (issue 17): a hall's hours (admins, its hall manager), its contact and
// services (admins), dated closures and special hours — a closure added after bookings exist
// cancels them as the hall's doing and tells the people. A hall manager of another hall gets what
// a missing id gets. Every change is an audit entry with before/after.
import { DEMO_PHONES, SERVICE_IDS } from '../../../seeds';
import { HALL_CLOSED_REASON } from '../../src/appointments/hall-closure';
import { BookingService } from '../../src/appointments/booking';
import { slotMaker } from '../appointments/fixtures';
import { errorCodeOf, type TestApp } from '../helper';
import { type Console, COUNTY, json, lastChange, TOWN, useConsoleApp, expectLikeMissing } from './helpers';

jest.setTimeout(30_000);
const DAY = 24 * 60 * 60_000;

describe('admin console: a hall’s hours, contact, services and closures', () => {
  let t: TestApp;
  let who: Console;
  useConsoleApp((app) => ({ t, who } = app));


  it('shows a hall to admins and its own hall manager; to everyone else it is a missing id', async () => {
    for (const token of [who.admin, who.manager]) {
      const res = await t.as(token, json('GET', `/api/admin/offices/${COUNTY}`));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: COUNTY, weeklyHours: { '1': expect.any(Array) }, services: expect.any(Array), exceptions: expect.any(Array) });
    }
    for (const token of [who.otherManager, who.clerk, who.citizen]) {
      await expectLikeMissing((id) => t.as(token, json('GET', `/api/admin/offices/${id}`)), COUNTY);
    }
    expect((await t.app.inject(json('GET', `/api/admin/offices/${COUNTY}`))).statusCode).toBe(401);
    expect(errorCodeOf(await t.as(who.admin, json('GET', '/api/admin/offices/not-a-uuid')))).toBe('VALIDATION_FAILED');
  });

  it('lets the hall manager change the weekly hours, audited with before and after', async () => {
    const before = (await t.as(who.manager, json('GET', `/api/admin/offices/${COUNTY}`))).json().weeklyHours;
    const weeklyHours = { ...before, '6': [['09:00', '12:00']] };
    const res = await t.as(who.manager, json('PATCH', `/api/admin/offices/${COUNTY}`, { weeklyHours }));
    expect(res.statusCode).toBe(200);
    expect(res.json().weeklyHours['6']).toEqual([['09:00', '12:00']]);
    const entry = await lastChange(t);
    expect(entry).toMatchObject({ action: 'admin.office.hours', resourceType: 'office', resourceId: COUNTY, officeId: COUNTY, meta: { before: { weeklyHours: before }, after: { weeklyHours } } });
    // The public hall shows the new Saturday.
    expect((await t.app.inject(json('GET', `/api/offices/${COUNTY}`))).json().weeklyHours['6']).toEqual([['09:00', '12:00']]);
  });

  it('refuses the hours of another hall like a missing id, and changes nothing', async () => {
    const before = await t.app.prisma.office.findUniqueOrThrow({ where: { id: COUNTY } });
    await expectLikeMissing((id) => t.as(who.otherManager, json('PATCH', `/api/admin/offices/${id}`, { openOnHolidays: true })), COUNTY);
    await expectLikeMissing((id) => t.as(who.clerk, json('PATCH', `/api/admin/offices/${id}`, { openOnHolidays: true })), COUNTY);
    expect(await t.app.prisma.office.findUniqueOrThrow({ where: { id: COUNTY } })).toEqual(before);
    // The town's own manager may.
    expect((await t.as(who.otherManager, json('PATCH', `/api/admin/offices/${TOWN}`, { openOnHolidays: false }))).statusCode).toBe(200);
  });

  it('leaves the name, contact and services offered to admins: a hall manager is told no (403)', async () => {
    const before = await t.app.prisma.office.findUniqueOrThrow({ where: { id: COUNTY } });
    const refused = await t.as(who.manager, json('PATCH', `/api/admin/offices/${COUNTY}`, { phone: '0797-1234567', openOnHolidays: true }));
    expect(refused.statusCode).toBe(403);
    expect(errorCodeOf(refused)).toBe('FORBIDDEN');
    expect(await t.app.prisma.office.findUniqueOrThrow({ where: { id: COUNTY } })).toEqual(before);

    const offered = (await t.app.prisma.officeService.findMany({ where: { officeId: TOWN } })).map((s) => s.serviceId);
    const { phone } = await t.app.prisma.office.findUniqueOrThrow({ where: { id: TOWN } });
    const kept = offered.slice(1);
    const res = await t.as(who.admin, json('PATCH', `/api/admin/offices/${TOWN}`, { phone: '0797-7654321', serviceIds: kept }));
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe('0797-7654321');
    expect(res.json().services.map((s: { id: string }) => s.id).sort()).toEqual([...kept].sort());
    expect(await lastChange(t)).toMatchObject({ action: 'admin.office.profile', officeId: TOWN, meta: { before: { phone, serviceIds: [...offered].sort() }, after: { phone: '0797-7654321', serviceIds: [...kept].sort() } } });
  });

  it('will not stop a service that people have booked and not yet done; once they are, its slot rule stops and its open slots go', async () => {
    const made = await slotMaker(() => t, { officeId: COUNTY, serviceId: SERVICE_IDS.marriageRegistration, startsIn: 2 * DAY })();
    const citizen = await t.login({ phone: DEMO_PHONES.citizen });
    const { appointment } = await new BookingService(t.app).book({ slotId: made.id, serviceId: made.serviceId, subjectId: citizen.user.id, actorId: citizen.user.id });
    const offered = (await t.app.prisma.officeService.findMany({ where: { officeId: COUNTY } })).map((s) => s.serviceId);
    const kept = offered.filter((id) => id !== SERVICE_IDS.marriageRegistration);
    const before = await t.app.prisma.officeService.count({ where: { officeId: COUNTY } });

    const refused = await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, { serviceIds: kept }));
    expect([refused.statusCode, errorCodeOf(refused)]).toEqual([409, 'CONFLICT']);
    expect(refused.json().error.message).toContain('预约尚未办理');
    expect(refused.json().error.details).toEqual([{ field: 'body.serviceIds', rule: 'activeBookings', value: SERVICE_IDS.marriageRegistration }]);
    expect(await t.app.prisma.officeService.count({ where: { officeId: COUNTY } })).toBe(before);

    await t.app.prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'DONE', activeKey: null, doneAt: new Date() } });
    const res = await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, { serviceIds: kept }));
    expect(res.statusCode).toBe(200);
    const rules = await t.app.prisma.slotRule.findMany({ where: { officeId: COUNTY, serviceId: SERVICE_IDS.marriageRegistration } });
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => !r.active)).toBe(true);
    const open = await t.app.prisma.slot.count({ where: { officeId: COUNTY, serviceId: SERVICE_IDS.marriageRegistration, withdrawnAt: null, booked: 0, date: { gte: new Date() } } });
    expect(open).toBe(0);
    expect(await lastChange(t)).toMatchObject({ action: 'admin.office.profile', meta: { servicesStopped: [SERVICE_IDS.marriageRegistration], slotRulesStopped: rules.map((r) => r.id), slotsWithdrawn: expect.any(Number) } });

    // Offered again (the suite goes on with it): the rule stays stopped until the hall starts it.
    expect((await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, { serviceIds: offered }))).statusCode).toBe(200);
    await t.app.prisma.slotRule.updateMany({ where: { id: { in: rules.map((r) => r.id) } }, data: { active: true } });
  });

  it('counts today’s numbers still to be served per service; stopping the service leaves them in the line', async () => {
    const SOCIAL = SERVICE_IDS.socialSecurityCardApply;
    const citizen = await t.login({ phone: DEMO_PHONES.citizen });
    const taken = await t.as(citizen.accessToken, json('POST', '/api/tickets', { officeId: COUNTY, serviceId: SOCIAL }));
    expect(taken.statusCode).toBe(201);
    const services: Array<{ id: string; waitingToday: number }> = (await t.as(who.manager, json('GET', `/api/admin/offices/${COUNTY}`))).json().services;
    expect(services.find((s) => s.id === SOCIAL)?.waitingToday).toBe(1);
    expect(services.filter((s) => s.id !== SOCIAL).map((s) => s.waitingToday)).toEqual(services.filter((s) => s.id !== SOCIAL).map(() => 0));
    // Called and being served count; done, cancelled or yesterday's do not.
    const waitingOf = async () => ((await t.as(who.manager, json('GET', `/api/admin/offices/${COUNTY}`))).json().services as Array<{ id: string; waitingToday: number }>).find((s) => s.id === SOCIAL)?.waitingToday;
    const ticket = await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: taken.json().id } });
    for (const [status, counted] of [['CALLED', 1], ['SERVING', 1], ['DONE', 0], ['CANCELLED', 0], ['WAITING', 1]] as const) {
      await t.app.prisma.ticket.update({ where: { id: ticket.id }, data: { status } });
      expect([status, await waitingOf()]).toEqual([status, counted]);
    }
    // (Its active key names its day: cleared while it is moved to yesterday.)
    await t.app.prisma.ticket.update({ where: { id: ticket.id }, data: { businessDate: new Date(ticket.businessDate.getTime() - 86_400_000), activeKey: null } });
    expect(await waitingOf()).toBe(0);
    await t.app.prisma.ticket.update({ where: { id: ticket.id }, data: { businessDate: ticket.businessDate, activeKey: ticket.activeKey } });

    const offered = services.map((s) => s.id);
    const stopped = await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, { serviceIds: offered.filter((id) => id !== SOCIAL) }));
    expect(stopped.statusCode).toBe(200);
    // The number taken before the stop is still in the line; a new one is refused.
    expect((await t.app.prisma.ticket.findUniqueOrThrow({ where: { id: taken.json().id } })).status).toBe('WAITING');
    const other = await t.login({ phone: DEMO_PHONES.elderly });
    const refused = await t.as(other.accessToken, json('POST', '/api/tickets', { officeId: COUNTY, serviceId: SOCIAL }));
    expect(errorCodeOf(refused)).toBe('SERVICE_NOT_OFFERED');

    // Offered again (the suite goes on with it), and the number given back.
    expect((await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, { serviceIds: offered }))).statusCode).toBe(200);
    await t.app.prisma.slotRule.updateMany({ where: { officeId: COUNTY, serviceId: SOCIAL }, data: { active: true } });
    expect((await t.as(citizen.accessToken, json('POST', `/api/tickets/${taken.json().id}/cancel`, {}))).statusCode).toBe(200);
  });

  it('answers every bad input with the §5 error shape, never a 500', async () => {
    const cases: Array<[object | undefined, string]> = [
      [undefined, 'VALIDATION_FAILED'],
      [{}, 'VALIDATION_FAILED'],
      [{ weeklyHours: { '1': [['12:00', '09:00']], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] } }, 'VALIDATION_FAILED'],
      [{ weeklyHours: { '1': [['09:00', '12:00'], ['11:00', '17:00']], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] } }, 'VALIDATION_FAILED'],
      [{ weeklyHours: { '1': [['9:00', '12:00']] } }, 'VALIDATION_FAILED'],
      [{ serviceIds: ['00000000-0000-4000-8000-000000000000'] }, 'VALIDATION_FAILED'],
      [{ serviceIds: [] }, 'VALIDATION_FAILED'],
      [{ address: '青石县\n人民路' }, 'VALIDATION_FAILED'],
      [{ name: 'x\u0000y' }, 'VALIDATION_FAILED'],
      [{ colour: 'red' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, body));
      expect([JSON.stringify(body), res.statusCode, errorCodeOf(res)]).toEqual([JSON.stringify(body), 400, code]);
    }
    const order = await t.as(who.admin, json('PATCH', `/api/admin/offices/${COUNTY}`, cases[2]![0]));
    expect(order.json().error.details).toEqual([expect.objectContaining({ field: 'body.weeklyHours.1[0]', rule: 'order' })]);
  });

  describe('dated closures and special hours', () => {
    const booking = () => new BookingService(t.app);
    const slot = slotMaker(() => t, { officeId: COUNTY, serviceId: SERVICE_IDS.marriageRegistration, startsIn: 2 * DAY });
    const exceptions = (id: string) => `/api/admin/offices/${id}/exceptions`;

    it('a closure added after bookings exist cancels them as the hall’s doing and tells each person', async () => {
      const made = await slot();
      const date = made.date.toISOString().slice(0, 10);
      const citizen = await t.login({ phone: DEMO_PHONES.citizen });
      const { appointment } = await booking().book({ slotId: made.id, serviceId: made.serviceId, subjectId: citizen.user.id, actorId: citizen.user.id });

      const res = await t.as(who.manager, json('POST', exceptions(COUNTY), { date, closed: true, reason: '停电检修' }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ exception: { date, closed: true, hours: null, reason: '停电检修' }, appointmentsCancelled: 1 });

      const row = await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
      expect([row.status, row.cancelReason]).toEqual(['CANCELLED', HALL_CLOSED_REASON]);
      const told = await t.app.prisma.notification.findMany({ where: { kind: 'APPOINTMENT_CANCELLED', appointmentId: appointment.id } });
      expect(told.map((n) => n.userId)).toEqual([citizen.user.id]);
      // Citizens see the closure and its reason, and that day has no slots.
      const office = (await t.app.inject(json('GET', `/api/offices/${COUNTY}`))).json();
      expect(office.upcomingExceptions).toContainEqual({ date, closed: true, hours: null, note: '停电检修' });
      const slots = (await t.app.inject({ url: `/api/offices/${COUNTY}/slots`, query: { serviceId: SERVICE_IDS.marriageRegistration, date } })).json();
      expect(slots.items).toEqual([]);
      expect(await lastChange(t)).toMatchObject({ action: 'admin.office.hours', resourceType: 'officeException', officeId: COUNTY, meta: { before: null, after: { date, closed: true, reason: '停电检修' } } });

      // The same day again: a conflict, not a second row.
      const again = await t.as(who.admin, json('POST', exceptions(COUNTY), { date, closed: true, reason: '停电检修' }));
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'CONFLICT']);

      // Removed: the day opens again (the slot job brings its slots back).
      const exceptionId = res.json().exception.id;
      await expectLikeMissing((id) => t.as(who.otherManager, json('DELETE', `${exceptions(id)}/${exceptionId}`)), COUNTY);
      // Through another hall's path, even its own manager finds nothing.
      await expectLikeMissing((id) => t.as(who.otherManager, json('DELETE', `${exceptions(TOWN)}/${id}`)), exceptionId);
      const removed = await t.as(who.manager, json('DELETE', `${exceptions(COUNTY)}/${exceptionId}`));
      expect(removed.statusCode).toBe(200);
      expect(await t.app.prisma.officeException.findUnique({ where: { id: exceptionId } })).toBeNull();
      expect(await lastChange(t)).toMatchObject({ resourceType: 'officeException', resourceId: exceptionId, meta: { before: { date, closed: true }, after: null } });
    });

    it('previews a closure: the bookings it would cancel, nothing saved, the same count the real POST then cancels', async () => {
      const made = await slot({ capacity: 2 });
      const date = made.date.toISOString().slice(0, 10);
      const first = await t.login({ phone: DEMO_PHONES.citizen });
      const second = await t.app.prisma.user.create({ data: { roles: ['CITIZEN'], name: '预览市民' } });
      await booking().book({ slotId: made.id, serviceId: made.serviceId, subjectId: first.user.id, actorId: first.user.id });
      await booking().book({ slotId: made.id, serviceId: made.serviceId, subjectId: second.id, actorId: second.id });
      const preview = exceptions(COUNTY) + '/preview';
      // Special hours that still hold the booked slot cancel nothing; a closure cancels both.
      const holds = await t.as(who.manager, json('POST', preview, { date, opens: '00:00', closes: '23:59', reason: '全天办公' }));
      expect([holds.statusCode, holds.json()]).toEqual([200, { date, appointmentsAffected: 0 }]);
      const drops = await t.as(who.manager, json('POST', preview, { date, opens: '06:00', closes: '07:00', reason: '半天培训' }));
      expect(drops.json()).toEqual({ date, appointmentsAffected: 2 });
      const changeBefore = await lastChange(t);
      const res = await t.as(who.manager, json('POST', preview, { date, closed: true, reason: '停电检修' }));
      expect([res.statusCode, res.json()]).toEqual([200, { date, appointmentsAffected: 2 }]);
      // Nothing saved: no closure, the bookings stand, no change recorded.
      expect(await t.app.prisma.officeException.findUnique({ where: { officeId_date: { officeId: COUNTY, date: made.date } } })).toBeNull();
      expect(await t.app.prisma.appointment.count({ where: { slotId: made.id, status: 'BOOKED' } })).toBe(2);
      expect(await lastChange(t)).toEqual(changeBefore);

      // Another hall's manager and a citizen: the missing id's 404.
      await expectLikeMissing((id) => t.as(who.otherManager, json('POST', `/api/admin/offices/${id}/exceptions/preview`, { date, closed: true, reason: '停电' })), COUNTY);
      await expectLikeMissing((id) => t.as(who.citizen, json('POST', `/api/admin/offices/${id}/exceptions/preview`, { date, closed: true, reason: '停电' })), COUNTY);
      // The same checks as saving.
      for (const body of [undefined, {}, { date, reason: '没有说闭厅还是时间' }, { date, opens: '12:00', closes: '09:00', reason: '结束早于开始' }, { date: '2026-11-01', closed: true, reason: '过去' }, { date, closed: true }]) {
        const bad = await t.as(who.manager, json('POST', preview, body));
        expect([JSON.stringify(body), bad.statusCode, errorCodeOf(bad)]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
      }

      // The real POST cancels exactly what the preview said; the day then has one: 409.
      const saved = await t.as(who.manager, json('POST', exceptions(COUNTY), { date, closed: true, reason: '停电检修' }));
      expect(saved.json().appointmentsCancelled).toBe(res.json().appointmentsAffected);
      const again = await t.as(who.manager, json('POST', preview, { date, closed: true, reason: '停电检修' }));
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'CONFLICT']);
      await t.as(who.manager, json('DELETE', `${exceptions(COUNTY)}/${saved.json().exception.id}`));
    });

    it('special hours: one opening range with its reason', async () => {
      const date = t.resources.clock.businessDate(new Date(t.resources.clock.now().getTime() + 10 * DAY));
      const res = await t.as(who.admin, json('POST', exceptions(TOWN), { date, opens: '09:00', closes: '12:00', reason: '下午系统升级' }));
      expect(res.statusCode).toBe(201);
      expect(res.json().exception).toMatchObject({ closed: false, hours: [['09:00', '12:00']], reason: '下午系统升级' });
    });

    it('refuses bad closures with the §5 shape and another hall’s like a missing id', async () => {
      const today = t.resources.clock.businessDate();
      const later = t.resources.clock.businessDate(new Date(t.resources.clock.now().getTime() + 20 * DAY));
      const bad: Array<object | undefined> = [
        undefined,
        {},
        { date: later, reason: '没有说闭厅还是时间' },
        { date: later, closed: true, opens: '09:00', closes: '12:00', reason: '两样都说了' },
        { date: later, opens: '09:00', reason: '缺结束时间' },
        { date: later, opens: '12:00', closes: '09:00', reason: '结束早于开始' },
        { date: '2026-11-01', closed: true, reason: '过去的日期' },
        { date: '2099-01-01', closed: true, reason: '太远' },
        { date: '2026-02-30', closed: true, reason: '没有这一天' },
        { date: later, closed: true },
        { date: later, closed: true, reason: '原因', extra: 1 },
      ];
      const count = await t.app.prisma.officeException.count({ where: { officeId: COUNTY } });
      for (const body of bad) {
        const res = await t.as(who.manager, json('POST', exceptions(COUNTY), body));
        expect([JSON.stringify(body), res.statusCode, errorCodeOf(res)]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
      }
      expect(today).toBe('2026-11-23');
      await expectLikeMissing((id) => t.as(who.otherManager, json('POST', exceptions(id), { date: later, closed: true, reason: '停电' })), COUNTY);
      await expectLikeMissing((id) => t.as(who.citizen, json('POST', exceptions(id), { date: later, closed: true, reason: '停电' })), COUNTY);
      expect(await t.app.prisma.officeException.count({ where: { officeId: COUNTY } })).toBe(count);
    });
  });
});
