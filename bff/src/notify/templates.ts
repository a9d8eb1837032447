// What a notification says, per channel, from the facts stored in its outbox row (number, service,
// hall, window, appointment time and code — never a phone, an ID number or a name). Rendering at
// send/read time keeps one row format for every channel. Here: the kinds, which platform template
// each is sent with, and the dispatch; the words are in ticket-templates.ts and
// appointment-templates.ts, the platform templates' keyword layouts in README.md.
import type { NotificationKind, NotificationTemplateKey } from '@palm/shared/server';
import type { Platform } from '../generated/prisma/client';
import type { Config } from '../config';
import type { Integrations } from '../integrations';
import {
  renderAppointmentAlipay,
  renderAppointmentInApp,
  renderAppointmentWechat,
  renderCancellationInApp,
  renderSuspensionInApp,
  type AppointmentFacts,
  type AppointmentKind,
  type CancellationFacts,
  type SuspensionFacts,
} from '../appointments/notifications';
import { renderRealNameMovedInApp, type RealNameMovedFacts } from '../identity/notifications';
import { renderTicketAlipay, renderTicketInApp, renderTicketWechat, type TicketFacts } from '../queue/notifications';

export { NOTIFICATION_KINDS, NOTIFICATION_TEMPLATE_KEYS } from '@palm/shared/server';
export type { NotificationKind, NotificationTemplateKey };

/** The platform template each kind is sent with; null: in-app only. */
export const KIND_TEMPLATE: Record<NotificationKind, NotificationTemplateKey | null> = {
  TICKET_NEAR: 'TICKET_NEAR',
  TICKET_CALLED: 'TICKET_CALLED',
  APPOINTMENT_REMINDER_DAY: 'APPOINTMENT_REMINDER',
  APPOINTMENT_REMINDER_HOUR: 'APPOINTMENT_REMINDER',
  WAITLIST_PROMOTED: 'APPOINTMENT_REMINDER',
  BOOKING_SUSPENDED: null,
  APPOINTMENT_CANCELLED: null,
  REAL_NAME_MOVED: null,
};

/** Kinds whose facts describe one appointment at one time (the worker checks they still hold). */
export const APPOINTMENT_KINDS: readonly NotificationKind[] = ['APPOINTMENT_REMINDER_DAY', 'APPOINTMENT_REMINDER_HOUR', 'WAITLIST_PROMOTED'];
export const REMINDER_KINDS: readonly NotificationKind[] = ['APPOINTMENT_REMINDER_DAY', 'APPOINTMENT_REMINDER_HOUR'];

export type { AppointmentFacts, CancellationFacts, RealNameMovedFacts, SuspensionFacts, TicketFacts };

/** Kinds with no platform template: in-app only. */
const IN_APP_ONLY = ['BOOKING_SUSPENDED', 'APPOINTMENT_CANCELLED', 'REAL_NAME_MOVED'] as const satisfies readonly NotificationKind[];
const isInAppOnly = (kind: NotificationKind): kind is (typeof IN_APP_ONLY)[number] => (IN_APP_ONLY as readonly NotificationKind[]).includes(kind);

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
      ? { TICKET_NEAR: config.WECHAT_TEMPLATE_TICKET_NEAR, TICKET_CALLED: config.WECHAT_TEMPLATE_TICKET_CALLED, APPOINTMENT_REMINDER: config.WECHAT_TEMPLATE_APPOINTMENT_REMINDER }
      : {},
    ALIPAY: integrations.alipay
      ? { TICKET_NEAR: config.ALIPAY_TEMPLATE_TICKET_NEAR, TICKET_CALLED: config.ALIPAY_TEMPLATE_TICKET_CALLED, APPOINTMENT_REMINDER: config.ALIPAY_TEMPLATE_APPOINTMENT_REMINDER }
      : {},
  };
}

/** The template id a kind is sent with on a platform, or null (not configured, or in-app only). */
export function templateIdOf(table: TemplateTable, platform: Platform, kind: NotificationKind): string | null {
  const key = KIND_TEMPLATE[kind];
  return (key && table[platform][key]) || null;
}

const isAppointmentKind = (kind: NotificationKind): kind is AppointmentKind => APPOINTMENT_KINDS.includes(kind);

/** In-app title and body of a row of any kind (`facts` is the row's payload). */
export function renderInApp(kind: NotificationKind, facts: unknown): { title: string; body: string } {
  if (isAppointmentKind(kind)) return renderAppointmentInApp(kind, facts as AppointmentFacts);
  if (kind === 'BOOKING_SUSPENDED') return renderSuspensionInApp(facts as SuspensionFacts);
  if (kind === 'APPOINTMENT_CANCELLED') return renderCancellationInApp(facts as CancellationFacts);
  if (kind === 'REAL_NAME_MOVED') return renderRealNameMovedInApp(facts as RealNameMovedFacts);
  return renderTicketInApp(kind, facts as TicketFacts);
}

/** WeChat subscribe-message data of a row; only kinds with a platform template get here. */
export function renderWechat(kind: NotificationKind, facts: unknown): Record<string, { value: string }> {
  if (isAppointmentKind(kind)) return renderAppointmentWechat(kind, facts as AppointmentFacts);
  if (isInAppOnly(kind)) throw new Error(`${kind} has no platform template`);
  return renderTicketWechat(kind, facts as TicketFacts);
}

/** Alipay template data of a row; only kinds with a platform template get here. */
export function renderAlipay(kind: NotificationKind, facts: unknown): Record<string, { value: string }> {
  if (isAppointmentKind(kind)) return renderAppointmentAlipay(kind, facts as AppointmentFacts);
  if (isInAppOnly(kind)) throw new Error(`${kind} has no platform template`);
  return renderTicketAlipay(kind, facts as TicketFacts);
}
