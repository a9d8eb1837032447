// The REAL_NAME_MOVED notice, written inside the transaction that moves the ID number: the old
// account is told exactly when its number moves, or not at all because nothing moved. Not behind a
// savepoint (as appointment notices are): a move nobody is told of must not happen.
import { Prisma } from '@palm/db/client';
import { writeOutbox, type Db, type EnqueueResult } from './outbox';
import type { RealNameMovedFacts } from '../identity/notifications';
import type { TemplateTable } from './templates';

export async function notifyRealNameMoved(
  tx: Db,
  templates: TemplateTable,
  notice: { userId: string; idNumberMasked: string | null; now: Date },
): Promise<EnqueueResult> {
  const facts: RealNameMovedFacts = { idNumberMasked: notice.idNumberMasked, at: notice.now.toISOString() };
  const source = Prisma.sql`
    src AS (
      SELECT ${notice.userId}::uuid AS "userId", NULL::uuid AS "ticketId", NULL::uuid AS "appointmentId",
             'REAL_NAME_MOVED:' || ${notice.userId}::text || ':' || ${String(notice.now.getTime())}::text AS key, ${JSON.stringify(facts)}::jsonb AS payload),`;
  return writeOutbox(tx, templates, 'REAL_NAME_MOVED', source, notice.now);
}
