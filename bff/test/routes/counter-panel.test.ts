// The window panel's reads on real PostgreSQL (issue 4 item 6): a clerk's windows with the number
// at each, one window with its queue in calling order, who may see them (clerks: own office;
// supervisors: their region, watching only), and that nothing personal beyond a masked name leaves.
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { build, closeTestDatabase, errorCodeOf, resetQueue, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const COUNTER_1 = COUNTER_IDS.countyCenter1;
const COUNTER_3 = COUNTER_IDS.countyCenter3;

describe('the window panel (GET /api/counters, GET /api/counters/:id)', () => {
  let t: TestApp;
  let clerk: string;
  let phone = 0;
  const citizen = () => t.login({ phone: `135${String((phone += 1)).padStart(8, '0')}` });
  const take = async (token: string) => (await t.as(token, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).json();
  const get = (url: string, token = clerk) => t.as(token, { method: 'GET', url });
  const post = (url: string, token = clerk, payload: object = {}) => t.as(token, { method: 'POST', url, payload });

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    clerk = (await t.login({ phone: '13800000004' })).accessToken;
  });
  beforeEach(async () => {
    await resetQueue(t, OFFICE);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('lists the clerk’s own hall’s windows by number, with what each serves and the number at it', async () => {
    await take((await citizen()).accessToken);
    const called = (await post(`/api/counters/${COUNTER_1}/call-next`)).json().called;
    const res = await get('/api/counters');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(items[0]).toMatchObject({
      id: COUNTER_1,
      state: 'OPEN',
      office: { id: OFFICE, name: '青石县政务服务中心' },
      current: { id: called.id, displayNumber: called.displayNumber, status: 'CALLED' },
    });
    expect(items[2].categories).toEqual([{ letter: 'B', label: '社保医保' }]);
    expect(items[2].current).toBeNull();
    expect((await get(`/api/counters?officeId=${OFFICE}`)).json()).toEqual(res.json());
  });

  it('shows one window: the number at it, and its queue per letter in calling order with masked names only', async () => {
    const normal = await take((await citizen()).accessToken);
    const elder = await t.login({ phone: '13800000002' });
    const elderTicket = await take(elder.accessToken);
    const walkIn = (await post(`/api/counters/${COUNTER_3}/walk-in`, clerk, { serviceId: SERVICE })).json();

    const before = (await get(`/api/counters/${COUNTER_3}`)).json();
    expect(before).toMatchObject({ number: 3, state: 'OPEN', canOperate: true, current: null });
    expect(before.queue).toHaveLength(1);
    expect(before.queue[0]).toMatchObject({ letter: 'B', label: '社保医保', count: 3 });
    expect(before.queue[0].next.map((w: { id: string }) => w.id)).toEqual([elderTicket.id, normal.id, walkIn.id]);
    expect(before.queue[0].next[0]).toMatchObject({ priority: 'ELDERLY', channel: 'ONLINE', holder: '张**', waitedMinutes: 0 });
    expect(before.queue[0].next[2]).toMatchObject({ priority: 'NORMAL', channel: 'WINDOW', holder: null });
    expect(before.services.every((s: { letter: string }) => s.letter === 'B')).toBe(true);
    expect(before.services.some((s: { id: string }) => s.id === SERVICE)).toBe(true);
    expect(before.transferTargets.counters.map((c: { number: number }) => c.number)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(before.transferTargets.services.length).toBeGreaterThan(before.services.length);

    await post(`/api/counters/${COUNTER_3}/call-next`);
    await post(`/api/tickets/${elderTicket.id}/recall`);
    const res = await get(`/api/counters/${COUNTER_3}`);
    const after = res.json();
    expect(after.current).toMatchObject({ id: elderTicket.id, status: 'CALLED', priority: 'ELDERLY', holder: '张**', recallCount: 1, service: { id: SERVICE } });
    expect(Date.parse(after.current.calledAt)).not.toBeNaN();
    expect(after.queue[0].count).toBe(2);
    // No phone or ID number, masked or not, of the elderly holder (DESIGN.md §6).
    expect(res.body).not.toMatch(/1380000000\d|138\*{4}|\d{6}\*+\d{3}[\dX]|张桂兰/);

    await post(`/api/tickets/${elderTicket.id}/start`);
    expect((await get(`/api/counters/${COUNTER_3}`)).json().current).toMatchObject({ status: 'SERVING' });
    await post(`/api/tickets/${elderTicket.id}/finish`);
    expect((await get(`/api/counters/${COUNTER_3}`)).json().current).toBeNull();
  });

  it('says which window is the asking clerk’s own: never another clerk’s, never a watching supervisor’s', async () => {
    const mine = async (token: string, officeId: string = OFFICE) =>
      (await get(`/api/counters?officeId=${officeId}`, token)).json().items.filter((c: { isMine: boolean }) => c.isMine).map((c: { number: number }) => c.number);
    // The seeds post the county clerk (13800000004) at window 1.
    expect(await mine(clerk)).toEqual([1]);
    expect((await get('/api/counters')).json().items.map((c: { isMine: boolean }) => c.isMine)).toEqual([true, ...Array<boolean>(11).fill(false)]);
    expect((await get(`/api/counters/${COUNTER_1}`)).json().isMine).toBe(true);
    expect((await get(`/api/counters/${COUNTER_3}`)).json().isMine).toBe(false);

    // A second clerk of the same hall has no window until they work one; window 1 stays the first clerk's.
    const colleague = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'CLERK'], name: '钱晓燕', officeId: OFFICE } });
    const second = (await t.login({ userId: colleague.id })).accessToken;
    expect(await mine(second)).toEqual([]);
    expect((await post(`/api/counters/${COUNTER_3}/open`, second)).statusCode).toBe(200);
    expect(await mine(second)).toEqual([3]);
    expect((await get(`/api/counters/${COUNTER_3}`, second)).json().isMine).toBe(true);
    expect(await mine(clerk)).toEqual([1]);

    // Closing keeps the window its clerk's (the next morning it is still theirs); working another's takes it over.
    expect((await post(`/api/counters/${COUNTER_3}/close`, second)).statusCode).toBe(200);
    expect(await mine(second)).toEqual([3]);
    expect((await post(`/api/counters/${COUNTER_3}/open`)).statusCode).toBe(200);
    expect(await mine(clerk)).toEqual([1, 3]);
    expect(await mine(second)).toEqual([]);

    // A supervisor watches: no window of any hall is theirs; nor is another hall's clerk's window the county clerk's.
    const supervisor = (await t.login({ phone: '13800000005' })).accessToken;
    expect(await mine(supervisor)).toEqual([]);
    expect((await get(`/api/counters/${COUNTER_1}`, supervisor)).json().isMine).toBe(false);
    const townClerk = await t.app.prisma.user.findFirstOrThrow({ where: { roles: { has: 'CLERK' }, officeId: OFFICE_IDS.qingyunTown } });
    expect(await mine((await t.login({ userId: townClerk.id })).accessToken, OFFICE_IDS.qingyunTown)).toEqual([1]);
    expect(await mine(supervisor, OFFICE_IDS.qingyunTown)).toEqual([]);
  });

  it('follows the window’s state as it is opened, paused and closed', async () => {
    for (const [step, state] of [['pause', 'PAUSED'], ['close', 'CLOSED'], ['open', 'OPEN']] as const) {
      expect((await post(`/api/counters/${COUNTER_1}/${step}`)).statusCode).toBe(200);
      expect((await get(`/api/counters/${COUNTER_1}`)).json().state).toBe(state);
    }
  });

  it('lets a supervisor of the region watch any hall’s windows but not work them', async () => {
    const supervisor = (await t.login({ phone: '13800000005' })).accessToken;
    const list = await get(`/api/counters?officeId=${OFFICE}`, supervisor);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(12);
    const town = await get(`/api/counters?officeId=${OFFICE_IDS.qingyunTown}`, supervisor);
    expect(town.statusCode).toBe(200);
    const one = await get(`/api/counters/${COUNTER_1}`, supervisor);
    expect(one.statusCode).toBe(200);
    expect(one.json().canOperate).toBe(false);
    expect((await post(`/api/counters/${COUNTER_1}/call-next`, supervisor)).statusCode).toBe(404);
  });

  it('refuses clerks of other halls, citizens and anonymous callers, and says an unknown window is not there', async () => {
    const townClerk = await t.app.prisma.user.findFirstOrThrow({ where: { roles: { has: 'CLERK' }, officeId: { not: OFFICE } } });
    const other = (await t.login({ userId: townClerk.id })).accessToken;
    expect((await get('/api/counters', other)).json().items.every((c: { office: { id: string } }) => c.office.id === townClerk.officeId)).toBe(true);
    // Another hall, or its window, is not there for them; with no hall named, a plain refusal.
    expect(errorCodeOf(await get(`/api/counters?officeId=${OFFICE}`, other))).toBe('NOT_FOUND');
    expect(errorCodeOf(await get(`/api/counters/${COUNTER_1}`, other))).toBe('NOT_FOUND');
    const person = (await citizen()).accessToken;
    expect((await get('/api/counters', person)).statusCode).toBe(403);
    expect((await get(`/api/counters/${COUNTER_1}`, person)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/counters/${COUNTER_1}` })).statusCode).toBe(401);
    expect(errorCodeOf(await get('/api/counters/00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    // Refusals are in the audit log; the panel's allowed re-reads are not (they follow every change).
    const refused = await t.app.prisma.auditLog.count({ where: { action: 'counter.read', result: 'DENY' } });
    expect(refused).toBeGreaterThanOrEqual(4);
    expect(await t.app.prisma.auditLog.count({ where: { action: 'counter.read', result: 'ALLOW' } })).toBe(0);
  });
});
