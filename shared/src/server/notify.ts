// Schemas of notifications (DESIGN.md §3 Notification): the subscription templates a mini-program
// asks the person to accept, their taps, and the in-app messages (消息) about tickets and appointments.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { StrictObject, UuidSchema } from './common';

// A union of literals typed as one (a mapped array would infer `never`; as catalogue.ts's oneOf).
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
const oneOf = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<Literals<T>>;

/**
 * What a message is about: a ticket's turn is near / it is called; an appointment tomorrow (24 h
 * before) / within the hour; a waitlist place won (候补成功); online booking suspended after no-shows;
 * an appointment cancelled because the hall no longer opens at its time; the account's ID number
 * taken by a verified real-name binding on another account; a grant asked of one (an invitation
 * or a request), accepted, rejected or revoked by the other side; something done on one's behalf.
 */
export const NOTIFICATION_KINDS = [
  'TICKET_NEAR',
  'TICKET_CALLED',
  'APPOINTMENT_REMINDER_DAY',
  'APPOINTMENT_REMINDER_HOUR',
  'WAITLIST_PROMOTED',
  'BOOKING_SUSPENDED',
  'APPOINTMENT_CANCELLED',
  'REAL_NAME_MOVED',
  'GRANT_REQUESTED',
  'GRANT_ACCEPTED',
  'GRANT_REJECTED',
  'GRANT_REVOKED',
  'ACTED_ON_BEHALF',
  'LICENCE_VERIFIED',
  // 办不成事 and 好差评 (issue 16)
  'REPORT_UPDATED',
  'REPORT_ESCALATED',
  'RATING_INVITED',
  'RECTIFICATION_OPENED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = oneOf(NOTIFICATION_KINDS);

/**
 * The platform templates a person subscribes to (one tap allows one message of it). Several kinds
 * may share one: APPOINTMENT_REMINDER (预约提醒) carries both reminders and 候补成功. PROXY_ACT
 * (代办提醒) tells a grantor what was just done on their behalf.
 */
export const NOTIFICATION_TEMPLATE_KEYS = ['TICKET_NEAR', 'TICKET_CALLED', 'APPOINTMENT_REMINDER', 'PROXY_ACT'] as const;
export type NotificationTemplateKey = (typeof NOTIFICATION_TEMPLATE_KEYS)[number];
export const NotificationTemplateKeySchema = oneOf(NOTIFICATION_TEMPLATE_KEYS);
/** Which screen asks: 取号 asks for the ticket templates, 预约 for the appointment one, 亲友代办 (a grantor inviting or accepting) for 代办提醒. */
export const NOTIFICATION_SCENES = ['ticket', 'appointment', 'grant'] as const;
export type NotificationScene = (typeof NOTIFICATION_SCENES)[number];

/** The mini-program platform asking (Taro's TARO_ENV names). */
export const SubscribePlatformSchema = Type.Union([Type.Literal('weapp'), Type.Literal('alipay')]);
export type SubscribePlatform = Static<typeof SubscribePlatformSchema>;

const TemplateIdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_=+/-]+$' });

export const NotificationTemplatesQuerySchema = StrictObject({
  platform: SubscribePlatformSchema,
  /** Only the templates this screen should ask for; all of them without it. */
  scene: Type.Optional(oneOf(NOTIFICATION_SCENES)),
});
/** `kind` names the template (a template key), not a message kind. */
export const NotificationTemplateSchema = Type.Object({ kind: NotificationTemplateKeySchema, templateId: Type.String() });
/** Empty when the platform is not configured: the mini-app then asks nothing. */
export const NotificationTemplateListSchema = Type.Object({ items: Type.Array(NotificationTemplateSchema) });
export type NotificationTemplate = Static<typeof NotificationTemplateSchema>;

/** What the person tapped in the platform's prompt (wx.requestSubscribeMessage / my.requestSubscribeMessage). */
export const SubscriptionBodySchema = StrictObject({
  platform: SubscribePlatformSchema,
  accepted: Type.Array(TemplateIdSchema, { maxItems: 10, default: [] }),
  rejected: Type.Array(TemplateIdSchema, { maxItems: 10, default: [] }),
});
export type SubscriptionBody = Static<typeof SubscriptionBodySchema>;

/** Per template of the platform: how many messages may still be sent (one per accept). */
export const SubscriptionListSchema = Type.Object({
  items: Type.Array(Type.Object({ templateId: Type.String(), kind: NotificationTemplateKeySchema, credits: Type.Integer({ minimum: 0 }) })),
});
export type SubscriptionList = Static<typeof SubscriptionListSchema>;

export const MessageListQuerySchema = StrictObject({ cursor: Type.Optional(Type.String({ maxLength: 200 })) });

export const MessageSchema = Type.Object({
  id: UuidSchema,
  kind: NotificationKindSchema,
  title: Type.String({ examples: ['快到您了'] }),
  body: Type.String({ examples: ['您的 B007 号（社会保障卡申领）前面还有 2 人，请到大厅等候叫号。'] }),
  ticketId: Type.Union([UuidSchema, Type.Null()]),
  /** The appointment it is about (reminders, 候补成功, cancelled): a tap opens it. */
  appointmentId: Type.Union([UuidSchema, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Message = Static<typeof MessageSchema>;

export const MessageListSchema = Type.Object({
  items: Type.Array(MessageSchema),
  nextCursor: Type.Optional(Type.String()),
  /** The caller's unread in-app messages (all pages). */
  unread: Type.Integer({ minimum: 0 }),
});
export type MessageList = Static<typeof MessageListSchema>;
