// 请求授权: a grid worker asks a resident of their grid to let them act for them. One function, on
// purpose: it is the grants domain's "a grantee asks, the grantor approves" for the one case the
// grid needs, and moves there as it is (the route only calls it after the policy).
//
// The request is a PENDING grant resident → worker (relation 网格员 or 代办员), for the chosen
// scopes (default 预约, 排队取号, 申办事项), running 90 days (or fewer) from now. The resident answers
// it on their own phone. A resident without a phone cannot: they consent at a window, witnessed
// by a clerk. Asking again while a request waits returns that request (idempotent); asking while a
// grant is in force is refused — there is nothing to ask.
//
// Grants record who asked: this grant is the grantee's request, the grantor (the resident) is the
// one to accept it (`initiatedBy: 'GRANTEE'` once the Grant table has that column).
import { GRID_CONSENT_DAYS, GRID_DEFAULT_SCOPES } from '@palm/shared';
import type { GrantScope, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';

const DAY_MS = 86_400_000;
const LIVE = ['PENDING', 'ACTIVE'] as const;

export interface GridConsentRequest {
  workerId: string;
  residentId: string;
  relation?: '网格员' | '代办员';
  scopes?: readonly GrantScope[];
  /** 1–90 (default 90): how long the grant runs once the resident accepts. */
  validDays?: number;
}

/** The PENDING grant asking the resident (made now, or the one already waiting). */
export async function requestGridConsent(prisma: PrismaClient, now: Date, request: GridConsentRequest): Promise<{ grantId: string; created: boolean }> {
  const { workerId, residentId } = request;
  return prisma.$transaction(async (tx) => {
    // Every grant creation between these two people (here, or in the grants domain) waits for the
    // same locks, taken in one order: two requests at once cannot both insert — the second finds
    // the first's row and returns it.
    for (const id of [workerId, residentId].sort()) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:grants'), hashtext(${id}))`;
    }
    const live = await tx.grant.findMany({
      where: { grantorId: residentId, granteeId: workerId, status: { in: [...LIVE] }, validUntil: { gt: now } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, status: true, validFrom: true },
    });
    if (live.some((g) => g.status === 'ACTIVE' && g.validFrom <= now)) throw new AppError('GRID_CONSENT_ACTIVE');
    const waiting = live.find((g) => g.status === 'PENDING');
    if (waiting) return { grantId: waiting.id, created: false };

    const resident = await tx.user.findUniqueOrThrow({ where: { id: residentId }, select: { phoneHash: true } });
    if (!resident.phoneHash) throw new AppError('GRID_RESIDENT_NO_PHONE');

    // A live grant of the pair past its end that the expiry job has not reached yet ends now, so it
    // cannot stand beside the new one.
    await tx.grant.updateMany({ where: { grantorId: residentId, granteeId: workerId, status: { in: [...LIVE] }, validUntil: { lte: now } }, data: { status: 'EXPIRED' } });
    const days = request.validDays ?? GRID_CONSENT_DAYS;
    const grant = await tx.grant.create({
      data: {
        grantorId: residentId,
        granteeId: workerId,
        relation: request.relation ?? '网格员',
        scopes: [...(request.scopes ?? GRID_DEFAULT_SCOPES)],
        serviceIds: [],
        status: 'PENDING',
        consentMethod: 'IN_APP',
        validFrom: now,
        validUntil: new Date(now.getTime() + days * DAY_MS),
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    return { grantId: grant.id, created: true };
  });
}
