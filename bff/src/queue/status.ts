// How a ticket's status and the steps on it are said to people, for the 409s of illegal steps
// ("该号码已办结，不能过号").
import type { TicketAction, TicketStatusKey } from '@palm/shared';
import { AppError } from '../lib/errors';

const STATUS_WORDS: Record<TicketStatusKey, string> = {
  WAITING: '正在等候',
  CALLED: '已叫号',
  SERVING: '正在办理',
  DONE: '已办结',
  SKIPPED: '已过号',
  CANCELLED: '已取消',
  TRANSFERRED: '已转办',
};

/** 409 TICKET_STATE naming the ticket's actual status and the refused step. */
export function illegalStep(status: TicketStatusKey, verb: string): AppError {
  return new AppError('TICKET_STATE', `该号码${STATUS_WORDS[status]}，不能${verb}`);
}

/** Each step on a ticket, as a refusal names it. */
export const VERBS: Record<TicketAction, string> = {
  call: '叫号',
  recall: '重新叫号',
  skip: '过号',
  rejoin: '重新排队',
  start: '开始办理',
  finish: '办结',
  transfer: '转办',
  cancel: '取消',
};
