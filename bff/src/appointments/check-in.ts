// 签到 (DESIGN.md §4 "Appointments"): from 30 minutes before a booked slot's start until 15
// minutes after it, on site — by scanning the QR of the hall's check-in code of the day (or typing
// it), or at a window by the clerk — the appointment becomes an APPOINTMENT-priority ticket in the
// hall's queue. The code (hall-code.ts) only shows that someone saw the hall's screen today; the
// window [start − 30, start + 15] and the person's own booking are what matter. It is checked on
// every scan, also of an appointment already checked in, before anything is answered.
//
// A double tap takes one number without holding a transaction across the take: the number is
// taken under the idempotency key `appointment:<id>` (the same caller's repeat replays it) and
// the ticket's one-active-number-per-person key (a check-in by someone else at the same moment —
// the booker, the clerk — cannot take a second one and adopts the first); then one conditional
// statement moves the appointment BOOKED → CHECKED_IN with its event. Whoever loses that update
// finds it CHECKED_IN with the same number — or, when the no-show job won at the window's edge,
// withdraws the number just taken.
import { maskName } from '@palm/shared';
import type { OfficeAppointment } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { activeKeyOf } from '../queue/tickets';
import { checkInWindow, coveredMaterials, type AppointmentRow } from './booking';

/** Who checks in how: the person with the hall's code (the request counts their tries), or a clerk. */
export type CheckInBy = { actorId: string; method: 'SCAN'; hallCode: string; request: FastifyRequest } | { actorId: string; method: 'CLERK' };

/** Decorated as `app.checkIn` (./index.ts); takes the number through `app.tickets`, checks the code with `app.hallCodes`. */
export class CheckInService {
  constructor(private readonly app: FastifyInstance) {}

  /**
   * Checks in: the appointment CHECKED_IN with its priority ticket. A repeat (a double tap, the
   * booker and the person both, a retry) answers with the same appointment and the same number.
   */
  async checkIn(row: AppointmentRow, by: CheckInBy): Promise<AppointmentRow> {
    if (by.method === 'SCAN') await this.app.hallCodes.verify(by.request, { actorId: by.actorId, appointmentId: row.id, officeId: row.officeId, text: by.hallCode });
    if (row.status === 'CHECKED_IN') return row;
    const { clock } = this.app.resources;
    const now = clock.now();
    const refusal = refusalToCheckIn(row, now, clock);
    if (refusal) throw refusal;

    const ticketId = await this.takeNumber(row, by.actorId);
    const won = await this.app.prisma.$queryRaw<{ id: string }[]>`
      WITH checked AS (
        UPDATE "Appointment" SET "status" = 'CHECKED_IN'::"AppointmentStatus", "checkedInAt" = ${now}::timestamp(3), "checkInMethod" = ${by.method},
               "ticketId" = ${ticketId}::uuid, "updatedAt" = ${now}::timestamp(3)
        WHERE "id" = ${row.id}::uuid AND "status" = 'BOOKED'::"AppointmentStatus"
        RETURNING "id"),
      event AS (
        INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
        SELECT "id", 'CHECKED_IN', ${by.actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('method', ${by.method}::text, 'ticketId', ${ticketId}::text) FROM checked)
      SELECT "id" FROM checked`;
    const current = await this.app.booking.load(row.id);
    if (won.length === 0 && current.ticketId !== ticketId) {
      await this.withdraw(ticketId, row.officeId, by.actorId, now);
      if (current.status !== 'CHECKED_IN') throw refusalToCheckIn(current, now, clock) ?? new AppError('APPOINTMENT_STATE');
    }
    return current;
  }

  /** A clerk's look-up by the code the person reads out; null when it is no appointment of this hall. */
  async findByCode(officeId: string, code: string): Promise<AppointmentRow | null> {
    const hit = await this.app.prisma.appointment.findUnique({ where: { code: code.toUpperCase() }, select: { id: true, officeId: true } });
    return hit && hit.officeId === officeId ? this.app.booking.find(hit.id) : null;
  }

