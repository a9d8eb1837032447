// Booking (预约, DESIGN.md §3–§4, issue 5 step 2): book a slot for oneself or someone one acts for,
// one's appointments, cancel, reschedule. Every decision about places and limits is made by
// PostgreSQL in the statement that changes them, so no interleaving of requests can overbook a
// slot or give a person more than the rules allow:
//
// - a place: `UPDATE "Slot" SET booked = booked + 1 WHERE … booked < capacity AND released AND not
//   withdrawn AND not started` — concurrent updates of the row queue on its lock and each re-checks
//   the condition against the row as the one before left it; the CHECK (booked ≤ capacity) backs it;
// - 1 active per person per service per day: the unique `activeKey` of the appointment row;
// - 3 active in all: the person's AppointmentQuota row, incremented in the same statement under a
//   CHECK (active ≤ 3). A count of the person's appointments inside the statement would not do:
//   under READ COMMITTED every concurrent booking counts from its own snapshot, so five at once
//   all see 0 and all insert. Incrementing one row serialises them on its lock like the slot, and
//   the CHECK turns the 4th into an error that rolls the whole statement back — its slot place
//   included — without an interactive transaction (whose pool wait fails under a release storm).
import { randomInt, randomUUID } from 'node:crypto';
import {
  APPOINTMENT_CHANGE_CUTOFF_MINUTES,
  APPOINTMENT_CODE_ALPHABET,
  APPOINTMENT_CODE_LENGTH,
  maskName,
} from '@palm/shared';
import type { Appointment as AppointmentView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { AppError } from '../lib/errors';

export interface BookInput {
  slotId: string;
  serviceId: string;
  /** Who is served. */
  subjectId: string;
  /** Who books (the subject, or someone with an APPOINTMENT grant). */
  actorId: string;
  idempotencyKey?: string;
}

const appointmentInclude = {
  office: { select: { id: true, name: true, address: true } },
  service: { select: { id: true, name: true } },
  slot: { select: { endsAt: true } },
  subject: { select: { name: true } },
} as const;
export type AppointmentRow = Prisma.AppointmentGetPayload<{ include: typeof appointmentInclude }>;

interface SlotFacts {
  id: string;
  serviceId: string;
  startsAt: Date;
  releasedAt: Date;
  withdrawnAt: Date | null;
  capacity: number;
  booked: number;
  held: number;
}

const CUTOFF_MS = APPOINTMENT_CHANGE_CUTOFF_MINUTES * 60_000;

/**
 * A place freed in slot `s` while people wait for it (候补) is held for them rather than freed: 1
 * when the slot has a WAITING entry, else 0. Promotion (./waitlist.ts) hands held places to the
 * waiting in order; nobody else can book them meanwhile (bookable = capacity − booked − held).
 */
const WAITERS_HOLD = Prisma.sql`(CASE WHEN EXISTS (SELECT 1 FROM "WaitlistEntry" w WHERE w."slotId" = s."id" AND w."status" = 'WAITING'::"WaitlistStatus") THEN 1 ELSE 0 END)`;
/** Attempts at a fresh code when a random one is taken (≈ 1 in 10⁶ per booking with 1,000 live codes). */
const CODE_ATTEMPTS = 4;

/** A random appointment code from the unambiguous alphabet. */
export function newAppointmentCode(): string {
  let code = '';
  for (let i = 0; i < APPOINTMENT_CODE_LENGTH; i += 1) code += APPOINTMENT_CODE_ALPHABET[randomInt(APPOINTMENT_CODE_ALPHABET.length)];
  return code;
}

/** The PostgreSQL error a raw statement failed with: SQLSTATE and the text naming the constraint. */
function pgErrorOf(err: unknown): { code: string; detail: string } | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const detail = `${JSON.stringify(err.meta ?? {})} ${err.message}`;
  if (err.code === 'P2002') return { code: '23505', detail };
  const sqlState = /\b(23505|23514)\b/.exec(detail)?.[1];
  return sqlState ? { code: sqlState, detail } : null;
}
const violates = (err: unknown, sqlState: '23505' | '23514', name: string): boolean => {
  const pg = pgErrorOf(err);
  return pg !== null && pg.code === sqlState && pg.detail.includes(name);
};
const isLimitTotal = (err: unknown) => violates(err, '23514', 'AppointmentQuota_active_within_limit');
const isLimitServiceDay = (err: unknown) => violates(err, '23505', 'activeKey');
export const isCodeTaken = (err: unknown) => violates(err, '23505', 'Appointment_code_key') || violates(err, '23505', '"code"]');
const isIdempotencyKeyTaken = (err: unknown) => violates(err, '23505', 'idempotencyKey');

