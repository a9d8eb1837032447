// Writing this domain's messages (notifications.ts) into the outbox: one statement per message,
// inside the caller's transaction behind a savepoint (a failed message never undoes the step it
// tells of). Keyed so a step, an escalation level or an invitation is told once.
import type { FastifyInstance } from 'fastify';
import { Prisma } from '@palm/db/client';
import type { NotificationKind } from '@palm/shared/server';
import { behindSavepoint, writeOutbox, type Db } from '../notify/outbox';

export async function tell(app: FastifyInstance, tx: Db, kind: NotificationKind, userId: string, key: string, facts: object, now: Date): Promise<void> {
  const source = Prisma.sql`
    src AS (
      SELECT ${userId}::uuid AS "userId", NULL::uuid AS "ticketId", NULL::uuid AS "appointmentId",
             ${key}::text AS key, ${JSON.stringify(facts)}::jsonb AS payload),`;
  const written = await behindSavepoint(tx, () => writeOutbox(tx, app.notify.templates, kind, source, now));
  if ('error' in written) app.log.warn({ err: written.error, kind, key }, 'report notice not written');
}
