// The grants' writes, each with why it holds when requests race (on one instance or many).
//
// - A new grant: inside one transaction that first takes both people's advisory locks (in one
//   order, so two creations cannot deadlock), the limits are counted and the row inserted. Every
//   creation involving either person waits for the lock, so "at most 5 family grantees" and "at
//   most N grantors per grantee" cannot be overrun by concurrent invitations (under READ COMMITTED
//   a bare count-then-insert would let them all count the same number). The partial unique index
//   "Grant_live_pair_key" (one PENDING or ACTIVE grant per grantor and grantee) backs the duplicate
//   rule in the database itself.
// - A transition (accept, reject, revoke, expire) is ONE conditional UPDATE whose WHERE names the
//   state it leaves (`status = 'PENDING'`, …) and who may make it. Two racing transitions of one
//   grant queue on its row lock; PostgreSQL re-checks the WHERE on the row the first one changed,
//   so the second matches nothing: no double accept, no accept after a revoke, no revival of a
//   revoked grant, and a concurrent accept and revoke end in exactly one state. A revocation is one
//   such UPDATE per state it may end (PENDING, then ACTIVE), so it knows which it ended.
import { GRID_RELATIONS, PENDING_GRANT_DAYS } from '@palm/shared';
import { Prisma, type Grant, type GrantParty, type GrantScope } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { isUniqueViolation } from '../lib/constraints';
import type { LiveCounts } from './terms';

export type Tx = Prisma.TransactionClient;

/** The states in which a grant is live: the pair may have only one, and it counts towards the limits. */
export const LIVE = ['PENDING', 'ACTIVE'] as const;

const DAY_MS = 86_400_000;

/** The instant before which a PENDING grant was made too long ago to be answered (PENDING_GRANT_DAYS). */
export const answerWindowStart = (now: Date): Date => new Date(now.getTime() - PENDING_GRANT_DAYS * DAY_MS);

/** A live grant whose time is up: past its end, or PENDING beyond its answer window. */
const timeUp = (now: Date): Prisma.GrantWhereInput => ({
  OR: [{ validUntil: { lte: now } }, { status: 'PENDING', createdAt: { lte: answerWindowStart(now) } }],
});

/** Serialises every grant creation involving either person (transaction-scoped advisory locks). */
export async function lockPeople(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const id of [...new Set(ids)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:grants'), hashtext(${id}))`;
  }
}

/**
 * A live grant of this pair whose time is up, which the expiry job has not reached yet, becomes
 * EXPIRED now: it no longer blocks a new grant between them (the unique index looks at the status).
 */
export function expireStalePair(tx: Tx, grantorId: string, granteeId: string, now: Date): Promise<Prisma.BatchPayload> {
  return tx.grant.updateMany({ where: { grantorId, granteeId, status: { in: [...LIVE] }, ...timeUp(now) }, data: { status: 'EXPIRED' } });
}

/**
 * What counts towards the limits now (run under both locks): the grants in force, and the pending
 * ones `callerId` started that may still be answered — never someone else's pending invitation or
 * request (five strangers asking the mother must not use up her family places). The pair's
 * duplicate looks at any live grant of the two (the unique index does too). At an accept there is
 * no caller's pending to count (`callerId` null): the grants in force only.
 */
export async function liveCounts(tx: Tx, grantorId: string, granteeId: string, now: Date, callerId: string | null): Promise<LiveCounts> {
  const live = { status: { in: [...LIVE] }, validUntil: { gt: now } };
  const counted: Prisma.GrantWhereInput = {
    validUntil: { gt: now },
    OR: [
      { status: 'ACTIVE' },
      ...(callerId
        ? [
            {
              status: 'PENDING' as const,
              createdAt: { gt: answerWindowStart(now) },
              OR: [
                { initiatedBy: 'GRANTOR' as const, grantorId: callerId },
                { initiatedBy: 'GRANTEE' as const, granteeId: callerId },
              ],
            },
          ]
        : []),
    ],
  };
  const [family, held, duplicate] = await Promise.all([
    tx.grant.count({ where: { grantorId, ...counted, relation: { notIn: [...GRID_RELATIONS] } } }),
    tx.grant.count({ where: { granteeId, ...counted } }),
    tx.grant.count({ where: { grantorId, granteeId, ...live } }),
  ]);
  return { family, held, duplicate: duplicate > 0 };
}

export interface GrantDraft {
  grantorId: string;
  granteeId: string;
  relation: string;
  scopes: GrantScope[];
  serviceIds: string[];
  initiatedBy: GrantParty;
  validFrom: Date;
  validUntil: Date;
  /** PENDING until the other side answers; a witnessed grant is ACTIVE at once. */
  status: 'PENDING' | 'ACTIVE';
  consentMethod?: 'IN_APP' | 'WITNESSED';
  witnessedById?: string;
  consentFormNumber?: string;
  acceptedAt?: Date;
}

/** Inserts the grant; a live grant of the pair that slipped past the count is the same refusal. */
export async function insertGrant(tx: Tx, draft: GrantDraft): Promise<Grant> {
  try {
    return await tx.grant.create({ data: { ...draft, createdAt: draft.validFrom, updatedAt: draft.validFrom } });
  } catch (err) {
    if (isUniqueViolation(err, 'Grant_live_pair_key')) throw new AppError('GRANT_DUPLICATE');
    throw err;
  }
}

/** The side that did not create a pending grant answers it: `me` is that side. */
const answeredBy = (me: string): Prisma.GrantWhereInput => ({
  OR: [
    { initiatedBy: 'GRANTOR', granteeId: me },
    { initiatedBy: 'GRANTEE', grantorId: me },
  ],
});

