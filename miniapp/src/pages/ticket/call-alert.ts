// When the ticket is called: one long vibration per call (a recall is a new call), and on H5 the
// call read aloud in Chinese where the browser can speak (lib/speech.ts, shared with the hall
// board) — for people who have put the phone away or cannot read the screen well. Neither may
// ever break the page.
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { Ticket } from '@palm/shared/server';
import { callSentence, speak } from '../../lib/speech';

/** Alerts once for each call of this ticket (keyed by its called time). */
export function useCallAlert(ticket: Ticket | undefined): void {
  const alerted = useRef<string | null>(null);
  const callKey = ticket?.status === 'CALLED' ? `${ticket.id}:${ticket.calledAt ?? ''}` : null;
  useEffect(() => {
    if (!ticket || callKey === null || alerted.current === callKey) return;
    alerted.current = callKey;
    Promise.resolve()
      .then(() => Taro.vibrateLong())
      .catch(() => undefined);
    if (ticket.counter) speak(callSentence(ticket.displayNumber, ticket.counter.number));
    // Only a new call (callKey) alerts; other changes of the ticket do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callKey]);
}
