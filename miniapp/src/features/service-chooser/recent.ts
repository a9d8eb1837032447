// The person's own recent services at a hall, for the chooser's 常办: from their numbers and
// bookings (GET /api/tickets, GET /api/appointments — the newest 50 of each), newest first. Only
// when signed in; if either list cannot be read, 常办 goes by popularity alone, without a word.
import { useMemo } from 'react';
import type { Appointment, Ticket } from '@palm/shared/server';
import { listAppointments } from '../../api/appointments';
import { useSession } from '../../api/session';
import { listTickets } from '../../api/tickets';
import { useApi } from '../../api/use-api';

type Visit = Pick<Ticket, 'office' | 'service' | 'issuedAt'> | Pick<Appointment, 'office' | 'service' | 'bookedAt'>;

/** Service ids used at `officeId`, most recent first, each once. */
export function recentServiceIds(officeId: string, tickets: ReadonlyArray<Pick<Ticket, 'office' | 'service' | 'issuedAt'>>, appointments: ReadonlyArray<Pick<Appointment, 'office' | 'service' | 'bookedAt'>>): string[] {
  const visits: Visit[] = [...tickets, ...appointments];
  const at = (visit: Visit) => ('issuedAt' in visit ? visit.issuedAt : visit.bookedAt);
  const here = visits.filter((visit) => visit.office.id === officeId).sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)));
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

export function useRecentServiceIds(officeId: string | undefined): string[] {
  const { isSignedIn } = useSession();
  const history = useApi(isSignedIn && officeId ? loadHistory : null, [isSignedIn, Boolean(officeId)]);
  const data = history.data;
  return useMemo(() => (officeId && data ? recentServiceIds(officeId, data.tickets, data.appointments) : []), [officeId, data]);
}
