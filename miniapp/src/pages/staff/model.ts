// What the desk shows, as pure functions the pages and their tests share: the next steps a staff
// member may take on a case in its state (the BFF checks again; a step it refuses is a 409 in
// words), a deadline in words and tone (逾期 / 即将到期 — never only a colour), rates as whole
// percentages.
import type { Me } from '@palm/shared/server';
import type { CaseAction, Report } from '../../api/desk';

export const CASE_ACTION_WORDS: Readonly<Record<CaseAction, string>> = {
  triage: '分类',
  assign: '转办',
  resolve: '办结',
  confirm: '回访确认',
  close: '结案',
};

/**
 * How the reporter asked to be told of the result (the report form's 处理结果怎么告诉您), for staff.
 * Messages in the app are written whatever the choice (the app is the record); a phone call is
 * staff's to make — the desk says so.
 */
export const CONTACT_WORDS: Readonly<Record<Report['contactPreference'], string>> = {
  IN_APP: '在掌上办告知',
  PHONE: '希望电话告知',
  NONE: '不用联系',
};

type Staff = Pick<Me, 'roles' | 'officeId'> | null | undefined;

export const isSupervisor = (me: Staff): boolean => me?.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN') ?? false;
export const isClerk = (me: Staff): boolean => me?.roles.includes('CLERK') ?? false;
export const isStaff = (me: Staff): boolean => isSupervisor(me) || isClerk(me);

/**
 * The legal next steps for this person on this case (bff/src/reports/README.md): supervisors
 * triage, assign (again while assigned), confirm after the callback and close a confirmed case;
 * clerks of the assigned hall resolve it.
 */
export function legalActions(report: Pick<Report, 'status' | 'assignedOffice'>, me: Staff): CaseAction[] {
  const supervisor = isSupervisor(me);
  const ownHall = isClerk(me) && !!me?.officeId && report.assignedOffice?.id === me.officeId;
  switch (report.status) {
    case 'RECEIVED':
      return supervisor ? ['triage'] : [];
    case 'TRIAGED':
      return supervisor ? ['assign'] : [];
    case 'ASSIGNED':
      return [...(ownHall ? (['resolve'] as const) : []), ...(supervisor ? (['assign'] as const) : [])];
    case 'RESOLVED':
      return supervisor ? ['confirm'] : [];
    case 'CONFIRMED':
      return supervisor ? ['close'] : [];
    case 'CLOSED':
      return [];
  }
}

export type DueTone = 'overdue' | 'near' | 'ok' | 'none';

/** The running deadline in words: 逾期 / 即将到期 first, then the day. */
export function dueOf(deadline: Report['deadline']): { tone: DueTone; label: string; words: string } {
  const day = deadline.day ? `期限 ${deadline.day}` : '';
  const kind = deadline.kind === 'ACK' ? '受理确认' : deadline.kind === 'RESOLVE' ? '办结' : '';
  // The BFF's words (已超期 / 即将到期 / 剩余N个工作日) after the day, unless the label says them already.
  const when = [kind && `${kind}${day}`, deadline.words !== '即将到期' && deadline.words].filter(Boolean).join('，');
  if (deadline.overdue) return { tone: 'overdue', label: '逾期', words: when };
  if (deadline.near) return { tone: 'near', label: '即将到期', words: when };
  if (!deadline.kind) return { tone: 'none', label: '', words: '' };
  return { tone: 'ok', label: '', words: when };
}

/** A rate 0…1 as a whole percentage; no cases yet is said in words. */
export const percent = (rate: number | null): string => (rate === null ? '暂无' : `${Math.round(rate * 100)}%`);

/** The UTC instant as the day and minute in Asia/Shanghai (staff work in the hall's time). */
export function shanghaiMinute(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}
