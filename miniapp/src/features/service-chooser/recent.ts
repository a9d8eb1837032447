// The person's own recent services at a hall, for the chooser's 常办: from their numbers and
// bookings (GET /api/tickets, GET /api/appointments — the newest 50 of each), newest first. Only
// when signed in; if either list cannot be read, 常办 goes by popularity alone, without a word.
import { useMemo } from 'react';
import type { Appointment, Ticket } from '@palm/shared/server';
import { listAppointments } from '../../api/appointments';
import { useSession } from '../../api/session';
import { listTickets } from '../../api/tickets';
import { useApi } from '../../api/use-api';

interface Visit {
  office: { id: string };
  service: { id: string };
}
type TicketVisit = Visit & Pick<Ticket, 'issuedAt'>;
type BookingVisit = Visit & Pick<Appointment, 'bookedAt'>;

/** Service ids used at `officeId`, most recent first, each once. */
export function recentServiceIds(officeId: string, tickets: readonly TicketVisit[], appointments: readonly BookingVisit[]): string[] {
  const visits = [...tickets.map((t) => ({ ...t, at: t.issuedAt })), ...appointments.map((a) => ({ ...a, at: a.bookedAt }))];
  const here = visits.filter((visit) => visit.office.id === officeId).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return [...new Set(here.map((visit) => visit.service.id))];
}

// Quiet and without the sign-in redirect: 常办 is a convenience, never a reason to interrupt.
const QUIET = { isQuiet: true, shouldRedirectToLogin: false } as const;

async function loadHistory() {
  const [tickets, appointments] = await Promise.all([
    listTickets(QUIET).then((list) => list.items, () => []),
    listAppointments(QUIET).then((list) => list.items, () => []),
  ]);
  return { tickets, appointments };
}

/** The ids, or null while the history is still on its way: the chooser waits for it rather than
 *  reorder 常办 under a finger about to tap. */
export function useRecentServiceIds(officeId: string | undefined): string[] | null {
  const { isSignedIn } = useSession();
  const isWanted = Boolean(isSignedIn && officeId);
  const history = useApi(isWanted ? loadHistory : null, [isSignedIn, Boolean(officeId)]);
  const data = history.data;
  const isPending = isWanted && !data && !history.error;
  return useMemo(
    () => (isPending ? null : officeId && data ? recentServiceIds(officeId, data.tickets, data.appointments) : []),
    [isPending, officeId, data],
  );
}
