// GET /api/grid/residents on real PostgreSQL (issue 14 item 4): a grid worker sees the residents of
// their own grid and nobody else's — masked, with an age band, whether they have a phone and their
// grant toward this worker — a page at a time.
import { DEMO_USERS, GRID_RESIDENTS, HALL_CLERKS, REGION_CODES } from '../../../seeds';
import { errorCodeOf, type TestApp } from '../helper';
import { gridSuite, type Person } from './fixtures';

interface Row {
  id: string;
  nameMasked: string | null;
  idNumberMasked: string | null;
  ageBand: string | null;
  hasPhone: boolean;
  grant: { state: string; id: string | null; validUntil: string | null; endedAt: string | null; consentMethod: string | null; scopes: string[] };
}

describe('GET /api/grid/residents', () => {
  let t: TestApp;
  let worker: Person;
  const f = gridSuite((app, w) => {
    t = app;
    worker = w;
  });

  const all = async (token: string, query = ''): Promise<Row[]> => {
    const res = await f.roster(token, `?limit=50${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };

  it('lists the residents of the worker’s own village — at least 8, some without a phone — but not the worker', async () => {
    const rows = await all(worker.token);
    const ids = rows.map((r) => r.id);
    const villagers = [...Object.values(GRID_RESIDENTS), DEMO_USERS.noPhoneElder, HALL_CLERKS.shangfangStation];
    expect(ids.sort()).toEqual(villagers.map((p) => p.id).sort());
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(ids).not.toContain(DEMO_USERS.gridWorker.id);
    expect(rows.filter((r) => !r.hasPhone).map((r) => r.id).sort()).toEqual(villagers.filter((p) => p.phone === null).map((p) => p.id).sort());
    expect(rows.filter((r) => !r.hasPhone).length).toBeGreaterThanOrEqual(3);
  });

  it('masks every identity: the first character of the name, the ID number’s ends, an age band; never a phone', async () => {
    const res = await f.roster(worker.token, '?limit=50');
    const li = (res.json().items as Row[]).find((r) => r.id === GRID_RESIDENTS.liXiuying.id)!;
    // Born 1948-04-16: 78 on 2026-11-23.
    expect(li).toMatchObject({ nameMasked: '李**', idNumberMasked: `3612**********${GRID_RESIDENTS.liXiuying.idNumber.slice(14)}`, ageBand: '70–79岁', hasPhone: false });
    const zheng = (res.json().items as Row[]).find((r) => r.id === GRID_RESIDENTS.zhengFulin.id)!;
    expect(zheng.ageBand).toBe('80岁及以上');
    for (const person of [...Object.values(GRID_RESIDENTS), DEMO_USERS.noPhoneElder]) {
      expect(res.body).not.toContain(person.name);
      expect(res.body).not.toContain(person.idNumber);
      expect(res.body).not.toContain(person.birthDate);
      if (person.phone) expect(res.body).not.toContain(person.phone);
    }
  });

  it('gives each resident’s grant toward the worker: in force until…, waiting, expired, revoked, none', async () => {
    const rows = await all(worker.token);
    const state = (id: string) => rows.find((r) => r.id === id)!.grant;
    expect(state(GRID_RESIDENTS.liXiuying.id)).toMatchObject({ state: 'ACTIVE', consentMethod: 'WITNESSED', validUntil: expect.any(String), endedAt: null });
    expect(state(GRID_RESIDENTS.wangDeming.id)).toMatchObject({ state: 'ACTIVE', consentMethod: 'IN_APP', scopes: ['APPOINTMENT', 'QUEUE'], relation: '网格员' });
    expect(state(DEMO_USERS.noPhoneElder.id)).toMatchObject({ state: 'ACTIVE', consentMethod: 'WITNESSED' });
    expect(state(GRID_RESIDENTS.chenGuifang.id)).toMatchObject({ state: 'PENDING', validUntil: expect.any(String) });
    expect(state(GRID_RESIDENTS.zhaoGensheng.id)).toMatchObject({ state: 'EXPIRED', validUntil: null, endedAt: expect.any(String) });
    expect(state(GRID_RESIDENTS.zhouJianguo.id)).toMatchObject({ state: 'REVOKED', endedAt: expect.any(String) });
    expect(state(GRID_RESIDENTS.sunYulan.id)).toEqual({ state: 'NONE', id: null, scopes: [], validUntil: null, endedAt: null, consentMethod: null, relation: null });
    // In force until its end, as the policy reads it.
    const li = state(GRID_RESIDENTS.liXiuying.id);
    expect(new Date(li.validUntil!).getTime()).toBeGreaterThan(f.now().getTime());
  });

  it('shows a grant past its end as expired before the expiry job has run, and a grant to someone else as none', async () => {
    const late = await f.resident({ name: '钱过期' });
    const grant = await f.grant(late.id, { status: 'ACTIVE', endsIn: -60_000 });
    const other = await f.resident({ name: '钱别人' });
    const son = await f.resident({ name: '钱儿子', region: REGION_CODES.wenchang });
    await f.grant(other.id, { status: 'ACTIVE', granteeId: son.id });
    const rows = await all(worker.token, `&q=${encodeURIComponent('钱')}`);
    expect(rows.find((r) => r.id === late.id)!.grant).toMatchObject({ state: 'EXPIRED', id: grant.id, endedAt: grant.validUntil.toISOString() });
    expect(rows.find((r) => r.id === other.id)!.grant.state).toBe('NONE');
  });

  it('never shows a resident of another grid, and shows another grid’s worker only their own', async () => {
    const elsewhere = await f.resident({ name: '槐树村民', region: REGION_CODES.huaishu });
    const town = await f.resident({ name: '石桥镇民', region: REGION_CODES.shiqiao });
    expect((await all(worker.token)).map((r) => r.id)).not.toEqual(expect.arrayContaining([elsewhere.id]));
    expect((await all(worker.token)).map((r) => r.id)).not.toContain(town.id);
    const other = await f.workerOf(REGION_CODES.huaishu);
    const huaishu = await t.app.prisma.user.findMany({ where: { homeRegionCode: REGION_CODES.huaishu, id: { not: other.id } }, select: { id: true } });
    const theirs = (await all(other.token)).map((r) => r.id);
    expect(theirs.sort()).toEqual(huaishu.map((u) => u.id).sort());
    expect(theirs).toContain(elsewhere.id);
    expect(theirs).not.toContain(GRID_RESIDENTS.liXiuying.id);
  });

  it('pages by a cursor: every resident exactly once, in the same order as one page', async () => {
    const whole = (await all(worker.token)).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await f.roster(worker.token, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Row[]; nextCursor?: string };
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);
  });

  it('finds residents by a fragment of the name or the last characters of the ID number', async () => {
    expect((await all(worker.token, `&q=${encodeURIComponent('秀英')}`)).map((r) => r.id)).toEqual([GRID_RESIDENTS.liXiuying.id]);
    const tail = GRID_RESIDENTS.wangDeming.idNumber.slice(-4);
    expect((await all(worker.token, `&q=${tail}`)).map((r) => r.id)).toContain(GRID_RESIDENTS.wangDeming.id);
    // A name from another grid finds nothing here.
    expect(await all(worker.token, `&q=${encodeURIComponent(DEMO_USERS.citizen.name)}`)).toEqual([]);
  });

  it('refuses everyone but grid workers, anyone acting for someone else, and a cursor it did not issue', async () => {
    const citizen = await t.login({ phone: DEMO_USERS.citizen.phone! });
    expect([(await f.roster(citizen.accessToken)).statusCode, errorCodeOf(await f.roster(citizen.accessToken))]).toEqual([403, 'FORBIDDEN']);
    const clerk = await t.login({ phone: HALL_CLERKS.shangfangStation.phone! });
    expect(errorCodeOf(await f.roster(clerk.accessToken))).toBe('FORBIDDEN');
    // A grid worker who lost the role keeps no roster; one with the role but no grid has none either.
    const former = await t.app.prisma.user.create({ data: { roles: ['CITIZEN'], gridRegionCode: REGION_CODES.shangfang } });
    expect(errorCodeOf(await f.roster((await t.login({ userId: former.id })).accessToken))).toBe('FORBIDDEN');
    const unposted = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'GRID_WORKER'] } });
    expect(errorCodeOf(await f.roster((await t.login({ userId: unposted.id })).accessToken))).toBe('FORBIDDEN');
    const onBehalf = await t.as(worker.token, { method: 'GET', url: '/api/grid/residents', headers: { 'x-on-behalf-of': DEMO_USERS.noPhoneElder.id } });
    expect([onBehalf.statusCode, errorCodeOf(onBehalf)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
    expect((await t.app.inject({ method: 'GET', url: '/api/grid/residents' })).statusCode).toBe(401);
    expect(errorCodeOf(await f.roster(worker.token, '?cursor=bm90LWEtY3Vyc29y'))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(await f.roster(worker.token, '?limit=500'))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(await f.roster(worker.token, '?extra=1'))).toBe('VALIDATION_FAILED');
  });

  it('records each roster read in the audit log as the worker’s staff action', async () => {
    const reads = () => t.app.prisma.auditLog.count({ where: { actorId: worker.id, action: 'grid.roster', result: 'ALLOW', reason: 'STAFF' } });
    const before = await reads();
    await f.roster(worker.token);
    expect(await reads()).toBe(before + 1);
  });
});
