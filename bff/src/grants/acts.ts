// 代办提醒: every act done on someone's behalf that the policy allowed and that succeeded (a take, a
// booking, a cancel, a waitlist join…; actions that `tellsGrantor`) is told to that person at once —
// in-app, and with the 代办提醒 template on WeChat/Alipay when they hold a credit. The policy
// module hands each act over once its request has succeeded (policy/index.ts `onActDone`); this
// is the one place that listens, for every route. What it concerned is read here, by object type.
import type { FastifyInstance } from 'fastify';
import { Prisma } from '@palm/db/client';
import { LICENCE_TYPE_LABELS, type LicenceTypeKey } from '@palm/shared';
import type { ActOnBehalf } from '../policy';
import { ruleOf } from '../policy';
import { writeOutbox, type EnqueueResult } from '../notify/outbox';
import type { ActFacts } from './notifications';
import { maskedNameOf, PERSON_SELECT } from './view';

interface Described {
  serviceName: string | null;
  officeName: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  displayNumber?: string | null;
  /** The message opens it (the person's own ticket or appointment). */
  ticketId?: string | null;
  appointmentId?: string | null;
}

export class ProxyActs {
  constructor(private readonly app: FastifyInstance) {}

  /**
   * Writes the ACTED_ON_BEHALF rows for one act. Keyed by the act's log entry — or, for a creation,
   * by what it created, so a retried booking (same Idempotency-Key, same appointment) tells once.
   */
  async tell(act: ActOnBehalf): Promise<EnqueueResult> {
    const { prisma } = this.app;
    const now = this.app.resources.clock.now();
    const objectId = act.resourceId ?? act.createdId;
    const [actor, grant, described] = await Promise.all([
      prisma.user.findUnique({ where: { id: act.actorId }, select: PERSON_SELECT }),
      prisma.grant.findFirst({ where: { grantorId: act.subjectId, granteeId: act.actorId }, orderBy: { createdAt: 'desc' }, select: { relation: true } }),
      this.describe(act.resourceType, objectId, act.serviceId),
    ]);
    const facts: ActFacts = {
      activityId: act.activityId,
      actorName: maskedNameOf(actor),
      relation: grant?.relation ?? null,
      words: ruleOf(act.action).words ?? '办理',
      serviceName: described.serviceName,
      officeName: described.officeName,
      startsAt: described.startsAt?.toISOString() ?? null,
      endsAt: described.endsAt?.toISOString() ?? null,
      displayNumber: described.displayNumber ?? null,
      at: now.toISOString(),
    };
    const key = act.createdId ? `ACTED_ON_BEHALF:${act.action}:${act.createdId}` : `ACTED_ON_BEHALF:${act.activityId}`;
    const source = Prisma.sql`
      src AS (
        SELECT ${act.subjectId}::uuid AS "userId", ${described.ticketId ?? null}::uuid AS "ticketId", ${described.appointmentId ?? null}::uuid AS "appointmentId",
               ${key}::text AS key, ${JSON.stringify(facts)}::jsonb AS payload),`;
    return writeOutbox(prisma, this.app.notify.templates, 'ACTED_ON_BEHALF', source, now);
  }

  /** What the act concerned, by the type of object the policy decided on. */
  private async describe(type: string, id: string | null, serviceId: string | null): Promise<Described> {
    const { prisma } = this.app;
    const named = { select: { name: true } } as const;
    if (id && type === 'appointment') {
      const a = await prisma.appointment.findUnique({ where: { id }, select: { startsAt: true, service: named, office: named, slot: { select: { endsAt: true } } } });
      if (a) return { serviceName: a.service.name, officeName: a.office.name, startsAt: a.startsAt, endsAt: a.slot.endsAt, appointmentId: id };
    }
    if (id && type === 'ticket') {
      const t = await prisma.ticket.findUnique({ where: { id }, select: { displayNumber: true, service: named, office: named } });
      if (t) return { serviceName: t.service.name, officeName: t.office.name, displayNumber: t.displayNumber, ticketId: id };
    }
    if (id && type === 'waitlist') {
      const w = await prisma.waitlistEntry.findUnique({ where: { id }, select: { appointmentId: true, slot: { select: { startsAt: true, endsAt: true, service: named, office: named } } } });
      if (w) return { serviceName: w.slot.service.name, officeName: w.slot.office.name, startsAt: w.slot.startsAt, endsAt: w.slot.endsAt, appointmentId: w.appointmentId };
    }
    if (id && type === 'licence') {
      const l = await prisma.licence.findUnique({ where: { id }, select: { type: true } });
      if (l) return { serviceName: LICENCE_TYPE_LABELS[l.type as LicenceTypeKey], officeName: null };
    }
    if (id && type === 'suspension') {
      const s = await prisma.bookingSuspension.findUnique({ where: { id }, select: { office: named } });
      if (s) return { serviceName: null, officeName: s.office.name };
    }
    const service = serviceId ? await prisma.service.findUnique({ where: { id: serviceId }, select: { name: true } }) : null;
    return { serviceName: service?.name ?? null, officeName: null };
  }
}
