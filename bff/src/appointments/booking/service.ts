// Booking (预约, DESIGN.md §3–§4): book a slot for oneself or someone one acts for, one's
// appointments, cancel, reschedule. The rules about places and limits are decided in SQL
// (statements.ts); this is the order of the steps, the refusals in words and the replays.
// Decorated as `app.booking` (../index.ts).
import { randomUUID } from 'node:crypto';
import type { Appointment as AppointmentView } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@palm/db/client';
import { OWNER_FACTS, type PersonalObjects } from '../../policy/kit';
import { AppError } from '../../lib/errors';
import { activeSuspension, suspendedError } from '../suspensions';
import { IdempotencyLookup, SlotGate } from '../release-storm';
import {
  cancelAppointment,
  isCodeTaken,
  isIdempotencyKeyTaken,
  isLimitServiceDay,
  isLimitTotal,
  isOverCapacity,
  lockForMove,
  moveAppointment,
  winPlace,
} from './statements';
import { refusalToChange, refuseUnbookable, slotFacts } from './refusals';
import { checkLicenceMaterials, type CheckedCover, type LicenceMaterialChoice, type StoredCoveredMaterial } from './licence-materials';
import { appointmentInclude, appointmentView, CUTOFF_MS, type AppointmentRow } from './view';

export interface BookInput {
  slotId: string;
  serviceId: string;
  /** Who is served. */
  subjectId: string;
  /** Who books (the subject, or someone with an APPOINTMENT grant). */
  actorId: string;
  idempotencyKey?: string;
  /** 免证办: the materials covered by the subject's licences, checked (licence-materials.ts). */
  licenceMaterials?: readonly StoredCoveredMaterial[];
  /** The guide version the 免证办 choices were checked against (default: the service's as it books). */
  guideVersion?: number | null;
  /** A grid worker booking for a resident: the resident's booking suspension does not apply. */
  suspensionExempt?: boolean;
  /**
   * When the request arrived (default: now). Release, start and the booking time are judged by it:
   * a request that arrived before the release is refused even if its turn comes after it.
   */
  at?: Date;
}

/** Attempts at a fresh code when a random one is taken (≈ 1 in 10⁶ per booking with 1,000 live codes). */
const CODE_ATTEMPTS = 4;
/** One per process: every BookingService of it takes its turns at a slot here (unless given its own). */
const processGate = new SlotGate();

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

  /**
   * book()'s turn in the SlotGate: wins a place or throws why not; the new appointment's id. A
   * suspended person is told so before anything about the slot (the page then offers the appeal);
   * the suspension is read only on the way to a refusal.
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
    refuseUnbookable(await slotFacts(this.prisma, input.slotId), input.serviceId, now);

    for (let attempt = 1; ; attempt += 1) {
      try {
        const rows = await winPlace(this.prisma, {
          appointmentId: randomUUID(),
          slotId: input.slotId,
          serviceId: input.serviceId,
          subjectId: input.subjectId,
          actorId: input.actorId,
          idempotencyKey: input.idempotencyKey ?? null,
          suspensionExempt: input.suspensionExempt ?? false,
          now,
          licenceMaterials: input.licenceMaterials,
          guideVersion: input.guideVersion ?? null,
        });
        if (rows.length === 0) {
          // No place was won: say why from the slot as it is now (full, or changed since the read);
          // winPlace tells a suspended person that first.
          refuseUnbookable(await slotFacts(this.prisma, input.slotId), input.serviceId, now);
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

  /** 免证办: the choices checked against the guide and the subject's licences, as the booking stores them (or why not). */
  coverMaterials(input: { serviceId: string; subjectId: string; choices: readonly LicenceMaterialChoice[] }): Promise<CheckedCover> {
    return checkLicenceMaterials(this.prisma, this.app.resources.clock, input);
  }

  /**
   * Cancels a BOOKED appointment until 30 minutes before its start, freeing its place and the
   * person's quota in the same statement. Refusals say why (409).
   */
  async cancel(appointment: AppointmentRow, actorId: string, reason: string | undefined): Promise<AppointmentRow> {
    const now = this.app.resources.clock.now();
    const deadline = new Date(now.getTime() + CUTOFF_MS);
    const rows = await cancelAppointment(this.prisma, { appointmentId: appointment.id, actorId, reason: reason ?? null, deadline, now });
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
    refuseUnbookable(await slotFacts(this.prisma, toSlotId), appointment.serviceId, now);
    try {
      await this.prisma.$transaction(async (tx) => {
        const locked = await lockForMove(tx, appointment.id);
        if (!locked || locked.status !== 'BOOKED' || locked.startsAt < deadline) throw refusalToChange(await this.load(appointment.id), now);
        const moved = await moveAppointment(tx, { appointmentId: appointment.id, serviceId: appointment.serviceId, fromSlotId: locked.slotId, toSlotId, actorId, now });
        if (moved.length === 0) {
          // Throwing rolls the transaction back: the old booking stands as it was.
          refuseUnbookable(await slotFacts(this.prisma, toSlotId), appointment.serviceId, now);
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
    return appointmentView(row, this.app.resources.clock);
  }

  private replay(row: AppointmentRow, input: BookInput): AppointmentRow {
    // A key names one request: reusing it for a different booking is a client bug, not a retry.
    // A rescheduled appointment still answers the booking that made it.
    const sameSlot = row.slotId === input.slotId || row.rescheduledAt !== null;
    if (row.serviceId !== input.serviceId || row.subjectId !== input.subjectId || !sameSlot) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return row;
  }
}
