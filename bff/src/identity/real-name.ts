// Real-name binding (实名认证). A name and resident ID number become an account's only once the
// identity platform confirms they belong together (二要素, integrations/realname.ts), in this
// order: validate the input → ask the platform → bind.
//
// An ID number belongs to one account at a time. When another account holds it, the verified
// binding moves it: in one transaction the old account's real-name fields are cleared, it gets an
// in-app message and the move is audited. That is the real owner's way out when someone bound
// their number first; there is no "number taken" answer, which told anyone whether a number was
// registered and locked its owner out. A refusal looks the same whoever holds the number: the
// holder is looked up only after the platform said MATCH.
//
// Checks are limited per person (a minute by the route, a day here): each one is billed, and the
// platform must not become a way to test name/ID pairs at scale.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidPersonName, isValidResidentId, normalizeResidentId, parseResidentId, type ResidentIdInfo } from '@palm/shared';
import type { User } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { isUniqueViolation } from '../lib/constraints';
import { sqlStateOf } from '@palm/db';
import { UpstreamError } from '../integrations/http';
import type { RealNameVerdict } from '../integrations/realname';
import { notifyRealNameMoved } from '../notify/real-name';

const DAY_MS = 86_400_000;
/** Two bindings of one number racing: the loser meets the unique hash and moves it on a retry. */
const BIND_TRIES = 3;

/** What a binding elsewhere clears on the account that held the number. */
const UNBOUND = { name: null, idNumberEnc: null, idNumberHash: null, idNumberMasked: null, birthDate: null, sex: null, realNameVerifiedAt: null } as const;

// A unique violation (the same number bound concurrently) or a serialisation failure / deadlock.
const isWriteConflict = (err: unknown): boolean =>
  isUniqueViolation(err) || (err as { code?: unknown }).code === 'P2034' || ['40001', '40P01'].includes(sqlStateOf(err) ?? '');

export class RealNameService {
  private readonly dailyChecks: ReturnType<FastifyInstance['createRateLimit']>;

  constructor(private readonly app: FastifyInstance) {
    this.dailyChecks = app.createRateLimit({
      max: app.config.REAL_NAME_CHECKS_PER_DAY,
      timeWindow: DAY_MS,
      keyGenerator: (request) => `real-name-day:${request.auth?.userId ?? request.ip}`,
    });
  }

  /** Binds the pair to `userId`'s account and returns it; throws AppError for every refusal. */
  async bind(request: FastifyRequest, userId: string, rawName: string, rawIdNumber: string): Promise<User> {
    const name = rawName.trim();
    if (!isValidPersonName(name)) throw new AppError('NAME_INVALID');
    const idNumber = normalizeResidentId(rawIdNumber);
    const parsed = parseResidentId(idNumber);
    if (!isValidResidentId(idNumber, this.app.resources.clock.businessDate()) || !parsed) throw new AppError('ID_NUMBER_INVALID');

    const current = await this.app.prisma.user.findUnique({ where: { id: userId } });
    // A token for a deleted or disabled person is as good as no token.
    if (!current || current.disabled) throw new AppError('UNAUTHENTICATED');
    if (current.realNameVerifiedAt) throw new AppError('ALREADY_VERIFIED');

    const verdict = await this.verify(request, userId, name, idNumber);
    return this.bindVerified(request, userId, name, idNumber, parsed, verdict);
  }

  private async verify(request: FastifyRequest, userId: string, name: string, idNumber: string): Promise<RealNameVerdict> {
    const verifier = this.app.resources.integrations.realName;
    if (!verifier) throw new AppError('UPSTREAM_UNAVAILABLE', '线上实名认证暂未开通，请带身份证到任一大厅窗口办理');
    const limit = await this.dailyChecks(request);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new AppError('RATE_LIMITED', '今天的实名核验次数已用完，请明天再试，或带身份证到大厅窗口办理', { retryAfterSeconds: Math.max(1, limit.ttlInSeconds) });
    }

    let verdict: RealNameVerdict;
    try {
      verdict = await verifier.verify(name, idNumber);
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      request.log.warn({ err }, 'real-name verification failed upstream');
      if (err.kind === 'REJECTED') {
        await this.auditCheck(request, userId, 'FAIL', `platform refused the fields (${err.upstreamCode ?? 'no code'})`);
        throw new AppError('REAL_NAME_MISMATCH');
      }
      if (err.kind === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', '实名核验服务繁忙，请稍后再试');
      throw new AppError('UPSTREAM_UNAVAILABLE', '实名核验服务暂时不可用，请稍后再试');
    }
    if (verdict.result !== 'MATCH') {
      await this.auditCheck(request, userId, 'FAIL', `platform: ${verdict.result}`, verdict.verifyId);
      throw new AppError('REAL_NAME_MISMATCH');
    }
    return verdict;
  }

  private async bindVerified(request: FastifyRequest, userId: string, name: string, idNumber: string, parsed: ResidentIdInfo, verdict: RealNameVerdict): Promise<User> {
    const { prisma, resources, notify, audit } = this.app;
    const { pii, clock } = resources;
    const identity = pii.protectIdNumber(idNumber);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await prisma.$transaction(async (tx) => {
          const now = clock.now();
          const holder = await tx.user.findUnique({ where: { idNumberHash: identity.idNumberHash }, select: { id: true, idNumberMasked: true } });
          const moved = holder !== null && holder.id !== userId;
          if (moved) {
            await tx.user.update({ where: { id: holder.id }, data: UNBOUND });
            await notifyRealNameMoved(tx, notify.templates, { userId: holder.id, idNumberMasked: holder.idNumberMasked, now });
            await audit.record(
              {
                actorId: userId,
                subjectId: holder.id,
                action: 'profile.real-name-moved',
                resourceType: 'user',
                resourceId: holder.id,
                result: 'OK',
                reason: 'a verified real-name binding on another account took this ID number',
                meta: { verifyId: verdict.verifyId, idNumberMasked: holder.idNumberMasked },
              },
              request,
              tx,
            );
          }
          const bound = await tx.user.updateMany({
            where: { id: userId, realNameVerifiedAt: null, disabled: false },
            data: { name, ...identity, birthDate: new Date(`${parsed.birthDate}T00:00:00Z`), sex: parsed.sex, realNameVerifiedAt: now },
          });
          // A second binding of this account won meanwhile: this one must not move anything.
          if (bound.count !== 1) throw new AppError('ALREADY_VERIFIED');
          await this.auditCheck(request, userId, 'OK', moved ? 'platform: MATCH; the number moved from another account' : 'platform: MATCH', verdict.verifyId, tx);
          return tx.user.findUniqueOrThrow({ where: { id: userId } });
        });
      } catch (err) {
        if (attempt < BIND_TRIES && isWriteConflict(err)) continue;
        throw err;
      }
    }
  }

  /** One entry per answered check, never the name or the number: the trail of who tested what, when. */
  private auditCheck(request: FastifyRequest, userId: string, result: 'OK' | 'FAIL', reason: string, verifyId?: string, tx?: Parameters<FastifyInstance['audit']['record']>[2]): Promise<void> {
    return this.app.audit.record(
      { actorId: userId, action: 'profile.verify', resourceType: 'user', resourceId: userId, result, reason, ...(verifyId ? { meta: { verifyId } } : {}) },
      request,
      tx,
    );
  }
}
