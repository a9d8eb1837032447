// 我的网格 in words (DESIGN.md §4: a state is never told by colour alone): a resident's grant toward
// the worker and a task's state as status tags (words + shape), dates as people say them.
import { GRID_GRANT_STATE_LABELS, GRID_TASK_STATUS_LABELS } from '@palm/shared';
import type { GridGrant, GridResident, GridTask } from '../../api/grid';
import type { StatusTone } from '../../components/status-tag';
import { dayLabel } from '../../features/appointments/words';
import { shanghaiDate } from '../../lib/server-clock';

/** 2月21日 (Asia/Shanghai) of an instant. */
export function monthDay(instant: string): string {
  const date = shanghaiDate(0, new Date(instant).getTime());
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** What a grant lets the worker do, as the resident reads it. */
const GRANT_SCOPE_WORDS: Readonly<Record<string, string>> = {
  APPOINTMENT: '预约',
  QUEUE: '排队取号',
  APPLICATION: '申办事项',
  LICENCE_PRESENT: '出示电子证照',
  REPORT: '反映问题',
};

/** The grant as a status tag: ● in force (until when), ! waiting for the resident, ○ ended, · none. */
export function grantTag(grant: GridGrant): { tone: StatusTone; text: string; detail?: string } {
  const text = GRID_GRANT_STATE_LABELS[grant.state];
  if (grant.state === 'ACTIVE') return { tone: 'open', text, detail: grant.validUntil ? `至${monthDay(grant.validUntil)}` : undefined };
  if (grant.state === 'PENDING') return { tone: 'notice', text };
  if (grant.state === 'NONE') return { tone: 'neutral', text };
  return { tone: 'closed', text, detail: grant.endedAt ? `${monthDay(grant.endedAt)}起` : undefined };
}

/** The task's state as a status tag: · to visit, ! visited (to finish), ● done, ○ cancelled. */
export function taskTag(task: Pick<GridTask, 'status'>): { tone: StatusTone; text: string } {
  const tone: Record<GridTask['status'], StatusTone> = { PLANNED: 'neutral', VISITED: 'notice', DONE: 'open', CANCELLED: 'closed' };
  return { tone: tone[task.status], text: GRID_TASK_STATUS_LABELS[task.status] };
}

/** 李** · 70–79岁 */
export const residentName = (r: Pick<GridResident, 'nameMasked' | 'ageBand'>): string => [r.nameMasked ?? '未实名居民', r.ageBand].filter(Boolean).join(' · ');

/** Whether the worker may plan a visit: consent asked or in force. */
export const mayPlan = (r: Pick<GridResident, 'grant'>): boolean => r.grant.state === 'ACTIVE' || r.grant.state === 'PENDING';

/** Whether 请求授权 applies: no grant in force or waiting, and a phone to answer on. */
export const mayAsk = (r: Pick<GridResident, 'grant' | 'hasPhone'>): boolean => r.hasPhone && !mayPlan(r);

/** 预约、排队取号、申办事项 */
export const scopeWords = (scopes: readonly string[]): string => scopes.map((s) => GRANT_SCOPE_WORDS[s] ?? s).join('、');

/** 今天 11月23日 周一, 明天 …, 后天 …, else 11月26日 周四; a day gone by says so (an overdue visit). */
export function plannedLabel(date: string, today: string): string {
  const offset = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (offset < 0) return `${dayLabel(date)}（已过）`;
  const relative = ['今天', '明天', '后天'][offset];
  return relative ? `${relative} ${dayLabel(date)}` : dayLabel(date);
}
