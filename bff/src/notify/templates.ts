// What a notification says, per channel, from the facts stored in its outbox row (number, service,
// hall, window, appointment time and code — never a phone, an ID number or a name). Rendering at
// send/read time keeps one row format for every channel. Here: the dispatch to the kind's own
// declaration (kinds.ts: each domain's notifications.ts), the configured template ids, and the page
// a message opens; the platform templates' keyword layouts are in README.md.
import type { NotificationKind, NotificationTemplateKey } from '@palm/shared/server';
import type { Platform } from '@palm/db/client';
import type { Config } from '../config';
import type { Integrations } from '../integrations';
import { KINDS, templateKeyOf } from './kinds';
import type { Rendered, TemplateData } from './kind-spec';

export { NOTIFICATION_KINDS, NOTIFICATION_TEMPLATE_KEYS } from '@palm/shared/server';
export type { NotificationKind, NotificationTemplateKey };
export type { AppointmentFacts } from '../appointments/notifications';

const kinds = Object.keys(KINDS) as NotificationKind[];
/** Kinds whose facts describe one appointment at one time (the worker checks they still hold). */
export const APPOINTMENT_KINDS: readonly NotificationKind[] = kinds.filter((kind) => KINDS[kind].appointment);
/** Kinds the inbox no longer lists once their appointment is cancelled (the reminders). */
export const REMINDER_KINDS: readonly NotificationKind[] = kinds.filter((kind) => KINDS[kind].appointment?.hideOnceCancelled);

/** The mini-program page a message opens: the ticket page of the queue pages … */
export const ticketPage = (ticketId: string | null): string | undefined => (ticketId ? `pages/ticket/index?id=${ticketId}` : undefined);
/** … or the appointment's page. */
export const appointmentPage = (appointmentId: string | null): string | undefined => (appointmentId ? `pages/appointments/index?id=${appointmentId}` : undefined);
export const messagePage = (row: { ticketId: string | null; appointmentId: string | null }): string | undefined => ticketPage(row.ticketId) ?? appointmentPage(row.appointmentId);

/** Configured template ids per platform and template; a platform without a client has none. */
export type TemplateTable = Record<Platform, Partial<Record<NotificationTemplateKey, string>>>;

export function templateTable(config: Config, integrations: Pick<Integrations, 'wechat' | 'alipay'>): TemplateTable {
  return {
    WECHAT: integrations.wechat
      ? {
          TICKET_NEAR: config.WECHAT_TEMPLATE_TICKET_NEAR,
          TICKET_CALLED: config.WECHAT_TEMPLATE_TICKET_CALLED,
          APPOINTMENT_REMINDER: config.WECHAT_TEMPLATE_APPOINTMENT_REMINDER,
          PROXY_ACT: config.WECHAT_TEMPLATE_PROXY_ACT,
        }
      : {},
    ALIPAY: integrations.alipay
      ? {
          TICKET_NEAR: config.ALIPAY_TEMPLATE_TICKET_NEAR,
          TICKET_CALLED: config.ALIPAY_TEMPLATE_TICKET_CALLED,
          APPOINTMENT_REMINDER: config.ALIPAY_TEMPLATE_APPOINTMENT_REMINDER,
          PROXY_ACT: config.ALIPAY_TEMPLATE_PROXY_ACT,
        }
      : {},
  };
}

/** The template id a kind is sent with on a platform, or null (not configured, or in-app only). */
export function templateIdOf(table: TemplateTable, platform: Platform, kind: NotificationKind): string | null {
  const key = templateKeyOf(kind);
  return (key && table[platform][key]) || null;
}

/** In-app title and body of a row of any kind (`facts` is the row's payload). */
export function renderInApp(kind: NotificationKind, facts: unknown): Rendered {
  return KINDS[kind].inApp(facts as never);
}

/** WeChat subscribe-message data of a row; only kinds with a platform template get here. */
export function renderWechat(kind: NotificationKind, facts: unknown): TemplateData {
  const spec = KINDS[kind];
  if (spec.template === null) throw new Error(`${kind} has no platform template`);
  return spec.wechat(facts as never);
}

/** Alipay template data of a row; only kinds with a platform template get here. */
export function renderAlipay(kind: NotificationKind, facts: unknown): TemplateData {
  const spec = KINDS[kind];
  if (spec.template === null) throw new Error(`${kind} has no platform template`);
  return spec.alipay(facts as never);
}
