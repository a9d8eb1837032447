// Why a booking, a cancel or a move cannot happen, in words: read from the slot or the appointment
// as they are now, after the statement that decides it found nothing to change (or before it, to
// spare the database a statement that cannot win).
import type { PrismaClient } from '@palm/db/client';
import { AppError } from '../../lib/errors';
import { CUTOFF_MS } from './view';

export interface SlotFacts {
  id: string;
  serviceId: string;
  startsAt: Date;
  releasedAt: Date;
  withdrawnAt: Date | null;
  capacity: number;
  booked: number;
  held: number;
}

export function slotFacts(prisma: PrismaClient, slotId: string): Promise<SlotFacts | null> {
  return prisma.slot.findUnique({
    where: { id: slotId },
    select: { id: true, serviceId: true, startsAt: true, releasedAt: true, withdrawnAt: true, capacity: true, booked: true, held: true },
  });
}

/** Throws why a slot cannot be booked now, if it cannot for a reason other than being full. */
export function refuseUnbookable(slot: SlotFacts | null, serviceId: string, now: Date): void {
  if (!slot) throw new AppError('NOT_FOUND', '没有找到该时段');
  if (slot.serviceId !== serviceId) throw new AppError('VALIDATION_FAILED', '该时段不属于所选事项', [{ field: 'body.slotId', rule: 'service' }]);
  if (slot.withdrawnAt !== null) throw new AppError('SLOT_WITHDRAWN');
  if (slot.startsAt <= now) throw new AppError('SLOT_PAST');
  if (slot.releasedAt > now) throw new AppError('SLOT_NOT_RELEASED');
  if (slot.booked + slot.held >= slot.capacity) throw new AppError('SLOT_FULL');
}

/** Why an appointment cannot be cancelled or rescheduled now. */
export function refusalToChange(row: { status: string; startsAt: Date }, now: Date): AppError {
  if (row.status !== 'BOOKED') return new AppError('APPOINTMENT_STATE', row.status === 'CANCELLED' ? '该预约已取消' : undefined);
  if (row.startsAt.getTime() - now.getTime() < CUTOFF_MS) return new AppError('APPOINTMENT_CHANGE_CLOSED');
  return new AppError('CONFLICT');
}
