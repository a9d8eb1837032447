// The person's side of notifications: which templates to ask for, what they tapped (credits), and
// the in-app messages (消息), newest first with a keyset cursor. A reminder of an appointment that
// was cancelled afterwards is no longer shown (it would send the person to a booking that is gone);
// other messages about an appointment that was cancelled or moved since say so.
import type {
  Message,
  MessageList,
  NotificationKind,
  NotificationScene,
  NotificationTemplateKey,
  SubscribePlatform,
  SubscriptionBody,
  SubscriptionList,
} from '@palm/shared/server';
import type { Notification, Platform, Prisma, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { APPOINTMENT_KINDS, NOTIFICATION_TEMPLATE_KEYS, REMINDER_KINDS, renderInApp, type AppointmentFacts, type TemplateTable } from './templates';

export const MESSAGES_PAGE_SIZE = 20;
/** More unused accepts than this are not counted: nobody waits for 50 numbers at once. */
export const MAX_CREDITS = 50;

const PLATFORMS: Record<SubscribePlatform, Platform> = { weapp: 'WECHAT', alipay: 'ALIPAY' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCENE_TEMPLATES: Record<NotificationScene, readonly NotificationTemplateKey[]> = {
  ticket: ['TICKET_NEAR', 'TICKET_CALLED'],
  appointment: ['APPOINTMENT_REMINDER'],
  grant: ['PROXY_ACT'],
};

/** The configured templates of a platform (those a screen asks for, with `scene`), in a fixed order. */
export function templatesFor(table: TemplateTable, platform: SubscribePlatform, scene?: NotificationScene): { kind: NotificationTemplateKey; templateId: string }[] {
  const configured = table[PLATFORMS[platform]];
  const keys = scene ? SCENE_TEMPLATES[scene] : NOTIFICATION_TEMPLATE_KEYS;
  return keys.flatMap((kind) => (configured[kind] ? [{ kind, templateId: configured[kind] }] : []));
}

/** In-app rows the person sees: all but reminders of appointments cancelled since. */
const VISIBLE: Prisma.NotificationWhereInput = {
  channel: 'IN_APP',
  NOT: { kind: { in: [...REMINDER_KINDS] }, appointment: { is: { status: 'CANCELLED' } } },
};
const withAppointment = { appointment: { select: { status: true, startsAt: true } } } as const;
type MessageRow = Notification & { appointment?: { status: string; startsAt: Date } | null };

export class Inbox {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly templates: TemplateTable,
  ) {}

  /** Records one prompt's taps: each accept adds one credit; a reject keeps earlier accepts. */
  async subscribe(userId: string, body: SubscriptionBody): Promise<SubscriptionList> {
    const platform = PLATFORMS[body.platform];
    const known = templatesFor(this.templates, body.platform);
    const isKnown = (id: string) => known.some((t) => t.templateId === id);
    const bad = (['accepted', 'rejected'] as const).filter((list) => !body[list].every(isKnown));
    if (bad.length > 0) throw new AppError('VALIDATION_FAILED', '订阅的消息模板不存在', bad.map((list) => ({ field: `body.${list}`, rule: 'known template' })));
    const now = this.clock.now();
    for (const templateId of new Set(body.accepted)) {
      const key = { userId_platform_templateId: { userId, platform, templateId } };
      await this.prisma.notificationSubscription.upsert({
        where: key,
        create: { userId, platform, templateId, credits: 1, acceptedAt: now },
        update: { credits: { increment: 1 }, acceptedAt: now },
      });
      await this.prisma.notificationSubscription.updateMany({ where: { userId, platform, templateId, credits: { gt: MAX_CREDITS } }, data: { credits: MAX_CREDITS } });
    }
    for (const templateId of new Set(body.rejected.filter((id) => !body.accepted.includes(id)))) {
      await this.prisma.notificationSubscription.upsert({
        where: { userId_platform_templateId: { userId, platform, templateId } },
        create: { userId, platform, templateId, credits: 0, rejectedAt: now },
        update: { rejectedAt: now },
      });
    }
    const rows = await this.prisma.notificationSubscription.findMany({ where: { userId, platform, templateId: { in: known.map((t) => t.templateId) } } });
    return { items: known.map((t) => ({ templateId: t.templateId, kind: t.kind, credits: rows.find((r) => r.templateId === t.templateId)?.credits ?? 0 })) };
  }

  async messages(userId: string, cursor?: string): Promise<MessageList> {
    const after = cursor === undefined ? undefined : decodeMessageCursor(cursor);
    const [rows, unread] = await Promise.all([
      this.prisma.notification.findMany({
        where: {
          userId,
          ...VISIBLE,
          ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: MESSAGES_PAGE_SIZE + 1,
        include: withAppointment,
      }),
      this.prisma.notification.count({ where: { userId, ...VISIBLE, readAt: null } }),
    ]);
    const page = rows.slice(0, MESSAGES_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: page.map(toMessage),
      ...(rows.length > MESSAGES_PAGE_SIZE && last ? { nextCursor: encodeMessageCursor(last) } : {}),
      unread,
    };
  }

  /** The message for the policy to judge, or null. */
  find(id: string): Promise<Notification | null> {
    return this.prisma.notification.findFirst({ where: { id, channel: 'IN_APP' } });
  }

  /** Marks it read (the first time only) and returns it. */
  async markRead(message: Notification): Promise<Message> {
    if (!message.readAt) await this.prisma.notification.updateMany({ where: { id: message.id, readAt: null }, data: { readAt: this.clock.now() } });
    return toMessage(await this.prisma.notification.findUniqueOrThrow({ where: { id: message.id }, include: withAppointment }));
  }
}

export function toMessage(row: MessageRow): Message {
  const kind = row.kind as NotificationKind;
  const { title, body } = renderInApp(kind, row.payload);
  const base = { id: row.id, kind, title, ticketId: row.ticketId, appointmentId: row.appointmentId, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
  return { ...base, body: `${body}${appointmentNote(kind, row)}` };
}

/** What changed since about the appointment a message describes, so its words are not acted on. */
function appointmentNote(kind: NotificationKind, row: MessageRow): string {
  if (!APPOINTMENT_KINDS.includes(kind) || !row.appointment) return '';
  if (row.appointment.status === 'CANCELLED') return '（该预约已取消）';
  const said = new Date((row.payload as unknown as AppointmentFacts).startsAt).getTime();
  if (said !== row.appointment.startsAt.getTime()) return '（该预约已改约，时间以预约详情为准）';
  return '';
}

function encodeMessageCursor(row: Notification): string {
  return Buffer.from(JSON.stringify([row.createdAt.getTime(), row.id])).toString('base64url');
}

/** Opaque to clients; anything that is not one we issued is a 400, never a SQL error. */
function decodeMessageCursor(value: string): { createdAt: Date; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [at, id] = parsed as unknown[];
    if (Number.isSafeInteger(at) && (at as number) >= 0 && (at as number) < 8.64e15 && typeof id === 'string' && UUID.test(id)) return { createdAt: new Date(at as number), id };
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', [{ field: 'querystring.cursor', rule: 'format' }]);
}
