// People: finding and creating them by the ways they sign in, their own profile and preferences,
// their staff posting, an admin's block, and the masked view the apps receive.
import { ageOn, ELDER_OFFER_AGE } from '@palm/shared';
import type { Me } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform, PrismaClient, User } from '@palm/db/client';
import type { Pii } from '@palm/db';
import { AppError } from '../lib/errors';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function toMe(user: User, today: string): Me {
  const age = user.birthDate ? ageOn(isoDate(user.birthDate), today) : null;
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    idNumberMasked: user.idNumberMasked,
    phoneMasked: user.phoneMasked,
    realNameVerified: user.realNameVerifiedAt !== null,
    age,
    preferences: { elderMode: user.elderMode, fontScale: user.fontScale, locale: user.locale },
    offerElderMode: age !== null && age >= ELDER_OFFER_AGE && !user.elderMode && user.elderModeOfferedAt === null,
    officeId: user.officeId,
  };
}

/** The citizen with this phone, created on first sign-in (SMS or dev login). */
export async function findOrCreateByPhone(prisma: PrismaClient, pii: Pii, phone: string): Promise<{ user: User; created: boolean }> {
  const phoneHash = pii.lookupHash('phone', phone);
  const existing = await prisma.user.findUnique({ where: { phoneHash } });
  if (existing) return { user: existing, created: false };
  // Two first sign-ins racing for one phone: the unique phoneHash lets exactly one insert win.
  const created = await prisma.user.createMany({ data: [{ roles: ['CITIZEN'], ...pii.protectPhone(phone) }], skipDuplicates: true });
  const user = await prisma.user.findUniqueOrThrow({ where: { phoneHash } });
  return { user, created: created.count === 1 };
}

/** The person behind a WeChat/Alipay account; a WeChat unionId links the same person across apps. */
export async function findOrCreateByPlatform(
  prisma: PrismaClient,
  platform: Platform,
  openId: string,
  unionId?: string,
): Promise<{ user: User; created: boolean }> {
  const account = await prisma.platformAccount.findUnique({ where: { platform_openId: { platform, openId } }, include: { user: true } });
  if (account) return { user: account.user, created: false };
  const linked = unionId ? await prisma.platformAccount.findFirst({ where: { unionId }, include: { user: true } }) : null;
  return prisma.$transaction(async (tx) => {
    const user = linked?.user ?? (await tx.user.create({ data: { roles: ['CITIZEN'] } }));
    await tx.platformAccount.createMany({ data: [{ platform, openId, unionId: unionId ?? null, userId: user.id }], skipDuplicates: true });
    const owner = await tx.platformAccount.findUniqueOrThrow({ where: { platform_openId: { platform, openId } }, include: { user: true } });
    return { user: owner.user, created: owner.userId === user.id && !linked };
  });
}

/** The preferences a person sets for themself (PATCH /api/me/preferences). */
export interface PreferencesChange {
  elderMode?: boolean;
  fontScale?: number;
  locale?: string;
  elderModeOffered?: boolean;
}

/**
 * People as the routes need them: found or created by how they sign in, their own profile, their
 * staff posting, and an admin's block. Decorated as `app.users` (./index.ts).
 */
export class UserService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  byId(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  /** The signed-in person; a token for a deleted or disabled person is as good as no token. */
  async active(id: string): Promise<User> {
    const user = await this.byId(id);
    if (!user || user.disabled) throw new AppError('UNAUTHENTICATED');
    return user;
  }

  findOrCreateByPhone(phone: string): Promise<{ user: User; created: boolean }> {
    return findOrCreateByPhone(this.prisma, this.app.resources.pii, phone);
  }

  findOrCreateByPlatform(platform: Platform, openId: string, unionId?: string): Promise<{ user: User; created: boolean }> {
    return findOrCreateByPlatform(this.prisma, platform, openId, unionId);
  }

  /** Saves a person's own preferences. Switching 长辈版 either way, or dismissing the offer, counts as having been offered. */
  updatePreferences(user: User, change: PreferencesChange): Promise<User> {
    const { elderMode, fontScale, locale, elderModeOffered } = change;
    return this.prisma.user.update({
      where: { id: user.id },
      data: {
        elderMode,
        fontScale,
        locale,
        ...((elderModeOffered || elderMode !== undefined) && !user.elderModeOfferedAt ? { elderModeOfferedAt: this.app.resources.clock.now() } : {}),
      },
    });
  }

  /** Where a member of staff is posted: their office (clerks) and region (supervisors); nulls for anyone else. */
  async posting(id: string): Promise<{ officeId: string | null; regionCode: string | null }> {
    const user = await this.prisma.user.findUnique({ where: { id }, select: { officeId: true, regionCode: true } });
    return { officeId: user?.officeId ?? null, regionCode: user?.regionCode ?? null };
  }

  /**
   * Blocks or unblocks an account, audited as the admin's act: a block disables it and revokes all
   * its refresh tokens in one transaction, then ends its access tokens on every instance within a
   * second (identity/sessions.ts). Null when the id names nobody.
   */
  async setBlocked(request: FastifyRequest, id: string, block: boolean): Promise<{ id: string; disabled: boolean; sessionsEnded: number } | null> {
    const actorId = request.auth!.userId;
    const sids = await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id }, select: { id: true } });
      if (!user) return null;
      // `disabled` first: a sign-in that reads it after writing its session (FOR SHARE) waits for
      // this transaction, so it either sees the block or wrote its session before the revocation
      // below. Revoking takes the person's session lock, so a refresh in flight finishes before the
      // block and its new token is revoked with the rest, or starts after and sees `disabled`.
      await tx.user.update({ where: { id }, data: { disabled: block } });
      const ended = block ? await this.app.tokens.revokeAllInTx(tx, id) : [];
      await this.app.audit.record(
        { actorId, subjectId: id, action: block ? 'user.block' : 'user.unblock', resourceType: 'user', resourceId: id, result: 'OK', meta: { sessionsEnded: ended.length } },
        request,
        tx,
      );
      return ended;
    });
    if (!sids) return null;
    await this.app.sessions.revoke(sids);
    return { id, disabled: block, sessionsEnded: sids.length };
  }
}
