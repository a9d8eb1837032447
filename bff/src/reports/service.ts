// 办不成事 use cases (DESIGN.md §3 Report, §4 SLA): create (online, from the object it is about, or
// at a window for a walk-in), list and read with the timeline and the deadline, and the loop
// RECEIVED → TRIAGED → ASSIGNED → RESOLVED → CONFIRMED → CLOSED with one reopen. Each transition is
// one conditional UPDATE naming the states it leaves (updateMany … WHERE status IN …); when it
// changes nothing the report is read again and the refusal says why. The step, the reporter's
// message and the audit entry are written in the transition's transaction. Decorated as
// `app.reports` (./index.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidMobile, normalizeMobile, REOPEN_WINDOW_DAYS, REPORT_STATUS_LABELS, type ReportClassKey } from '@palm/shared';
import type { Report, ReportAssignBody, ReportCreateBody, ReportList, ReportNoteBody, ReportResolveBody, ReportTriageBody, ReportWalkInBody } from '@palm/shared/server';
import { Prisma, type PrismaClient, type ReportStatus } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { OWNER_FACTS, regionContains } from '../policy';
import type { ReportUpdatedFacts } from './notifications';
import { tell } from './notices';
import { ackDeadline, calendarOf, resolveDeadline } from './sla';
import { attachPhotos } from './photos';
import { REPORT_VIEW_INCLUDE, STEP_WORDS, toReportView, type ReportWithSteps } from './view';

export const REPORTS_PAGE_SIZE = 30;
type Tx = Prisma.TransactionClient;
type Step = 'triage' | 'assign' | 'resolve' | 'confirm' | 'reopen' | 'close';

/** What the policy judges a report by (one narrow query). */
export const REPORT_FACTS = { reporterId: true, officeId: true, regionCode: true, assignedOfficeId: true } as const;
export type ReportFacts = { reporterId: string | null; officeId: string; regionCode: string; assignedOfficeId: string | null };
export const reportResource = (r: ReportFacts) => ({
  ownerIds: [r.reporterId],
  personId: r.reporterId,
  officeId: r.officeId,
  officeRegionCode: r.regionCode,
  assignedOfficeId: r.assignedOfficeId,
});

