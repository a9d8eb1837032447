// A queue ticket's state and priority lane in words (DESIGN.md §4: colour is never the only cue)
// and the lines the ticket pages share: the wait range and the window to go to.
import type { TicketPriorityKey, TicketStatusKey, WaitEstimate } from '@palm/shared';
import type { StatusTone } from '../../components/status-tag';

export const TICKET_STATUS: Record<TicketStatusKey, { text: string; tone: StatusTone }> = {
  WAITING: { text: '排队中', tone: 'open' },
  CALLED: { text: '正在叫号', tone: 'notice' },
  SERVING: { text: '正在办理', tone: 'open' },
  DONE: { text: '已办结', tone: 'neutral' },
  SKIPPED: { text: '已过号', tone: 'closed' },
  CANCELLED: { text: '已取消', tone: 'closed' },
  TRANSFERRED: { text: '已转办', tone: 'neutral' },
};

/**
 * The priority lane in words beside the state, on the holder's own pages (the window panel has its
 * own, counter-words.ts): a lane is said, never shown by colour alone. NORMAL says nothing.
 */
export const TICKET_PRIORITY: Record<TicketPriorityKey, string | undefined> = {
  NORMAL: undefined,
  APPOINTMENT: '预约优先',
  ELDERLY: '长者优先',
  DISABLED: '残疾人优先',
};

/** Tickets still in line or at a window (the rest are history). */
export const isActiveTicket = (status: TicketStatusKey): boolean => status === 'WAITING' || status === 'CALLED' || status === 'SERVING';

/** 5–8 分钟; about no wait at all says so instead of "0–0". */
export function formatEstimate(estimate: WaitEstimate | null | undefined): string {
  if (!estimate) return '暂无窗口办理，暂不能预估';
  if (estimate.highMinutes <= 1) return '马上就到';
  return `${estimate.lowMinutes}–${estimate.highMinutes} 分钟`;
}

/** 请到 3 号窗口 (with its name when it has one beyond the number). */
export function windowLine(counter: { number: number; name: string } | null): string {
  return counter ? `请到 ${counter.number} 号窗口` : '请留意大厅叫号屏';
}
