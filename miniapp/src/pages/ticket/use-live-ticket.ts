// One ticket, kept current: loaded once, then live (socket, or polling when the socket cannot be
// had) while it can still change.
import { useEffect, useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { ApiError } from '../../api/errors';
import { getTicket } from '../../api/tickets';
import { subscribeLive, type LiveStatus } from '../../lib/live';

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
