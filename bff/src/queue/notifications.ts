// The queue's notification kinds (notify/kind-spec.ts) and what they say ("快到您了", "请到 N 号
// 窗口"): the number, the service, the hall and the window, from the facts in the outbox row.
// Written by notify/enqueue.ts; layouts of the platform templates: notify/README.md.
import { defineKinds, kind } from '../notify/kind-spec';
import { businessTime, shortText } from '../notify/text';

/** The facts a ticket notification is rendered from (the outbox row's `payload`). */
export interface TicketFacts {
  displayNumber: string;
  serviceName: string;
  officeName: string;
  /** TICKET_NEAR: people ahead and the upper estimate (null without an open window) when it fired. */
  peopleAhead?: number;
  estimateHighMinutes?: number | null;
  /** TICKET_CALLED: the window. */
  counterNumber?: number;
  counterName?: string;
  /** When it happened (ISO). */
  at: string;
}
export type TicketKind = 'TICKET_NEAR' | 'TICKET_CALLED';

const windowName = (f: TicketFacts): string => `${f.counterNumber ?? ''}号窗口`;

export function renderTicketInApp(kind: TicketKind, f: TicketFacts): { title: string; body: string } {
  if (kind === 'TICKET_CALLED') {
    return {
      title: `请到 ${f.counterNumber ?? ''} 号窗口`,
      body: `${f.displayNumber} 号请到${f.officeName} ${windowName(f)}${f.counterName ? `（${f.counterName}）` : ''}办理${f.serviceName}。`,
    };
  }
  const ahead = f.peopleAhead === 0 ? '下一位就是您' : `前面还有 ${f.peopleAhead ?? 0} 人`;
  const estimate = f.estimateHighMinutes != null && f.peopleAhead !== 0 ? `，预计 ${f.estimateHighMinutes} 分钟内` : '';
  return {
    title: '快到您了',
    body: `您的 ${f.displayNumber} 号（${f.serviceName}）${ahead}${estimate}，请到${f.officeName}留意叫号。`,
  };
}

/**
 * WeChat subscribe-message data (keywords as in README.md). Values already fit WeChat's field rules
 * (thing ≤ 20, character_string ≤ 32 ASCII, number, time); checkSubscribeData checks again.
 */
export function renderTicketWechat(kind: TicketKind, f: TicketFacts): Record<string, { value: string }> {
  if (kind === 'TICKET_CALLED') {
    return {
      character_string1: { value: f.displayNumber },
      thing2: { value: shortText(f.counterName ? `${windowName(f)} ${f.counterName}` : windowName(f), 20) },
      thing3: { value: shortText(f.serviceName, 20) },
      time4: { value: businessTime(f.at) },
      thing5: { value: '请尽快前往窗口办理' },
    };
  }
  return {
    character_string1: { value: f.displayNumber },
    thing2: { value: shortText(f.serviceName, 20) },
    number3: { value: String(f.peopleAhead ?? 0) },
    thing4: { value: shortText(f.officeName, 20) },
    thing5: { value: '请留意叫号，过号可重新排队一次' },
  };
}

/** Alipay template data: keyword1… in the template's order, each ≤ 50 characters. */
export function renderTicketAlipay(kind: TicketKind, f: TicketFacts): Record<string, { value: string }> {
  const text = renderTicketInApp(kind, f);
  if (kind === 'TICKET_CALLED') {
    return {
      keyword1: { value: f.displayNumber },
      keyword2: { value: shortText(`${windowName(f)}${f.counterName ? ` ${f.counterName}` : ''}`, 50) },
      keyword3: { value: shortText(f.serviceName, 50) },
      keyword4: { value: businessTime(f.at) },
      keyword5: { value: shortText(text.title, 50) },
    };
  }
  return {
    keyword1: { value: f.displayNumber },
    keyword2: { value: shortText(f.serviceName, 50) },
    keyword3: { value: `前面还有 ${f.peopleAhead ?? 0} 人` },
    keyword4: { value: shortText(f.officeName, 50) },
    keyword5: { value: '请留意叫号' },
  };
}

const ticketKind = (k: TicketKind) =>
  kind<TicketFacts>({ template: k, inApp: (f) => renderTicketInApp(k, f), wechat: (f) => renderTicketWechat(k, f), alipay: (f) => renderTicketAlipay(k, f) });

export const QUEUE_NOTIFICATIONS = defineKinds({
  /** "快到您了", once per ticket: people ahead or the estimate's upper bound fell to the hall's threshold. */
  TICKET_NEAR: ticketKind('TICKET_NEAR'),
  /** "请到 N 号窗口", on every call and recall. */
  TICKET_CALLED: ticketKind('TICKET_CALLED'),
});
