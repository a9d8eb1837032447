// Telling the other side of a grant (GRANT_REQUESTED, _ACCEPTED, _REJECTED, _REVOKED; words in
// notifications.ts): one outbox statement (notify/outbox.ts), written inside the transition's
// transaction behind a savepoint, so the transition happens with its message, and a failure to
// write the message rolls back only the message. In-app only: these kinds have no template.
import type { FastifyInstance } from 'fastify';
import { Prisma } from '@palm/db/client';
import { behindSavepoint, writeOutbox, type Db } from '../notify/outbox';
import type { GrantFacts } from './notifications';
import { maskedNameOf, type GrantWithPeople } from './view';

export type GrantNoticeKind = 'GRANT_REQUESTED' | 'GRANT_ACCEPTED' | 'GRANT_REJECTED' | 'GRANT_REVOKED';

/**
 * Tells `to` (one of the grant's two people) about the grant; `extra` adds what a revocation says.
 * Keyed per grant and kind (a grant is asked, answered and ended once each), and per side for a
 * window's grant (witnessed, or ended at a window), which both sides are told of.
 */
export async function noticeGrant(
  app: FastifyInstance,
  tx: Db,
  kind: GrantNoticeKind,
  grant: GrantWithPeople,
  to: 'GRANTOR' | 'GRANTEE',
  now: Date,
  extra: Pick<GrantFacts, 'wasPending' | 'disputed' | 'witnessed' | 'atWindow'> = {},
): Promise<void> {
  const userId = to === 'GRANTOR' ? grant.grantorId : grant.granteeId;
  const facts: GrantFacts = {
    grantId: grant.id,
    otherName: maskedNameOf(to === 'GRANTOR' ? grant.grantee : grant.grantor),
    relation: grant.relation,
    recipientIs: to,
    scopes: grant.scopes,
    validUntil: grant.validUntil.toISOString(),
    initiatedBy: grant.initiatedBy,
    ...extra,
    at: now.toISOString(),
  };
  // A window's grant and its end are told to both sides at once: one key per side then.
  const key = extra.witnessed || extra.atWindow ? `${kind}:${grant.id}:${to}` : `${kind}:${grant.id}`;
  const source = Prisma.sql`
    src AS (
      SELECT ${userId}::uuid AS "userId", NULL::uuid AS "ticketId", NULL::uuid AS "appointmentId",
             ${key}::text AS key, ${JSON.stringify(facts)}::jsonb AS payload),`;
  const written = await behindSavepoint(tx, () => writeOutbox(tx, app.notify.templates, kind, source, now));
  if ('error' in written) app.log.warn({ err: written.error, grantId: grant.id, kind }, 'grant notice not written');
}
