// The 确认取号 tap. The platform's subscription prompt comes first, synchronously inside the tap
// (WeChat shows it only from a tap); whatever the person answers, or if it fails, the number is
// taken. One Idempotency-Key per attempt at one hall + service: a second tap or a retry after a
// lost answer gets the same ticket, never a second number.
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { ApiError } from '../../api/errors';
import { newIdempotencyKey, takeTicket } from '../../api/tickets';
import { rememberPeopleAhead } from '../../features/queue/people-ahead';
import { PAGES } from '../../lib/routes';
import { askToSubscribe } from '../../lib/subscribe';

export interface TakeState {
  isTaking: boolean;
  error: ApiError | null;
  take: (choice: { officeId: string; serviceId: string }, templateIds: readonly string[]) => void;
}

export function useTake(onRefused: () => void): TakeState {
  const [isTaking, setIsTaking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const attempt = useRef<{ choice: string; key: string } | null>(null);
  const inFlight = useRef(false);

  const take = (choice: { officeId: string; serviceId: string }, templateIds: readonly string[]) => {
    if (inFlight.current) return;
    inFlight.current = true;
    const asked = askToSubscribe(templateIds);
    const choiceKey = `${choice.officeId}:${choice.serviceId}`;
    if (attempt.current?.choice !== choiceKey) attempt.current = { choice: choiceKey, key: newIdempotencyKey() };
    const key = attempt.current.key;
    setIsTaking(true);
    setError(null);
    asked
      .then(() => takeTicket(choice, key, { isQuiet: true }))
      .then(
        (ticket: Ticket) => {
          attempt.current = null;
          rememberPeopleAhead(ticket);
          void Taro.redirectTo({ url: `${PAGES.ticket}?id=${encodeURIComponent(ticket.id)}` });
        },
        (failure: unknown) => {
          const refusal = failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0);
          setError(refusal);
          // The hall may have closed or filled up meanwhile: show why, from a fresh preview. Not when
          // the number for someone else was refused for want of a grant: the preview would be refused
          // too (one more denial in their log); it is asked again when the app drops back to oneself.
          if (refusal.code !== 'ON_BEHALF_NOT_ALLOWED') onRefused();
        },
      )
      .finally(() => {
        inFlight.current = false;
        setIsTaking(false);
      });
  };

  return { isTaking, error, take };
}
