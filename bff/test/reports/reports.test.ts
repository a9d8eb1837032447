// /api/reports on real PostgreSQL (issue 16): 办不成事 from the object it is about, the loop
// RECEIVED → TRIAGED → ASSIGNED → RESOLVED → CONFIRMED → CLOSED with one reopen, every step and its
// refusal (a clear 409 for a wrong state; someone else's report is its 404), on behalf only with a
// REPORT grant, walk-ins at a window, the timeline and deadline, escalation once per level, the desk.
import { OFFICE_IDS } from '../../../seeds';
import { regionContains } from '../../src/policy/kit';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { codeOf, DAY, OFFICE, REGION_CODES, reportFixtures, SERVICE, type Person } from './fixtures';

interface ReportJson {
  id: string;
  status: string;
  class: string | null;
  deadline: { kind: string | null; at: string | null; day: string | null; overdue: boolean; near: boolean; words: string };
  steps: Array<{ action: string; from: string | null; to: string | null; by: string; note: string | null }>;
  about: { office: { id: string }; service: { id: string } | null; ticketId: string | null };
  canReopen: boolean;
  reopened: boolean;
  escalationLevel: number;
  reporter?: string | null;
  walkIn: boolean;
}

describe('/api/reports', () => {
  let t: TestApp;
  const f = reportFixtures(() => t, '1375');
  let supervisor: Person;
  let clerk: Person;
  let clerkElsewhere: Person;
  let supervisorElsewhere: Person;

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    ({ supervisor, clerk, clerkElsewhere, supervisorElsewhere } = await f.staffCast());
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const messagesOf = (userId: string, kind: string) => t.app.prisma.notification.findMany({ where: { userId, kind, channel: 'IN_APP' }, orderBy: { createdAt: 'asc' } });

  it('takes a report from the person’s own finished ticket, with its context, an acknowledge deadline and a message', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const res = await f.report(me, { ticketId }, { contactPreference: 'PHONE' });
    expect(res.statusCode).toBe(201);
    const body = res.json<ReportJson>();
    expect(body).toMatchObject({ status: 'RECEIVED', class: null, about: { office: { id: OFFICE }, service: { id: SERVICE }, ticketId }, walkIn: false });
    // Received Monday 2026-11-23: acknowledged by the end of the next working day.
    expect(body.deadline).toMatchObject({ kind: 'ACK', day: '2026-11-24', overdue: false, near: true, words: '即将到期' });
    expect(body.steps).toEqual([expect.objectContaining({ action: 'received', to: 'RECEIVED', by: '本人' })]);
    expect(body).not.toHaveProperty('reporter');
    const messages = await messagesOf(me.id, 'REPORT_UPDATED');
    expect(messages).toHaveLength(1);
    const inbox = (await f.call(me, 'GET', '/api/messages')).json<{ items: Array<{ kind: string; title: string; body: string }> }>().items;
    expect(inbox[0]).toMatchObject({ kind: 'REPORT_UPDATED', title: '办不成事反映已受理' });
    expect(inbox[0]!.body).toContain('青石县政务服务中心');
    expect(inbox[0]!.body).toContain('11月24日');
    // Asked to be phoned: the app's message is still written (the record) and promises no call.
    expect(inbox[0]!.body).not.toMatch(/电话|短信/);
    const list = await f.call(me, 'GET', '/api/reports');
    expect(list.json<{ items: ReportJson[] }>().items.map((r) => r.id)).toEqual([body.id]);
  });

  it('refuses another person’s ticket as its 404, an unknown photo and a report with no hall in words, and changes nothing', async () => {
    const owner = await f.citizen();
    const stranger = await f.citizen();
    const ticketId = await f.finishedTicket(owner.id);
    const before = await t.app.prisma.report.count();
    const theirs = await f.report(stranger, { ticketId });
    const none = await f.report(stranger, { ticketId: f.newId() });
    expect([theirs.statusCode, codeOf(theirs)]).toEqual([404, 'NOT_FOUND']);
    expect(theirs.json()).toEqual(none.json());
    const photos = await f.report(owner, { ticketId }, { photoIds: [f.newId()] });
    expect([photos.statusCode, codeOf(photos)]).toEqual([422, 'REPORT_PHOTO_INVALID']);
    const noHall = await f.report(owner, { serviceId: SERVICE });
    expect([noHall.statusCode, codeOf(noHall)]).toEqual([422, 'REPORT_OFFICE_REQUIRED']);
    const unknownHall = await f.report(owner, { officeId: f.newId() });
    expect([unknownHall.statusCode, codeOf(unknownHall)]).toEqual([422, 'REPORT_ABOUT_UNKNOWN']);
    const extra = await f.call(owner, 'POST', '/api/reports', { about: { ticketId }, text: '有问题', surprise: 1 });
    expect(extra.statusCode).toBe(400);
    expect(await t.app.prisma.report.count()).toBe(before);
  });

  it('acts for someone only under a REPORT grant: with it the report is theirs, without it 403', async () => {
    const grantor = await f.citizen();
    const withReport = await f.citizen();
    const withoutReport = await f.citizen();
    await f.grant(grantor.id, withReport.id, ['REPORT']);
    await f.grant(grantor.id, withoutReport.id, ['QUEUE', 'APPOINTMENT']);
    const ticketId = await f.finishedTicket(grantor.id);
    // Naming the grantor's ticket without a REPORT grant: the ticket's 404 (as for an id naming
    // nothing); naming only a hall: nothing could leak, the refusal says why.
    const refused = await f.report(withoutReport, { ticketId }, {}, { 'x-on-behalf-of': grantor.id });
    const twin = await f.report(withoutReport, { ticketId: f.newId() }, {}, { 'x-on-behalf-of': grantor.id });
    expect([refused.statusCode, codeOf(refused)]).toEqual([404, 'NOT_FOUND']);
    expect(refused.json()).toEqual(twin.json());
    const noObject = await f.report(withoutReport, { officeId: OFFICE }, {}, { 'x-on-behalf-of': grantor.id });
    expect([noObject.statusCode, codeOf(noObject)]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
    expect(await t.app.prisma.report.count({ where: { reporterId: grantor.id } })).toBe(0);
    const made = await f.report(withReport, { ticketId }, {}, { 'x-on-behalf-of': grantor.id });
    expect(made.statusCode).toBe(201);
    const row = await t.app.prisma.report.findUniqueOrThrow({ where: { id: made.json<ReportJson>().id } });
    expect({ reporterId: row.reporterId, actorId: row.actorId }).toEqual({ reporterId: grantor.id, actorId: withReport.id });
    // The grantee sees it only acting for the grantor; for themself it is not theirs.
    expect((await f.call(withReport, 'GET', `/api/reports/${row.id}`)).statusCode).toBe(404);
    expect((await f.call(withReport, 'GET', `/api/reports/${row.id}`, undefined, { 'x-on-behalf-of': grantor.id })).statusCode).toBe(200);
    expect((await f.call(grantor, 'GET', `/api/reports/${row.id}`)).json<ReportJson>().steps[0]!.by).toBe('代办人');
  });

  it('runs the loop with every step recorded and told, each step refused in the wrong state or by the wrong person', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const { id } = (await f.report(me, { ticketId })).json<ReportJson>();
    const step = (who: Person, action: string, body?: object) => f.call(who, 'POST', `/api/reports/${id}/${action}`, body);
    const expectRefused = async (who: Person, action: string, status: number, code: string, body?: object) => {
      const before = await t.app.prisma.report.findUniqueOrThrow({ where: { id }, include: { steps: true } });
      const res = await step(who, action, body);
      expect([action, res.statusCode, codeOf(res)]).toEqual([action, status, code]);
      expect(await t.app.prisma.report.findUniqueOrThrow({ where: { id }, include: { steps: true } })).toEqual(before);
    };

    // Wrong state: nothing but triage from RECEIVED.
    await expectRefused(supervisor, 'assign', 409, 'REPORT_STATE');
    await expectRefused(supervisor, 'confirm', 409, 'REPORT_STATE');
    await expectRefused(me, 'reopen', 409, 'REPORT_STATE');
    await expectRefused(supervisor, 'close', 409, 'REPORT_STATE');
    // Wrong person: the reporter, a clerk, a supervisor of another county — all the report's 404.
    await expectRefused(me, 'triage', 404, 'NOT_FOUND');
    await expectRefused(clerk, 'triage', 404, 'NOT_FOUND');
    await expectRefused(supervisorElsewhere, 'triage', 404, 'NOT_FOUND');
    // No class given and none suggested.
    await expectRefused(supervisor, 'triage', 422, 'REPORT_CLASS_REQUIRED');

    const triaged = await step(supervisor, 'triage', { class: 'GENERAL', note: '材料清单问题' });
    expect(triaged.statusCode).toBe(200);
    // General: 5 working days from Monday 2026-11-23 → Monday 2026-11-30.
    expect(triaged.json<ReportJson>()).toMatchObject({ status: 'TRIAGED', class: 'GENERAL', deadline: { kind: 'RESOLVE', day: '2026-11-30', overdue: false, words: '剩余5个工作日' } });
    await expectRefused(supervisor, 'triage', 409, 'REPORT_STATE', { class: 'COMPLEX' });
    await expectRefused(clerk, 'resolve', 404, 'NOT_FOUND');

    // Assign: only to a hall in the supervisor's region, and a clerk of that hall.
    await expectRefused(supervisor, 'assign', 422, 'REPORT_ASSIGNEE_INVALID', { officeId: f.newId() });
    await expectRefused(supervisor, 'assign', 422, 'REPORT_ASSIGNEE_INVALID', { staffId: clerkElsewhere.id });
    const assigned = await step(supervisor, 'assign', { staffId: clerk.id });
    expect(assigned.json<ReportJson>()).toMatchObject({ status: 'ASSIGNED' });

    // Resolve: the assigned hall's clerk only.
    await expectRefused(clerkElsewhere, 'resolve', 404, 'NOT_FOUND');
    await expectRefused(me, 'resolve', 404, 'NOT_FOUND');
    await expectRefused(supervisor, 'confirm', 409, 'REPORT_STATE');
    const resolved = await step(clerk, 'resolve', { resolution: '已更新材料清单并致歉' });
    expect(resolved.json<ReportJson>()).toMatchObject({ status: 'RESOLVED', deadline: { kind: null, overdue: false } });
    await expectRefused(clerk, 'resolve', 409, 'REPORT_STATE');
    await expectRefused(clerk, 'confirm', 404, 'NOT_FOUND');

    const confirmed = await step(supervisor, 'confirm', { note: '电话回访，群众认可' });
    expect(confirmed.json<ReportJson>().status).toBe('CONFIRMED');

    // The reporter sees the timeline; may reopen once.
    const seen = (await f.call(me, 'GET', `/api/reports/${id}`)).json<ReportJson>();
    expect(seen.canReopen).toBe(true);
    expect(seen.steps.map((s) => [s.action, s.by])).toEqual([
      ['received', '本人'],
      ['triage', '工作人员'],
      ['assign', '工作人员'],
      ['resolve', '工作人员'],
      ['confirm', '工作人员'],
    ]);
    const reopened = await step(me, 'reopen', { note: '清单还是旧的' });
    expect(reopened.json<ReportJson>()).toMatchObject({ status: 'ASSIGNED', reopened: true, deadline: { kind: 'RESOLVE', day: '2026-11-30' } });
    await step(clerk, 'resolve');
    await expectRefused(me, 'reopen', 409, 'REPORT_REOPEN_USED');
    // A supervisor closes only after the callback; the reporter may close a resolved case.
    await expectRefused(supervisor, 'close', 409, 'REPORT_STATE');
    const closed = await step(me, 'close');
    expect(closed.json<ReportJson>().status).toBe('CLOSED');
    await expectRefused(me, 'close', 409, 'REPORT_STATE');
    await expectRefused(me, 'reopen', 409, 'REPORT_STATE');

    const steps = await t.app.prisma.reportStep.findMany({ where: { reportId: id }, orderBy: { id: 'asc' } });
    expect(steps.map((s) => `${s.fromStatus ?? ''}→${s.toStatus}`)).toEqual([
      '→RECEIVED',
      'RECEIVED→TRIAGED',
      'TRIAGED→ASSIGNED',
      'ASSIGNED→RESOLVED',
      'RESOLVED→CONFIRMED',
      'CONFIRMED→ASSIGNED',
      'ASSIGNED→RESOLVED',
      'RESOLVED→CLOSED',
    ]);
    expect(steps.every((s) => s.at instanceof Date)).toBe(true);
    // Told at every step.
    expect(await messagesOf(me.id, 'REPORT_UPDATED')).toHaveLength(8);
    const audit = await t.app.prisma.auditLog.count({ where: { resourceId: id, action: { startsWith: 'report.' }, result: 'OK' } });
    expect(audit).toBe(8);
  });

  it('lists the clerks a supervisor may assign to, in scope only, and a case assigned to a named clerk is theirs to resolve', async () => {
    interface Assignee { id: string; name: string; office: { id: string; name: string } }
    const named = await f.staffAt({ roles: ['CITIZEN', 'CLERK'], officeId: OFFICE, name: '林晓梅' });
    const list = async (who: Person, officeId?: string) => f.call(who, 'GET', `/api/staff/assignees${officeId ? `?officeId=${officeId}` : ''}`);
    const ofHall = (await list(supervisor, OFFICE)).json<{ items: Assignee[] }>().items;
    expect(ofHall.every((a) => a.office.id === OFFICE)).toBe(true);
    expect(ofHall).toContainEqual({ id: named.id, name: '林晓梅', office: { id: OFFICE, name: '青石县政务服务中心' } });
    expect(ofHall.map((a) => a.id)).toContain(clerk.id);
    // Only id, name, office: never a phone or an ID number.
    expect(Object.keys(ofHall[0]!).sort()).toEqual(['id', 'name', 'office']);
    const mine = (await list(supervisor)).json<{ items: Assignee[] }>().items;
    expect(mine.map((a) => a.id)).toEqual(expect.arrayContaining([named.id, clerk.id, clerkElsewhere.id]));
    // Another county's supervisor: the hall is the office's 404, and their own list has none of ours.
    const other = await list(supervisorElsewhere, OFFICE);
    expect([other.statusCode, codeOf(other)]).toEqual([404, 'NOT_FOUND']);
    expect(other.json()).toEqual((await list(supervisorElsewhere, f.newId())).json());
    expect((await list(supervisorElsewhere)).json<{ items: Assignee[] }>().items.map((a) => a.id)).not.toContain(named.id);
    // Clerks and citizens do not assign.
    expect([(await list(clerk)).statusCode, codeOf(await list(clerk))]).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await list(clerk, OFFICE))).toBe('NOT_FOUND');
    expect(codeOf(await list(await f.citizen()))).toBe('FORBIDDEN');
    const admin = await f.staffAt({ roles: ['CITIZEN', 'ADMIN'] });
    expect((await list(admin, OFFICE_IDS.qingyunTown)).json<{ items: Assignee[] }>().items.map((a) => a.id)).toContain(clerkElsewhere.id);
    // 转办's hall choice: exactly the halls the caller may assign to (supervisor: their region and
    // below — each one the assign step takes; admin: every hall), in every answer.
    const hallsOf = async (who: Person, officeId?: string) => (await list(who, officeId)).json<{ offices: Array<{ id: string; name: string }> }>().offices;
    const everyHall = await t.app.prisma.office.findMany({ select: { id: true, regionCode: true } });
    const inRegionOf = async (who: Person) => {
      const { regionCode } = await t.app.prisma.user.findUniqueOrThrow({ where: { id: who.id } });
      return everyHall.filter((o) => regionContains(regionCode!, o.regionCode)).map((o) => o.id).sort();
    };
    expect((await hallsOf(supervisor)).map((o) => o.id).sort()).toEqual(await inRegionOf(supervisor));
    expect(await hallsOf(supervisor)).toContainEqual({ id: OFFICE, name: '青石县政务服务中心' });
    // A town's supervisor: the town's halls only, whichever hall's clerks are asked for.
    const { regionCode: townCode } = await t.app.prisma.office.findUniqueOrThrow({ where: { id: OFFICE_IDS.qingyunTown } });
    const townSupervisor = await f.staffAt({ roles: ['CITIZEN', 'SUPERVISOR'], regionCode: townCode });
    const town = await inRegionOf(townSupervisor);
    expect(town).toContain(OFFICE_IDS.qingyunTown);
    expect(town.length).toBeLessThan(everyHall.length);
    expect((await hallsOf(townSupervisor)).map((o) => o.id).sort()).toEqual(town);
    expect((await hallsOf(townSupervisor, OFFICE_IDS.qingyunTown)).map((o) => o.id).sort()).toEqual(town);
    expect((await hallsOf(supervisorElsewhere)).map((o) => o.id)).not.toContain(OFFICE);
    expect((await hallsOf(admin)).map((o) => o.id).sort()).toEqual(everyHall.map((o) => o.id).sort());
    const bad = await list(supervisor, 'not-an-id');
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);

    const me = await f.citizen();
    const { id } = (await f.report(me, { officeId: OFFICE }, { class: 'GENERAL' })).json<ReportJson>();
    await f.call(supervisor, 'POST', `/api/reports/${id}/triage`);
    const assigned = await f.call(supervisor, 'POST', `/api/reports/${id}/assign`, { officeId: OFFICE, staffId: named.id });
    expect(assigned.json<ReportJson & { assignedStaff: unknown }>()).toMatchObject({ status: 'ASSIGNED', assignedStaff: { id: named.id, name: '林晓梅' } });
    // The reporter never sees the staff member's name.
    const seen = await f.call(me, 'GET', `/api/reports/${id}`);
    expect(seen.json()).not.toHaveProperty('assignedStaff');
    expect(seen.body).not.toContain('林晓梅');
    const resolved = await f.call(named, 'POST', `/api/reports/${id}/resolve`, { resolution: '已补正材料清单' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json<ReportJson>().status).toBe('RESOLVED');
  });

  it('audits staff views and views on someone’s behalf, not a reporter reading their own report', async () => {
    const me = await f.citizen();
    const helper = await f.citizen();
    await f.grant(me.id, helper.id, ['REPORT']);
    const { id } = (await f.report(me, { officeId: OFFICE })).json<ReportJson>();
    const views = () => t.app.prisma.auditLog.findMany({ where: { resourceId: id, action: 'report.view' }, select: { actorId: true, result: true } });
    for (let i = 0; i < 3; i += 1) expect((await f.call(me, 'GET', `/api/reports/${id}`)).statusCode).toBe(200);
    expect(await views()).toEqual([]);
    expect((await f.call(helper, 'GET', `/api/reports/${id}`, undefined, { 'x-on-behalf-of': me.id })).statusCode).toBe(200);
    expect((await f.call(supervisor, 'GET', `/api/reports/${id}`)).statusCode).toBe(200);
    expect((await f.call(clerk, 'GET', `/api/reports/${id}`)).statusCode).toBe(200);
    expect((await f.call(helper, 'GET', `/api/reports/${id}`)).statusCode).toBe(404);
    const logged = await views();
    expect(logged).toHaveLength(4);
    expect(logged).toEqual(
      expect.arrayContaining([
        { actorId: helper.id, result: 'ALLOW' },
        { actorId: supervisor.id, result: 'ALLOW' },
        { actorId: clerk.id, result: 'ALLOW' },
        { actorId: helper.id, result: 'DENY' },
      ]),
    );
  });

  it('lets one of two racing steps through: the other is a clear 409, one step recorded', async () => {
    const me = await f.citizen();
    const { id } = (await f.report(me, { officeId: OFFICE }, { class: 'GENERAL' })).json<ReportJson>();
    const results = await Promise.all([f.call(supervisor, 'POST', `/api/reports/${id}/triage`), f.call(supervisor, 'POST', `/api/reports/${id}/triage`, { class: 'COMPLEX' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(codeOf(results.find((r) => r.statusCode === 409)!)).toBe('REPORT_STATE');
    expect(await t.app.prisma.reportStep.count({ where: { reportId: id, action: 'triage' } })).toBe(1);
  });

  it('answers a repeated create with the same Idempotency-Key with the first report', async () => {
    const me = await f.citizen();
    const headers = { 'idempotency-key': 'report-1' };
    const [a, b] = await Promise.all([f.report(me, { officeId: OFFICE }, {}, headers), f.report(me, { officeId: OFFICE }, {}, headers)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json<ReportJson>().id).toBe(b.json<ReportJson>().id);
    expect(await t.app.prisma.report.count({ where: { reporterId: me.id } })).toBe(1);
  });

  it('limits reports per person: the 11th in a minute is 429 RATE_LIMITED', async () => {
    const me = await f.citizen();
    const codes: number[] = [];
    for (let i = 0; i < 11; i += 1) codes.push((await f.report(me, { officeId: OFFICE })).statusCode);
    expect(codes).toEqual([...Array<number>(10).fill(201), 429]);
    const other = await f.citizen();
    expect((await f.report(other, { officeId: OFFICE })).statusCode).toBe(201);
  });

  it('refuses a reopen past 15 days after the resolution', async () => {
    const me = await f.citizen();
    const { id } = (await f.report(me, { officeId: OFFICE }, { class: 'COMPLEX' })).json<ReportJson>();
    await f.call(supervisor, 'POST', `/api/reports/${id}/triage`);
    await f.call(supervisor, 'POST', `/api/reports/${id}/assign`);
    await f.call(clerk, 'POST', `/api/reports/${id}/resolve`);
    await t.app.prisma.report.update({ where: { id }, data: { resolvedAt: new Date(t.resources.clock.now().getTime() - 16 * DAY) } });
    const res = await f.call(me, 'POST', `/api/reports/${id}/reopen`);
    expect([res.statusCode, codeOf(res)]).toEqual([409, 'REPORT_REOPEN_EXPIRED']);
    expect((await f.call(me, 'GET', `/api/reports/${id}`)).json<ReportJson>().canReopen).toBe(false);
  });

  it('lets a clerk enter a walk-in’s report at their window, the phone masked; a citizen may not', async () => {
    const res = await f.call(clerk, 'POST', '/api/reports/walk-in', { text: '老人反映窗口不收现金。', name: '王秀兰', phone: '13912345678' });
    expect(res.statusCode).toBe(201);
    const body = res.json<ReportJson>();
    expect(body).toMatchObject({ status: 'RECEIVED', walkIn: true, reporter: '139****5678', about: { office: { id: OFFICE } } });
    expect(res.body).not.toContain('13912345678');
    const row = await t.app.prisma.report.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.takerId).toBe(clerk.id);
    const citizen = await f.citizen();
    const refused = await f.call(citizen, 'POST', '/api/reports/walk-in', { text: '我自己来登记。' });
    expect([refused.statusCode, codeOf(refused)]).toEqual([403, 'FORBIDDEN']);
    const badPhone = await f.call(clerk, 'POST', '/api/reports/walk-in', { text: '老人反映窗口不收现金。', phone: '12345678901' });
    expect([badPhone.statusCode, codeOf(badPhone)]).toEqual([422, 'PHONE_INVALID']);
  });

  it('escalates an overdue case to the supervisors one region up, once per level, as a step and a message', async () => {
    const me = await f.citizen();
    // 青云镇 hall: its region's chain is town → county → city, so two levels exist above it.
    const countySupervisor = supervisor;
    const citySupervisor = await f.staffAt({ roles: ['CITIZEN', 'SUPERVISOR'], regionCode: REGION_CODES.city });
    const { id } = (await f.report(me, { officeId: OFFICE_IDS.qingyunTown }, { class: 'GENERAL' })).json<ReportJson>();
    const now = t.resources.clock.now();
    await t.app.desk.escalateDue(); // the seeded overdue case, first
    expect((await t.app.desk.escalateDue()).escalated).toBe(0);
    expect((await t.app.prisma.report.findUniqueOrThrow({ where: { id } })).escalationLevel).toBe(0);
    // Acknowledge deadline passed yesterday evening.
    await t.app.prisma.report.update({ where: { id }, data: { ackDueAt: new Date(now.getTime() - 10 * 3600_000) } });
    await t.app.desk.escalateDue();
    await t.app.desk.escalateDue();
    let row = await t.app.prisma.report.findUniqueOrThrow({ where: { id }, include: { steps: true } });
    expect(row.escalationLevel).toBe(1);
    expect(row.steps.filter((s) => s.action === 'escalate').map((s) => s.detail)).toEqual([{ level: 1, regionCode: REGION_CODES.county }]);
    const toldOf = async (userId: string) => (await messagesOf(userId, 'REPORT_ESCALATED')).filter((x) => (x.payload as { reportId: string }).reportId === id);
    expect(await toldOf(countySupervisor.id)).toHaveLength(1);
    expect(await toldOf(citySupervisor.id)).toHaveLength(0);
    // The reporter is told too, in plain words, once (the run above was repeated).
    const county = await t.app.prisma.region.findUniqueOrThrow({ where: { code: REGION_CODES.county } });
    const city = await t.app.prisma.region.findUniqueOrThrow({ where: { code: REGION_CODES.city } });
    const escalationsToldMe = async () =>
      (await f.call(me, 'GET', '/api/messages')).json<{ items: Array<{ kind: string; title: string; body: string }> }>().items.filter((m) => m.kind === 'REPORT_UPDATED' && m.body.includes('督办'));
    let mine = await escalationsToldMe();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '办不成事反映已提请督办' });
    expect(mine[0]!.body).toContain(`青云街道为民服务中心`);
    expect(mine[0]!.body).toContain(`反映的问题已超期，已提请上级（${county.name}）督办。`);
    // Still overdue three working days later: one level further, once.
    await t.app.prisma.report.update({ where: { id }, data: { ackDueAt: new Date(now.getTime() - 7 * DAY) } });
    await t.app.desk.escalateDue();
    await t.app.desk.escalateDue();
    row = await t.app.prisma.report.findUniqueOrThrow({ where: { id }, include: { steps: true } });
    expect(row.escalationLevel).toBe(2);
    expect(row.steps.filter((s) => s.action === 'escalate')).toHaveLength(2);
    expect(await toldOf(citySupervisor.id)).toHaveLength(1);
    expect(await toldOf(countySupervisor.id)).toHaveLength(1);
    mine = await escalationsToldMe();
    expect(mine.map((m) => m.body.includes(`（${city.name}）`)).sort()).toEqual([false, true]);
    // No region above the city: it stays at level 2 however late.
    await t.app.prisma.report.update({ where: { id }, data: { ackDueAt: new Date(now.getTime() - 30 * DAY) } });
    await t.app.desk.escalateDue();
    expect((await t.app.prisma.report.findUniqueOrThrow({ where: { id } })).escalationLevel).toBe(2);
    expect(await escalationsToldMe()).toHaveLength(2);
    const timeline = (await f.call(me, 'GET', `/api/reports/${id}`)).json<ReportJson>();
    expect(timeline.steps.filter((s) => s.action === 'escalate').map((s) => s.by)).toEqual(['系统', '系统']);
    expect(timeline.deadline).toMatchObject({ overdue: true, words: '已超期' });
  });

  it('escalates every overdue case however many there are, a batch at a time', async () => {
    const me = await f.citizen();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await f.report(me, { officeId: OFFICE }, { class: 'GENERAL' })).json<ReportJson>().id);
    await t.app.desk.escalateDue(); // the cases already overdue, first
    const now = t.resources.clock.now();
    await t.app.prisma.report.updateMany({ where: { id: { in: ids } }, data: { ackDueAt: new Date(now.getTime() - 10 * 3600_000) } });
    // Batches of 1: more overdue cases than a batch, so only reading on past the first reaches them all.
    expect((await t.app.desk.escalateDue(1)).escalated).toBe(3);
    const rows = await t.app.prisma.report.findMany({ where: { id: { in: ids } }, select: { escalationLevel: true } });
    expect(rows.map((r) => r.escalationLevel)).toEqual([1, 1, 1]);
    expect((await t.app.desk.escalateDue(1)).escalated).toBe(0);
  });

  it('pages the desk by deadline with a cursor: every open case once, the most urgent first across pages', async () => {
    // More open cases than a page holds, newest received first — some due sooner than older ones.
    const now = t.resources.clock.now().getTime();
    const ids: string[] = [];
    await t.app.prisma.report.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const id = f.newId();
        ids.push(id);
        return { id, officeId: OFFICE, regionCode: REGION_CODES.county, text: `分页用的反映${i}`, status: 'TRIAGED' as const, class: 'GENERAL' as const, ackDueAt: new Date(now - DAY), dueAt: new Date(now + (60 - i) * 3600_000), createdAt: new Date(now - (60 - i) * 60_000) };
      }),
    });
    const seen: ReportJson[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await f.call(supervisor, 'GET', `/api/staff/cases${cursor ? `?cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: ReportJson[]; nextCursor?: string }>();
      expect(body.items.length).toBeLessThanOrEqual(50);
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    const open = await t.app.prisma.report.count({ where: { regionCode: { startsWith: REGION_CODES.county.replace(/0+$/, '') }, status: { not: 'CLOSED' } } });
    expect(seen).toHaveLength(open);
    expect(seen.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
    const dues = seen.map((r) => (r.deadline.at ? Date.parse(r.deadline.at) : Number.MAX_SAFE_INTEGER));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    // The newest of the 60 is due soonest: it comes before the older ones.
    expect(seen.findIndex((r) => r.id === ids[59])).toBeLessThan(seen.findIndex((r) => r.id === ids[0]));
    const bad = await f.call(supervisor, 'GET', '/api/staff/cases?cursor=bm90LWEtY3Vyc29y');
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    await t.app.prisma.report.deleteMany({ where: { id: { in: ids } } });
  });

  it('gives the desk by deadline in the caller’s scope, with overdue in words, and figures per office', async () => {
    const sup = (await f.call(supervisor, 'GET', '/api/staff/cases')).json<{ items: ReportJson[] }>().items;
    expect(sup.length).toBeGreaterThan(0);
    const dues = sup.map((r) => (r.deadline.at ? Date.parse(r.deadline.at) : Infinity));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(sup.some((r) => r.deadline.overdue && r.deadline.words === '已超期')).toBe(true);
    expect(sup.every((r) => r.status !== 'CLOSED')).toBe(true);
    const mine = (await f.call(clerk, 'GET', '/api/staff/cases')).json<{ items: Array<ReportJson & { about: { office: { id: string } } }> }>().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.about.office.id === OFFICE)).toBe(true);
    const elsewhere = (await f.call(supervisorElsewhere, 'GET', '/api/staff/cases')).json<{ items: unknown[] }>().items;
    expect(elsewhere).toEqual([]);
    const filtered = (await f.call(supervisor, 'GET', '/api/staff/cases?state=TRIAGED&class=COMPLEX')).json<{ items: ReportJson[] }>().items;
    expect(filtered.every((r) => r.status === 'TRIAGED' && r.class === 'COMPLEX')).toBe(true);
    const overdue = (await f.call(supervisor, 'GET', '/api/staff/cases?due=overdue')).json<{ items: ReportJson[] }>().items;
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.deadline.overdue)).toBe(true);
    const citizen = await f.citizen();
    expect(codeOf(await f.call(citizen, 'GET', '/api/staff/cases'))).toBe('FORBIDDEN');
    const figures = (await f.call(supervisor, 'GET', '/api/staff/figures')).json<{ items: Array<{ office: { id: string }; byState: Record<string, number>; ratings: Record<string, number>; callback: { bad: number } }> }>().items;
    const county = figures.find((x) => x.office.id === OFFICE)!;
    expect(county.byState.RECEIVED).toBeGreaterThan(0);
    expect(county.ratings['5']).toBeGreaterThan(0);
    const clerkFigures = (await f.call(clerk, 'GET', '/api/staff/figures')).json<{ items: Array<{ office: { id: string } }> }>().items;
    expect(clerkFigures.map((x) => x.office.id)).toEqual([OFFICE]);
  });
});
