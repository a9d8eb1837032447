// /api/grid/tasks on real PostgreSQL (issue 14 item 4): a grid worker plans door-to-door visits
// (上门帮办) for residents of their grid — consent asked at least — records visits, finishes or
// cancels them, each step one conditional update; a task shows the numbers taken and the bookings
// made for its resident under the grant while it was open. Another worker's task, or one of a
// resident who left the grid, is the same 404 as an id that names nothing.
import { randomUUID } from 'node:crypto';
import { GRID_RESIDENTS, GRID_TASK_IDS, OFFICE_IDS, REGION_CODES, SERVICE_IDS } from '../../../seeds';
import { slotMaker } from '../appointments/fixtures';
import { errorCodeOf, resetQueue, type TestApp } from '../helper';
import { DAY, gridSuite, refusal, WORKER_ID, type Person } from './fixtures';

const SERVICE = SERVICE_IDS.oldAgeAllowance;
const OTHER_SERVICE = SERVICE_IDS.seniorPreferentialCard;
/** 上坊村便民服务站: offers both; open Monday 2026-11-23 09:30, the tests' clock. */
const STATION = OFFICE_IDS.shangfangStation;

interface Task {
  id: string;
  status: string;
  resident: { id: string; nameMasked: string; grant: { state: string } };
  service: { id: string; name: string };
  plannedDate: string;
  note: string | null;
  visits: Array<{ at: string; note: string | null }>;
  canVisit: boolean;
  canFinish: boolean;
  canCancel: boolean;
  doneNote: string | null;
  cancelReason: string | null;
  tickets: Array<{ id: string; displayNumber: string; status: string; officeName: string }>;
  appointments: Array<{ id: string; code: string; status: string; start: string }>;
}

