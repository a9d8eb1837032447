// What a notification says, per channel, from the facts stored in its outbox row (number, service,
// hall, window — never a phone, an ID number or a name). Rendering at send/read time keeps one
// row format for every channel; the platform templates' keyword layouts are listed in README.md.
import type { NotificationKind } from '@palm/shared/server';
import type { Platform } from '../generated/prisma/client';
import type { Config } from '../config';
import type { Integrations } from '../integrations';

export type { NotificationKind };
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['TICKET_NEAR', 'TICKET_CALLED'];

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

/** The mini-program page a message opens (the ticket page of the queue pages). */
export const ticketPage = (ticketId: string | null): string | undefined => (ticketId ? `pages/ticket/index?id=${ticketId}` : undefined);

/** Configured template ids per platform and kind; a platform without a client has none. */
export type TemplateTable = Record<Platform, Partial<Record<NotificationKind, string>>>;

export function templateTable(config: Config, integrations: Pick<Integrations, 'wechat' | 'alipay'>): TemplateTable {
  return {
    WECHAT: integrations.wechat ? { TICKET_NEAR: config.WECHAT_TEMPLATE_TICKET_NEAR, TICKET_CALLED: config.WECHAT_TEMPLATE_TICKET_CALLED } : {},
    ALIPAY: integrations.alipay ? { TICKET_NEAR: config.ALIPAY_TEMPLATE_TICKET_NEAR, TICKET_CALLED: config.ALIPAY_TEMPLATE_TICKET_CALLED } : {},
  };
}

/**
 * Free text shortened for a field of `max` characters: a trailing bracketed qualifier goes first
 * ("社会保障卡申领（补领、换领）" → "社会保障卡申领"), then the end, marked with "…". Code points,
 * as WeChat and Alipay count them.
 */
export function shortText(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join('');
  const bare = [...text.trim().replace(/\s*[（(][^（()）]*[)）]\s*$/u, '')];
  if (bare.length > 0 && bare.length <= max) return bare.join('');
  return `${bare.slice(0, max - 1).join('')}…`;
}

const BUSINESS_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** "2026-11-23 09:30" in Asia/Shanghai: WeChat's `time` type. */
const businessTime = (iso: string): string => BUSINESS_TIME.format(new Date(iso));

const windowName = (f: TicketFacts): string => `${f.counterNumber ?? ''}号窗口`;

export function renderInApp(kind: NotificationKind, f: TicketFacts): { title: string; body: string } {
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
export function renderWechat(kind: NotificationKind, f: TicketFacts): Record<string, { value: string }> {
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
export function renderAlipay(kind: NotificationKind, f: TicketFacts): Record<string, { value: string }> {
  const text = renderInApp(kind, f);
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
