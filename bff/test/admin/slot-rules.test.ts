// Slot rules in the admin console (issue 17 item 4): a preview says what a change would do to the
// slots before it is saved, and saving does exactly that; a booked slot the change drops while the
// hall is open is kept, unchanged, and named in the preview. A hall manager of another hall gets
// what a missing id gets. Clock: Monday 2026-11-23 09:30 (setup-env.ts).
import { SERVICE_IDS } from '../../../seeds';
import { BookingService } from '../../src/appointments/booking';
import { generateSlots } from '../../src/appointments/slots';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { consoleUsers, COUNTY, expectLikeMissing, json, lastChange, TOWN, type Console } from './helpers';

jest.setTimeout(60_000);

describe('admin console: slot rules and their preview', () => {
  let t: TestApp;
  let who: Console;
  let marriageRule: string;
  beforeAll(async () => {
    t = await build();
    who = await consoleUsers(t);
    await generateSlots(t.app, { officeId: COUNTY });
    marriageRule = (await t.app.prisma.slotRule.findUniqueOrThrow({ where: { officeId_serviceId: { officeId: COUNTY, serviceId: SERVICE_IDS.marriageRegistration } } })).id;
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const preview = (token: string, body: object) => t.as(token, json('POST', '/api/admin/slot-rules/preview', body));
  const liveSlots = (serviceId: string) => t.app.prisma.slot.count({ where: { officeId: COUNTY, serviceId, withdrawnAt: null } });

  it('lists a hall’s rules to admins and its hall manager', async () => {
    const res = await t.as(who.manager, { method: 'GET', url: '/api/admin/slot-rules', query: { officeId: COUNTY } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: marriageRule, serviceName: expect.any(String), capacityPerSlot: 2, horizonDays: 7, releaseTime: '08:00' }));
    await expectLikeMissing((id) => t.as(who.otherManager, { method: 'GET', url: '/api/admin/slot-rules', query: { officeId: id } }), COUNTY);
  });

  it('previews a change exactly as saving carries it out; a booked slot it drops is kept and named', async () => {
    const booked = await t.app.prisma.slot.findFirstOrThrow({ where: { officeId: COUNTY, serviceId: SERVICE_IDS.marriageRegistration, date: new Date('2026-11-25T00:00:00Z'), startsAt: new Date('2026-11-25T08:00:00Z') } });
    const citizen = await t.login({ phone: '13800000001' });
    const { appointment } = await new BookingService(t.app).book({ slotId: booked.id, serviceId: booked.serviceId, subjectId: citizen.user.id, actorId: citizen.user.id });
    const mornings = { start: '09:00', end: '12:00' };
    const change = { weekTemplate: { '1': mornings, '2': mornings, '3': mornings, '4': mornings, '5': mornings }, capacityPerSlot: 3 };
    const before = await liveSlots(SERVICE_IDS.marriageRegistration);

    const seen = await preview(who.manager, { id: marriageRule, ...change });
    expect(seen.statusCode).toBe(200);
    const planned = seen.json().slots;
    expect(planned).toMatchObject({ created: 0, keptBooked: 1, keptBookedDates: ['2026-11-25'], closedBooked: 0 });
    expect(planned.updated).toBeGreaterThan(0);
    expect(planned.withdrawn).toBeGreaterThan(0);
    // Nothing saved by a preview.
    expect(await liveSlots(SERVICE_IDS.marriageRegistration)).toBe(before);
    expect((await t.app.prisma.slotRule.findUniqueOrThrow({ where: { id: marriageRule } })).capacityPerSlot).toBe(2);

    const saved = await t.as(who.manager, json('PATCH', `/api/admin/slot-rules/${marriageRule}`, change));
    expect(saved.statusCode).toBe(200);
    expect(saved.json().slots).toEqual(planned);
    expect(saved.json().rule).toMatchObject({ capacityPerSlot: 3, weekTemplate: change.weekTemplate });
    expect(await liveSlots(SERVICE_IDS.marriageRegistration)).toBe(before - planned.withdrawn);
    // The booked afternoon slot: untouched, its appointment still booked.
    expect(await t.app.prisma.slot.findUniqueOrThrow({ where: { id: booked.id } })).toMatchObject({ withdrawnAt: null, capacity: 2, booked: 1 });
    expect((await t.app.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');
    expect(await lastChange(t)).toMatchObject({ action: 'admin.slot-rule.manage', resourceId: marriageRule, officeId: COUNTY, meta: { before: { capacityPerSlot: 2 }, after: { capacityPerSlot: 3 } } });
    // Saved, the same preview has nothing left to do.
    expect((await preview(who.admin, { id: marriageRule, ...change })).json().slots).toMatchObject({ created: 0, updated: 0, withdrawn: 0, keptBooked: 1 });
  });

  it('previews a new rule as creating it does', async () => {
    const free = await t.app.prisma.officeService.findFirstOrThrow({ where: { officeId: COUNTY, service: { slotRules: { none: { officeId: COUNTY } } } }, orderBy: { serviceId: 'asc' } });
    const body = { officeId: COUNTY, serviceId: free.serviceId, weekTemplate: { '2': { start: '14:00', end: '16:00' }, '4': { start: '14:00', end: '16:00', capacity: 2 } }, capacityPerSlot: 1, slotMinutes: 20, horizonDays: 5 };
    const planned = (await preview(who.manager, body)).json().slots;
    expect(planned).toMatchObject({ updated: 0, withdrawn: 0, keptBooked: 0 });
    expect(planned.created).toBeGreaterThan(0);
    const made = await t.as(who.manager, json('POST', '/api/admin/slot-rules', body));
    expect(made.statusCode).toBe(201);
    expect(made.json().slots).toEqual(planned);
    expect(await liveSlots(free.serviceId)).toBe(planned.created);
    const again = await t.as(who.admin, json('POST', '/api/admin/slot-rules', body));
    expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'CONFLICT']);
    expect(errorCodeOf(await preview(who.admin, body))).toBe('CONFLICT');
  });

  it('refuses another hall’s rule like a missing id, and bad rules with the §5 shape', async () => {
    const rule = await t.app.prisma.slotRule.findUniqueOrThrow({ where: { id: marriageRule } });
    for (const token of [who.otherManager, who.clerk, who.citizen]) {
      await expectLikeMissing((id) => t.as(token, json('PATCH', `/api/admin/slot-rules/${id}`, { capacityPerSlot: 9 })), marriageRule);
      await expectLikeMissing((id) => preview(token, { id, capacityPerSlot: 9 }), marriageRule);
    }
    const offeredHere = (await t.app.prisma.officeService.findFirstOrThrow({ where: { officeId: COUNTY } })).serviceId;
    await expectLikeMissing((id) => t.as(who.otherManager, json('POST', '/api/admin/slot-rules', { officeId: id, serviceId: offeredHere, weekTemplate: {}, capacityPerSlot: 1 })), COUNTY);
    expect(await t.app.prisma.slotRule.findUniqueOrThrow({ where: { id: marriageRule } })).toEqual(rule);

    const notOffered = (await t.app.prisma.service.findFirstOrThrow({ where: { offices: { none: { officeId: TOWN } } } })).id;
    const week = rule.weekTemplate as Record<string, unknown>;
    const noHours = [1, 2, 3, 4, 5, 6, 7].find((day) => !week[String(day)])!;
    const withHours = [1, 2, 3, 4, 5, 6, 7].find((day) => week[String(day)])!;
    const bad: Array<[string, string, object | undefined]> = [
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, undefined],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, {}],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { weekTemplate: { '1': { start: '17:00', end: '09:00' } } }],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { weekTemplate: { '8': { start: '09:00', end: '12:00' } } }],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { breaks: [['13:00', '12:00']] }],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { breaks: [['12:00', '13:00'], ['12:30', '14:00']] }],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { capacityPerSlot: 0 }],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { releaseTime: '25:00' }],
      ['POST', '/api/admin/slot-rules', undefined],
      ['POST', '/api/admin/slot-rules', { officeId: TOWN, serviceId: notOffered, weekTemplate: {}, capacityPerSlot: 1 }],
      ['POST', '/api/admin/slot-rules/preview', undefined],
      ['POST', '/api/admin/slot-rules/preview', { id: marriageRule, officeId: COUNTY }],
      // A 调休 working day may only follow a weekday that has hours.
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { adjustedWorkdayWeekday: noHours }],
      ['POST', '/api/admin/slot-rules/preview', { id: marriageRule, adjustedWorkdayWeekday: noHours }],
      ['PATCH', `/api/admin/slot-rules/${marriageRule}`, { weekTemplate: { ...week, [String(withHours)]: null }, adjustedWorkdayWeekday: withHours }],
    ];
    for (const [method, url, body] of bad) {
      const res = await t.as(who.admin, json(method as 'POST', url, body));
      expect([url, String(JSON.stringify(body)), res.statusCode, errorCodeOf(res)]).toEqual([url, String(JSON.stringify(body)), 400, 'VALIDATION_FAILED']);
    }
    expect(await t.app.prisma.slotRule.findUniqueOrThrow({ where: { id: marriageRule } })).toEqual(rule);
    const refused = await t.as(who.admin, json('PATCH', `/api/admin/slot-rules/${marriageRule}`, { adjustedWorkdayWeekday: noHours }));
    expect(refused.json().error.details).toEqual([{ field: 'body.adjustedWorkdayWeekday', rule: 'weekdayWithHours', value: noHours }]);
    // A weekday with hours is taken.
    expect((await t.as(who.admin, json('PATCH', `/api/admin/slot-rules/${marriageRule}`, { adjustedWorkdayWeekday: withHours }))).json().rule.adjustedWorkdayWeekday).toBe(withHours);
    expect((await t.as(who.admin, json('PATCH', `/api/admin/slot-rules/${marriageRule}`, { adjustedWorkdayWeekday: null }))).statusCode).toBe(200);
    // The town's own manager may change the town's rules.
    const town = await t.app.prisma.slotRule.findFirstOrThrow({ where: { officeId: TOWN } });
    expect((await t.as(who.otherManager, json('PATCH', `/api/admin/slot-rules/${town.id}`, { releaseTime: '07:30' }))).statusCode).toBe(200);
  });
});
