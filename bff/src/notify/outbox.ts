// The building block every outbox writer shares (enqueue.ts for tickets, appointments.ts for
// appointments): the second half of ONE SQL statement that turns the writer's `src` rows into
// outbox rows. Channels: IN_APP always (written SENT: the row is the message); WECHAT / ALIPAY only
// when that platform is configured, the person has an account there and an unused subscription
// credit for the kind's template (consumed in the same statement). Otherwise no row is written for
// the channel: an outbox row always stands for a message that may really be sent.
import type { Prisma, PrismaClient } from '@palm/db/client';
import { templateIdOf, type NotificationKind, type TemplateTable } from './templates';

export type Db = Pick<PrismaClient, '$queryRaw' | '$executeRawUnsafe'>;

export interface EnqueueResult {
  inApp: number;
  platform: number;
}

export const NOTHING_WRITTEN: EnqueueResult = { inApp: 0, platform: 0 };

/**
 * Completes the statement begun by `source`: CTEs ending with `src`, one row per message with the
 * columns "userId", "ticketId", "appointmentId" (uuid or null), key (the dedupeKey without its
 * channel) and payload (jsonb facts). Writes the IN_APP row, then per configured platform the
 * credit and its row. `dedupeKey` is unique, so a key written before writes nothing again; a key
 * already there for a platform does not spend a credit.
 *
 * A person with several `src` rows in one statement spends at most one credit per template in it
 * (an UPDATE changes a row once): the others get the in-app message only, never an unpaid send.
 */
export async function writeOutbox(db: Db, templates: TemplateTable, kind: NotificationKind, source: Prisma.Sql, now: Date): Promise<EnqueueResult> {
  const wechat = templateIdOf(templates, 'WECHAT', kind);
  const alipay = templateIdOf(templates, 'ALIPAY', kind);
  const rows = await db.$queryRaw<EnqueueResult[]>`
    WITH ${source}
    in_app AS (
      INSERT INTO "Notification" ("id", "userId", "channel", "kind", "ticketId", "appointmentId", "payload", "status", "nextAttemptAt", "dedupeKey", "createdAt", "sentAt")
      SELECT gen_random_uuid(), src."userId", 'IN_APP'::"NotificationChannel", ${kind}, src."ticketId", src."appointmentId", src.payload, 'SENT'::"NotificationStatus",
             ${now}::timestamp(3), src.key || ':IN_APP', ${now}::timestamp(3), ${now}::timestamp(3)
      FROM src
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING 1),
    wanted AS (
      SELECT src.*, p.platform, p."templateId" FROM src
      CROSS JOIN (VALUES ('WECHAT'::"Platform", ${wechat}::text), ('ALIPAY'::"Platform", ${alipay}::text)) AS p(platform, "templateId")
      WHERE p."templateId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."dedupeKey" = src.key || ':' || p.platform::text)),
    account AS (
      SELECT DISTINCT ON (w.key, w.platform) w.*, pa."openId" AS recipient
      FROM wanted w JOIN "PlatformAccount" pa ON pa."userId" = w."userId" AND pa."platform" = w.platform
      ORDER BY w.key, w.platform, pa."createdAt" DESC),
    credit AS (
      UPDATE "NotificationSubscription" ns SET "credits" = ns."credits" - 1, "updatedAt" = ${now}::timestamp(3)
      FROM account a
      WHERE ns."userId" = a."userId" AND ns."platform" = a.platform AND ns."templateId" = a."templateId" AND ns."credits" > 0
      RETURNING a."ticketId", a."appointmentId", a."userId", a.payload, a.key, a.platform, a."templateId", a.recipient),
    platform AS (
      INSERT INTO "Notification" ("id", "userId", "channel", "kind", "templateId", "recipient", "ticketId", "appointmentId", "payload", "status", "nextAttemptAt", "dedupeKey", "createdAt")
      SELECT gen_random_uuid(), c."userId", c.platform::text::"NotificationChannel", ${kind}, c."templateId", c.recipient, c."ticketId", c."appointmentId", c.payload,
             'PENDING'::"NotificationStatus", ${now}::timestamp(3), c.key || ':' || c.platform::text, ${now}::timestamp(3)
      FROM credit c
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING 1)
    SELECT (SELECT count(*) FROM in_app)::int AS "inApp", (SELECT count(*) FROM platform)::int AS "platform"`;
  return rows[0] ?? NOTHING_WRITTEN;
}

/**
 * Runs `write` inside the caller's transaction behind a savepoint: if it fails, only the
 * notification is rolled back and the caller's work goes on.
 */
export async function behindSavepoint<T>(tx: Db, write: () => Promise<T>): Promise<{ value: T } | { error: unknown }> {
  await tx.$executeRawUnsafe('SAVEPOINT palm_notify');
  try {
    const value = await write();
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT palm_notify');
    return { value };
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT palm_notify');
    return { error };
  }
}
