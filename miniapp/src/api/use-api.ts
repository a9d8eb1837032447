// Loading state for a page's reads: data, the error to show inline (ErrorState), and reload for
// 重试. Reads are quiet (no toast): the page shows the error where the content would be. A
// result counts only for the inputs it was asked with, so a slow old answer never shows.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './errors';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | null;
  isLoading: boolean;
  reload: () => void;
}

interface Result<T> {
  key: string;
  data?: T;
  error: ApiError | null;
}

/** `load` null: nothing to load (yet). `deps`: plain values the request depends on. */
export function useApi<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): ApiState<T> {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<Result<T> | null>(null);
  const key = JSON.stringify([...deps, attempt, load !== null]);

  useEffect(() => {
    if (!load) return undefined;
    let isCurrent = true;
    load().then(
      (data) => isCurrent && setResult({ key, data, error: null }),
      (failure: unknown) => isCurrent && setResult({ key, error: failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0) }),
    );
    return () => {
      isCurrent = false;
    };
    // `load` is a new closure on every render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const isCurrent = result?.key === key;
  return {
    data: isCurrent ? result.data : undefined,
    error: isCurrent ? result.error : null,
    isLoading: load !== null && !isCurrent,
    reload,
  };
}
