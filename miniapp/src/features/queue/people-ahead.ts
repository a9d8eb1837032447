// How many people were ahead when a ticket was first seen: the start of the progress bar on
// 我的排队号. The take-number page records the count at issue and the ticket page reads it, so the
// memory lives in the queue feature rather than in either page.
import type { Ticket } from '@palm/shared/server';

// Per ticket id, for this run of the app.
const firstPeopleAhead = new Map<string, number>();

export function rememberPeopleAhead(ticket: Pick<Ticket, 'id' | 'peopleAhead'>): void {
  if (ticket.peopleAhead !== null && !firstPeopleAhead.has(ticket.id)) firstPeopleAhead.set(ticket.id, ticket.peopleAhead);
}

/** The progress bar's start: the first count seen, or the current one if it has grown since (a rejoin). */
export function progressStart(ticket: Pick<Ticket, 'id' | 'peopleAhead'>): number | null {
  if (ticket.peopleAhead === null) return null;
  rememberPeopleAhead(ticket);
  const start = Math.max(firstPeopleAhead.get(ticket.id) ?? ticket.peopleAhead, ticket.peopleAhead);
  firstPeopleAhead.set(ticket.id, start);
  return start;
}