  /** A hall's appointments of one business day, in start order, as its clerks see them. */
  async dayList(officeId: string, date: string): Promise<OfficeAppointment[]> {
    const { clock } = this.app.resources;
    const rows = await this.app.prisma.appointment.findMany({
      where: { officeId, date: new Date(`${date}T00:00:00Z`) },
      select: {
        id: true,
        code: true,
        status: true,
        startsAt: true,
        checkedInAt: true,
        checkInMethod: true,
        service: { select: { id: true, name: true } },
        subject: { select: { name: true } },
        slot: { select: { endsAt: true } },
        ticket: { select: { id: true, displayNumber: true, status: true } },
        licenceMaterials: true,
      },
      orderBy: [{ startsAt: 'asc' }, { code: 'asc' }],
      take: 1000,
    });
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      name: r.subject.name ? maskName(r.subject.name) : null,
      service: r.service,
      start: clock.businessTime(r.startsAt),
      end: clock.businessDate(r.slot.endsAt) > date ? '24:00' : clock.businessTime(r.slot.endsAt),
      startsAt: r.startsAt.toISOString(),
      checkedInAt: r.checkedInAt?.toISOString() ?? null,
      checkInMethod: r.checkInMethod === 'SCAN' || r.checkInMethod === 'CLERK' ? r.checkInMethod : null,
      ticket: r.ticket,
      licenceMaterials: coveredMaterials(r.licenceMaterials),
    }));
  }

  /**
   * The appointment's number: taken now, or the one a check-in by someone else took a moment ago.
   * The number belongs to the appointment's people — its subject, and its booker as the taker —
   * whoever checked in: a clerk checking someone in at the window is logged on the ticket's event
   * but does not become an owner of the citizen's number.
   */
  private async takeNumber(row: AppointmentRow, actorId: string): Promise<string> {
    const idempotencyKey = `appointment:${row.id}`;
    try {
      const { ticket } = await this.app.tickets.issue({
        officeId: row.officeId,
        serviceId: row.serviceId,
        subjectId: row.subjectId,
        actorId: row.actorId,
        eventActorId: actorId,
        channel: 'APPOINTMENT',
        idempotencyKey,
      });
      return ticket.id;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'TICKET_ALREADY_ACTIVE') throw err;
      const activeKey = activeKeyOf(row.subjectId, row.officeId, row.serviceId, this.app.resources.clock.businessDate());
      const active = await this.app.prisma.ticket.findUnique({ where: { activeKey }, select: { id: true, idempotencyKey: true, displayNumber: true } });
      if (active?.idempotencyKey === idempotencyKey) return active.id;
      // The person already holds an ordinary number for this service here today.
      throw new AppError('TICKET_ALREADY_ACTIVE', active ? `您今天已取了该业务的排队号 ${active.displayNumber}，请凭该号办理，或取消该号后再签到` : undefined);
    }
  }

  /** A number taken for a check-in that lost (the no-show job was first): cancelled unless an appointment holds it. */
  private async withdraw(ticketId: string, officeId: string, actorId: string, now: Date): Promise<void> {
    await this.app.prisma.$executeRaw`
      WITH withdrawn AS (
        UPDATE "Ticket" t SET "status" = 'CANCELLED'::"TicketStatus", "cancelledAt" = ${now}::timestamp(3), "activeKey" = NULL
        WHERE t."id" = ${ticketId}::uuid AND t."status" = 'WAITING'::"TicketStatus"
          AND NOT EXISTS (SELECT 1 FROM "Appointment" a WHERE a."ticketId" = t."id")
        RETURNING t."id")
      INSERT INTO "TicketEvent" ("ticketId", "type", "actorId", "at", "detail")
      SELECT "id", 'CANCELLED', ${actorId}::uuid, ${now}::timestamp(3), '{"reason":"CHECK_IN_LOST"}'::jsonb FROM withdrawn`;
    this.app.live.publish(officeId);
  }
}

/** Why this appointment cannot be checked in now, or null when it can. */
function refusalToCheckIn(row: { status: string; startsAt: Date }, now: Date, clock: Clock): AppError | null {
  if (row.status === 'NO_SHOW') return new AppError('CHECK_IN_CLOSED');
  if (row.status === 'CANCELLED') return new AppError('APPOINTMENT_STATE', '该预约已取消，不能签到');
  if (row.status === 'DONE') return new AppError('APPOINTMENT_STATE', '该预约已办结');
  if (row.status !== 'BOOKED') return new AppError('APPOINTMENT_STATE');
  const { opensAt, closesAt } = checkInWindow(row.startsAt);
  const window = { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() };
  if (now < opensAt) {
    const day = clock.businessDate(opensAt);
    const when = `${day === clock.businessDate(now) ? '今天' : `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`} ${clock.businessTime(opensAt)}`;
    return new AppError('CHECK_IN_NOT_OPEN', `还没到签到时间，${when} 起可以签到（预约开始前30分钟）`, window);
  }
  if (now > closesAt) return new AppError('CHECK_IN_CLOSED', undefined, window);
  return null;
}
