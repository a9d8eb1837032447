// An appointment row as the booking service loads it, and as its holder sees it: the Asia/Shanghai
// date and times, whether it may still change, and its check-in window and number.
import { APPOINTMENT_CHANGE_CUTOFF_MINUTES, CHECK_IN_CLOSES_MINUTES_AFTER, CHECK_IN_OPENS_MINUTES_BEFORE, maskName } from '@palm/shared';
import type { Appointment as AppointmentView } from '@palm/shared/server';
import type { Prisma } from '@palm/db/client';
import type { Clock } from '../../lib/clock';
import { appointmentGuide } from '../../catalogue/guide-versions';
import { coveredMaterials } from './licence-materials';

export const appointmentInclude = {
  office: { select: { id: true, name: true, address: true } },
  service: { select: { id: true, name: true, guideVersion: true } },
  guide: { select: { version: true, guide: true } },
  slot: { select: { endsAt: true } },
  subject: { select: { name: true } },
  ticket: { select: { id: true, displayNumber: true, status: true } },
} as const;
export type AppointmentRow = Prisma.AppointmentGetPayload<{ include: typeof appointmentInclude }>;

/** Cancel and move close this long before the start. */
export const CUTOFF_MS = APPOINTMENT_CHANGE_CUTOFF_MINUTES * 60_000;

/** 签到 is open from 30 minutes before the start until 15 minutes after it, both ends included. */
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

/** The appointment as its holder sees it: Asia/Shanghai date and times, whether it may change. */
export function appointmentView(row: AppointmentRow, clock: Clock): AppointmentView {
  const date = clock.businessDate(row.startsAt);
  const endsAt = row.slot.endsAt;
  const changeDeadline = new Date(row.startsAt.getTime() - CUTOFF_MS);
  const onBehalf = row.subjectId !== row.actorId;
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    office: row.office,
    service: { id: row.service.id, name: row.service.name },
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
    licenceMaterials: coveredMaterials(row.licenceMaterials),
    guide: appointmentGuide(row.guide, row.service.guideVersion),
  };
}
