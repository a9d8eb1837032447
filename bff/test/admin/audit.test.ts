// The audit view of the admin console (issue 17): every change the console made, newest first and
// paged; a hall manager sees their own hall's only, whatever they ask for; nobody else sees any.
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { consoleUsers, COUNTY, json, TOWN, type Console } from './helpers';

jest.setTimeout(30_000);

describe('admin console: the audit of changes', () => {
  let t: TestApp;
  let who: Console;
  beforeAll(async () => {
    t = await build();
    who = await consoleUsers(t);
    // Three changes at the county centre, two at the town hall.
    for (const open of [true, false, true]) expect((await t.as(who.manager, json('PATCH', `/api/admin/offices/${COUNTY}`, { openOnHolidays: open }))).statusCode).toBe(200);
    for (const open of [true, false]) expect((await t.as(who.otherManager, json('PATCH', `/api/admin/offices/${TOWN}`, { openOnHolidays: open }))).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  type Entry = { id: string; officeId: string; action: string; meta: { before: unknown; after: unknown } };
  const list = async (token: string, query: Record<string, string> = {}) => {
    const res = await t.as(token, { method: 'GET', url: '/api/admin/audit', query });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Entry[]; nextCursor?: string };
  };

  it('shows admins every change, newest first, with before and after, paged', async () => {
    const all = await list(who.admin);
    expect(all.items.map((e) => e.officeId)).toEqual([TOWN, TOWN, COUNTY, COUNTY, COUNTY]);
    expect(all.items[0]).toMatchObject({ action: 'admin.office.hours', meta: { before: { openOnHolidays: true }, after: { openOnHolidays: false } } });
    const ids = all.items.map((e) => BigInt(e.id));
    expect([...ids].sort((x, y) => (x > y ? -1 : 1))).toEqual(ids);

    const first = await list(who.admin, { limit: '2' });
    expect(first.items.map((e) => e.id)).toEqual(all.items.slice(0, 2).map((e) => e.id));
    const second = await list(who.admin, { limit: '2', cursor: first.nextCursor! });
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
    expect((await list(who.admin, { officeId: TOWN })).items).toHaveLength(2);
  });

  it('shows a hall manager only their own hall’s changes, whatever they ask for', async () => {
    expect((await list(who.manager)).items.map((e) => e.officeId)).toEqual([COUNTY, COUNTY, COUNTY]);
    expect((await list(who.manager, { officeId: TOWN })).items.map((e) => e.officeId)).toEqual([COUNTY, COUNTY, COUNTY]);
    expect((await list(who.otherManager)).items.map((e) => e.officeId)).toEqual([TOWN, TOWN]);
  });

  it('is refused to everyone else, and bad queries are 400s', async () => {
    for (const token of [who.clerk, who.citizen]) expect(errorCodeOf(await t.as(token, json('GET', '/api/admin/audit')))).toBe('FORBIDDEN');
    expect((await t.app.inject(json('GET', '/api/admin/audit'))).statusCode).toBe(401);
    const queries: Array<Record<string, string>> = [{ cursor: 'abc' }, { cursor: '99999999999999999999' }, { limit: '0' }, { officeId: 'x' }, { other: '1' }];
    for (const query of queries) {
      const res = await t.as(who.admin, { method: 'GET', url: '/api/admin/audit', query });
      expect([JSON.stringify(query), res.statusCode, errorCodeOf(res)]).toEqual([JSON.stringify(query), 400, 'VALIDATION_FAILED']);
    }
  });

  it('names who made each change and whom it concerns by name and masked phone, never a clear phone', async () => {
    const invited = await t.as(who.manager, json('POST', '/api/admin/staff', { phone: '13900001234', role: 'CLERK', officeId: COUNTY }));
    expect(invited.statusCode).toBe(201);
    const res = await t.as(who.manager, { method: 'GET', url: '/api/admin/audit', query: { limit: '2' } });
    const [invite, hours] = (res.json() as { items: Array<Entry & { actor: unknown; subject: unknown }> }).items;
    expect(invite).toMatchObject({ action: 'admin.staff.invite-clerk', actor: { name: '马晓慧', phoneMasked: '138****0007' }, subject: { name: null, phoneMasked: '139****1234' } });
    expect(hours).toMatchObject({ action: 'admin.office.hours', actor: { name: '马晓慧' }, subject: null });
    expect(res.body).not.toContain('13900001234');
    expect(res.body).not.toContain('13800000007');
  });
});
