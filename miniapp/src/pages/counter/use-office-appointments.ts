// The hall's appointments today, kept on screen while they are re-read (after a check-in, and on
// each queue change the panel sees), so the list never blanks out. Only the newest answer counts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listOfficeAppointments, type OfficeAppointmentList } from '../../api/counters';
import { ApiError } from '../../api/errors';

export interface OfficeAppointmentsState {
  list: OfficeAppointmentList | null;
  error: ApiError | null;
  refresh: () => Promise<void>;
}

/** `changes`: a number that moves whenever the office's queue changed (useCounter). */
export function useOfficeAppointments(officeId: string, changes: number): OfficeAppointmentsState {
  const [list, setList] = useState<OfficeAppointmentList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  const refresh = useCallback((): Promise<void> => {
    const request = (latest.current += 1);
    return listOfficeAppointments(officeId, undefined, { isQuiet: true }).then(
      (next) => {
        if (request !== latest.current) return;
        setList(next);
        setError(null);
      },
      (failure: unknown) => {
        if (request === latest.current) setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0));
      },
    );
  }, [officeId]);

  useEffect(() => {
    void refresh();
  }, [refresh, changes]);

  return { list, error, refresh };
}
