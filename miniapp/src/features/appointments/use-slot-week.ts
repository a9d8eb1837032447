// The next 7 days of one hall's slots for one service. The first day is asked without a date, so
// "today" is the BFF's business date (Asia/Shanghai), not the phone's clock; the other six follow
// from it. A refresh keeps showing the last answer until the new one arrives (no flicker after a
// refused booking), and an old answer never overwrites a newer one.
import { addDays } from '@palm/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getSlotDay, type SlotDayView } from '../../api/appointments';
import { ApiError } from '../../api/errors';

export const WEEK_DAYS = 7;

export interface SlotWeek {
  days: SlotDayView[] | undefined;
  error: ApiError | null;
  isLoading: boolean;
  reload: () => void;
}

async function loadWeek(officeId: string, serviceId: string): Promise<SlotDayView[]> {
  const first = await getSlotDay(officeId, serviceId, undefined, { isQuiet: true });
  const rest = await Promise.all(
    Array.from({ length: WEEK_DAYS - 1 }, (_, i) => getSlotDay(officeId, serviceId, addDays(first.date, i + 1), { isQuiet: true })),
  );
  return [first, ...rest];
}

export function useSlotWeek(officeId: string | undefined, serviceId: string | undefined): SlotWeek {
  const key = officeId && serviceId ? `${officeId}:${serviceId}` : null;
  const [state, setState] = useState<{ key: string | null; days?: SlotDayView[]; error: ApiError | null }>({ key: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!officeId || !serviceId) return;
    const ticket = (latest.current += 1);
    loadWeek(officeId, serviceId).then(
      (days) => ticket === latest.current && setState({ key: `${officeId}:${serviceId}`, days, error: null }),
      (failure: unknown) =>
        ticket === latest.current && setState((old) => ({ ...old, key: `${officeId}:${serviceId}`, error: failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0) })),
    );
  }, [officeId, serviceId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const isCurrent = key !== null && state.key === key;
  return {
    days: isCurrent ? state.days : undefined,
    error: isCurrent ? state.error : null,
    isLoading: key !== null && !isCurrent,
    reload,
  };
}
