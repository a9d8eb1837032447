// The hall display board (DESIGN.md §5 GET /api/offices/:id/queue): public, no names — only
// numbers being called at each window and how many wait per queue letter.
import { estimateAccuracy, QUEUE_LETTER_LABELS } from '@palm/shared';
import type { QueueAccuracy, QueueBoard } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';

/** How many of the day's latest calls the board lists. */
export const RECENT_CALLS = 6;

const labelOf = (letter: string): string => (QUEUE_LETTER_LABELS as Record<string, string>)[letter] ?? `${letter} 类业务`;

export async function queueBoard(prisma: PrismaClient, officeId: string, businessDate: string): Promise<QueueBoard | null> {
  const date = new Date(`${businessDate}T00:00:00Z`);
  const office = await prisma.office.findUnique({
    where: { id: officeId },
    select: { id: true, name: true, counters: { where: { retiredAt: null }, orderBy: { number: 'asc' }, select: { id: true, number: true, name: true, state: true, categories: true } } },
  });
  if (!office) return null;
  const [calling, waiting, recent] = await Promise.all([
    prisma.ticket.findMany({
      where: { officeId, businessDate: date, status: { in: ['CALLED', 'SERVING'] }, counterId: { not: null } },
      select: { counterId: true, displayNumber: true, calledAt: true, recallCount: true },
      orderBy: { calledAt: 'desc' },
    }),
    prisma.ticket.groupBy({ by: ['letter'], where: { officeId, businessDate: date, status: 'WAITING' }, _count: { _all: true } }),
    // The call's first time (a recall keeps it), so a recalled number keeps its place in the list.
    prisma.ticket.findMany({
      where: { officeId, businessDate: date, calledAt: { not: null }, counterId: { not: null } },
      select: { displayNumber: true, calledAt: true, counter: { select: { number: true } } },
      // Two calls in the same millisecond keep one order: the later number first.
      orderBy: [{ calledAt: 'desc' }, { displayNumber: 'desc' }],
      take: RECENT_CALLS,
    }),
  ]);
  const letters = [...new Set([...office.counters.flatMap((c) => c.categories), ...waiting.map((w) => w.letter)])].sort();
  return {
    office: { id: office.id, name: office.name },
    businessDate,
    counters: office.counters.map((counter) => {
      const at = calling.find((t) => t.counterId === counter.id);
      return { number: counter.number, name: counter.name, state: counter.state, calling: at?.displayNumber ?? null, recalls: at?.recallCount ?? 0 };
    }),
    waiting: letters.map((letter) => ({ letter, label: labelOf(letter), count: waiting.find((w) => w.letter === letter)?._count._all ?? 0 })),
    recent: recent.flatMap((t) => (t.calledAt && t.counter ? [{ displayNumber: t.displayNumber, counterNumber: t.counter.number, calledAt: t.calledAt.toISOString() }] : [])),
  };
}

/** Estimated vs actual waits of the day's finished tickets (the range shown at issue vs taking → called). */
export async function queueAccuracy(prisma: PrismaClient, office: { id: string; name: string }, businessDate: string): Promise<QueueAccuracy> {
  const finished = await prisma.ticket.findMany({
    where: { officeId: office.id, businessDate: new Date(`${businessDate}T00:00:00Z`), status: 'DONE' },
    select: { issuedAt: true, calledAt: true, estimateLowMinutes: true, estimateHighMinutes: true },
  });
  const samples = finished.flatMap((t) =>
    t.calledAt && t.estimateLowMinutes !== null && t.estimateHighMinutes !== null
      ? [{ lowMinutes: t.estimateLowMinutes, highMinutes: t.estimateHighMinutes, actualMinutes: (t.calledAt.getTime() - t.issuedAt.getTime()) / 60_000 }]
      : [],
  );
  return { office, businessDate, finished: finished.length, ...estimateAccuracy(samples) };
}