/** A PENDING grant `me` may still answer: the other side's, within its answer window and its time. */
export const answerable = (id: string, me: string, now: Date): Prisma.GrantWhereInput => ({
  id,
  status: 'PENDING',
  validUntil: { gt: now },
  createdAt: { gt: answerWindowStart(now) },
  ...answeredBy(me),
});

/** PENDING → ACTIVE, by the side that did not ask, within the answer window and while its time is not up. */
export function acceptGrant(tx: Tx, id: string, me: string, now: Date): Promise<Prisma.BatchPayload> {
  return tx.grant.updateMany({
    where: answerable(id, me, now),
    data: { status: 'ACTIVE', acceptedAt: now, validFrom: now, updatedAt: now },
  });
}

/** PENDING → REJECTED, by the side that did not ask, within the answer window. */
export function rejectGrant(tx: Tx, id: string, me: string, now: Date): Promise<Prisma.BatchPayload> {
  return tx.grant.updateMany({
    where: answerable(id, me, now),
    data: { status: 'REJECTED', rejectedAt: now, updatedAt: now },
  });
}

/**
 * PENDING or ACTIVE → REVOKED, by either of its two people: the grantor at any time, the grantee
 * stepping down (or withdrawing a request). `where` narrows it further (a dispute: one grant; the
 * revoke route: a PENDING one only by whoever sent it, see `withdrawnOnlyByInitiator`).
 *
 * What it ended comes from the UPDATEs themselves (`wasPending`), never from a read before them:
 * one conditional UPDATE per state, PENDING first. A concurrent accept (PENDING → ACTIVE, the only
 * way between the two) either commits first — the PENDING update then re-checks the row, matches
 * nothing, and the ACTIVE one ends it: "in force" — or waits behind ours and finds it REVOKED.
 */
export async function revokeGrants(tx: Tx, where: Prisma.GrantWhereInput, me: string, now: Date): Promise<{ count: number; wasPending: boolean }> {
  const revokeIn = (status: (typeof LIVE)[number]) =>
    tx.grant.updateMany({
      where: { AND: [where, { status, validUntil: { gt: now } }, { OR: [{ grantorId: me }, { granteeId: me }] }] },
      data: { status: 'REVOKED', revokedAt: now, revokedById: me, updatedAt: now },
    });
  const pending = await revokeIn('PENDING');
  if (pending.count > 0) return { count: pending.count, wasPending: true };
  return { count: (await revokeIn('ACTIVE')).count, wasPending: false };
}

/**
 * When `other` last rejected an invitation or a request `asker` sent them, if after `since` (the
 * cooldown's start): the pair's asks that were refused, whichever way the grant pointed.
 */
export async function rejectedAskSince(tx: Tx, asker: string, other: string, since: Date): Promise<Date | null> {
  const last = await tx.grant.findFirst({
    where: {
      status: 'REJECTED',
      rejectedAt: { gt: since },
      OR: [
        { initiatedBy: 'GRANTOR', grantorId: asker, granteeId: other },
        { initiatedBy: 'GRANTEE', granteeId: asker, grantorId: other },
      ],
    },
    orderBy: { rejectedAt: 'desc' },
    select: { rejectedAt: true },
  });
  return last?.rejectedAt ?? null;
}

/**
 * What `POST /api/grants/:id/revoke` may end: an ACTIVE grant (either side), or a PENDING one only
 * by its initiator (withdrawing an invitation or a request) — the other side rejects it instead.
 */
export const withdrawnOnlyByInitiator = (me: string): Prisma.GrantWhereInput => ({
  OR: [
    { status: 'ACTIVE' },
    { status: 'PENDING', initiatedBy: 'GRANTOR', grantorId: me },
    { status: 'PENDING', initiatedBy: 'GRANTEE', granteeId: me },
  ],
});

/**
 * A witnessed grant still in force → REVOKED by a clerk at a window, at the grantor's request. Only
 * a WITNESSED grant: one given in the app its grantor ends in the app. One conditional UPDATE, so
 * it races the grantor, the grantee and other windows like any revocation.
 */
export function revokeWitnessed(tx: Tx, id: string, clerkId: string, now: Date): Promise<Prisma.BatchPayload> {
  return tx.grant.updateMany({
    where: { id, consentMethod: 'WITNESSED', status: { in: [...LIVE] }, validUntil: { gt: now } },
    data: { status: 'REVOKED', revokedAt: now, revokedById: clerkId, updatedAt: now },
  });
}

/** The two people of a grant: whose live sockets on the other's behalf end with it (ends.ts). */
export interface GrantPair {
  grantorId: string;
  granteeId: string;
}

/**
 * The expiry job's one statement: every live grant whose time is up (its end, or an unanswered
 * one's window) becomes EXPIRED. Returns the pairs it ended (`RETURNING`), for their sockets.
 */
export function expireDue(db: Pick<Tx, '$queryRaw'>, now: Date): Promise<GrantPair[]> {
  return db.$queryRaw<GrantPair[]>(Prisma.sql`
    UPDATE "Grant" SET "status" = 'EXPIRED', "updatedAt" = ${now}
    WHERE "status" IN ('PENDING', 'ACTIVE')
      AND ("validUntil" <= ${now} OR ("status" = 'PENDING' AND "createdAt" <= ${answerWindowStart(now)}))
    RETURNING "grantorId"::text AS "grantorId", "granteeId"::text AS "granteeId"`);
}
