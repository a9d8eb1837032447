// /api/ratings and /api/rectifications on real PostgreSQL (issue 16): one rating per handling per
// channel per round (a concurrent double submit gets exactly one 201 and one 409), reasons needed
// for levels 1–2, which open a rectification case that closes only after a callback, the rated
// clerk's view without the rater, a bad rating turned into a report and, once fixed, a second
// round kept next to the first, and the 7-day default rating.
import { RATING_REASONS } from '../../../seeds';
import { BookingService } from '../../src/appointments/booking';
import { slotMaker } from '../appointments/fixtures';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { codeOf, DAY, DEMO, OFFICE, reportFixtures, SERVICE, USER_IDS, type Person } from './fixtures';

interface RatingJson {
  id: string;
  round: number;
  level: number;
  levelWords: string;
  reasons: Array<{ code: string; label: string }>;
  rectificationId: string | null;
  defaulted: boolean;
}
interface RectificationJson {
  id: string;
  status: string;
  extended: boolean;
  dueAt: string;
  capAt: string;
  callback: { outcome: string; by: string } | null;
}

describe('/api/ratings', () => {
  let t: TestApp;
  const f = reportFixtures(() => t, '1376');
  let supervisor: Person;
  let clerk: Person;

  beforeAll(async () => {
    t = await build({ env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' } });
    supervisor = await f.byPhone(DEMO.supervisor);
    clerk = await f.byPhone(DEMO.clerk);
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, startsIn: 2 * DAY });
  /** An appointment of `owner`, done `ago` ms before now. */
  const doneAppointment = async (owner: string, ago: number): Promise<string> => {
    const { id: slotId } = await slot({});
    const { appointment } = await new BookingService(t.app).book({ slotId, serviceId: SERVICE, subjectId: owner, actorId: owner });
    await t.app.prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'DONE', doneAt: new Date(t.resources.clock.now().getTime() - ago), activeKey: null } });
    return appointment.id;
  };
  const rate = (who: Person, targetId: string, level: number, extra: object = {}, headers: Record<string, string> = {}) =>
    f.call(who, 'POST', '/api/ratings', { targetType: 'TICKET', targetId, level, ...extra }, headers);

  it('lists the reasons as data, to anyone', async () => {
    const res = await f.call(null, 'GET', '/api/ratings/reasons');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: Array<{ code: string }> }>().items.map((r) => r.code)).toEqual(RATING_REASONS.map((r) => r.code));
  });

  it('takes one rating per handling: a second is RATING_ALREADY; an unfinished or a stranger’s handling is refused', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const first = await rate(me, ticketId, 5, { comment: '很快' });
    expect(first.statusCode).toBe(201);
    expect(first.json<RatingJson>()).toMatchObject({ round: 1, level: 5, levelWords: '非常满意', rectificationId: null, defaulted: false });
    const again = await rate(me, ticketId, 4);
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'RATING_ALREADY']);
    const waiting = await f.waitingTicket(me.id);
    const early = await rate(me, waiting, 5);
    expect([early.statusCode, codeOf(early)]).toEqual([409, 'RATING_NOT_RATEABLE']);
    const stranger = await f.citizen();
    const theirs = await rate(stranger, ticketId, 1, { reasons: ['ATTITUDE'] });
    const none = await rate(stranger, f.newId(), 1, { reasons: ['ATTITUDE'] });
    expect([theirs.statusCode, codeOf(theirs)]).toEqual([404, 'NOT_FOUND']);
    expect(theirs.json()).toEqual(none.json());
    expect(await t.app.prisma.rating.count({ where: { targetId: ticketId } })).toBe(1);
  });

  it('under a concurrent double submit, exactly one 201 and one clear 409', async () => {
    for (let round = 0; round < 3; round += 1) {
      const me = await f.citizen();
      const ticketId = await f.finishedTicket(me.id);
      const results = await Promise.all([rate(me, ticketId, 4), rate(me, ticketId, 2, { reasons: ['WAIT_LONG'] })]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(codeOf(results.find((r) => r.statusCode === 409)!)).toBe('RATING_ALREADY');
      expect(await t.app.prisma.rating.count({ where: { targetId: ticketId } })).toBe(1);
      // A 2 that lost made no rectification case.
      const kept = await t.app.prisma.rating.findFirstOrThrow({ where: { targetId: ticketId }, include: { rectification: true } });
      expect(kept.rectification !== null).toBe(kept.level === 2);
    }
  });

  it('refuses a 1–2 without a reason or with an unknown one; with one it opens a rectification that closes only after a callback', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const bare = await rate(me, ticketId, 2);
    expect([bare.statusCode, codeOf(bare)]).toEqual([422, 'RATING_REASON_REQUIRED']);
    const unknown = await rate(me, ticketId, 1, { reasons: ['NOPE'] });
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([422, 'RATING_REASON_UNKNOWN']);
    expect(await t.app.prisma.rating.count({ where: { targetId: ticketId } })).toBe(0);

    const bad = await rate(me, ticketId, 2, { reasons: ['WAIT_LONG', 'ATTITUDE'], comment: '等了一个多小时' });
    expect(bad.statusCode).toBe(201);
    const rating = bad.json<RatingJson>();
    expect(rating.reasons.map((r) => r.label)).toEqual(['等候时间太长', '服务态度不好']);
    const rectId = rating.rectificationId!;
    expect(rectId).toEqual(expect.any(String));
    const rect = await t.app.prisma.rectification.findUniqueOrThrow({ where: { id: rectId } });
    // Opened Monday 2026-11-23: due by the end of Monday 2026-11-30 (5 working days), cap 15.
    expect(rect.dueAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(rect.capAt.toISOString()).toBe('2026-12-14T16:00:00.000Z');
    expect(await t.app.prisma.notification.count({ where: { userId: USER_IDS.supervisor, kind: 'RECTIFICATION_OPENED' } })).toBeGreaterThan(0);

    const step = (who: Person, action: string, body?: object) => f.call(who, 'POST', `/api/rectifications/${rectId}/${action}`, body);
    const closeEarly = await step(supervisor, 'close');
    expect([closeEarly.statusCode, codeOf(closeEarly)]).toEqual([409, 'RECTIFICATION_CALLBACK_REQUIRED']);
    const noOutcome = await step(supervisor, 'callback');
    expect([noOutcome.statusCode, codeOf(noOutcome)]).toEqual([422, 'CALLBACK_OUTCOME_REQUIRED']);
    // Not the citizen, not a clerk: the case's 404.
    expect(codeOf(await step(me, 'callback', { outcome: 'SATISFIED' }))).toBe('NOT_FOUND');
    expect(codeOf(await step(clerk, 'extend'))).toBe('NOT_FOUND');
    expect((await t.app.prisma.rectification.findUniqueOrThrow({ where: { id: rectId } })).callbackAt).toBeNull();

    const extended = await step(supervisor, 'extend', { days: 5, reason: '需要调整窗口排班' });
    expect(extended.json<RectificationJson>()).toMatchObject({ extended: true, dueAt: '2026-12-07T16:00:00.000Z' });
    const twice = await step(supervisor, 'extend');
    expect([twice.statusCode, codeOf(twice)]).toEqual([409, 'RECTIFICATION_EXTENDED']);
    const called = await step(supervisor, 'callback', { outcome: 'SATISFIED', note: '电话回访，已致歉' });
    expect(called.json<RectificationJson>()).toMatchObject({ callback: { outcome: 'SATISFIED', by: '工作人员' } });
    const closed = await step(supervisor, 'close');
    expect(closed.json<RectificationJson>().status).toBe('CLOSED');
    const again = await step(supervisor, 'close');
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'RECTIFICATION_STATE']);

    const list = (await f.call(clerk, 'GET', '/api/rectifications')).json<{ items: RectificationJson[] }>().items;
    expect(list.some((r) => r.id === rectId)).toBe(true);
    expect(codeOf(await f.call(me, 'GET', '/api/rectifications'))).toBe('FORBIDDEN');
  });

  it('never extends past the 15-working-day cap', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const { rectificationId } = (await rate(me, ticketId, 1, { reasons: ['NOT_DONE'] })).json<RatingJson>();
    const res = await f.call(supervisor, 'POST', `/api/rectifications/${rectificationId}/extend`, { days: 10 });
    // 5 + 10 = 15 working days: exactly the cap, allowed.
    expect(res.statusCode).toBe(200);
    const other = await f.citizen();
    const second = (await rate(other, await f.finishedTicket(other.id), 1, { reasons: ['NOT_DONE'] })).json<RatingJson>();
    await t.app.prisma.rectification.update({ where: { id: second.rectificationId! }, data: { capAt: new Date('2026-12-03T16:00:00.000Z') } });
    const over = await f.call(supervisor, 'POST', `/api/rectifications/${second.rectificationId}/extend`);
    expect([over.statusCode, codeOf(over)]).toEqual([422, 'RECTIFICATION_CAP']);
  });

  it('shows the rated clerk ratings about their window without who rated', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    await rate(me, ticketId, 1, { reasons: ['ATTITUDE'], comment: '态度差' });
    const res = await f.call(clerk, 'GET', '/api/ratings/about-me');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Array<Record<string, unknown>> }>().items;
    expect(items.some((i) => i.comment === '态度差' && i.levelWords === '非常不满意')).toBe(true);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['comment', 'day', 'defaulted', 'level', 'levelWords', 'reasons', 'serviceName']);
    const raw = res.body;
    const person = await t.app.prisma.user.findUniqueOrThrow({ where: { id: me.id } });
    for (const secret of [me.id, ticketId, person.phoneMasked!, 'raterId', 'subjectId', 'targetId']) expect(raw).not.toContain(secret);
    expect(codeOf(await f.call(me, 'GET', '/api/ratings/about-me'))).toBe('FORBIDDEN');
    expect(codeOf(await f.call(supervisor, 'GET', '/api/ratings/about-me'))).toBe('FORBIDDEN');
  });

  it('turns a bad rating into a report; once fixed the handling is rated again and both ratings are kept', async () => {
    const me = await f.citizen();
    const ticketId = await f.finishedTicket(me.id);
    const first = (await rate(me, ticketId, 2, { reasons: ['NOT_DONE'] })).json<RatingJson>();
    const report = await f.report(me, { ratingId: first.id });
    expect(report.statusCode).toBe(201);
    const reportId = report.json<{ id: string; about: { ratingId: string; office: { id: string } } }>();
    expect(reportId.about).toMatchObject({ ratingId: first.id, office: { id: OFFICE } });
    const stranger = await f.citizen();
    expect(codeOf(await f.report(stranger, { ratingId: first.id }))).toBe('NOT_FOUND');
    expect((await f.call(me, 'GET', '/api/ratings/pending')).json<{ items: Array<{ targetId: string }> }>().items.some((p) => p.targetId === ticketId)).toBe(false);
    // Before the fix: still RATING_ALREADY.
    expect(codeOf(await rate(me, ticketId, 4))).toBe('RATING_ALREADY');
    await f.call(supervisor, 'POST', `/api/reports/${reportId.id}/triage`, { class: 'GENERAL' });
    await f.call(supervisor, 'POST', `/api/reports/${reportId.id}/assign`);
    await f.call(clerk, 'POST', `/api/reports/${reportId.id}/resolve`, { resolution: '已补办' });
    const pending = (await f.call(me, 'GET', '/api/ratings/pending')).json<{ items: Array<{ targetType: string; targetId: string; round: number }> }>().items;
    expect(pending).toEqual(expect.arrayContaining([expect.objectContaining({ targetType: 'TICKET', targetId: ticketId, round: 2 }), expect.objectContaining({ targetType: 'REPORT', targetId: reportId.id, round: 1 })]));
    const second = await rate(me, ticketId, 5);
    expect(second.statusCode).toBe(201);
    expect(second.json<RatingJson>().round).toBe(2);
    const kept = await t.app.prisma.rating.findMany({ where: { targetId: ticketId }, orderBy: { round: 'asc' } });
    expect(kept.map((r) => [r.round, r.level])).toEqual([
      [1, 2],
      [2, 5],
    ]);
    // The report itself is rateable once resolved.
    const ofReport = await f.call(me, 'POST', '/api/ratings', { targetType: 'REPORT', targetId: reportId.id, level: 4 });
    expect(ofReport.statusCode).toBe(201);
  });

  it('limits rating attempts per person: the 21st in a minute is 429 RATE_LIMITED', async () => {
    const me = await f.citizen();
    const codes: number[] = [];
    for (let i = 0; i < 21; i += 1) codes.push((await rate(me, f.newId(), 5)).statusCode);
    expect(codes).toEqual([...Array<number>(20).fill(404), 429]);
  });

  it('rates for the holder only under a REPORT grant', async () => {
    const grantor = await f.citizen();
    const withReport = await f.citizen();
    const withoutReport = await f.citizen();
    await f.grant(grantor.id, withReport.id, ['REPORT']);
    await f.grant(grantor.id, withoutReport.id, ['QUEUE']);
    const ticketId = await f.finishedTicket(grantor.id, 60_000, withoutReport.id);
    expect(codeOf(await rate(withoutReport, ticketId, 5, {}, { 'x-on-behalf-of': grantor.id }))).toBe('NOT_FOUND');
    // The one who took it for her, for themself: not theirs.
    expect(codeOf(await rate(withoutReport, ticketId, 5))).toBe('NOT_FOUND');
    const ok = await rate(withReport, ticketId, 5, {}, { 'x-on-behalf-of': grantor.id });
    expect(ok.statusCode).toBe(201);
    const row = await t.app.prisma.rating.findUniqueOrThrow({ where: { id: ok.json<RatingJson>().id } });
    expect({ subjectId: row.subjectId, raterId: row.raterId }).toEqual({ subjectId: grantor.id, raterId: withReport.id });
  });

  it('gives 基本满意 by default, marked defaulted, to handlings not rated within 7 days — once, and never over a person’s rating', async () => {
    const me = await f.citizen();
    const late = await f.finishedTicket(me.id, 8 * DAY);
    const other = await f.citizen();
    const rated = await f.finishedTicket(other.id, 8 * DAY);
    await t.app.prisma.rating.create({ data: { targetType: 'TICKET', targetId: rated, level: 5, subjectId: other.id, raterId: other.id, officeId: OFFICE } });
    const recent = await f.finishedTicket((await f.citizen()).id, 2 * DAY);
    const tooLate = await rate(me, late, 5);
    expect([tooLate.statusCode, codeOf(tooLate)]).toEqual([409, 'RATING_PERIOD_OVER']);
    await t.app.ratings.defaultDue();
    await t.app.ratings.defaultDue();
    const given = await t.app.prisma.rating.findMany({ where: { targetId: { in: [late, rated, recent] } } });
    expect(given.map((r) => [r.targetId, r.level, r.defaulted]).sort()).toEqual(
      [
        [late, 3, true],
        [rated, 5, false],
      ].sort(),
    );
    expect(given.find((r) => r.targetId === late)!.clerkId).toBe(USER_IDS.clerk);
    // The invitation: once per handling, only while it may still be rated.
    await t.app.ratings.inviteDue();
    await t.app.ratings.inviteDue();
    const invites = await t.app.prisma.notification.findMany({ where: { kind: 'RATING_INVITED' } });
    const about = (id: string) => invites.filter((n) => (n.payload as { targetId: string }).targetId === id);
    expect(about(recent)).toHaveLength(1);
    expect(about(late)).toHaveLength(0);
  });

  it('defaults a resolved report’s own rating 7 days after its resolution — once, never early, never over a person’s rating or a reopened case', async () => {
    /** A report of `owner`, resolved by the county hall `ago` ms before now (or reopened since). */
    const resolvedReport = async (owner: Person, ago: number, status: 'RESOLVED' | 'CONFIRMED' | 'ASSIGNED' = 'RESOLVED'): Promise<string> => {
      const { id } = (await f.report(owner, { officeId: OFFICE })).json<{ id: string }>();
      const resolvedAt = new Date(t.resources.clock.now().getTime() - ago);
      await t.app.prisma.report.update({ where: { id }, data: { status, class: 'GENERAL', assignedOfficeId: OFFICE, resolvedAt } });
      return id;
    };
    const me = await f.citizen();
    const late = await resolvedReport(me, 8 * DAY, 'CONFIRMED');
    const recent = await resolvedReport(me, 6 * DAY);
    const reopened = await resolvedReport(me, 8 * DAY, 'ASSIGNED');
    const other = await f.citizen();
    const rated = await resolvedReport(other, 8 * DAY);
    await t.app.prisma.rating.create({ data: { targetType: 'REPORT', targetId: rated, level: 2, reasons: ['NOT_DONE'], subjectId: other.id, raterId: other.id, officeId: OFFICE } });
    const first = await t.app.ratings.defaultDue();
    expect(first.reports).toBeGreaterThanOrEqual(1);
    expect((await t.app.ratings.defaultDue()).reports).toBe(0);
    const given = await t.app.prisma.rating.findMany({ where: { targetType: 'REPORT', targetId: { in: [late, recent, reopened, rated] } } });
    expect(given.map((r) => [r.targetId, r.round, r.level, r.defaulted, r.subjectId, r.raterId]).sort()).toEqual(
      [
        [late, 1, 3, true, me.id, null],
        [rated, 1, 2, false, other.id, other.id],
      ].sort(),
    );
    expect(given.find((r) => r.targetId === late)!.officeId).toBe(OFFICE);
    // Once defaulted it is no longer waiting to be rated, and a late rating is the period's 409.
    expect((await f.call(me, 'GET', '/api/ratings/pending')).json<{ items: Array<{ targetId: string }> }>().items.map((p) => p.targetId)).toEqual([recent]);
    const tooLate = await f.call(me, 'POST', '/api/ratings', { targetType: 'REPORT', targetId: late, level: 5 });
    expect(codeOf(tooLate)).toBe('RATING_ALREADY');
  });

  it('invites every unrated ended handling, however many, a batch at a time; a second run writes nothing', async () => {
    const people = await Promise.all([f.citizen(), f.citizen(), f.citizen()]);
    const tickets = await Promise.all(people.map((p) => f.finishedTicket(p.id)));
    // Batches of 2: more handlings than one batch, so only reading on past the first reaches them all.
    const first = await t.app.ratings.inviteDue(2);
    expect(first.invited).toBeGreaterThanOrEqual(3);
    const invites = await t.app.prisma.notification.findMany({ where: { kind: 'RATING_INVITED', channel: 'IN_APP', userId: { in: people.map((p) => p.id) } } });
    expect(invites.map((n) => (n.payload as { targetId: string }).targetId).sort()).toEqual([...tickets].sort());
    expect(await t.app.ratings.inviteDue(2)).toEqual({ invited: 0 });
  });

  it('rates a done appointment, invites its rating once, and defaults it after 7 days', async () => {
    const me = await f.citizen();
    const fresh = await doneAppointment(me.id, DAY);
    const other = await f.citizen();
    const old = await doneAppointment(other.id, 8 * DAY);
    await t.app.ratings.inviteDue();
    await t.app.ratings.inviteDue();
    const invites = (await t.app.prisma.notification.findMany({ where: { kind: 'RATING_INVITED', userId: me.id } })).map((n) => n.payload as { targetType: string; targetId: string });
    expect(invites).toEqual([expect.objectContaining({ targetType: 'APPOINTMENT', targetId: fresh })]);
    const pending = (await f.call(me, 'GET', '/api/ratings/pending')).json<{ items: Array<{ targetType: string; targetId: string }> }>().items;
    expect(pending).toEqual([expect.objectContaining({ targetType: 'APPOINTMENT', targetId: fresh })]);
    const res = await f.call(me, 'POST', '/api/ratings', { targetType: 'APPOINTMENT', targetId: fresh, level: 4 });
    expect(res.statusCode).toBe(201);
    expect((await f.call(me, 'GET', '/api/ratings/pending')).json<{ items: unknown[] }>().items).toEqual([]);
    await t.app.ratings.defaultDue();
    expect(await t.app.prisma.rating.findMany({ where: { targetId: { in: [fresh, old] } }, select: { targetId: true, level: true, defaulted: true } })).toEqual(
      expect.arrayContaining([
        { targetId: fresh, level: 4, defaulted: false },
        { targetId: old, level: 3, defaulted: true },
      ]),
    );
  });
});
