// Staff in the admin console (issue 17): invite by phone (found by its look-up hash or made a new
// unverified account), revoke (sessions end at once), the list. A hall manager invites and revokes
// clerks of their own hall only; the audit holds the phone masked, never in clear.
import { DEMO_PHONES, OFFICE_IDS, REGION_CODES, USER_IDS } from '../../../seeds';
import { errorCodeOf, type TestApp } from '../helper';
import { type Console, COUNTY, json, lastChange, TOWN, useConsoleApp, expectLikeMissing } from './helpers';

jest.setTimeout(30_000);

let phones = 0;
const nextPhone = () => `1359000${String((phones += 1)).padStart(4, '0')}`;

describe('admin console: staff', () => {
  let t: TestApp;
  let who: Console;
  useConsoleApp((app) => ({ t, who } = app));

  const invite = (token: string, body: object | undefined) => t.as(token, json('POST', '/api/admin/staff', body));

  it('a hall manager invites a clerk of their hall by a phone that has no account yet: made unverified, posted, audited masked', async () => {
    const phone = nextPhone();
    const res = await invite(who.manager, { phone, role: 'CLERK', officeId: COUNTY });
    expect(res.statusCode).toBe(201);
    const { staff, created } = res.json();
    expect(created).toBe(true);
    expect(staff).toMatchObject({ roles: ['CITIZEN', 'CLERK'], officeId: COUNTY, phoneMasked: expect.stringMatching(/^135\*{4}\d{4}$/) });
    const user = await t.app.prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user.realNameVerifiedAt).toBeNull();
    const entry = await lastChange(t);
    expect(entry).toMatchObject({ action: 'admin.staff.invite-clerk', resourceId: staff.id, officeId: COUNTY, meta: { before: { roles: ['CITIZEN'], officeId: null }, after: { roles: ['CITIZEN', 'CLERK'], officeId: COUNTY } } });
    expect(JSON.stringify(entry?.meta)).not.toContain(phone);
    // Signing in with that phone, they are the hall's clerk.
    const session = await t.login({ phone });
    expect(session.user.roles).toContain('CLERK');
  });

  it('finds an existing account by its phone', async () => {
    const phone = nextPhone();
    const existing = await t.login({ phone });
    const res = await invite(who.admin, { phone: ` +86 ${phone.slice(0, 3)}-${phone.slice(3)} `, role: 'CLERK', officeId: TOWN });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: false, staff: { id: existing.user.id, officeId: TOWN } });
  });

  it('a hall manager may not invite to another hall (missing id) nor any other role (403)', async () => {
    const before = await t.app.prisma.user.count();
    await expectLikeMissing((id) => invite(who.manager, { phone: nextPhone(), role: 'CLERK', officeId: id }), TOWN);
    for (const body of [
      { phone: nextPhone(), role: 'MANAGER', officeId: COUNTY },
      { phone: nextPhone(), role: 'SUPERVISOR', regionCode: REGION_CODES.county },
      { phone: nextPhone(), role: 'ADMIN' },
    ]) {
      const res = await invite(who.manager, body);
      expect([body.role, res.statusCode, errorCodeOf(res)]).toEqual([body.role, 403, 'FORBIDDEN']);
    }
    for (const token of [who.clerk, who.citizen]) await expectLikeMissing((id) => invite(token, { phone: nextPhone(), role: 'CLERK', officeId: id }), COUNTY);
    expect(await t.app.prisma.user.count()).toBe(before);
  });

  it('admins invite supervisors to a region and hall managers to a hall', async () => {
    const supervisor = await invite(who.admin, { phone: nextPhone(), role: 'SUPERVISOR', regionCode: REGION_CODES.county });
    expect(supervisor.statusCode).toBe(201);
    expect(supervisor.json().staff).toMatchObject({ roles: ['CITIZEN', 'SUPERVISOR'], regionCode: REGION_CODES.county, officeId: null });
    const manager = await invite(who.admin, { phone: nextPhone(), role: 'MANAGER', officeId: OFFICE_IDS.donghuTown });
    expect(manager.json().staff).toMatchObject({ roles: ['CITIZEN', 'MANAGER'], officeId: OFFICE_IDS.donghuTown });
  });

  it('answers bad invitations with the §5 shape', async () => {
    const cases: Array<[object | undefined, number, string]> = [
      [undefined, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
      [{ phone: '12345', role: 'CLERK', officeId: COUNTY }, 422, 'PHONE_INVALID'],
      [{ phone: nextPhone(), role: 'CLERK' }, 400, 'VALIDATION_FAILED'],
      [{ phone: nextPhone(), role: 'SUPERVISOR' }, 400, 'VALIDATION_FAILED'],
      [{ phone: nextPhone(), role: 'SUPERVISOR', regionCode: '999999999999' }, 400, 'VALIDATION_FAILED'],
      [{ phone: nextPhone(), role: 'CITIZEN', officeId: COUNTY }, 400, 'VALIDATION_FAILED'],
      [{ phone: nextPhone(), role: 'MANAGER', officeId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED'],
      // Already a clerk of another hall: that hall revokes first.
      [{ phone: DEMO_PHONES.clerk, role: 'CLERK', officeId: TOWN }, 409, 'CONFLICT'],
      // Already a supervisor: not also a clerk.
      [{ phone: DEMO_PHONES.supervisor, role: 'CLERK', officeId: COUNTY }, 409, 'CONFLICT'],
    ];
    for (const [body, status, code] of cases) {
      const res = await invite(who.admin, body);
      expect([JSON.stringify(body), res.statusCode, errorCodeOf(res)]).toEqual([JSON.stringify(body), status, code]);
    }
  });

  it('a hall manager revokes a clerk of their hall with no body: the role goes, the windows are freed, sessions end', async () => {
    const phone = nextPhone();
    const { staff } = (await invite(who.manager, { phone, role: 'CLERK', officeId: COUNTY })).json();
    const session = await t.login({ phone });
    await t.app.prisma.counter.update({ where: { id: (await t.app.prisma.counter.findFirstOrThrow({ where: { officeId: COUNTY, number: 5 } })).id }, data: { clerkId: staff.id } });
    const res = await t.as(who.manager, json('POST', `/api/admin/staff/${staff.id}/revoke`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ staff: { id: staff.id, roles: ['CITIZEN'], officeId: null }, sessionsEnded: 1 });
    expect(await t.app.prisma.counter.count({ where: { clerkId: staff.id } })).toBe(0);
    expect((await t.as(session.accessToken, json('GET', '/api/me'))).statusCode).toBe(401);
    expect(await lastChange(t)).toMatchObject({ action: 'admin.staff.revoke', officeId: COUNTY, meta: { before: { roles: ['CITIZEN', 'CLERK'] }, after: { roles: ['CITIZEN'] }, sessionsEnded: 1 } });
  });

  it('refuses a hall manager another hall’s clerk and any other staff like a missing id', async () => {
    for (const target of [USER_IDS.clerkQingyunTown, USER_IDS.supervisor, USER_IDS.admin, USER_IDS.citizen]) {
      await expectLikeMissing((id) => t.as(who.manager, json('POST', `/api/admin/staff/${id}/revoke`, {})), target);
    }
    await expectLikeMissing((id) => t.as(who.clerk, json('POST', `/api/admin/staff/${id}/revoke`)), USER_IDS.clerk);
    expect((await t.app.prisma.user.findUniqueOrThrow({ where: { id: USER_IDS.clerkQingyunTown } })).roles).toContain('CLERK');
    // An admin may take one role away; a revoke of a role not held is a conflict.
    const res = await t.as(who.admin, json('POST', `/api/admin/staff/${USER_IDS.clerkQingyunTown}/revoke`, { role: 'SUPERVISOR' }));
    expect([res.statusCode, errorCodeOf(res)]).toEqual([409, 'CONFLICT']);
    const self = await t.as(who.admin, json('POST', `/api/admin/staff/${USER_IDS.admin}/revoke`));
    expect([self.statusCode, errorCodeOf(self)]).toEqual([409, 'CONFLICT']);
  });

  it('lists staff: admins everyone, a hall manager their own hall’s', async () => {
    const all = (await t.as(who.admin, json('GET', '/api/admin/staff'))).json().items as Array<{ id: string; officeId: string | null }>;
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([USER_IDS.supervisor, USER_IDS.clerkQingyunTown, USER_IDS.manager]));
    const own = (await t.as(who.manager, { method: 'GET', url: '/api/admin/staff', query: { officeId: TOWN } })).json().items as typeof all;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.officeId === COUNTY)).toBe(true);
    for (const token of [who.clerk, who.citizen]) expect(errorCodeOf(await t.as(token, json('GET', '/api/admin/staff')))).toBe('FORBIDDEN');
    expect(errorCodeOf(await t.as(who.admin, { method: 'GET', url: '/api/admin/staff', query: { cursor: 'nope' } }))).toBe('VALIDATION_FAILED');
  });
});
