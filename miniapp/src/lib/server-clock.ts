// The BFF's clock as the app knows it (DESIGN.md §4: time shown to people is the server's, never
// the device's). Every BFF reply says its time in `x-server-time` (epoch ms); the one request
// wrapper hands each to learnServerTime with when the device sent the request and got the answer.
// A page asks serverNow() / serverToday() instead of Date.now(), so a phone set to the wrong day
// and a demo BFF pinned by PALM_CLOCK both show the hall's time. Until the first answer arrives
// the device's clock is all there is (offset 0).

export const SERVER_TIME_HEADER = 'x-server-time';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

interface Estimate {
  /** Server time minus device time, ms. */
  offset: number;
  /** How far off `offset` may be: half the round trip it was measured over, ms. */
  error: number;
}

let estimate: Estimate | null = null;

/**
 * Learns from one answer. The server read its clock somewhere between `sentAt` and `receivedAt`
 * (device time), so the offset is taken at the midpoint, give or take half the round trip. Of two
 * estimates that agree within their errors the tighter is kept (a slow answer does not make the
 * shown clock jump); one that disagrees means a clock was changed meanwhile — the phone's, or a
 * restarted BFF's pin — and replaces the old.
 */
export function learnServerTime(serverTime: number, sentAt: number, receivedAt: number): void {
  const roundTrip = receivedAt - sentAt;
  // A device clock set back while waiting gives a negative round trip: the sample means nothing.
  if (!Number.isFinite(serverTime) || serverTime <= 0 || !Number.isFinite(roundTrip) || roundTrip < 0) return;
  const sample: Estimate = { offset: serverTime - (sentAt + receivedAt) / 2, error: roundTrip / 2 };
  const kept = estimate;
  if (kept === null || Math.abs(sample.offset - kept.offset) > sample.error + kept.error || sample.error <= kept.error) estimate = sample;
}

/** The server time a reply's headers carry (any header-name case, as platforms differ), or null. */
export function serverTimeOf(header: Record<string, unknown> | null | undefined): number | null {
  if (!header) return null;
  const name = Object.keys(header).find((key) => key.toLowerCase() === SERVER_TIME_HEADER);
  const value = name === undefined ? undefined : header[name];
  return typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : null;
}

/** Whether a BFF answer has told the server's time yet (before that, serverNow() is the device's). */
export const knowsServerTime = (): boolean => estimate !== null;

/**
 * How far serverNow() may be off, ms (0 before any answer: nothing better is known). A timer that
 * must fire only once an instant has passed on the server waits this much longer.
 */
export const serverClockError = (): number => estimate?.error ?? 0;

/** Now on the server's clock, epoch ms. */
export function serverNow(): number {
  return Date.now() + (estimate?.offset ?? 0);
}

/** A business date (YYYY-MM-DD in Asia/Shanghai, DESIGN.md §2) of `at`, `offsetDays` later. */
export function shanghaiDate(offsetDays = 0, at = serverNow()): string {
  return new Date(at + SHANGHAI_OFFSET_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** Today's business date by the server's clock (`offsetDays` later: 1 is tomorrow). */
export const serverToday = (offsetDays = 0): string => shanghaiDate(offsetDays, serverNow());

/** Forgets what was learned: the device's clock again (tests start from there). */
export function resetServerClock(): void {
  estimate = null;
}
