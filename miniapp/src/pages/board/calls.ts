// Which windows started calling a new number, or recalled theirs (重呼), between two board states:
// these are announced and highlighted. The first state seen announces nothing (the numbers were called before the screen
// came on).
import type { QueueBoard } from '@palm/shared/server';

export interface NewCall {
  counterNumber: number;
  displayNumber: string;
}

export function newCalls(previous: QueueBoard | null, next: QueueBoard): NewCall[] {
  if (!previous) return [];
  const before = new Map(previous.counters.map((c) => [c.number, c]));
  return next.counters.flatMap((c) => {
    const was = before.get(c.number);
    const isNew = c.calling !== null && (was?.calling !== c.calling || c.recalls > was.recalls);
    return isNew ? [{ counterNumber: c.number, displayNumber: c.calling! }] : [];
  });
}

/** A banner's call still stands while its window is still at that number (finished or skipped clears it). */
export function isStillCalling(call: NewCall, board: QueueBoard): boolean {
  return board.counters.some((c) => c.number === call.counterNumber && c.calling === call.displayNumber);
}
