// One ticket, kept current: loaded once, then live (socket, or polling when the socket cannot be
// had) while it can still change. Also remembers how many people were ahead when this ticket was
// first seen, the start of the progress bar.
import { useEffect, useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { ApiError } from '../../api/errors';
import { getTicket } from '../../api/tickets';
import { subscribeLive, type LiveStatus } from '../../lib/live';

// Per ticket id, for this run of the app: the take-number page records the count at issue.
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

/** A ticket that can still change: in line, at a window, or 过号 (it may rejoin, or be recalled). */
const isChanging = (ticket: Ticket | undefined) => !ticket || ['WAITING', 'CALLED', 'SERVING', 'SKIPPED'].includes(ticket.status);

export interface LiveTicket {
  ticket: Ticket | undefined;
  error: ApiError | null;
  live: LiveStatus | null;
  reload: () => void;
  /** Takes a fresher view (the answer of cancel / rejoin). */
  update: (ticket: Ticket) => void;
}

export function useLiveTicket(id: string, isSignedIn: boolean): LiveTicket {
  const [ticket, setTicket] = useState<Ticket | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [live, setLive] = useState<LiveStatus | null>(null);
  const [attempt, setAttempt] = useState(0);
  // A ticket that failed to load (not found, signed out) is not polled for ever.
  const isWatching = isSignedIn && id !== '' && error === null && isChanging(ticket);

  useEffect(() => {
    if (!isSignedIn || !id) return undefined;
    let isCurrent = true;
    getTicket(id, { isQuiet: true }).then(
      (fresh) => isCurrent && setTicket(fresh),
      (failure: unknown) => isCurrent && setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0)),
    );
    return () => {
      isCurrent = false;
    };
  }, [id, isSignedIn, attempt]);

  useEffect(() => {
    if (!isWatching) return undefined;
    const stop = subscribeLive({ ticketId: id }, { onTicket: setTicket, onStatus: setLive });
    return () => {
      stop();
      setLive(null);
    };
  }, [id, isWatching]);

  const reload = () => {
    setError(null);
    setAttempt((n) => n + 1);
  };
  return { ticket, error, live, reload, update: setTicket };
}