export class BookingService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /**
   * Books a place; `created` is false when an Idempotency-Key replays an earlier booking (the same
   * appointment, whatever became of it since). One read (the slot, and the replay) and one
   * statement that wins the place, counts the person's quota and inserts the appointment and its
   * event — all or nothing.
   */
  async book(input: BookInput): Promise<{ appointment: AppointmentRow; created: boolean }> {
    const now = this.app.resources.clock.now();
    const [slot, replay] = await Promise.all([
      this.slotFacts(input.slotId),
      input.idempotencyKey ? this.findByIdempotencyKey(input.actorId, input.idempotencyKey) : Promise.resolve(null),
    ]);
    if (replay) return { appointment: this.replay(replay, input), created: false };
    refuseUnbookable(slot, input.serviceId, now);

    for (let attempt = 1; ; attempt += 1) {
      const id = randomUUID();
      try {
        const rows = await this.prisma.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${input.slotId}::uuid AND "serviceId" = ${input.serviceId}::uuid AND "booked" + "held" < "capacity"
              AND "releasedAt" <= ${now}::timestamp(3) AND "withdrawnAt" IS NULL AND "startsAt" > ${now}::timestamp(3)
            RETURNING "id", "officeId", "serviceId", "date", "startsAt"),
          quota AS (
            INSERT INTO "AppointmentQuota" ("subjectId", "active", "updatedAt")
            SELECT ${input.subjectId}::uuid, 1, ${now}::timestamp(3) FROM won
            ON CONFLICT ("subjectId") DO UPDATE SET "active" = "AppointmentQuota"."active" + 1, "updatedAt" = EXCLUDED."updatedAt"
            RETURNING "subjectId"),
          appointment AS (
            INSERT INTO "Appointment" ("id", "code", "slotId", "officeId", "serviceId", "date", "startsAt", "subjectId", "actorId", "status",
                                       "activeKey", "idempotencyKey", "bookedAt", "createdAt", "updatedAt")
            SELECT ${id}::uuid, ${newAppointmentCode()}, won."id", won."officeId", won."serviceId", won."date", won."startsAt",
                   ${input.subjectId}::uuid, ${input.actorId}::uuid, 'BOOKED'::"AppointmentStatus",
                   ${input.subjectId} || ':' || won."serviceId"::text || ':' || to_char(won."date", 'YYYY-MM-DD'),
                   ${input.idempotencyKey ?? null}, ${now}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3)
            FROM won, quota
            RETURNING "id", "slotId"),
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'BOOKED', ${input.actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('slotId', "slotId") FROM appointment)
          SELECT "id" FROM appointment`;
        if (rows.length === 0) {
          // No place was won: say why from the slot as it is now (full, or changed since the read).
          refuseUnbookable(await this.slotFacts(input.slotId), input.serviceId, now);
          throw new AppError('SLOT_FULL');
        }
        return { appointment: await this.load(rows[0]!.id), created: true };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (input.idempotencyKey) {
          // The same booking raced itself (a retry while the first was in flight): a unique or
          // quota violation is only raised once the winner has committed, so it is there to answer.
          const again = await this.findByIdempotencyKey(input.actorId, input.idempotencyKey);
          if (again) return { appointment: this.replay(again, input), created: false };
          if (isIdempotencyKeyTaken(err)) throw new AppError('CONFLICT');
        }
        if (isLimitTotal(err)) throw new AppError('APPOINTMENT_LIMIT_TOTAL');
        if (isLimitServiceDay(err)) throw new AppError('APPOINTMENT_LIMIT_SERVICE_DAY');
        if (isCodeTaken(err) && attempt < CODE_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /**
   * Cancels a BOOKED appointment until 30 minutes before its start, freeing its place and the
   * person's quota in the same statement. Refusals say why (409).
   */
  async cancel(appointment: AppointmentRow, actorId: string, reason: string | undefined): Promise<AppointmentRow> {
    const now = this.app.resources.clock.now();
    const deadline = new Date(now.getTime() + CUTOFF_MS);
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH cancelled AS (
        UPDATE "Appointment" SET "status" = 'CANCELLED'::"AppointmentStatus", "cancelledAt" = ${now}::timestamp(3),
               "cancelReason" = ${reason ?? null}, "activeKey" = NULL, "updatedAt" = ${now}::timestamp(3)
        WHERE "id" = ${appointment.id}::uuid AND "status" = 'BOOKED'::"AppointmentStatus" AND "startsAt" >= ${deadline}::timestamp(3)
        RETURNING "id", "slotId", "subjectId"),
      freed AS (
        UPDATE "Slot" s SET "booked" = s."booked" - 1, "held" = s."held" + ${WAITERS_HOLD}, "updatedAt" = ${now}::timestamp(3)
        FROM cancelled c WHERE s."id" = c."slotId" RETURNING s."id"),
      quota AS (
        UPDATE "AppointmentQuota" q SET "active" = q."active" - 1, "updatedAt" = ${now}::timestamp(3) FROM cancelled c WHERE q."subjectId" = c."subjectId" RETURNING q."subjectId"),
      event AS (
        INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
        SELECT "id", 'CANCELLED', ${actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('slotId', "slotId", 'reason', ${reason ?? null}::text) FROM cancelled)
      SELECT "id" FROM cancelled`;
    const current = await this.load(appointment.id);
    if (rows.length === 0) throw refusalToChange(current, now);
    return current;
  }

  /**
   * 改约: moves a BOOKED appointment (until 30 minutes before its start) to another slot of the same
   * service, keeping its id and code. The new place is won, the appointment moved and the old place
   * freed in one transaction holding the appointment's row lock; if the new slot cannot be had
   * nothing changes and the old booking stands.
   */
  async reschedule(appointment: AppointmentRow, toSlotId: string, actorId: string): Promise<AppointmentRow> {
    const now = this.app.resources.clock.now();
    const deadline = new Date(now.getTime() + CUTOFF_MS);
    if (toSlotId === appointment.slotId) throw new AppError('VALIDATION_FAILED', '新时段与原时段相同，请选择其他时段', [{ field: 'body.slotId', rule: 'different' }]);
    refuseUnbookable(await this.slotFacts(toSlotId), appointment.serviceId, now);
    try {
      await this.prisma.$transaction(async (tx) => {
        // The lock orders this move against a cancel or another move of the same appointment.
        const [locked] = await tx.$queryRaw<{ status: string; slotId: string; startsAt: Date }[]>`
          SELECT "status"::text AS "status", "slotId", "startsAt" FROM "Appointment" WHERE "id" = ${appointment.id}::uuid FOR UPDATE`;
        if (!locked || locked.status !== 'BOOKED' || locked.startsAt < deadline) throw refusalToChange(await this.load(appointment.id), now);
        const moved = await tx.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${toSlotId}::uuid AND "serviceId" = ${appointment.serviceId}::uuid AND "booked" + "held" < "capacity"
              AND "releasedAt" <= ${now}::timestamp(3) AND "withdrawnAt" IS NULL AND "startsAt" > ${now}::timestamp(3)
            RETURNING "id", "officeId", "date", "startsAt"),
          moved AS (
            UPDATE "Appointment" a SET "slotId" = won."id", "officeId" = won."officeId", "date" = won."date", "startsAt" = won."startsAt",
                   "activeKey" = a."subjectId"::text || ':' || a."serviceId"::text || ':' || to_char(won."date", 'YYYY-MM-DD'),
                   "rescheduledAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
            FROM won WHERE a."id" = ${appointment.id}::uuid
            RETURNING a."id"),
          freed AS (
            UPDATE "Slot" s SET "booked" = s."booked" - 1, "held" = s."held" + ${WAITERS_HOLD}, "updatedAt" = ${now}::timestamp(3)
            WHERE s."id" = ${locked.slotId}::uuid AND EXISTS (SELECT 1 FROM moved) RETURNING s."id"),
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'RESCHEDULED', ${actorId}::uuid, ${now}::timestamp(3), jsonb_build_object('fromSlotId', ${locked.slotId}::text, 'toSlotId', ${toSlotId}::text) FROM moved)
          SELECT "id" FROM moved`;
        if (moved.length === 0) {
          // Throwing rolls the transaction back: the old booking stands as it was.
          refuseUnbookable(await this.slotFacts(toSlotId), appointment.serviceId, now);
          throw new AppError('SLOT_FULL');
        }
      });
    } catch (err) {
      if (isLimitServiceDay(err)) throw new AppError('APPOINTMENT_LIMIT_SERVICE_DAY');
      throw err;
    }
    return this.load(appointment.id);
  }

  find(id: string): Promise<AppointmentRow | null> {
    return this.prisma.appointment.findUnique({ where: { id }, include: appointmentInclude });
  }

  load(id: string): Promise<AppointmentRow> {
    return this.prisma.appointment.findUniqueOrThrow({ where: { id }, include: appointmentInclude });
  }

  /** One's appointments, as the person served or the one who booked: the latest appointment time first. */
  listFor(userId: string): Promise<AppointmentRow[]> {
    return this.prisma.appointment.findMany({
      where: { OR: [{ subjectId: userId }, { actorId: userId }] },
      include: appointmentInclude,
      orderBy: [{ startsAt: 'desc' }, { bookedAt: 'desc' }],
      take: 50,
    });
  }

  /** The appointment as its holder sees it: Asia/Shanghai date and times, whether it may change. */
  view(row: AppointmentRow): AppointmentView {
    const { clock } = this.app.resources;
    const date = clock.businessDate(row.startsAt);
    const endsAt = row.slot.endsAt;
    const changeDeadline = new Date(row.startsAt.getTime() - CUTOFF_MS);
    const onBehalf = row.subjectId !== row.actorId;
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      office: row.office,
      service: row.service,
      slotId: row.slotId,
      date,
      start: clock.businessTime(row.startsAt),
      // A slot ending at midnight ends at 24:00 of its own day, not at 00:00.
      end: clock.businessDate(endsAt) > date ? '24:00' : clock.businessTime(endsAt),
      startsAt: row.startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      onBehalfOf: onBehalf ? (row.subject.name ? maskName(row.subject.name) : '他人') : null,
      canChange: row.status === 'BOOKED' && clock.now() <= changeDeadline,
      changeDeadline: changeDeadline.toISOString(),
      bookedAt: row.bookedAt.toISOString(),
      rescheduledAt: row.rescheduledAt?.toISOString() ?? null,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      cancelReason: row.cancelReason,
    };
  }

  private async slotFacts(slotId: string): Promise<SlotFacts | null> {
    return this.prisma.slot.findUnique({
      where: { id: slotId },
      select: { id: true, serviceId: true, startsAt: true, releasedAt: true, withdrawnAt: true, capacity: true, booked: true, held: true },
    });
  }

  private findByIdempotencyKey(actorId: string, idempotencyKey: string): Promise<AppointmentRow | null> {
    return this.prisma.appointment.findUnique({ where: { actorId_idempotencyKey: { actorId, idempotencyKey } }, include: appointmentInclude });
  }

  private replay(row: AppointmentRow, input: BookInput): AppointmentRow {
    // A key names one request: reusing it for a different booking is a client bug, not a retry.
    // A rescheduled appointment still answers the booking that made it.
    const sameSlot = row.slotId === input.slotId || row.rescheduledAt !== null;
    if (row.serviceId !== input.serviceId || row.subjectId !== input.subjectId || !sameSlot) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return row;
  }
}

/** Throws why a slot cannot be booked now, if it cannot for a reason other than being full. */
function refuseUnbookable(slot: SlotFacts | null, serviceId: string, now: Date): void {
  if (!slot) throw new AppError('NOT_FOUND', '没有找到该时段');
  if (slot.serviceId !== serviceId) throw new AppError('VALIDATION_FAILED', '该时段不属于所选事项', [{ field: 'body.slotId', rule: 'service' }]);
  if (slot.withdrawnAt !== null) throw new AppError('SLOT_WITHDRAWN');
  if (slot.startsAt <= now) throw new AppError('SLOT_PAST');
  if (slot.releasedAt > now) throw new AppError('SLOT_NOT_RELEASED');
  if (slot.booked + slot.held >= slot.capacity) throw new AppError('SLOT_FULL');
}

/** Why an appointment cannot be cancelled or rescheduled now. */
function refusalToChange(row: { status: string; startsAt: Date }, now: Date): AppError {
  if (row.status !== 'BOOKED') return new AppError('APPOINTMENT_STATE', row.status === 'CANCELLED' ? '该预约已取消' : undefined);
  if (row.startsAt.getTime() - now.getTime() < CUTOFF_MS) return new AppError('APPOINTMENT_CHANGE_CLOSED');
  return new AppError('CONFLICT');
}
