// 签到 opens 30 minutes before the start and closes 15 after (DESIGN.md §4), but the detail is read
// once. So that a page opened early offers 扫码签到 when the window opens — and stops offering it
// when it closes — without being reopened, a timer asks the BFF again at each of those instants.
// The timers run on the server's clock as the app learned it from the BFF's replies
// (lib/server-clock.ts), late by that estimate's error so they fire once the instant has surely
// passed on the server; what the page shows is still the BFF's `canCheckIn`. Should that
// estimate be a little off (the BFF still says "not yet") the BFF is asked again every 30 s for a
// few minutes; one far off waits for the page to be shown again (useDidShow in appointment-detail.tsx).
import { useEffect, useState } from 'react';
import type { AppointmentView } from '../../api/appointments';
import { checkInInstants, type CheckInTimes } from '../../features/appointments/words';
import { serverClockError, serverNow } from '../../lib/server-clock';

const MINUTE = 60_000;
/** How often to ask again while the app's clock says the window changed and the BFF does not yet. */
export const CHECK_IN_RECHECK_MS = 30_000;
/** How long past an instant (by the app's clock) the BFF may lag before asking again stops. */
const CLOCK_GRACE_MS = 5 * MINUTE;
/** setTimeout's longest delay (2³¹ − 1 ms, about 24.8 days): a longer one fires at once. */
const LONGEST_TIMER_MS = 0x7fffffff;

type CheckInState = Pick<AppointmentView, 'status' | 'canCheckIn'> & CheckInTimes;

/** Milliseconds from `now` until the BFF should be asked again, or null when nothing is left to wait for. */
export function nextCheckInCheck(now: number, a: CheckInState): number | null {
  if (a.status !== 'BOOKED') return null;
  const { opens, closes } = checkInInstants(a);
  if (now < opens) return opens - now;
  if (now < closes) {
    if (a.canCheckIn) return closes - now;
    return now < opens + CLOCK_GRACE_MS ? Math.min(CHECK_IN_RECHECK_MS, closes - now) : closes - now;
  }
  return a.canCheckIn && now < closes + CLOCK_GRACE_MS ? CHECK_IN_RECHECK_MS : null;
}

/** Calls `refresh` (which must be stable) when the check-in window of `appointment` opens or closes. */
export function useCheckInTimer(appointment: AppointmentView | undefined, refresh: () => void): void {
  const [tick, setTick] = useState(0);
  const status = appointment?.status;
  const canCheckIn = appointment?.canCheckIn !== false;
  const startsAt = appointment?.startsAt;
  const opensAt = appointment?.checkInOpensAt;
  const closesAt = appointment?.checkInClosesAt;

  useEffect(() => {
    if (!status || !startsAt) return undefined;
    const delay = nextCheckInCheck(serverNow() - serverClockError(), { status, canCheckIn, startsAt, checkInOpensAt: opensAt, checkInClosesAt: closesAt });
    if (delay === null) return undefined;
    const isDue = delay <= LONGEST_TIMER_MS;
    const timer = setTimeout(() => {
      if (isDue) refresh();
      // Re-plans from the clock as it is now, before the answer arrives: a late answer, a failed
      // request or a BFF still saying "not yet" then leads to the next check, not to none.
      setTick((n) => n + 1);
    }, Math.min(delay, LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [status, canCheckIn, startsAt, opensAt, closesAt, tick, refresh]);
}
