// Queue states said in words, for the window panel and the hall board: a state is never shown by
// colour alone (DESIGN.md §4), so every tag carries one of these words and a shape.
import type { TicketChannelKey, TicketPriorityKey, TicketStatusKey } from '@palm/shared';
import type { StatusTone } from '../../components/status-tag';

export const PRIORITY_WORDS: Record<TicketPriorityKey, string> = {
  NORMAL: '普通',
  APPOINTMENT: '预约优先',
  ELDERLY: '老年人优先',
  DISABLED: '残疾人优先',
};

export const CHANNEL_WORDS: Record<TicketChannelKey, string> = {
  ONLINE: '线上取号',
  KIOSK: '取号机',
  APPOINTMENT: '预约签到',
  PROXY: '代办取号',
  WINDOW: '窗口取号',
};

export const TICKET_STATUS_WORDS: Record<TicketStatusKey, string> = {
  WAITING: '等候中',
  CALLED: '已叫号，等候到窗口',
  SERVING: '正在办理',
  DONE: '已办结',
  SKIPPED: '已过号',
  CANCELLED: '已取消',
  TRANSFERRED: '已转办',
};

export interface CounterStateView {
  tone: StatusTone;
  text: string;
}

/** OPEN / PAUSED / CLOSED (any other value is shown as it comes). */
export function counterState(state: string): CounterStateView {
  if (state === 'OPEN') return { tone: 'open', text: '开放中' };
  if (state === 'PAUSED') return { tone: 'notice', text: '暂停服务' };
  if (state === 'CLOSED') return { tone: 'closed', text: '已关闭' };
  return { tone: 'neutral', text: state };
}

/** "3号窗口" — the way halls name a window aloud. */
export const counterLabel = (number: number): string => `${number}号窗口`;
