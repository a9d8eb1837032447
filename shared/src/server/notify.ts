// Schemas of notifications (DESIGN.md §3 Notification): the subscription templates a mini-program
// asks the person to accept, their taps, and the in-app messages (消息).
import { Type, type Static } from '@sinclair/typebox';
import { StrictObject, UuidSchema } from './common';

export const NOTIFICATION_KINDS = ['TICKET_NEAR', 'TICKET_CALLED'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = Type.Union([Type.Literal('TICKET_NEAR'), Type.Literal('TICKET_CALLED')]);

/** The mini-program platform asking (Taro's TARO_ENV names). */
export const SubscribePlatformSchema = Type.Union([Type.Literal('weapp'), Type.Literal('alipay')]);
export type SubscribePlatform = Static<typeof SubscribePlatformSchema>;

const TemplateIdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_=+/-]+$' });

export const NotificationTemplatesQuerySchema = StrictObject({ platform: SubscribePlatformSchema });
export const NotificationTemplateSchema = Type.Object({ kind: NotificationKindSchema, templateId: Type.String() });
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
  items: Type.Array(Type.Object({ templateId: Type.String(), kind: NotificationKindSchema, credits: Type.Integer({ minimum: 0 }) })),
});
export type SubscriptionList = Static<typeof SubscriptionListSchema>;

export const MessageListQuerySchema = StrictObject({ cursor: Type.Optional(Type.String({ maxLength: 200 })) });

export const MessageSchema = Type.Object({
  id: UuidSchema,
  kind: NotificationKindSchema,
  title: Type.String({ examples: ['快到您了'] }),
  body: Type.String({ examples: ['您的 B007 号（社会保障卡申领）前面还有 2 人，请到大厅等候叫号。'] }),
  ticketId: Type.Union([UuidSchema, Type.Null()]),
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
