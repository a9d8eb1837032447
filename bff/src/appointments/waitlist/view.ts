// A waitlist entry row as the service loads it, and as its holder sees it: the slot in
// Asia/Shanghai times and, while it waits, its place in the slot's line.
import { maskName } from '@palm/shared';
import type { WaitlistEntry as WaitlistEntryView } from '@palm/shared/server';
import type { Prisma } from '@palm/db/client';
import type { Clock } from '../../lib/clock';

export const entryInclude = {
  slot: {
    select: { id: true, startsAt: true, endsAt: true, office: { select: { id: true, name: true } }, service: { select: { id: true, name: true } } },
  },
  subject: { select: { name: true } },
} as const;
export type WaitlistEntryRow = Prisma.WaitlistEntryGetPayload<{ include: typeof entryInclude }>;

/** The entry as its holder sees it; `position` is its place in line while it waits (null otherwise). */
export function entryView(row: WaitlistEntryRow, position: number | null, clock: Clock): WaitlistEntryView {
  const { slot } = row;
  const date = clock.businessDate(slot.startsAt);
  return {
    id: row.id,
    status: row.status,
    office: slot.office,
    service: slot.service,
    slot: {
      id: slot.id,
      date,
      start: clock.businessTime(slot.startsAt),
      // A slot ending at midnight ends at 24:00 of its own day, not at 00:00.
      end: clock.businessDate(slot.endsAt) > date ? '24:00' : clock.businessTime(slot.endsAt),
      startsAt: slot.startsAt.toISOString(),
    },
    position,
    appointmentId: row.appointmentId,
    skipReason: row.skipReason,
    onBehalfOf: row.subjectId !== row.actorId ? (row.subject.name ? maskName(row.subject.name) : '他人') : null,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}
