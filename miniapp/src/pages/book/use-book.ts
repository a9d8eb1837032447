// The 确认预约 and 候补 taps. In normal mode the platform's reminder prompt comes first, inside the
// tap (WeChat shows it only from a tap); whatever the answer, the booking is made. One
// Idempotency-Key per attempt at one slot: a double tap or a retry after a lost answer books once.
import { useRef, useState } from 'react';
import { bookAppointment, joinWaitlist, newBookingKey, type AppointmentView, type WaitlistEntry } from '../../api/appointments';
import { ApiError } from '../../api/errors';
import { askToSubscribe } from '../../lib/subscribe';

export interface BookChoice {
  slotId: string;
  serviceId: string;
  /** 免证办: materials covered by the person's e-licences (absent: none). */
  licenceMaterials?: { position: number; licenceId: string }[];
}

export interface BookState {
  busy: 'book' | 'wait' | null;
  error: ApiError | null;
  booked: AppointmentView | null;
  waitlisted: WaitlistEntry | null;
  /** Asked for reminders on the tap (so the success view need not offer it again). */
  hasAsked: boolean;
  book: (choice: BookChoice, reminderTemplateIds: readonly string[]) => void;
  wait: (choice: BookChoice) => void;
  clearError: () => void;
}

export function useBook(onRefused: (error: ApiError) => void): BookState {
  const [busy, setBusy] = useState<'book' | 'wait' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [booked, setBooked] = useState<AppointmentView | null>(null);
  const [waitlisted, setWaitlisted] = useState<WaitlistEntry | null>(null);
  const [hasAsked, setHasAsked] = useState(false);
  const attempt = useRef<{ choice: string; key: string } | null>(null);
  const inFlight = useRef(false);

  const keyFor = (kind: string, choice: BookChoice) => {
    const covered = (choice.licenceMaterials ?? []).map((m) => `${m.position}=${m.licenceId}`).join(',');
    const choiceKey = `${kind}:${choice.slotId}:${choice.serviceId}:${covered}`;
    if (attempt.current?.choice !== choiceKey) attempt.current = { choice: choiceKey, key: newBookingKey() };
    return attempt.current.key;
  };

  const run = <T>(kind: 'book' | 'wait', first: Promise<unknown>, send: () => Promise<T>, done: (result: T) => void) => {
    setBusy(kind);
    setError(null);
    first
      .then(send)
      .then(
        (result) => {
          attempt.current = null;
          done(result);
        },
        (failure: unknown) => {
          const refusal = failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0);
          setError(refusal);
          onRefused(refusal);
        },
      )
      .finally(() => {
        inFlight.current = false;
        setBusy(null);
      });
  };

  const book = (choice: BookChoice, reminderTemplateIds: readonly string[]) => {
    if (inFlight.current) return;
    inFlight.current = true;
    // Synchronously inside the tap, before any await.
    const asked = askToSubscribe(reminderTemplateIds);
    if (reminderTemplateIds.length > 0) setHasAsked(true);
    const key = keyFor('book', choice);
    run('book', asked, () => bookAppointment(choice, key, { isQuiet: true }), setBooked);
  };

  const wait = (choice: BookChoice) => {
    if (inFlight.current) return;
    inFlight.current = true;
    const key = keyFor('wait', choice);
    run('wait', Promise.resolve(), () => joinWaitlist(choice, key, { isQuiet: true }), setWaitlisted);
  };

  return { busy, error, booked, waitlisted, hasAsked, book, wait, clearError: () => setError(null) };
}
