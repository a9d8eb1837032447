// The admin console's windows and queue settings (issue 17): add, rename, categories served, clerk,
// retire (never opened or listed again); the hall's queue settings. A hall manager of another hall
// gets what a missing id gets; every change is an audit entry with before/after.
import { COUNTER_IDS, USER_IDS } from '../../../seeds';
import { errorCodeOf, type TestApp } from '../helper';
import { type Console, COUNTY, json, lastChange, TOWN, useConsoleApp, expectLikeMissing } from './helpers';

jest.setTimeout(30_000);

describe('admin console: windows and queue settings', () => {
  let t: TestApp;
  let who: Console;
  useConsoleApp((app) => ({ t, who } = app));

  const counters = (office: string) => `/api/admin/offices/${office}/counters`;

  it('lists a hall’s windows to admins and its hall manager only', async () => {
    const res = await t.as(who.manager, json('GET', counters(COUNTY)));
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ id: COUNTER_IDS.countyCenter1, number: 1, clerkId: USER_IDS.clerk, retired: false });
    await expectLikeMissing((id) => t.as(who.otherManager, json('GET', counters(id))), COUNTY);
    await expectLikeMissing((id) => t.as(who.clerk, json('GET', counters(id))), COUNTY);
  });

  it('adds a window with the next number, renames it, gives it categories and a clerk, then retires it', async () => {
    const made = await t.as(who.manager, json('POST', counters(COUNTY), { name: '新增综合窗口', categories: ['A', 'B'] }));
    expect(made.statusCode).toBe(201);
    const counter = made.json();
    expect(counter).toMatchObject({ name: '新增综合窗口', categories: ['A', 'B'], state: 'CLOSED', clerkId: null, retired: false });
    expect(counter.number).toBeGreaterThan(1);
    expect(await lastChange(t)).toMatchObject({ action: 'admin.counter.manage', resourceId: counter.id, officeId: COUNTY, meta: { before: null, after: { name: '新增综合窗口' } } });

    const patched = await t.as(who.manager, json('PATCH', `/api/admin/counters/${counter.id}`, { name: '社保窗口', categories: ['A'], clerkId: USER_IDS.clerk }));
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '社保窗口', categories: ['A'], clerkId: USER_IDS.clerk, clerkName: '赵雪梅' });
    expect(await lastChange(t)).toMatchObject({ meta: { before: { name: '新增综合窗口', categories: ['A', 'B'], clerkId: null }, after: { name: '社保窗口', categories: ['A'], clerkId: USER_IDS.clerk } } });

    const retired = await t.as(who.manager, json('PATCH', `/api/admin/counters/${counter.id}`, { retired: true }));
    expect(retired.json()).toMatchObject({ retired: true, state: 'CLOSED', clerkId: null });
    // Never opened again, and gone from the clerks' and the public lists.
    const open = await t.as(who.clerk, json('POST', `/api/counters/${counter.id}/open`));
    expect([open.statusCode, errorCodeOf(open)]).toEqual([409, 'CONFLICT']);
    const panel = (await t.as(who.clerk, { method: 'GET', url: '/api/counters', query: { officeId: COUNTY } })).json();
    expect(JSON.stringify(panel)).not.toContain(counter.id);
    expect((await t.app.inject(json('GET', `/api/offices/${COUNTY}`))).json().counters.map((c: { id: string }) => c.id)).not.toContain(counter.id);
    // The console still lists it, retired; it cannot be changed any more.
    expect((await t.as(who.admin, json('GET', counters(COUNTY)))).json().items).toContainEqual(expect.objectContaining({ id: counter.id, retired: true }));
    const again = await t.as(who.admin, json('PATCH', `/api/admin/counters/${counter.id}`, { name: '复用' }));
    expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'CONFLICT']);
  });

  it('refuses another hall’s window like a missing id, and changes nothing', async () => {
    const before = await t.app.prisma.counter.findUniqueOrThrow({ where: { id: COUNTER_IDS.countyCenter2 } });
    for (const token of [who.otherManager, who.clerk, who.citizen]) {
      await expectLikeMissing((id) => t.as(token, json('PATCH', `/api/admin/counters/${id}`, { name: '改名' })), COUNTER_IDS.countyCenter2);
    }
    await expectLikeMissing((id) => t.as(who.otherManager, json('POST', counters(id), { name: '越权窗口', categories: ['A'] })), COUNTY);
    expect(await t.app.prisma.counter.findUniqueOrThrow({ where: { id: COUNTER_IDS.countyCenter2 } })).toEqual(before);
  });

  it('answers bad window input with the §5 shape: letters the hall does not use, a clerk of another hall, a taken number', async () => {
    const bad: Array<[string, string, object | undefined, number]> = [
      ['POST', counters(COUNTY), undefined, 400],
      ['POST', counters(COUNTY), { name: '窗口', categories: [] }, 400],
      ['POST', counters(COUNTY), { name: '窗口', categories: ['a'] }, 400],
      ['POST', counters(COUNTY), { name: '窗口', categories: ['Z'] }, 400],
      ['POST', counters(COUNTY), { name: '窗口', categories: ['A'], clerkId: USER_IDS.clerkQingyunTown }, 400],
      ['POST', counters(COUNTY), { name: '窗口', categories: ['A'], number: 1 }, 409],
      ['PATCH', `/api/admin/counters/${COUNTER_IDS.countyCenter2}`, undefined, 400],
      ['PATCH', `/api/admin/counters/${COUNTER_IDS.countyCenter2}`, {}, 400],
      ['PATCH', `/api/admin/counters/${COUNTER_IDS.countyCenter2}`, { retired: false }, 400],
      ['PATCH', `/api/admin/counters/${COUNTER_IDS.countyCenter2}`, { clerkId: USER_IDS.citizen }, 400],
    ];
    for (const [method, url, body, status] of bad) {
      const res = await t.as(who.manager, json(method as 'POST', url, body));
      expect([url, JSON.stringify(body), res.statusCode, errorCodeOf(res)]).toEqual([url, JSON.stringify(body), status, status === 409 ? 'CONFLICT' : 'VALIDATION_FAILED']);
    }
  });

  describe('queue settings', () => {
    const settings = (office: string) => `/api/admin/offices/${office}/queue-settings`;

    it('shows the defaults, saves a change with daily capacity per service, audited', async () => {
      const before = (await t.as(who.manager, json('GET', settings(COUNTY)))).json();
      expect(before).toMatchObject({ nearPeopleAhead: expect.any(Number), nearMinutes: expect.any(Number), maxPriorityStreak: expect.any(Number) });
      const serviceId = before.dailyCapacity[0].serviceId;
      const res = await t.as(who.manager, json('PUT', settings(COUNTY), { nearPeopleAhead: 5, nearMinutes: 15, maxPriorityStreak: 2, dailyCapacity: [{ serviceId, dailyTicketCapacity: 40 }] }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ nearPeopleAhead: 5, nearMinutes: 15, maxPriorityStreak: 2 });
      expect(res.json().dailyCapacity).toContainEqual({ serviceId, dailyTicketCapacity: 40 });
      expect(await t.app.prisma.officeQueueSettings.findUnique({ where: { officeId: COUNTY } })).toMatchObject({ nearPeopleAhead: 5, nearMinutes: 15, maxPriorityStreak: 2 });
      expect(await lastChange(t)).toMatchObject({
        action: 'admin.queue-settings.update',
        officeId: COUNTY,
        meta: { before: { nearPeopleAhead: before.nearPeopleAhead, dailyCapacity: [before.dailyCapacity[0]] }, after: { nearPeopleAhead: 5, dailyCapacity: [{ serviceId, dailyTicketCapacity: 40 }] } },
      });
    });

    it('refuses bad settings (§5) and another hall’s like a missing id', async () => {
      const offeredElsewhere = (await t.app.prisma.officeService.findFirstOrThrow({ where: { officeId: TOWN, service: { offices: { none: { officeId: COUNTY } } } } }).catch(() => null))?.serviceId;
      const bad: Array<object | undefined> = [undefined, {}, { nearPeopleAhead: 0, nearMinutes: 10, maxPriorityStreak: 3 }, { nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 3, dailyCapacity: [{ serviceId: 'x', dailyTicketCapacity: 1 }] }];
      if (offeredElsewhere) bad.push({ nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 3, dailyCapacity: [{ serviceId: offeredElsewhere, dailyTicketCapacity: 1 }] });
      for (const body of bad) {
        const res = await t.as(who.manager, json('PUT', settings(COUNTY), body));
        expect([JSON.stringify(body), res.statusCode, errorCodeOf(res)]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
      }
      const ok = { nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 3 };
      await expectLikeMissing((id) => t.as(who.otherManager, json('PUT', settings(id), ok)), COUNTY);
      await expectLikeMissing((id) => t.as(who.otherManager, json('GET', settings(id))), COUNTY);
    });
  });
});
