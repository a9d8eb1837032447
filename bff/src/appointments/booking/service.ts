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
  CHECK_IN_CLOSES_MINUTES_AFTER,
  CHECK_IN_OPENS_MINUTES_BEFORE,
  maskName,
} from '@palm/shared';
import type { Appointment as AppointmentView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { OWNER_FACTS, type PersonalObjects } from '../../policy';
import { isCheckViolation, isUniqueViolation } from '../../lib/constraints';
import { AppError } from '../../lib/errors';
import { activeSuspension, suspendedError } from '../suspensions';
import { IdempotencyLookup, SlotGate } from '../release-storm';

export interface BookInput {
  slotId: string;
  serviceId: string;
  /** Who is served. */
  subjectId: string;
  /** Who books (the subject, or someone with an APPOINTMENT grant). */
  actorId: string;
  idempotencyKey?: string;
  /** A grid worker booking for a resident: the resident's booking suspension does not apply. */
  suspensionExempt?: boolean;
  /**
   * When the request arrived (default: now). Release, start and the booking time are judged by it:
   * a request that arrived before the release is refused even if its turn comes after it.
   */
  at?: Date;
}

const appointmentInclude = {
  office: { select: { id: true, name: true, address: true } },
  service: { select: { id: true, name: true } },
  slot: { select: { endsAt: true } },
  subject: { select: { name: true } },
  ticket: { select: { id: true, displayNumber: true, status: true } },
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
/** One per process: every BookingService of it takes its turns at a slot here (unless given its own). */
const processGate = new SlotGate();

/** A random appointment code from the unambiguous alphabet. */
export function newAppointmentCode(): string {
  let code = '';
  for (let i = 0; i < APPOINTMENT_CODE_LENGTH; i += 1) code += APPOINTMENT_CODE_ALPHABET[randomInt(APPOINTMENT_CODE_ALPHABET.length)];
  return code;
}

/**
 * The rest of a booking statement after its `won` CTE (the slot row whose place was just taken,
 * returning id, officeId, serviceId, date, startsAt): the person's AppointmentQuota row under its
 * CHECK (3 active), the appointment with its unique activeKey (1 per service per day) and a
 * random code, and its BOOKED event. Booking and waitlist promotion both book through it, so a
 * place is taken under the same rules whichever way it comes.
 */
export function bookWonPlace(p: { appointmentId: string; subjectId: string; actorId: string; idempotencyKey: string | null; now: Date; eventDetail: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`
          quota AS (
            INSERT INTO "AppointmentQuota" ("subjectId", "active", "updatedAt")
            SELECT ${p.subjectId}::uuid, 1, ${p.now}::timestamp(3) FROM won
            ON CONFLICT ("subjectId") DO UPDATE SET "active" = "AppointmentQuota"."active" + 1, "updatedAt" = EXCLUDED."updatedAt"
            RETURNING "subjectId"),
          appointment AS (
            INSERT INTO "Appointment" ("id", "code", "slotId", "officeId", "serviceId", "date", "startsAt", "subjectId", "actorId", "status",
                                       "activeKey", "idempotencyKey", "bookedAt", "createdAt", "updatedAt")
            SELECT ${p.appointmentId}::uuid, ${newAppointmentCode()}, won."id", won."officeId", won."serviceId", won."date", won."startsAt",
                   ${p.subjectId}::uuid, ${p.actorId}::uuid, 'BOOKED'::"AppointmentStatus",
                   ${p.subjectId}::uuid::text || ':' || won."serviceId"::text || ':' || to_char(won."date", 'YYYY-MM-DD'),
                   ${p.idempotencyKey}, ${p.now}::timestamp(3), ${p.now}::timestamp(3), ${p.now}::timestamp(3)
            FROM won, quota
            RETURNING "id", "slotId"),
          event AS (
            INSERT INTO "AppointmentEvent" ("appointmentId", "type", "actorId", "at", "detail")
            SELECT "id", 'BOOKED', ${p.actorId}::uuid, ${p.now}::timestamp(3), ${p.eventDetail} FROM appointment)`;
}

/**
 * The CTE `quota` that gives the AppointmentQuota places of the appointments the CTE `from` just
 * ended (rows with "subjectId") back — one per appointment. Whatever ends an active appointment
 * (cancel, DONE, NO_SHOW) runs it in the same statement that clears the appointment's activeKey.
 */
export function giveQuotaBack(from: 'cancelled' | 'ended' | 'marked', now: Date): Prisma.Sql {
  return Prisma.sql`quota AS (
        UPDATE "AppointmentQuota" q SET "active" = q."active" - m."n", "updatedAt" = ${now}::timestamp(3)
        FROM (SELECT "subjectId", count(*)::int AS "n" FROM ${Prisma.raw(`"${from}"`)} GROUP BY "subjectId") m
        WHERE q."subjectId" = m."subjectId" RETURNING q."subjectId")`;
}

export const isLimitTotal = (err: unknown) => isCheckViolation(err, 'AppointmentQuota_active_within_limit');
/** Another active appointment of the person, service and day (the Appointment's unique `activeKey`). */
export const isLimitServiceDay = (err: unknown) => isUniqueViolation(err, 'activeKey');
/** The slot's CHECK (booked + held ≤ capacity): the statement's own condition is the guard; this is its backstop. */
const isOverCapacity = (err: unknown) => isCheckViolation(err, 'Slot_booked_within_capacity');
export const isCodeTaken = (err: unknown) => isUniqueViolation(err, 'Appointment_code_key') || isUniqueViolation(err, '"code"]');
const isIdempotencyKeyTaken = (err: unknown) => isUniqueViolation(err, 'idempotencyKey');

export class BookingService {
  private lookup: IdempotencyLookup | undefined;
  private readonly gate: SlotGate;

  /**
   * `options.gate`: where attempts at one slot take turns (default: the process's). A test gives a
   * gate that lets every attempt through at once, so the database alone decides the race.
   */
  constructor(
    private readonly app: FastifyInstance,
    options: { gate?: SlotGate } = {},
  ) {
    this.gate = options.gate ?? processGate;
  }

  private get replays(): IdempotencyLookup {
    return (this.lookup ??= new IdempotencyLookup(this.prisma));
  }

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /**
   * Books a place; `created` is false when an Idempotency-Key replays an earlier booking (the same
   * appointment, whatever became of it since). One read of the slot and one statement that wins
   * the place, counts the person's quota and inserts the appointment and its event — all or
   * nothing — run one slot at a time in this process (release-storm.ts: under a release storm the
   * crowd waits in the SlotGate, not in the database pool, and is refused together once the slot is
   * seen full). An earlier booking under the key makes the statement violate a unique key; that,
   * and every refusal, is answered by looking the key up first (batched across requests), so a
   * retry of a booking that succeeded gets it back, never "full".
   */
  async book(input: BookInput): Promise<{ appointment: AppointmentRow; created: boolean }> {
    const now = input.at ?? this.app.resources.clock.now();
    let id: string;
    try {
      id = await this.gate.run(input.slotId, () => this.winPlace(input, now));
    } catch (err) {
      if (input.idempotencyKey) {
        // A retry, or the same booking racing itself: a violation is only raised once the winner
        // has committed, so it is there to answer. If the lookup fails, the first error stands.
        const earlier = await this.replays.find(input.actorId, input.idempotencyKey).catch(() => null);
        if (earlier) return { appointment: this.replay(await this.load(earlier), input), created: false };
      }
      throw err;
    }
    return { appointment: await this.load(id), created: true };
  }

  /** book()'s turn in the SlotGate: the slot's state, then the statement; the new appointment's id. */
  /**
   * Wins a place or throws why not. A suspended person is told so before anything about the slot
   * (the page then offers the appeal); the suspension is read only on the way to a refusal.
   */
  private async winPlace(input: BookInput, now: Date): Promise<string> {
    try {
      return await this.tryWinPlace(input, now);
    } catch (err) {
      if (err instanceof AppError && !input.suspensionExempt) {
        const suspension = await activeSuspension(this.prisma, input.subjectId, now);
        if (suspension) throw suspendedError(suspension);
      }
      throw err;
    }
  }

  private async tryWinPlace(input: BookInput, now: Date): Promise<string> {
    refuseUnbookable(await this.slotFacts(input.slotId), input.serviceId, now);

    for (let attempt = 1; ; attempt += 1) {
      const id = randomUUID();
      try {
        const rows = await this.prisma.$queryRaw<{ id: string }[]>`
          WITH won AS (
            UPDATE "Slot" SET "booked" = "booked" + 1, "updatedAt" = ${now}::timestamp(3)
            WHERE "id" = ${input.slotId}::uuid AND "serviceId" = ${input.serviceId}::uuid AND "booked" + "held" < "capacity"
              AND "releasedAt" <= ${now}::timestamp(3) AND "withdrawnAt" IS NULL AND "startsAt" > ${now}::timestamp(3)
              AND (${input.suspensionExempt ?? false} OR NOT EXISTS (
                SELECT 1 FROM "BookingSuspension" bs WHERE bs."subjectId" = ${input.subjectId}::uuid AND bs."liftedAt" IS NULL
                  AND bs."startsAt" <= ${now}::timestamp(3) AND bs."endsAt" > ${now}::timestamp(3)))
            RETURNING "id", "officeId", "serviceId", "date", "startsAt"),
          ${bookWonPlace({ appointmentId: id, subjectId: input.subjectId, actorId: input.actorId, idempotencyKey: input.idempotencyKey ?? null, now, eventDetail: Prisma.sql`jsonb_build_object('slotId', "slotId")` })}
          SELECT "id" FROM appointment`;
        if (rows.length === 0) {
          // No place was won: say why from the slot as it is now (full, or changed since the read);
          // winPlace tells a suspended person that first. The suspension is decided in the
          // statement, so a booking that wins costs no extra query for it.
          refuseUnbookable(await this.slotFacts(input.slotId), input.serviceId, now);
          throw new AppError('SLOT_FULL');
        }
        return rows[0]!.id;
      } catch (err) {
        if (err instanceof AppError) throw err;
        // Under an Idempotency-Key, book() first looks for the booking that took the key.
        if (isIdempotencyKeyTaken(err)) throw new AppError('CONFLICT');
        if (isLimitTotal(err)) throw new AppError('APPOINTMENT_LIMIT_TOTAL');
        if (isLimitServiceDay(err)) throw new AppError('APPOINTMENT_LIMIT_SERVICE_DAY');
        if (isOverCapacity(err)) throw new AppError('SLOT_FULL');
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
      ${giveQuotaBack('cancelled', now)},
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
      if (isOverCapacity(err)) throw new AppError('SLOT_FULL');
      throw err;
    }
    return this.load(appointment.id);
  }

  /** Whose and where (for the policy): one narrow query, as cheap for a missing id as for a real one. */
  owners(id: string) {
    return this.prisma.appointment.findUnique({ where: { id }, select: OWNER_FACTS });
  }

  find(id: string): Promise<AppointmentRow | null> {
    return this.prisma.appointment.findUnique({ where: { id }, include: appointmentInclude });
  }

  load(id: string): Promise<AppointmentRow> {
    return this.prisma.appointment.findUniqueOrThrow({ where: { id }, include: appointmentInclude });
  }

  /** One's appointments, as the person served or the one who booked: the latest appointment time first. */
  listFor(owned: PersonalObjects): Promise<AppointmentRow[]> {
    return this.prisma.appointment.findMany({
      where: owned,
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
      ...checkInView(row, clock.now()),
    };
  }

  private async slotFacts(slotId: string): Promise<SlotFacts | null> {
    return this.prisma.slot.findUnique({
      where: { id: slotId },
      select: { id: true, serviceId: true, startsAt: true, releasedAt: true, withdrawnAt: true, capacity: true, booked: true, held: true },
    });
  }

  private replay(row: AppointmentRow, input: BookInput): AppointmentRow {
    // A key names one request: reusing it for a different booking is a client bug, not a retry.
    // A rescheduled appointment still answers the booking that made it.
    const sameSlot = row.slotId === input.slotId || row.rescheduledAt !== null;
    if (row.serviceId !== input.serviceId || row.subjectId !== input.subjectId || !sameSlot) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return row;
  }
}

/** 签到 (step 5) is open from 30 minutes before the start until 15 minutes after it, both ends included. */
export function checkInWindow(startsAt: Date): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000),
    closesAt: new Date(startsAt.getTime() + CHECK_IN_CLOSES_MINUTES_AFTER * 60_000),
  };
}

/** Check-in as the holder sees it: the window, whether it is open now, and the number it gave. */
function checkInView(row: AppointmentRow, now: Date) {
  const { opensAt, closesAt } = checkInWindow(row.startsAt);
  return {
    checkInOpensAt: opensAt.toISOString(),
    checkInClosesAt: closesAt.toISOString(),
    canCheckIn: row.status === 'BOOKED' && now >= opensAt && now <= closesAt,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    noShowAt: row.noShowAt?.toISOString() ?? null,
    ticket: row.ticket,
  };
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
