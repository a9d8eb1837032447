// Booking suspensions (预约暂停, issue 5 step 5, DESIGN.md §4): 3 no-shows within 30 days suspend
// online booking for 7 days. The person sees why (the reason lists the dates) and may appeal once
// while it runs; a supervisor of the region of the hall of the latest no-show decides: UPHELD
// keeps it, GRANTED lifts it at once. Walk-ins and tickets are never affected.
//
// Exempt: people aged 70 or over (never suspended), and appointments a grid worker booked for a
// resident — their no-shows do not count, and a grid worker may book for a suspended resident.
// Each no-show counts towards one suspension at most: once it has suspended someone (served, or
// lifted on appeal) it is not counted again, so a fourth no-show right after a suspension ends
// does not bring the first three back.
import { ageOn, NO_SHOW_EXEMPT_AGE, NO_SHOW_RULE } from '@palm/shared';
import type { BookingSuspension as SuspensionView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import type { BookingSuspension, Prisma, PrismaClient, Role } from '@palm/db/client';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';

const DAY_MS = 86_400_000;

type Db = Pick<PrismaClient, 'bookingSuspension'>;

export const isActiveSuspension = (s: Pick<BookingSuspension, 'startsAt' | 'endsAt' | 'liftedAt'>, now: Date) =>
  s.liftedAt === null && s.startsAt <= now && s.endsAt > now;

/** The suspension that refuses the person's online bookings now, if any (the longest-running one). */
export function activeSuspension(prisma: Db, subjectId: string, now: Date): Promise<BookingSuspension | null> {
  return prisma.bookingSuspension.findFirst({
    where: { subjectId, liftedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    orderBy: { endsAt: 'desc' },
  });
}

/** A grid worker booking for a resident is exempt from the resident's suspension (DESIGN.md §4). */
export const isSuspensionExempt = (subjectId: string, actor: { userId: string; roles: readonly Role[] }): boolean =>
  actor.userId !== subjectId && actor.roles.includes('GRID_WORKER');

/** APPOINTMENT_SUSPENDED for this suspension: the reason as the message, the end in the details. */
export function suspendedError(suspension: BookingSuspension): AppError {
  return new AppError('APPOINTMENT_SUSPENDED', `${suspension.reason}。到大厅现场取号办理不受影响，也可以提出申诉`, {
    suspensionId: suspension.id,
    endsAt: suspension.endsAt.toISOString(),
    appealStatus: suspension.appealStatus,
  });
}

/**
 * Refuses a move or a waitlist join for a suspended person with APPOINTMENT_SUSPENDED. (A booking
 * decides it inside its own statement: booking/statements.ts.)
 */
export async function refuseWhileSuspended(app: FastifyInstance, subjectId: string, actor: { userId: string; roles: readonly Role[] }): Promise<void> {
  if (isSuspensionExempt(subjectId, actor)) return;
  const suspension = await activeSuspension(app.prisma, subjectId, app.resources.clock.now());
  if (suspension) throw suspendedError(suspension);
}

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** "30天内3次预约未到（11月2日、11月9日、11月16日），网上预约暂停至11月30日 09:46" (Asia/Shanghai). */
export function suspensionReason(noShowStarts: readonly Date[], endsAt: Date, clock: Clock): string {
  const dates = noShowStarts.map((at) => monthDay(clock.businessDate(at))).join('、');
  return `${NO_SHOW_RULE.windowDays}天内${noShowStarts.length}次预约未到（${dates}），网上预约暂停至${monthDay(clock.businessDate(endsAt))} ${clock.businessTime(endsAt)}`;
}

/**
 * After new no-shows of `subjectId`, inside the transaction that marked them: suspends the person
 * when the rule says so and nothing suspends them yet. A transaction-scoped advisory lock on the
 * person makes two evaluations at once (two instances, two no-shows) wait for each other, so the
 * second finds the first one's suspension instead of adding another.
 */
export async function evaluateSuspension(tx: Prisma.TransactionClient, subjectId: string, now: Date, clock: Clock): Promise<BookingSuspension | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`booking-suspension:${subjectId}`}, 0))`;
  if (await activeSuspension(tx, subjectId, now)) return null;
  const subject = await tx.user.findUnique({ where: { id: subjectId }, select: { birthDate: true } });
  const birthDate = subject?.birthDate?.toISOString().slice(0, 10);
  if (birthDate && ageOn(birthDate, clock.businessDate(now)) >= NO_SHOW_EXEMPT_AGE) return null;
  const since = new Date(now.getTime() - NO_SHOW_RULE.windowDays * DAY_MS);
  // Not counted: bookings a grid worker made for the resident, and no-shows that already
  // suspended the person once.
  const counted = await tx.$queryRaw<{ id: string; startsAt: Date; officeId: string }[]>`
    SELECT a."id", a."startsAt", a."officeId" FROM "Appointment" a
    WHERE a."subjectId" = ${subjectId}::uuid AND a."status" = 'NO_SHOW'::"AppointmentStatus" AND a."startsAt" >= ${since}::timestamp(3)
      AND NOT (a."actorId" <> a."subjectId" AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = a."actorId" AND 'GRID_WORKER'::"Role" = ANY (u."roles")))
      AND NOT EXISTS (SELECT 1 FROM "BookingSuspension" s WHERE s."subjectId" = a."subjectId" AND a."id" = ANY (s."noShowIds"))
    ORDER BY a."startsAt", a."id"`;
  if (counted.length < NO_SHOW_RULE.count) return null;
  const endsAt = new Date(now.getTime() + NO_SHOW_RULE.suspendDays * DAY_MS);
  return tx.bookingSuspension.create({
    data: {
      subjectId,
      officeId: counted[counted.length - 1]!.officeId,
      startsAt: now,
      endsAt,
      reason: suspensionReason(counted.map((c) => c.startsAt), endsAt, clock),
      noShowIds: counted.map((c) => c.id),
    },
  });
}

/** A suspension as its person sees it. */
export function suspensionView(s: BookingSuspension, now: Date): SuspensionView {
  const active = isActiveSuspension(s, now);
  return {
    id: s.id,
    reason: s.reason,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    active,
    liftedAt: s.liftedAt?.toISOString() ?? null,
    canAppeal: active && s.appealStatus === null,
    appealStatus: s.appealStatus,
    appealText: s.appealText,
    appealedAt: s.appealedAt?.toISOString() ?? null,
    decisionNote: s.decisionNote,
    decidedAt: s.decidedAt?.toISOString() ?? null,
  };
}
