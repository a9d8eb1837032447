// The terms of a new grant (DESIGN.md §4 Grants) and the words of its refusals: who may be named a
// grid worker, how long it lasts, how many one may give and hold. Pure functions: unit-tested
// without a database (bff/test/grants/terms.test.ts).
import {
  addDays,
  FAMILY_GRANT_DAYS,
  GRID_GRANT_DAYS,
  isGridRelation,
  MAX_FAMILY_GRANTEES,
  MAX_GRANTORS_PER_CITIZEN,
  MAX_GRANTORS_PER_GRID_WORKER,
  PENDING_GRANT_DAYS,
  zonedDateTimeToInstant,
} from '@palm/shared';
import type { GrantStatus, Role } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { businessDay } from '../notify/text';

export interface GrantKind {
  /** A grid worker's grant (by relation, or because the grantee is a grid worker): 90 days. */
  isGrid: boolean;
  /** Counts towards the grantor's 5 family grantees (a grid worker's 网格员/代办员 grant does not). */
  isFamily: boolean;
  days: number;
  /** How many people the grantee may act for at once. */
  granteeLimit: number;
}

/** What kind of grant this is, from the relation named and who the grantee is. */
export function grantKindOf(relation: string, granteeRoles: readonly Role[], asGrantor: boolean): GrantKind {
  const granteeIsGridWorker = granteeRoles.includes('GRID_WORKER');
  if (isGridRelation(relation) && !granteeIsGridWorker) {
    throw new AppError('GRANT_RELATION_GRID_WORKER', asGrantor ? undefined : '您不是网格员，不能以网格员或代办员身份申请代办');
  }
  const isGrid = isGridRelation(relation) || granteeIsGridWorker;
  return {
    isGrid,
    isFamily: !isGridRelation(relation),
    days: isGrid ? GRID_GRANT_DAYS : FAMILY_GRANT_DAYS,
    granteeLimit: granteeIsGridWorker ? MAX_GRANTORS_PER_GRID_WORKER : MAX_GRANTORS_PER_CITIZEN,
  };
}

/**
 * The instant a grant ends: the end of `lastDay` (Asia/Shanghai) — by default the day `days` from
 * today. Today itself may be the last day (help with today's visit); no later than the default.
 */
export function validUntilOf(today: string, days: number, lastDay?: string): Date {
  const latest = addDays(today, days);
  const chosen = lastDay ?? latest;
  if (chosen < today || chosen > latest) {
    throw new AppError('GRANT_VALIDITY_INVALID', `有效期可选${today}至${latest}（${days === GRID_GRANT_DAYS ? '网格员授权最长90天' : '家人授权最长1年'}）`);
  }
  return zonedDateTimeToInstant(addDays(chosen, 1), '00:00');
}

/**
 * What the two people already have, counted under both their locks (statements.ts `liveCounts`):
 * grants in force, and the pending ones the person creating this one started.
 */
export interface LiveCounts {
  /** The grantor's family grants in force (and pending ones the caller started). */
  family: number;
  /** Grants the grantee holds in force (and pending ones the caller started). */
  held: number;
  /** A grant from this grantor to this grantee, pending or in force. */
  duplicate: boolean;
}

/** Refuses a grant the limits do not allow, in words that fit who asked. */
export function checkLimits(counts: LiveCounts, kind: GrantKind, asGrantor: boolean): void {
  if (counts.duplicate) throw new AppError('GRANT_DUPLICATE');
  if (kind.isFamily && counts.family >= MAX_FAMILY_GRANTEES) {
    throw new AppError('GRANT_FAMILY_LIMIT', asGrantor ? undefined : `对方已授权${MAX_FAMILY_GRANTEES}位亲友代办，暂时不能再接受新的代办申请`);
  }
  if (counts.held >= kind.granteeLimit) {
    throw new AppError(
      'GRANT_GRANTEE_LIMIT',
      asGrantor ? `对方可代办的人数已满（最多${kind.granteeLimit}人），请选择其他代办人` : `您可代办的人数已满（最多${kind.granteeLimit}人），请先退出不再需要的代办`,
    );
  }
}

/** Why a transition found nothing to change (its conditional UPDATE matched no row), in words. */
export function stateRefusal(grant: { status: GrantStatus; validUntil: Date; createdAt?: Date }, now: Date): AppError {
  if ((grant.status === 'PENDING' || grant.status === 'ACTIVE') && grant.validUntil <= now) return new AppError('GRANT_STATE', '该授权已过期');
  if (grant.status === 'PENDING' && grant.createdAt && now.getTime() - grant.createdAt.getTime() >= PENDING_GRANT_DAYS * 86_400_000) {
    return new AppError('GRANT_STATE', `该授权已过期（${PENDING_GRANT_DAYS}天内未确认）`);
  }
  const words: Record<GrantStatus, string> = {
    PENDING: '该授权还在等待确认',
    ACTIVE: '该授权已生效',
    REJECTED: '该授权已被拒绝',
    REVOKED: '该授权已撤销',
    EXPIRED: '该授权已过期',
  };
  return new AppError('GRANT_STATE', words[grant.status]);
}

/** After the other side rejects an invitation or a request, how long its sender waits to send them another. */
export const REJECTION_COOLDOWN_MS = 24 * 60 * 60 * 1000;

/**
 * The refusal of an ask within the cooldown after the other side rejected the last one (`rejectedAt`):
 * from when (Asia/Shanghai, the server's clock) the asker may ask them again, in words and as
 * `details.retryAt`.
 */
export function cooldownRefusal(rejectedAt: Date, now: Date): AppError {
  // To the next whole minute, so the time said is never one that is still refused.
  const retryAt = new Date(Math.ceil((rejectedAt.getTime() + REJECTION_COOLDOWN_MS) / 60_000) * 60_000);
  const { day, time } = businessDay(retryAt.toISOString());
  return new AppError('GRANT_COOLDOWN', `对方已拒绝您的上一次邀请或申请，${day} ${time}后才能再次向对方发起`, {
    retryAt: retryAt.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
  });
}
