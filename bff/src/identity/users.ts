// Finding and creating people by the ways they sign in, and the masked view the apps receive.
import { ageOn, ELDER_OFFER_AGE } from '@palm/shared';
import type { Me } from '@palm/shared/server';
import type { Platform, PrismaClient, User } from '@palm/db/client';
import type { Pii } from '@palm/db';

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
