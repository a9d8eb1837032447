// The roster as the page holds it: the pages loaded so far for the current search, more on
// request, and a row replaced in place when a consent request changes it (no reload, no jump).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import { listResidents, type GridResident } from '../../api/grid';

export interface Roster {
  items: GridResident[];
  query: string;
  hasMore: boolean;
  isLoading: boolean;
  error: ApiError | null;
  search: (query: string) => void;
  loadMore: () => void;
  reload: () => void;
  replace: (resident: GridResident) => void;
}

const PAGE_SIZE = 20;

export function useRoster(isEnabled: boolean): Roster {
  const [items, setItems] = useState<GridResident[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [isLoading, setIsLoading] = useState(isEnabled);
  const [error, setError] = useState<ApiError | null>(null);
  // Answers to an older search are dropped: only the latest request may fill the list.
  const latest = useRef(0);

  /** Asks for a page; only the answer touches state (the first page is asked from an effect). */
  const fetchPage = useCallback((q: string, after?: string) => {
    const ticket = (latest.current += 1);
    listResidents({ q: q.trim() || undefined, cursor: after, limit: PAGE_SIZE }, { isQuiet: true }).then(
      (page) => {
        if (ticket !== latest.current) return;
        setItems((shown) => (after ? [...shown, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setIsLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0));
        setIsLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    if (isEnabled) fetchPage('');
  }, [isEnabled, fetchPage]);

  const load = (q: string, after?: string) => {
    setIsLoading(true);
    setError(null);
    fetchPage(q, after);
  };

  return {
    items,
    query,
    hasMore: cursor !== undefined,
    isLoading,
    error,
    search: (q) => {
      setQuery(q);
      load(q);
    },
    loadMore: () => load(query, cursor),
    reload: () => load(query),
    replace: (resident) => setItems((shown) => shown.map((r) => (r.id === resident.id ? resident : r))),
  };
}