describe('/api/grid/tasks', () => {
  let t: TestApp;
  let worker: Person;
  const f = gridSuite(async (app, w) => {
    t = app;
    worker = w;
    await resetQueue(t, STATION);
  });
  const slot = slotMaker(() => t, { officeId: STATION, serviceId: SERVICE, capacity: 5, startsIn: 2 * DAY });

  /** A resident of the grid with a grant toward the worker in `state` (default ACTIVE). */
  const consented = async (state: 'ACTIVE' | 'PENDING' = 'ACTIVE', name = '冯玉珍') => {
    const resident = await f.resident({ name });
    await f.grant(resident.id, { status: state });
    return resident;
  };
  const planFor = async (residentId: string, extra: Record<string, unknown> = {}) => {
    const res = await f.plan(worker.token, { residentId, serviceId: SERVICE, plannedDate: f.inDays(1), ...extra });
    expect(res.statusCode).toBe(201);
    return res.json() as Task;
  };

  describe('planning', () => {
    it('plans a visit for a resident whose grant is in force, or whose consent has been asked', async () => {
      for (const state of ['ACTIVE', 'PENDING'] as const) {
        const resident = await consented(state);
        const res = await f.plan(worker.token, { residentId: resident.id, serviceId: SERVICE, plannedDate: f.inDays(2), note: '带户口本' });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({
          status: 'PLANNED',
          resident: { id: resident.id, nameMasked: '冯**', grant: { state } },
          service: { id: SERVICE, name: '高龄津贴申领' },
          plannedDate: f.inDays(2),
          note: '带户口本',
          visits: [],
          canVisit: true,
          canFinish: false,
          canCancel: true,
          tickets: [],
          appointments: [],
        });
      }
    });

    it('refuses without consent asked — in words that send a resident without a phone to a window', async () => {
      const none = await f.resident({ name: '冯无授权' });
      const res = await f.plan(worker.token, { residentId: none.id, serviceId: SERVICE, plannedDate: f.inDays(1) });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([422, 'GRID_CONSENT_REQUIRED']);
      for (const id of [GRID_RESIDENTS.zhengFulin.id, GRID_RESIDENTS.zhaoGensheng.id]) {
        const noPhone = await f.plan(worker.token, { residentId: id, serviceId: SERVICE, plannedDate: f.inDays(1) });
        expect(errorCodeOf(noPhone)).toBe('GRID_CONSENT_REQUIRED');
        expect(noPhone.json().error.message).toContain('见证授权');
      }
      const revoked = await f.plan(worker.token, { residentId: GRID_RESIDENTS.zhouJianguo.id, serviceId: SERVICE, plannedDate: f.inDays(1) });
      expect(errorCodeOf(revoked)).toBe('GRID_CONSENT_REQUIRED');
      expect(await t.app.prisma.gridTask.count({ where: { residentId: { in: [none.id, GRID_RESIDENTS.zhengFulin.id, GRID_RESIDENTS.zhouJianguo.id] } } })).toBe(0);
    });

    it('plans from today up to 180 days ahead, only for a service that may be done by proxy', async () => {
      const resident = await consented();
      const plan = (body: Record<string, unknown>) => f.plan(worker.token, { residentId: resident.id, serviceId: SERVICE, plannedDate: f.today(), ...body });
      expect(errorCodeOf(await plan({ plannedDate: f.inDays(-1) }))).toBe('GRID_TASK_DATE_INVALID');
      expect(errorCodeOf(await plan({ plannedDate: f.inDays(181) }))).toBe('GRID_TASK_DATE_INVALID');
      expect(errorCodeOf(await plan({ plannedDate: '2026-02-30' }))).toBe('VALIDATION_FAILED');
      // 居民身份证换领 needs the person at the window.
      expect([(await plan({ serviceId: SERVICE_IDS.residentIdRenewal })).statusCode, errorCodeOf(await plan({ serviceId: SERVICE_IDS.residentIdRenewal }))]).toEqual([422, 'GRID_SERVICE_NOT_PROXY']);
      expect(refusal(await plan({ serviceId: randomUUID() }))).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '没有找到该事项' });
      expect(errorCodeOf(await plan({ extra: 1 }))).toBe('VALIDATION_FAILED');
      expect((await plan({ plannedDate: f.inDays(180) })).statusCode).toBe(201);
    });

    it('keeps one open task per resident and service, and allows a new one once it is closed', async () => {
      const resident = await consented();
      const first = await planFor(resident.id);
      const again = await f.plan(worker.token, { residentId: resident.id, serviceId: SERVICE, plannedDate: f.inDays(3) });
      expect([again.statusCode, errorCodeOf(again)]).toEqual([409, 'GRID_TASK_DUPLICATE']);
      expect((await f.plan(worker.token, { residentId: resident.id, serviceId: OTHER_SERVICE, plannedDate: f.inDays(3) })).statusCode).toBe(201);
      expect((await f.step(worker.token, first.id, 'cancel')).statusCode).toBe(200);
      expect((await f.plan(worker.token, { residentId: resident.id, serviceId: SERVICE, plannedDate: f.inDays(3) })).statusCode).toBe(201);
    });

    it('answers a retry under the same Idempotency-Key with the same task, and another plan under it with a conflict', async () => {
      const resident = await consented();
      const body = { residentId: resident.id, serviceId: SERVICE, plannedDate: f.inDays(1) };
      const key = { 'idempotency-key': `plan-${randomUUID()}` };
      const [a, b] = await Promise.all([f.plan(worker.token, body, key), f.plan(worker.token, body, key)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(a.json().id).toBe(b.json().id);
      expect(errorCodeOf(await f.plan(worker.token, { ...body, serviceId: OTHER_SERVICE }, key))).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await t.app.prisma.gridTask.count({ where: { residentId: resident.id } })).toBe(1);
    });

    it('refuses a resident outside the grid, and the worker themself, exactly like an id that names nobody', async () => {
      const body = (residentId: string) => ({ residentId, serviceId: SERVICE, plannedDate: f.inDays(1) });
      const nobody = refusal(await f.plan(worker.token, body(randomUUID())));
      expect(nobody).toEqual({ status: 404, code: 'NOT_FOUND', message: '没有找到该居民' });
      const outsider = await f.resident({ name: '冯外村', region: REGION_CODES.huaishu });
      await f.grant(outsider.id, { status: 'ACTIVE' });
      for (const id of [outsider.id, WORKER_ID]) expect(refusal(await f.plan(worker.token, body(id)))).toEqual(nobody);
      expect(await t.app.prisma.gridTask.count({ where: { residentId: outsider.id } })).toBe(0);
    });
  });

  describe('visit, done, cancel', () => {
    it('records visits (no body, or a note), then finishes: PLANNED → VISITED → DONE', async () => {
      const task = await planFor((await consented()).id);
      const bare = await t.as(worker.token, { method: 'POST', url: `/api/grid/tasks/${task.id}/visit` });
      expect(bare.statusCode).toBe(200);
      expect(bare.json()).toMatchObject({ status: 'VISITED', visits: [{ note: null }], canVisit: true, canFinish: true, canCancel: true });
      const noted = await f.step(worker.token, task.id, 'visit', { note: '材料已收齐，下周三陪同到站里办理' });
      expect(noted.json().visits.map((v: { note: string | null }) => v.note)).toEqual([null, '材料已收齐，下周三陪同到站里办理']);
      const done = await f.step(worker.token, task.id, 'done', { note: '已办结' });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'DONE', doneNote: '已办结', doneAt: expect.any(String), canVisit: false, canFinish: false, canCancel: false });
      expect((await t.app.prisma.gridTask.findUniqueOrThrow({ where: { id: task.id } })).activeKey).toBeNull();
    });

    it('refuses a step the state does not allow, saying why, and changes nothing', async () => {
      const task = await planFor((await consented()).id);
      const early = await f.step(worker.token, task.id, 'done');
      expect([early.statusCode, errorCodeOf(early)]).toEqual([409, 'GRID_TASK_STATE']);
      expect(early.json().error.message).toContain('请先记录走访');
      const cancelled = await f.step(worker.token, task.id, 'cancel', { reason: '老人住院了' });
      expect(cancelled.json()).toMatchObject({ status: 'CANCELLED', cancelReason: '老人住院了', canVisit: false, canCancel: false });
      const before = await t.app.prisma.gridTask.findUniqueOrThrow({ where: { id: task.id }, include: { visits: true } });
      for (const step of ['visit', 'done', 'cancel'] as const) {
        const res = await f.step(worker.token, task.id, step);
        expect([res.statusCode, errorCodeOf(res)]).toEqual([409, 'GRID_TASK_STATE']);
        expect(res.json().error.message).toContain('已取消');
      }
      expect(await t.app.prisma.gridTask.findUniqueOrThrow({ where: { id: task.id }, include: { visits: true } })).toEqual(before);
      expect(errorCodeOf(await f.step(worker.token, task.id, 'visit', { note: '' }))).toBe('VALIDATION_FAILED');
    });

    it('lets exactly one of five simultaneous finishes (or cancels) through', async () => {
      for (const step of ['done', 'cancel'] as const) {
        const task = await planFor((await consented()).id);
        await f.step(worker.token, task.id, 'visit');
        const answers = await Promise.all(Array.from({ length: 5 }, () => f.step(worker.token, task.id, step)));
        expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
        expect(answers.filter((a) => a.statusCode === 409).map(errorCodeOf)).toEqual(Array(4).fill('GRID_TASK_STATE'));
      }
    });

    it('needs no grant to close a task: a revoked grant does not leave it stuck open', async () => {
      const resident = await f.resident({ name: '冯撤销' });
      const grant = await f.grant(resident.id, { status: 'ACTIVE' });
      const task = await planFor(resident.id);
      await t.app.prisma.grant.update({ where: { id: grant.id }, data: { status: 'REVOKED', revokedAt: f.now() } });
      const visited = await f.step(worker.token, task.id, 'visit', { note: '居民撤销了授权' });
      expect(visited.json().resident.grant.state).toBe('REVOKED');
      expect((await f.step(worker.token, task.id, 'cancel')).statusCode).toBe(200);
    });

    it('refuses another worker’s task, and one whose resident left the grid, exactly like an id that names nobody', async () => {
      const resident = await consented();
      const task = await planFor(resident.id);
      const nobody = refusal(await f.step(worker.token, randomUUID(), 'visit'));
      expect(nobody).toEqual({ status: 404, code: 'NOT_FOUND', message: '没有找到该上门帮办任务' });
      const other = await f.workerOf(REGION_CODES.huaishu);
      for (const step of ['visit', 'done', 'cancel'] as const) expect(refusal(await f.step(other.token, task.id, step))).toEqual(nobody);
      // A second worker of the same village sees only their own tasks too.
      const colleague = await f.workerOf(REGION_CODES.shangfang);
      expect(refusal(await f.step(colleague.token, task.id, 'cancel'))).toEqual(nobody);
      expect((await f.tasks(colleague.token)).json().items).toEqual([]);
      await t.app.prisma.user.update({ where: { id: resident.id }, data: { homeRegionCode: REGION_CODES.huaishu } });
      expect(refusal(await f.step(worker.token, task.id, 'visit'))).toEqual(nobody);
      expect((await f.tasks(worker.token, '?limit=50')).json().items.map((x: Task) => x.id)).not.toContain(task.id);
      expect((await t.app.prisma.gridTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('PLANNED');
    });
  });

  describe('GET /api/grid/tasks', () => {
    it('lists the seeded tasks and the open ones soonest first; closed ones on their own list, latest first; paged', async () => {
      const open: Task[] = (await f.tasks(worker.token, '?limit=50')).json().items;
      expect(open.map((x) => x.id)).toEqual(expect.arrayContaining([GRID_TASK_IDS.liXiuyingOldAgeAllowance, GRID_TASK_IDS.wangDemingEligibilityCheck]));
      const seededVisit = open.find((x) => x.id === GRID_TASK_IDS.wangDemingEligibilityCheck)!;
      expect(seededVisit).toMatchObject({ status: 'VISITED', resident: { nameMasked: '王**', grant: { state: 'ACTIVE' } }, visits: [{ note: expect.stringContaining('已上门') }] });
      expect(open.every((x) => x.status === 'PLANNED' || x.status === 'VISITED')).toBe(true);
      const dates = open.map((x) => x.plannedDate);
      expect(dates).toEqual([...dates].sort());

      const closed: Task[] = (await f.tasks(worker.token, '?state=closed&limit=50')).json().items;
      expect(closed.length).toBeGreaterThan(0);
      expect(closed.every((x) => x.status === 'DONE' || x.status === 'CANCELLED')).toBe(true);

      for (const state of ['open', 'closed']) {
        const whole = (await f.tasks(worker.token, `?state=${state}&limit=50`)).json().items.map((x: Task) => x.id);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const body = (await f.tasks(worker.token, `?state=${state}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
          seen.push(...body.items.map((x: Task) => x.id));
          cursor = body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(whole);
      }
      const roster = (await f.roster(worker.token, '?limit=1')).json();
      expect(errorCodeOf(await f.tasks(worker.token, `?cursor=${roster.nextCursor}`))).toBe('VALIDATION_FAILED');
    });

    it('offers the services a task may be for: those that may be done by proxy', async () => {
      const res = await t.as(worker.token, { method: 'GET', url: '/api/grid/tasks/services' });
      expect(res.statusCode).toBe(200);
      const ids = (res.json().items as Array<{ id: string; aliases: string[] }>).map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([SERVICE, OTHER_SERVICE]));
      expect(ids).not.toContain(SERVICE_IDS.residentIdRenewal);
      expect(ids).not.toContain(SERVICE_IDS.marriageRegistration);
    });

    it('is for grid workers only', async () => {
      const citizen = await t.login({ phone: GRID_RESIDENTS.wuXiaomei.phone! });
      expect([(await f.tasks(citizen.accessToken)).statusCode, errorCodeOf(await f.tasks(citizen.accessToken))]).toEqual([403, 'FORBIDDEN']);
      expect((await t.app.inject({ method: 'GET', url: '/api/grid/tasks' })).statusCode).toBe(401);
      expect(errorCodeOf(await t.as(citizen.accessToken, { method: 'GET', url: '/api/grid/tasks/services' }))).toBe('FORBIDDEN');
    });
  });

  describe('what a task led to', () => {
    const takeFor = (residentId: string, serviceId: string = SERVICE) =>
      t.as(worker.token, { method: 'POST', url: '/api/tickets', payload: { officeId: STATION, serviceId }, headers: { 'x-on-behalf-of': residentId } });
    /** One booking per person, service and day: each `daysAhead` its own day. */
    const bookFor = async (residentId: string, daysAhead = 2) =>
      t.as(worker.token, { method: 'POST', url: '/api/appointments', payload: { slotId: (await slot({ startsIn: daysAhead * DAY })).id, serviceId: SERVICE }, headers: { 'x-on-behalf-of': residentId } });

    it('shows the numbers taken and bookings made by the worker for the resident, for the task’s service, while it was open', async () => {
      const resident = await consented('ACTIVE', '冯链接');
      // Before the task: not its doing.
      const before = await takeFor(resident.id);
      expect(before.statusCode).toBe(201);
      await t.as(worker.token, { method: 'POST', url: `/api/tickets/${before.json().id}/cancel`, headers: { 'x-on-behalf-of': resident.id } });
      const task = await planFor(resident.id);
      const ticket = await takeFor(resident.id);
      const booked = await bookFor(resident.id);
      expect([ticket.statusCode, booked.statusCode]).toEqual([201, 201]);
      // Another service, or the resident's own number: not this task's.
      expect((await takeFor(resident.id, OTHER_SERVICE)).statusCode).toBe(201);
      await f.step(worker.token, task.id, 'visit', { note: '已代为取号并预约' });
      const done = (await f.step(worker.token, task.id, 'done')).json() as Task;
      expect(done.tickets).toEqual([{ id: ticket.json().id, displayNumber: ticket.json().displayNumber, status: 'WAITING', officeName: ticket.json().office.name, date: f.today() }]);
      expect(done.appointments).toEqual([expect.objectContaining({ id: booked.json().id, code: booked.json().code, status: 'BOOKED', start: booked.json().start })]);
      // After it was done: not its doing either.
      const later = await bookFor(resident.id, 3);
      expect(later.statusCode).toBe(201);
      const listed = ((await f.tasks(worker.token, '?state=closed&limit=50')).json().items as Task[]).find((x) => x.id === task.id)!;
      expect(listed.appointments.map((a) => a.id)).toEqual([booked.json().id]);
      expect(listed.tickets.map((x) => x.id)).toEqual([ticket.json().id]);
    });

    it('lets the worker plan with a pending request, but act for the resident only once the grant is in force', async () => {
      const resident = await consented('PENDING', '冯待确认');
      const task = await planFor(resident.id);
      expect(errorCodeOf(await takeFor(resident.id))).toBe('ON_BEHALF_NOT_ALLOWED');
      expect(errorCodeOf(await bookFor(resident.id))).toBe('ON_BEHALF_NOT_ALLOWED');
      expect((await f.step(worker.token, task.id, 'visit')).json()).toMatchObject({ tickets: [], appointments: [], resident: { grant: { state: 'PENDING' } } });
    });
  });
});
