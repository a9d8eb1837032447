// Only the latest of a page's requests may show its answer: switching a list's tab or filter while
// an answer for the old one is on its way must not let that late answer overwrite the new list.
//
//   const begin = useLatestRequest();
//   const isLatest = begin();            // before sending
//   const page = await listActivity(…);
//   if (!isLatest()) return;             // a newer request has started since: drop this answer
import { useCallback, useRef } from 'react';

/** Starts a request; the function it returns says whether that request is still the latest. */
export function useLatestRequest(): () => () => boolean {
  const latest = useRef(0);
  return useCallback(() => {
    latest.current += 1;
    const mine = latest.current;
    return () => latest.current === mine;
  }, []);
}