export class ReportService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  facts(id: string): Promise<ReportFacts | null> {
    return this.prisma.report.findUnique({ where: { id }, select: REPORT_FACTS });
  }

  /** Authorizes `action` on the report by id, or throws its 404 (missing and refused alike). */
  async authorizeOn(request: FastifyRequest, action: 'report.view' | 'report.triage' | 'report.assign' | 'report.resolve' | 'report.confirm' | 'report.reopen' | 'report.close', id: string): Promise<ReportFacts> {
    return this.app.policy.authorizeFound(request, action, 'report', id, await this.facts(id), (r) => reportResource(r));
  }

  /**
   * 办不成事 online. The context comes from the object named (a ticket, an appointment, a rating —
   * which must be the person's own: the policy decides on it, so someone else's is its 404) or
   * from the hall named; the hall is needed (the service guide page asks which hall). Photos
   * (`photoIds`) are the caller's own uploads for the same person, attached in the transaction.
   */
  async create(request: FastifyRequest, body: ReportCreateBody): Promise<Report> {
    const { policy } = this.app;
    const about = body.about;
    let officeId: string | undefined;
    let serviceId: string | undefined = about.serviceId;
    let subjectId: string | null = null;
    if (about.ticketId) {
      const row = await this.prisma.ticket.findUnique({ where: { id: about.ticketId }, select: OWNER_FACTS });
      await policy.authorizeOwned(request, 'report.create', 'ticket', about.ticketId, row);
      officeId = row!.officeId;
      serviceId = row!.serviceId;
    }
    if (about.appointmentId) {
      const row = await this.prisma.appointment.findUnique({ where: { id: about.appointmentId }, select: OWNER_FACTS });
      await policy.authorizeOwned(request, 'report.create', 'appointment', about.appointmentId, row);
      officeId = row!.officeId;
      serviceId = row!.serviceId;
    }
    if (about.ratingId) {
      const row = await this.prisma.rating.findUnique({ where: { id: about.ratingId }, select: { subjectId: true, officeId: true, serviceId: true } });
      await policy.authorizeFound(request, 'report.create', 'rating', about.ratingId, row, (r) => ({ ownerIds: [r.subjectId], personId: r.subjectId, officeId: r.officeId }));
      officeId = row!.officeId;
      serviceId = row!.serviceId ?? serviceId;
    }
    const auth = await policy.authorize(request, 'report.create', { type: 'report' });
    subjectId = auth.subjectId;
    officeId ??= about.officeId;
    if (!officeId) throw new AppError('REPORT_OFFICE_REQUIRED');
    const office = await this.prisma.office.findUnique({ where: { id: officeId }, select: { id: true, regionCode: true } });
    if (!office) throw new AppError('REPORT_ABOUT_UNKNOWN');
    if (serviceId && (await this.prisma.service.count({ where: { id: serviceId } })) === 0) throw new AppError('REPORT_ABOUT_UNKNOWN');
    const actorId = request.auth!.userId;
    const idempotencyKey = idempotencyKeyOf(request);
    if (idempotencyKey) {
      const earlier = await this.prisma.report.findUnique({ where: { actorId_idempotencyKey: { actorId, idempotencyKey } }, select: { id: true } });
      if (earlier) return this.view(earlier.id, false);
    }
    const now = this.now();
    const today = this.app.resources.clock.businessDate(now);
    const ackDueAt = await ackDeadline(this.app, office.regionCode, today);
    const insert = () =>
      this.prisma.$transaction(async (tx) => {
        const row = await tx.report.create({
          data: {
            reporterId: subjectId,
            actorId,
            officeId: office.id,
            regionCode: office.regionCode,
            serviceId: serviceId ?? null,
            ticketId: about.ticketId ?? null,
            appointmentId: about.appointmentId ?? null,
            ratingId: about.ratingId ?? null,
            text: body.text,
            class: body.class ?? null,
            contactPreference: body.contactPreference ?? 'IN_APP',
            ackDueAt,
            idempotencyKey: idempotencyKey ?? null,
            createdAt: now,
          },
        });
        await tx.reportStep.create({ data: { reportId: row.id, at: now, actorId, action: 'received', toStatus: 'RECEIVED' } });
        await attachPhotos(tx, row.id, body.photoIds, actorId, subjectId!, now);
        await this.notice(tx, row, 'received', now, ackDueAt);
        await this.audit(request, tx, 'report.create', row.id);
        return row.id;
      });
    let id: string;
    try {
      id = await insert();
    } catch (err) {
      // The same Idempotency-Key raced in: the first one's report is the answer.
      if (!(idempotencyKey && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      id = (await this.prisma.report.findUniqueOrThrow({ where: { actorId_idempotencyKey: { actorId, idempotencyKey } }, select: { id: true } })).id;
    }
    return this.view(id, false);
  }

  /** 窗口代为登记: a clerk enters a report for a citizen at the window (their own hall). */
  async walkIn(request: FastifyRequest, body: ReportWalkInBody): Promise<Report> {
    const clerkId = request.auth!.userId;
    const clerk = await this.prisma.user.findUniqueOrThrow({ where: { id: clerkId }, select: { officeId: true } });
    const office = await this.prisma.office.findUniqueOrThrow({ where: { id: clerk.officeId! }, select: { id: true, regionCode: true } });
    let serviceId = body.serviceId ?? null;
    if (body.ticketId) {
      const ticket = await this.prisma.ticket.findUnique({ where: { id: body.ticketId }, select: { officeId: true, serviceId: true } });
      // A ticket of another hall is the same 404 as none (the clerk's scope is their hall).
      if (!ticket || ticket.officeId !== office.id) throw this.app.policy.notFound('ticket');
      serviceId = ticket.serviceId;
    }
    if (serviceId && (await this.prisma.service.count({ where: { id: serviceId } })) === 0) throw new AppError('REPORT_ABOUT_UNKNOWN');
    let phone: { phoneEnc: string; phoneHash: string; phoneMasked: string } | null = null;
    if (body.phone !== undefined) {
      const normal = normalizeMobile(body.phone);
      if (!isValidMobile(normal)) throw new AppError('PHONE_INVALID');
      phone = this.app.resources.pii.protectPhone(normal);
    }
    // Someone who has signed in with that phone sees it in 我的反映 and is told of each step.
    const known = phone ? await this.prisma.user.findUnique({ where: { phoneHash: phone.phoneHash }, select: { id: true, disabled: true } }) : null;
    const now = this.now();
    const ackDueAt = await ackDeadline(this.app, office.regionCode, this.app.resources.clock.businessDate(now));
    const id = await this.prisma.$transaction(async (tx) => {
      const row = await tx.report.create({
        data: {
          reporterId: known && !known.disabled ? known.id : null,
          takerId: clerkId,
          walkInName: body.name ?? null,
          contactPhoneEnc: phone?.phoneEnc ?? null,
          contactPhoneMasked: phone?.phoneMasked ?? null,
          officeId: office.id,
          regionCode: office.regionCode,
          serviceId,
          ticketId: body.ticketId ?? null,
          text: body.text,
          class: body.class ?? null,
          contactPreference: body.contactPreference ?? (phone ? 'PHONE' : 'NONE'),
          ackDueAt,
          createdAt: now,
        },
      });
      await tx.reportStep.create({ data: { reportId: row.id, at: now, actorId: clerkId, action: 'walk-in', toStatus: 'RECEIVED' } });
      // Photos the clerk uploaded (for themself: the walk-in may have no account).
      await attachPhotos(tx, row.id, body.photoIds, clerkId, clerkId, now);
      await this.notice(tx, row, 'received', now, ackDueAt);
      await this.audit(request, tx, 'report.walk-in', row.id);
      return row.id;
    });
    return this.view(id, true);
  }

  /** The person's reports, newest first. */
  async list(subjectId: string, cursor: string | undefined): Promise<ReportList> {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const rows = await this.prisma.report.findMany({
      where: { reporterId: subjectId, ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: REPORTS_PAGE_SIZE + 1,
      include: REPORT_VIEW_INCLUDE,
    });
    const page = rows.slice(0, REPORTS_PAGE_SIZE);
    const last = page[page.length - 1];
    return { items: await this.views(page, false), ...(rows.length > REPORTS_PAGE_SIZE && last ? { nextCursor: encodeCursor(last) } : {}) };
  }

  async view(id: string, staff: boolean): Promise<Report> {
    const row = await this.prisma.report.findUniqueOrThrow({ where: { id }, include: REPORT_VIEW_INCLUDE });
    return (await this.views([row], staff))[0]!;
  }

  async views(rows: ReportWithSteps[], staff: boolean): Promise<Report[]> {
    const now = this.now();
    const officeIds = [...new Set(rows.flatMap((r) => [r.officeId, r.assignedOfficeId].filter((x): x is string => x !== null)))];
    const serviceIds = [...new Set(rows.map((r) => r.serviceId).filter((x): x is string => x !== null))];
    const peopleIds = staff ? [...new Set(rows.flatMap((r) => [r.reporterId, r.assignedStaffId]).filter((x): x is string => x !== null))] : [];
    const [offices, services, people, calendar] = await Promise.all([
      this.prisma.office.findMany({ where: { id: { in: officeIds } }, select: { id: true, name: true } }),
      this.prisma.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, name: true } }),
      this.prisma.user.findMany({ where: { id: { in: peopleIds } }, select: { id: true, name: true } }),
      calendarOf(this.app),
    ]);
    const ctx = {
      now,
      today: this.app.resources.clock.businessDate(now),
      calendar,
      staff,
      names: { offices: new Map(offices.map((o) => [o.id, o.name])), services: new Map(services.map((s) => [s.id, s.name])), people: new Map(people.map((p) => [p.id, p.name])) },
    };
    return rows.map((row) => toReportView(row, ctx));
  }

  triage(request: FastifyRequest, id: string, body: ReportTriageBody): Promise<Report> {
    return this.transition(request, id, 'triage', async (tx, report, now) => {
      const cls = (body.class ?? report.class) as ReportClassKey | null;
      if (!cls) throw new AppError('REPORT_CLASS_REQUIRED');
      const received = this.app.resources.clock.businessDate(report.createdAt);
      const dueAt = await resolveDeadline(this.app, report.regionCode, cls, received);
      return { from: ['RECEIVED'], to: 'TRIAGED', data: { class: cls, dueAt, triagedAt: now }, note: body.note };
    });
  }

  assign(request: FastifyRequest, id: string, body: ReportAssignBody): Promise<Report> {
    return this.transition(request, id, 'assign', async (tx, report, now) => {
      const officeId = body.officeId ?? report.officeId;
      const office = await tx.office.findUnique({ where: { id: officeId }, select: { id: true, regionCode: true, name: true } });
      const me = await tx.user.findUniqueOrThrow({ where: { id: request.auth!.userId }, select: { roles: true, regionCode: true } });
      const inScope = office && (me.roles.includes('ADMIN') || (me.regionCode !== null && regionContains(me.regionCode, office.regionCode)));
      if (!office || !inScope) throw new AppError('REPORT_ASSIGNEE_INVALID');
      if (body.staffId) {
        const clerk = await tx.user.findUnique({ where: { id: body.staffId }, select: { roles: true, officeId: true, disabled: true } });
        if (!clerk || clerk.disabled || !clerk.roles.includes('CLERK') || clerk.officeId !== office.id) throw new AppError('REPORT_ASSIGNEE_INVALID');
      }
      return {
        from: ['TRIAGED', 'ASSIGNED'],
        to: 'ASSIGNED',
        data: { assignedOfficeId: office.id, assignedStaffId: body.staffId ?? null, assignedAt: now },
        note: body.note,
        words: `已转办至${office.name}`,
      };
    });
  }

  resolve(request: FastifyRequest, id: string, body: ReportResolveBody): Promise<Report> {
    return this.transition(request, id, 'resolve', async (_tx, _report, now) => ({
      from: ['ASSIGNED'],
      to: 'RESOLVED',
      data: { resolvedAt: now, ...(body.resolution ? { resolution: body.resolution } : {}) },
      note: body.note ?? body.resolution,
      inviteRating: true,
    }));
  }

  confirm(request: FastifyRequest, id: string, body: ReportNoteBody): Promise<Report> {
    return this.transition(request, id, 'confirm', async (_tx, _report, now) => ({ from: ['RESOLVED'], to: 'CONFIRMED', data: { confirmedAt: now }, note: body.note }));
  }

  /** Once, by the reporter, within 15 days of the resolution: back to the hall it was assigned to, with a new deadline. */
  reopen(request: FastifyRequest, id: string, body: ReportNoteBody): Promise<Report> {
    return this.transition(request, id, 'reopen', async (_tx, report, now) => {
      const today = this.app.resources.clock.businessDate(now);
      const dueAt = await resolveDeadline(this.app, report.regionCode, (report.class ?? 'GENERAL') as ReportClassKey, today);
      return {
        from: ['RESOLVED', 'CONFIRMED'],
        to: 'ASSIGNED',
        where: { reopenedAt: null, resolvedAt: { gt: new Date(now.getTime() - REOPEN_WINDOW_DAYS * 86_400_000) } },
        data: { reopenedAt: now, confirmedAt: null, dueAt, escalationLevel: 0, escalatedAt: null },
        note: body.note,
      };
    });
  }

  /** The reporter closes a resolved case (satisfied); a supervisor closes one after the callback. */
  close(request: FastifyRequest, id: string, body: ReportNoteBody): Promise<Report> {
    return this.transition(request, id, 'close', async (_tx, report, now) => {
      const byReporter = report.reporterId !== null && this.app.policy.subjectOf(request) === report.reporterId;
      return { from: byReporter ? ['RESOLVED', 'CONFIRMED'] : ['CONFIRMED'], to: 'CLOSED', data: { closedAt: now }, note: body.note };
    });
  }

  private async transition(
    request: FastifyRequest,
    id: string,
    step: Step,
    plan: (
      tx: Tx,
      report: ReportWithSteps,
      now: Date,
    ) => Promise<{ from: ReportStatus[]; to: ReportStatus; data: Prisma.ReportUpdateManyMutationInput; where?: Prisma.ReportWhereInput; note?: string | undefined; words?: string; inviteRating?: boolean }>,
  ): Promise<Report> {
    const now = this.now();
    const actorId = request.auth!.userId;
    const changed = await this.prisma.$transaction(async (tx) => {
      const report = await tx.report.findUniqueOrThrow({ where: { id }, include: REPORT_VIEW_INCLUDE });
      const p = await plan(tx, report, now);
      const { count } = await tx.report.updateMany({ where: { id, status: { in: p.from }, ...(p.where ?? {}) }, data: { ...p.data, status: p.to } });
      if (count === 0) return false;
      await tx.reportStep.create({ data: { reportId: id, at: now, actorId, action: step, fromStatus: report.status, toStatus: p.to, note: p.note ?? null } });
      const after = await tx.report.findUniqueOrThrow({ where: { id } });
      await this.notice(tx, after, step, now, after.status === 'TRIAGED' || after.status === 'ASSIGNED' ? after.dueAt : null, { words: p.words, note: p.note ?? null, inviteRating: p.inviteRating });
      await this.audit(request, tx, `report.${step}`, id);
      return true;
    });
    if (!changed) throw await this.refusal(id, step, now);
    return this.view(id, step !== 'reopen' && !(step === 'close' && (await this.facts(id))?.reporterId === this.app.policy.subjectOf(request)));
  }

  /** Why a transition changed nothing, in words (read after the attempt). */
  private async refusal(id: string, step: Step, now: Date): Promise<AppError> {
    const report = await this.prisma.report.findUniqueOrThrow({ where: { id }, select: { status: true, reopenedAt: true, resolvedAt: true } });
    if (step === 'reopen' && (report.status === 'RESOLVED' || report.status === 'CONFIRMED')) {
      if (report.reopenedAt) return new AppError('REPORT_REOPEN_USED');
      if (report.resolvedAt && report.resolvedAt.getTime() <= now.getTime() - REOPEN_WINDOW_DAYS * 86_400_000) return new AppError('REPORT_REOPEN_EXPIRED');
    }
    return new AppError('REPORT_STATE', `该反映${REPORT_STATUS_LABELS[report.status]}，不能${STEP_WORDS[step]?.replace(/^已/, '') ?? '进行此操作'}`);
  }

  /**
   * Tells the reporter of a step in the app (when they have an account), whatever their contact
   * preference: the app is the record, and the message promises nothing beyond it (a phone call
   * is staff's to make; the desk shows the preference).
   */
  private async notice(
    tx: Tx,
    report: { id: string; reporterId: string | null; officeId: string; status: ReportStatus; contactPreference: string },
    step: string,
    now: Date,
    dueAt: Date | null,
    extra: { words?: string | undefined; note?: string | null; inviteRating?: boolean | undefined } = {},
  ): Promise<void> {
    if (!report.reporterId) return;
    const office = await tx.office.findUnique({ where: { id: report.officeId }, select: { name: true } });
    const facts: ReportUpdatedFacts = {
      reportId: report.id,
      words: extra.words ?? STEP_WORDS[step] ?? step,
      statusWords: REPORT_STATUS_LABELS[report.status],
      officeName: office?.name ?? '',
      dueAt: dueAt ? dueAt.toISOString() : null,
      ...(extra.inviteRating ? { inviteRating: true } : {}),
      ...(extra.note ? { note: extra.note } : {}),
      at: now.toISOString(),
    };
    await tell(this.app, tx, 'REPORT_UPDATED', report.reporterId, `REPORT_UPDATED:${report.id}:${step}:${now.getTime()}`, facts, now);
  }

  private async audit(request: FastifyRequest, tx: Tx, action: string, id: string): Promise<void> {
    await this.app.audit.record({ actorId: request.auth!.userId, action, resourceType: 'report', resourceId: id, result: 'OK' }, request, tx);
  }
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key.length > 0 && key.length <= 100 ? key : undefined;
}

const encodeCursor = (row: { createdAt: Date; id: string }): string => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CURSOR_AT = /^20\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque to clients: anything encodeCursor did not write is a 400. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at);
  if (rest.length > 0 || !CURSOR_AT.test(at) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at || !CURSOR_ID.test(id)) {
    throw new AppError('VALIDATION_FAILED', '分页参数不正确', [{ field: 'querystring.cursor', rule: 'cursor' }]);
  }
  return { createdAt, id };
}
export { encodeCursor };
