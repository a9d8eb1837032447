// One window's panel data, kept on screen while it is re-read: every queue change at the office
// (a live board message, or the polling fallback) re-reads GET /api/counters/:id, and the panel
// must not blank out for each. Only the newest answer counts, so a slow old one never shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CounterDetail, QueueBoard } from '@palm/shared/server';
import { getCounter } from '../../api/counters';
import { ApiError } from '../../api/errors';
import { subscribeLive } from '../../lib/live';

export type LiveStatus = 'live' | 'polling' | null;

export interface CounterState {
  detail: CounterDetail | null;
  error: ApiError | null;
  liveStatus: LiveStatus;
  /**
   * Counts the office's queue changes seen live, for views that follow the queue but are not in
   * the panel's read (今日预约). A board the same as the last one (each 5 s poll) does not count.
   */
  changes: number;
  refresh: () => Promise<void>;
}

export function useCounter(counterId: string): CounterState {
  const [detail, setDetail] = useState<CounterDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [liveStatus, setLiveStatus] = useState<LiveStatus>(null);
  const [changes, setChanges] = useState(0);
  const latest = useRef(0);
  const lastBoard = useRef('');

  const refresh = useCallback((): Promise<void> => {
    const request = (latest.current += 1);
    return getCounter(counterId, { isQuiet: true }).then(
      (next) => {
        if (request !== latest.current) return;
        setDetail(next);
        setError(null);
      },
      (failure: unknown) => {
        if (request === latest.current) setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0));
      },
    );
  }, [counterId]);

  // The panel is keyed by the window, so another window starts from a fresh state.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const officeId = detail?.office.id;
  useEffect(() => {
    if (!officeId) return undefined;
    const onBoard = (board: QueueBoard) => {
      void refresh();
      const seen = JSON.stringify(board);
      if (seen === lastBoard.current) return;
      lastBoard.current = seen;
      setChanges((n) => n + 1);
    };
    return subscribeLive({ officeId }, { onBoard, onStatus: setLiveStatus });
  }, [officeId, refresh]);

  return { detail, error, liveStatus, changes, refresh };
}
