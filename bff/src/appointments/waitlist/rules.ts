// When a slot's line is open, and why a join or a cancel is refused, in words.
import { APPOINTMENT_CHANGE_CUTOFF_MINUTES } from '@palm/shared';
import { AppError } from '../../lib/errors';

/**
 * Promotion and joining stop this long before the start: a place won then could no longer be
 * cancelled online (the 30-minute cutoff) and a person who cannot come would be counted a no-show.
 */
export const WAITLIST_CLOSES_MINUTES = APPOINTMENT_CHANGE_CUTOFF_MINUTES;
const CLOSES_MS = WAITLIST_CLOSES_MINUTES * 60_000;

/** Slots starting at or before this instant take no one from their waitlist any more. */
export const closingLine = (now: Date) => new Date(now.getTime() + CLOSES_MS);

export interface SlotFacts {
  serviceId: string;
  date: Date;
  startsAt: Date;
  releasedAt: Date;
  withdrawnAt: Date | null;
  capacity: number;
  booked: number;
  held: number;
}

/** Throws why nobody can wait for this slot now: it is not there, not open to booking, or not full. */
export function refuseUnwaitable(slot: SlotFacts | null, serviceId: string, now: Date): void {
  if (!slot) throw new AppError('NOT_FOUND', '没有找到该时段');
  if (slot.serviceId !== serviceId) throw new AppError('VALIDATION_FAILED', '该时段不属于所选事项', [{ field: 'body.slotId', rule: 'service' }]);
  if (slot.withdrawnAt !== null) throw new AppError('SLOT_WITHDRAWN');
  if (slot.startsAt <= now) throw new AppError('SLOT_PAST');
  if (slot.releasedAt > now) throw new AppError('SLOT_NOT_RELEASED');
  if (slot.startsAt <= closingLine(now)) throw new AppError('SLOT_PAST', `该时段${WAITLIST_CLOSES_MINUTES}分钟内即将开始，不再接受候补`);
  if (slot.booked + slot.held < slot.capacity) throw new AppError('WAITLIST_SLOT_OPEN');
}

export function refusalToCancel(status: string): AppError {
  if (status === 'PROMOTED') return new AppError('WAITLIST_STATE', '候补已成功，如不需要请取消对应的预约');
  if (status === 'CANCELLED') return new AppError('WAITLIST_STATE', '该候补已取消');
  return new AppError('WAITLIST_STATE', '该候补已结束');
}
