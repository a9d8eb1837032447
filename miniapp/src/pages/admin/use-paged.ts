// A console list read page by page (the staff, the record of changes): the pages so far, 加载更多
// while the BFF gives a next cursor, and a fresh first page when what is asked changes (a hall
// filter) or after a change. Only the latest request's answer fills the list.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import type { Paged } from '../../api/admin-staff';

export interface PagedList<T> {
  items: T[] | null;
  hasMore: boolean;
  isLoading: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
}

/** `load(cursor)` reads one page; `deps`: plain values it depends on (a new first page when they change). */
export function usePaged<T>(load: (cursor?: string) => Promise<Paged<T>>, deps: readonly unknown[]): PagedList<T> {
  const key = JSON.stringify(deps);
  // What was read, for which inputs: a page for older inputs is not shown.
  const [read, setRead] = useState<{ key: string; items: T[]; cursor?: string } | null>(null);
  const [failed, setFailed] = useState<{ key: string; error: ApiError } | null>(null);
  const [isMoreLoading, setIsMoreLoading] = useState(false);
  const latest = useRef(0);

  /** Asks for a page; only the answer touches state (the first page is asked from an effect). */
  const fetchPage = (after?: string) => {
    const ticket = (latest.current += 1);
    load(after).then(
      (page) => {
        if (ticket !== latest.current) return;
        setRead((shown) => ({ key, items: after && shown?.key === key ? [...shown.items, ...page.items] : page.items, cursor: page.nextCursor }));
        setFailed(null);
        setIsMoreLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        setFailed({ key, error: failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0) });
        setIsMoreLoading(false);
      },
    );
  };

  useEffect(() => {
    fetchPage();
    // `load` is a new closure on every render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const items = read?.key === key ? read.items : null;
  const error = failed?.key === key ? failed.error : null;
  const again = (after?: string) => {
    setIsMoreLoading(true);
    setFailed(null);
    fetchPage(after);
  };
  return {
    items,
    hasMore: items !== null && read?.cursor !== undefined,
    isLoading: isMoreLoading || (items === null && !error),
    error,
    loadMore: () => again(read?.cursor),
    reload: () => again(),
  };
}
