// 办不成事 and 好差评 in words: what a report is about (from the page it was opened on, carried in
// the query so nobody retypes it), the deadline, each step of the timeline, the five rating levels.
import { RATING_LEVEL_LABELS, REPORT_STATUS_LABELS, type RatingLevel, type ReportStatusKey } from '@palm/shared';
import type { Report, ReportAbout } from '../../api/reports';
import type { StatusTone } from '../../components/status-tag';
import { dayLabel, shanghaiTime } from '../appointments/words';
import { shanghaiDate } from '../../lib/server-clock';

/**
 * Where a 办不成事 form was opened from: the ids the report is about, and the words shown for them
 * (the hall's and service's names, "排队号 A023"), all as query parameters of the form page.
 */
export interface ReportContext {
  ticketId?: string;
  appointmentId?: string;
  officeId?: string;
  serviceId?: string;
  ratingId?: string;
  officeName?: string;
  serviceName?: string;
  /** The handling in words: 排队号 A023, 12月3日 周四 09:00 的预约, 您的评价“不满意”. */
  what?: string;
}

const CONTEXT_KEYS = ['ticketId', 'appointmentId', 'officeId', 'serviceId', 'ratingId', 'officeName', 'serviceName', 'what'] as const;

/** The context from a page's query (decoded; unknown keys dropped). */
export function contextFromQuery(params: Record<string, string | undefined>): ReportContext {
  const context: ReportContext = {};
  for (const key of CONTEXT_KEYS) {
    const value = params[key];
    if (value) context[key] = safeDecode(value);
  }
  return context;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The context as a query for openPage (which encodes it). */
export const contextQuery = (context: ReportContext): Record<string, string | undefined> => ({ ...context });

/** The ids the BFF takes: the most precise object wins its hall and service, so only it is sent. */
export function aboutOf(context: ReportContext): ReportAbout {
  if (context.ratingId) return { ratingId: context.ratingId };
  if (context.ticketId) return { ticketId: context.ticketId };
  if (context.appointmentId) return { appointmentId: context.appointmentId };
  return { ...(context.officeId ? { officeId: context.officeId } : {}), ...(context.serviceId ? { serviceId: context.serviceId } : {}) };
}

/** The rows of 反映的是 on the form: [label, words]. */
export function contextFacts(context: ReportContext): [string, string][] {
  const rows: [string, string][] = [];
  if (context.what) rows.push(['关于', context.what]);
  if (context.serviceName) rows.push(['事项', context.serviceName]);
  if (context.officeName) rows.push(['大厅', context.officeName]);
  return rows;
}

/** "12月3日 周四 09:40" on the server's clock in Asia/Shanghai. */
export const whenWords = (at: string): string => `${dayLabel(shanghaiDate(0, Date.parse(at)))} ${shanghaiTime(at)}`;

/** "12月8日 周二" for a business day. */
export const dayWords = (day: string): string => dayLabel(day);

export const statusWords = (status: string): string => REPORT_STATUS_LABELS[status as ReportStatusKey] ?? status;

export function statusTone(report: Pick<Report, 'status' | 'deadline'>): StatusTone {
  if (report.deadline.overdue) return 'notice';
  if (report.status === 'CLOSED') return 'closed';
  return 'open';
}

/** The deadline line: "请在12月8日 周二前办结（剩余3个工作日）", "已超期：应在…前办结", or null once resolved. */
export function deadlineWords(deadline: Report['deadline']): string | null {
  if (!deadline.kind || !deadline.day) return null;
  const what = deadline.kind === 'ACK' ? '受理确认' : '办结';
  const day = dayWords(deadline.day);
  if (deadline.overdue) return `已超期：应在${day}前${what}`;
  return `${day}前${what}${deadline.words ? `（${deadline.words}）` : ''}`;
}

/** Levels from the best to the worst, each with its words. */
export const LEVELS: { level: RatingLevel; words: string }[] = ([5, 4, 3, 2, 1] as const).map((level) => ({ level, words: RATING_LEVEL_LABELS[level] }));

export const TARGET_WORDS: Record<string, string> = { TICKET: '排队办理', APPOINTMENT: '预约办理', REPORT: '反映的处理结果' };
