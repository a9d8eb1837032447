// Which windows started calling a new number between two board states: these are announced and
// highlighted. The first state seen announces nothing (the numbers were called before the screen
// came on).
import type { QueueBoard } from '@palm/shared/server';

export interface NewCall {
  counterNumber: number;
  displayNumber: string;
}

export function newCalls(previous: QueueBoard | null, next: QueueBoard): NewCall[] {
  if (!previous) return [];
  const before = new Map(previous.counters.map((c) => [c.number, c.calling]));
  return next.counters.flatMap((c) => (c.calling !== null && before.get(c.number) !== c.calling ? [{ counterNumber: c.number, displayNumber: c.calling }] : []));
}
