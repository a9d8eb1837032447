// Where waiting tickets stand: the people called before each (the order call-next takes them) and
// the wait range over the open windows serving its letter. Reads only; one ticket's view, or the
// views of every ticket watched at an office in a few queries whatever their number.
import { DEFAULT_QUEUE_SETTINGS, estimateWait, isTurnNear, peopleAhead as countAhead, type QueueCandidate, type QueueSettings } from '@palm/shared';
import type { Ticket as TicketView } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';
import { ticketInclude, toView, type Standing, type TicketRow } from './view';

export async function settingsOf(prisma: PrismaClient, officeId: string): Promise<QueueSettings> {
  const row = await prisma.officeQueueSettings.findUnique({ where: { officeId } });
  return row ?? DEFAULT_QUEUE_SETTINGS;
}

/**
 * Where `candidate` stands in one line (office, day, letter): the waiting tickets called before
 * it and the wait range over the open windows serving that letter.
 */
export async function lineStanding(
  prisma: PrismaClient,
  line: { officeId: string; businessDate: Date; letter: string },
  candidate: QueueCandidate,
  serviceMinutes: number,
): Promise<Standing> {
  const [waiting, openCounters] = await Promise.all([
    prisma.ticket.findMany({
      where: { officeId: line.officeId, businessDate: line.businessDate, letter: line.letter, status: 'WAITING' },
      select: { id: true, priority: true, queuedAt: true },
    }),
    prisma.counter.count({ where: { officeId: line.officeId, state: 'OPEN', categories: { has: line.letter } } }),
  ]);
  const candidates = waiting.map((w) => ({ id: w.id, priority: w.priority, queuedAt: w.queuedAt.getTime() }));
  const ahead = countAhead(candidate, candidates);
  return { peopleAhead: ahead, estimate: estimateWait(ahead, serviceMinutes, openCounters) };
}

/** People ahead and the estimate, from the waiting line of the ticket's letter and the open windows. */
export function standingOf(prisma: PrismaClient, ticket: TicketRow): Promise<Standing> {
  const candidate = { id: ticket.id, priority: ticket.priority, queuedAt: ticket.queuedAt.getTime() };
  return lineStanding(prisma, ticket, candidate, ticket.service.timeStat?.ewmaMinutes ?? ticket.service.meanHandlingMinutes);
}

/** The ticket as its holder sees it (DESIGN.md §5): position and estimate only while waiting. */
export async function viewOf(prisma: PrismaClient, ticket: TicketRow): Promise<TicketView> {
  if (ticket.status !== 'WAITING') return toView(ticket, null, DEFAULT_QUEUE_SETTINGS);
  const [standing, settings] = await Promise.all([standingOf(prisma, ticket), settingsOf(prisma, ticket.officeId)]);
  return toView(ticket, standing, settings);
}

/**
 * The views of many tickets in a few queries whatever their number (live updates: every holder
 * watching an office is refreshed after each change): the tickets, and per office its waiting
 * lines, open windows and settings once; each place is then counted in memory as viewOf() does.
 */
export async function viewsOf(prisma: PrismaClient, ids: readonly string[]): Promise<TicketView[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.ticket.findMany({ where: { id: { in: [...ids] } }, include: ticketInclude });
  const waitingOffices = [...new Set(rows.filter((r) => r.status === 'WAITING').map((r) => r.officeId))];
  const lines = new Map(
    await Promise.all(
      waitingOffices.map(async (officeId) => {
        const dates = [...new Set(rows.filter((r) => r.officeId === officeId).map((r) => r.businessDate.getTime()))].map((t) => new Date(t));
        const [waiting, counters, settings] = await Promise.all([
          prisma.ticket.findMany({
            where: { officeId, businessDate: { in: dates }, status: 'WAITING' },
            select: { id: true, priority: true, queuedAt: true, letter: true, businessDate: true },
          }),
          prisma.counter.findMany({ where: { officeId, state: 'OPEN' }, select: { categories: true } }),
          settingsOf(prisma, officeId),
        ]);
        return [officeId, { waiting, counters, settings }] as const;
      }),
    ),
  );
  return rows.map((ticket) => {
    const line = lines.get(ticket.officeId);
    if (ticket.status !== 'WAITING' || !line) return toView(ticket, null, DEFAULT_QUEUE_SETTINGS);
    const candidates = line.waiting
      .filter((w) => w.letter === ticket.letter && w.businessDate.getTime() === ticket.businessDate.getTime())
      .map((w) => ({ id: w.id, priority: w.priority, queuedAt: w.queuedAt.getTime() }));
    const ahead = countAhead({ id: ticket.id, priority: ticket.priority, queuedAt: ticket.queuedAt.getTime() }, candidates);
    const openCounters = line.counters.filter((c) => c.categories.includes(ticket.letter)).length;
    const minutes = ticket.service.timeStat?.ewmaMinutes ?? ticket.service.meanHandlingMinutes;
    return toView(ticket, { peopleAhead: ahead, estimate: estimateWait(ahead, minutes, openCounters) }, line.settings);
  });
}

/**
 * Whether a take must have "turn is near" evaluated at its office (notify/enqueue.ts). A take moves
 * nobody forward, so only the new ticket can have become near; in a long line there is nothing to
 * evaluate, which spares the hall's busiest moments a statement per take. The margin of two places
 * covers calls committed between the take's read and its insert, which those calls' own evaluations
 * may have run too early to see.
 */
const NEAR_MARGIN_PLACES = 2;
export function mayBeNear(standing: Standing, serviceMinutes: number, openCounters: number, settings: QueueSettings): boolean {
  const ahead = Math.max(0, standing.peopleAhead - NEAR_MARGIN_PLACES);
  return isTurnNear(ahead, estimateWait(ahead, serviceMinutes, openCounters), settings);
}
