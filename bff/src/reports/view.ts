// Report rows → ReportSchema: the deadline in words, the steps with "who" in words (您 / 代办人 /
// 工作人员 / 系统 — never a staff member's name), and for staff the reporter masked.
import type { Prisma, Report as ReportRow, ReportStep } from '@palm/db/client';
import { photoUrl } from './photos';
import { maskName, REPORT_CLASS_LABELS, REPORT_STATUS_LABELS, REOPEN_WINDOW_DAYS, type WorkingCalendar } from '@palm/shared';
import type { Report } from '@palm/shared/server';

export const STEP_WORDS: Readonly<Record<string, string>> = {
  received: '已受理',
  'walk-in': '窗口代为登记',
  triage: '已分类',
  assign: '已转办',
  resolve: '已办结',
  confirm: '已回访',
  reopen: '重新打开',
  close: '已结案',
  escalate: '超期提级督办',
};

/** What a report is read with for its view: the steps in order, its photos' ids. */
export const REPORT_VIEW_INCLUDE = {
  steps: { orderBy: { id: 'asc' } },
  photos: { select: { id: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.ReportInclude;

export type ReportWithSteps = ReportRow & { steps: ReportStep[]; photos: { id: string }[] };

export interface ViewContext {
  now: Date;
  today: string;
  calendar: WorkingCalendar;
  names: { offices: Map<string, string>; services: Map<string, string>; people: Map<string, string | null> };
  /** Staff see the reporter masked. */
  staff: boolean;
}

const dayBefore = (at: Date): string => new Date(at.getTime() + 8 * 3600_000 - 1).toISOString().slice(0, 10);

export function deadlineOf(row: Pick<ReportRow, 'status' | 'ackDueAt' | 'dueAt'>, ctx: Pick<ViewContext, 'now' | 'today' | 'calendar'>): Report['deadline'] {
  const kind = row.status === 'RECEIVED' ? 'ACK' : row.status === 'TRIAGED' || row.status === 'ASSIGNED' ? 'RESOLVE' : null;
  const at = kind === 'ACK' ? row.ackDueAt : kind === 'RESOLVE' ? row.dueAt : null;
  if (!kind || !at) return { kind, at: null, day: null, overdue: false, near: false, words: '' };
  const day = dayBefore(at);
  const overdue = ctx.now >= at;
  const left = overdue ? 0 : ctx.calendar.workingDaysBetween(ctx.today, day);
  const near = !overdue && left <= 1;
  const words = overdue ? '已超期' : near ? '即将到期' : `剩余${left}个工作日`;
  return { kind, at: at.toISOString(), day, overdue, near, words };
}

export function toReportView(row: ReportWithSteps, ctx: ViewContext): Report {
  const who = (actorId: string | null): string => {
    if (actorId === null) return '系统';
    if (actorId === row.reporterId) return '本人';
    if (actorId === row.actorId) return '代办人';
    return '工作人员';
  };
  const reopenUntil = row.resolvedAt ? new Date(row.resolvedAt.getTime() + REOPEN_WINDOW_DAYS * 86_400_000) : null;
  const reporterName = row.reporterId ? ctx.names.people.get(row.reporterId) : null;
  return {
    id: row.id,
    status: row.status,
    statusWords: REPORT_STATUS_LABELS[row.status],
    class: row.class,
    classWords: row.class ? REPORT_CLASS_LABELS[row.class] : null,
    text: row.text,
    contactPreference: row.contactPreference,
    about: {
      service: row.serviceId ? { id: row.serviceId, name: ctx.names.services.get(row.serviceId) ?? '' } : null,
      office: { id: row.officeId, name: ctx.names.offices.get(row.officeId) ?? '' },
      ticketId: row.ticketId,
      appointmentId: row.appointmentId,
      ratingId: row.ratingId,
    },
    assignedOffice: row.assignedOfficeId ? { id: row.assignedOfficeId, name: ctx.names.offices.get(row.assignedOfficeId) ?? '' } : null,
    ...(ctx.staff ? { reporter: reporterName ? maskName(reporterName) : (row.contactPhoneMasked ?? (row.walkInName ? maskName(row.walkInName) : null)) } : {}),
    ...(ctx.staff ? { assignedStaff: row.assignedStaffId ? { id: row.assignedStaffId, name: ctx.names.people.get(row.assignedStaffId) ?? '工作人员' } : null } : {}),
    walkIn: row.takerId !== null,
    deadline: deadlineOf(row, ctx),
    resolution: row.resolution,
    escalationLevel: row.escalationLevel,
    reopened: row.reopenedAt !== null,
    canReopen: (row.status === 'RESOLVED' || row.status === 'CONFIRMED') && row.reopenedAt === null && reopenUntil !== null && ctx.now < reopenUntil,
    createdAt: row.createdAt.toISOString(),
    steps: row.steps.map((s) => ({
      at: s.at.toISOString(),
      action: s.action,
      words: STEP_WORDS[s.action] ?? s.action,
      from: s.fromStatus,
      to: s.toStatus,
      note: s.note,
      by: who(s.actorId),
    })),
    photos: row.photos.map((p) => ({ id: p.id, url: photoUrl(row.id, p.id) })),
  };
}
