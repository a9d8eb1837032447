// One appeal per booking suspension (issue 5 step 5): the person (or whoever books for them) states
// why, once, while it runs; a supervisor of the hall's region decides. Both steps are conditional
// updates on the appeal's state, so a double submit or two supervisors at once change it once.
import { maskName } from '@palm/shared';
import type { SuspensionAppeal } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import type { BookingSuspension, Prisma } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { isActiveSuspension } from './suspensions';

const appealInclude = { office: { select: { id: true, name: true } }, subject: { select: { name: true } } } as const;
type AppealRow = Prisma.BookingSuspensionGetPayload<{ include: typeof appealInclude }>;

export class AppealService {
  constructor(private readonly app: FastifyInstance) {}

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /** One's suspensions: the active one first, then the latest. */
  async listFor(subjectId: string): Promise<BookingSuspension[]> {
    const rows = await this.app.prisma.bookingSuspension.findMany({ where: { subjectId }, orderBy: { startsAt: 'desc' }, take: 50 });
    const now = this.now();
    return [...rows.filter((s) => isActiveSuspension(s, now)), ...rows.filter((s) => !isActiveSuspension(s, now))];
  }

  /**
   * What the policy needs of a suspension — whose it is, its hall and the hall's region — in one
   * query (a Prisma include would be a second one, only when it exists), or null.
   */
  async facts(id: string): Promise<{ officeId: string; subjectId: string; actorId: null; regionCode: string } | null> {
    const rows = await this.app.prisma.$queryRaw<{ officeId: string; subjectId: string; regionCode: string }[]>`
      SELECT s."officeId"::text AS "officeId", s."subjectId"::text AS "subjectId", o."regionCode"
      FROM "BookingSuspension" s JOIN "Office" o ON o."id" = s."officeId"
      WHERE s."id" = ${id}::uuid`;
    // Nobody "booked" a suspension: it has its person only.
    return rows[0] ? { ...rows[0], actorId: null } : null;
  }

  async appeal(suspension: Pick<BookingSuspension, 'id'>, text: string): Promise<BookingSuspension> {
    const now = this.now();
    const { count } = await this.app.prisma.bookingSuspension.updateMany({
      where: { id: suspension.id, appealStatus: null, liftedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
      data: { appealStatus: 'PENDING', appealText: text, appealedAt: now },
    });
    const current = await this.app.prisma.bookingSuspension.findUniqueOrThrow({ where: { id: suspension.id } });
    if (count === 0) {
      throw new AppError('APPEAL_STATE', current.appealStatus === null ? '该暂停已结束，无需申诉' : undefined);
    }
    return current;
  }

  async decide(suspension: Pick<BookingSuspension, 'id'>, decision: 'UPHELD' | 'GRANTED', note: string, supervisorId: string): Promise<BookingSuspension> {
    const now = this.now();
    const { count } = await this.app.prisma.bookingSuspension.updateMany({
      where: { id: suspension.id, appealStatus: 'PENDING' },
      data: { appealStatus: decision, decisionNote: note, decidedById: supervisorId, decidedAt: now, ...(decision === 'GRANTED' ? { liftedAt: now } : {}) },
    });
    const current = await this.app.prisma.bookingSuspension.findUniqueOrThrow({ where: { id: suspension.id } });
    if (count === 0) throw new AppError('APPEAL_STATE', current.appealStatus === null ? '该暂停还没有申诉，无需处理' : '该申诉已处理');
    return current;
  }

  /**
   * Appeals for supervisors: of the halls whose region code starts with `regionPrefix` (null: every
   * hall, for admins), oldest first. Names masked; no phone or ID number is read at all.
   */
  async appeals(regionPrefix: string | null, status: 'PENDING' | 'UPHELD' | 'GRANTED'): Promise<SuspensionAppeal[]> {
    const rows: AppealRow[] = await this.app.prisma.bookingSuspension.findMany({
      where: { appealStatus: status, ...(regionPrefix === null ? {} : { office: { regionCode: { startsWith: regionPrefix } } }) },
      include: appealInclude,
      orderBy: [{ appealedAt: 'asc' }, { id: 'asc' }],
      take: 200,
    });
    const noShows = await this.app.prisma.appointment.findMany({
      where: { id: { in: rows.flatMap((r) => r.noShowIds) } },
      select: { id: true, startsAt: true, service: { select: { name: true } } },
    });
    const byId = new Map(noShows.map((a) => [a.id, a]));
    const { clock } = this.app.resources;
    const now = this.now();
    return rows.map((r) => ({
      id: r.id,
      name: r.subject.name ? maskName(r.subject.name) : null,
      office: r.office,
      reason: r.reason,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      active: isActiveSuspension(r, now),
      noShows: r.noShowIds.flatMap((id) => {
        const a = byId.get(id);
        return a ? [{ date: clock.businessDate(a.startsAt), start: clock.businessTime(a.startsAt), service: a.service.name }] : [];
      }),
      appealStatus: r.appealStatus!,
      appealText: r.appealText ?? '',
      appealedAt: (r.appealedAt ?? r.createdAt).toISOString(),
      decisionNote: r.decisionNote,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }
}
