// A ticket row as the service loads it, and as its holder sees it (DESIGN.md §5): the number, the
// hall, the service, and — only while it waits — the place in line and the wait estimate.
import { isTurnNear, maskName, type QueueSettings, type WaitEstimate } from '@palm/shared';
import type { Ticket as TicketView } from '@palm/shared/server';
import type { Prisma } from '@palm/db/client';

export const ticketInclude = {
  office: { select: { id: true, name: true } },
  service: { select: { id: true, name: true, meanHandlingMinutes: true, timeStat: { select: { ewmaMinutes: true } } } },
  counter: { select: { number: true, name: true } },
  subject: { select: { name: true } },
} as const;
export type TicketRow = Prisma.TicketGetPayload<{ include: typeof ticketInclude }>;
/** A Ticket row's own columns, as a statement's RETURNING * gives them. */
export type TicketColumns = Omit<TicketRow, keyof typeof ticketInclude>;

/** Where a waiting ticket stands: the people called before it and the wait range. */
export interface Standing {
  peopleAhead: number;
  estimate: WaitEstimate | null;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A ticket, where it stands (while WAITING) and its office's settings → what its holder sees. */
export function toView(ticket: TicketRow, standing: Standing | null, settings: QueueSettings): TicketView {
  const onBehalf = ticket.subjectId !== null && ticket.actorId !== null && ticket.subjectId !== ticket.actorId;
  return {
    id: ticket.id,
    displayNumber: ticket.displayNumber,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    businessDate: isoDate(ticket.businessDate),
    office: ticket.office,
    service: { id: ticket.service.id, name: ticket.service.name },
    onBehalfOf: onBehalf ? (ticket.subject?.name ? maskName(ticket.subject.name) : '他人') : null,
    peopleAhead: standing?.peopleAhead ?? null,
    estimate: standing?.estimate ?? null,
    isTurnNear: ticket.status === 'CALLED' || (standing !== null && isTurnNear(standing.peopleAhead, standing.estimate, settings)),
    counter: ticket.counter,
    canRejoin: ticket.status === 'SKIPPED' && !ticket.rejoined,
    issuedAt: ticket.issuedAt.toISOString(),
    calledAt: ticket.calledAt?.toISOString() ?? null,
    finishedAt: ticket.finishedAt?.toISOString() ?? null,
  };
}
