// Grants in words (DESIGN.md §4: never colour alone): the scopes as a person says them, a grant's
// state with a shape, its last day on the server's calendar, and how long a new one lasts.
import { FAMILY_GRANT_DAYS, type GrantScopeKey } from '@palm/shared';
import type { Grant } from '../../api/grants';
import type { StatusTone } from '../../components/status-tag';
import { serverNow, shanghaiDate } from '../../lib/server-clock';

/** The scopes the invite form offers, in plain words, with what each lets the other person do. */
export const SCOPE_CHOICES: readonly { scope: GrantScopeKey; title: string; detail: string }[] = [
  { scope: 'APPOINTMENT', title: '预约办事', detail: '替您预约、改约、取消预约和候补' },
  { scope: 'QUEUE', title: '排队取号', detail: '替您在大厅取号、查看排队' },
  { scope: 'APPLICATION', title: '申办事项', detail: '替您提交办事申请' },
  { scope: 'LICENCE_PRESENT', title: '出示电子证照', detail: '替您出示证照' },
  { scope: 'REPORT', title: '反映问题', detail: '替您反映问题、提建议' },
];

/** The relations the form offers (family). */
export const RELATION_CHOICES = ['配偶', '子女', '父母', '其他亲属'] as const;

/** "2027年12月6日" of a YYYY-MM-DD. */
export const dateWords = (date: string): string => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** A grant's last day (validUntil is the instant it ends: the day before, in Asia/Shanghai). */
export const lastDayOf = (validUntil: string): string => shanghaiDate(0, Date.parse(validUntil) - 1);

/** How long a new grant lasts: the choices of the form, a year by default (family). */
export const LENGTH_CHOICES: readonly { id: string; title: string; days: number }[] = [
  { id: 'year', title: '一年（默认）', days: FAMILY_GRANT_DAYS },
  { id: 'half', title: '半年', days: 182 },
  { id: 'quarter', title: '三个月', days: 90 },
  { id: 'month', title: '一个月', days: 30 },
];

/** The last day (YYYY-MM-DD) of a grant of `days` from today on the server's calendar (as the BFF counts). */
export const lastDayAfter = (days: number): string => shanghaiDate(days, serverNow());

/** The state in words and a shape. */
export function grantState(grant: Grant): { text: string; tone: StatusTone } {
  if (grant.status === 'ACTIVE') return { text: `有效，至${dateWords(lastDayOf(grant.validUntil))}`, tone: 'open' };
  if (grant.status === 'PENDING') return { text: grant.awaiting === 'ME' ? '等您答复' : '等对方答复', tone: 'notice' };
  if (grant.status === 'REJECTED') return { text: '已拒绝', tone: 'closed' };
  if (grant.status === 'EXPIRED') return { text: '已到期', tone: 'closed' };
  if (grant.revokedBy === 'STAFF') return { text: '已在窗口撤销', tone: 'closed' };
  return { text: grant.revokedBy === 'ME' ? '已由您撤销' : '已由对方撤销', tone: 'closed' };
}

/** "他/她" is not known from a masked name: the page says 代TA办理 in the button's own words. */
export const actForWords = (name: string): string => `代 ${name} 办理`;
