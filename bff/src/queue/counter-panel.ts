// What a window's panel (窗口工作台) reads: the windows of an office with the number at each, and
// one window with the queue it serves, in the order call-next would take it. Holders appear only
// as a masked name; phones and ID numbers are never loaded here (DESIGN.md §6).
import { compareQueueOrder, maskName, QUEUE_LETTER_LABELS } from '@palm/shared';
import type { CounterDetail, CounterService, CounterSummary, CounterTicket, WaitingTicket } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';

/** How many waiting numbers per letter the panel lists (the count covers all of them). */
export const PANEL_QUEUE_PREVIEW = 10;

const labelOf = (letter: string): string => (QUEUE_LETTER_LABELS as Record<string, string>)[letter] ?? `${letter} 类业务`;
const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);
const maskedHolder = (subject: { name: string | null } | null): string | null => (subject?.name ? maskName(subject.name) : null);

const ticketSelect = {
  id: true,
  counterId: true,
  displayNumber: true,
  status: true,
  priority: true,
  channel: true,
  recallCount: true,
  calledAt: true,
  startedAt: true,
  service: { select: { id: true, name: true } },
  subject: { select: { name: true } },
} as const;

const counterSelect = { id: true, number: true, name: true, state: true, categories: true, clerkId: true, officeId: true, office: { select: { id: true, name: true } } } as const;

type CounterRow = {
  id: string;
  number: number;
  name: string;
  state: 'OPEN' | 'PAUSED' | 'CLOSED';
  categories: string[];
  clerkId: string | null;
  office: { id: string; name: string };
};

export class CounterPanel {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The office a counter belongs to with its region (for the policy), or null: one query (a Prisma
   * relation select would be a second one, only when the counter exists).
   */
  async counterScope(counterId: string): Promise<{ officeId: string; regionCode: string } | null> {
    const rows = await this.prisma.$queryRaw<{ officeId: string; regionCode: string }[]>`
      SELECT c."officeId"::text AS "officeId", o."regionCode" FROM "Counter" c JOIN "Office" o ON o."id" = c."officeId" WHERE c."id" = ${counterId}::uuid`;
    return rows[0] ?? null;
  }

  async officeScope(officeId: string): Promise<{ officeId: string; regionCode: string } | null> {
    const office = await this.prisma.office.findUnique({ where: { id: officeId }, select: { id: true, regionCode: true } });
    return office ? { officeId: office.id, regionCode: office.regionCode } : null;
  }

  /** Every window of the office by number, each with the number now CALLED or SERVING there and whether `viewerId` is its clerk. */
  async list(officeId: string, businessDate: string, viewerId: string): Promise<CounterSummary[]> {
    const [counters, current] = await Promise.all([
      this.prisma.counter.findMany({ where: { officeId, retiredAt: null }, orderBy: { number: 'asc' }, select: counterSelect }),
      this.current({ officeId, businessDate: utcDate(businessDate), counterId: { not: null } }),
    ]);
    return counters.map((counter) => this.summary(counter, current.find((t) => t.counterId === counter.id) ?? null, viewerId));
  }

  /** One window, what it serves, its queue and where 转办 may send a number; null if unknown. */
  async detail(counterId: string, businessDate: string, now: Date, viewerId: string): Promise<Omit<CounterDetail, 'canOperate'> | null> {
    const counter = await this.prisma.counter.findUnique({ where: { id: counterId }, select: counterSelect });
    if (!counter) return null;
    const date = utcDate(businessDate);
    const [current, waiting, offered, others] = await Promise.all([
      this.current({ counterId, businessDate: date }),
      // Waiting for any window of these letters, or transferred to this one (as call-next takes them).
      this.prisma.ticket.findMany({
        where: { officeId: counter.officeId, businessDate: date, status: 'WAITING', letter: { in: counter.categories }, OR: [{ counterId: null }, { counterId }] },
        select: { id: true, letter: true, displayNumber: true, priority: true, channel: true, queuedAt: true, issuedAt: true, service: { select: { id: true, name: true } }, subject: { select: { name: true } } },
      }),
      this.prisma.officeService.findMany({
        where: { officeId: counter.officeId },
        select: { service: { select: { id: true, name: true, categoryLetter: true, code: true } } },
      }),
      this.prisma.counter.findMany({ where: { officeId: counter.officeId, id: { not: counterId }, retiredAt: null }, orderBy: { number: 'asc' }, select: { id: true, number: true, name: true, state: true } }),
    ]);
    // By queue letter, then catalogue code: a clerk finds a service under its letter.
    const services: CounterService[] = offered
      .map(({ service }) => service)
      .sort((a, b) => a.categoryLetter.localeCompare(b.categoryLetter) || a.code.localeCompare(b.code))
      .map((service) => ({ id: service.id, name: service.name, letter: service.categoryLetter }));
    const ordered = [...waiting].sort((a, b) =>
      compareQueueOrder({ id: a.id, priority: a.priority, queuedAt: a.queuedAt.getTime() }, { id: b.id, priority: b.priority, queuedAt: b.queuedAt.getTime() }),
    );
    const queue = [...counter.categories].sort().map((letter) => {
      const inLetter = ordered.filter((t) => t.letter === letter);
      return {
        letter,
        label: labelOf(letter),
        count: inLetter.length,
        next: inLetter.slice(0, PANEL_QUEUE_PREVIEW).map(
          (t): WaitingTicket => ({
            id: t.id,
            displayNumber: t.displayNumber,
            priority: t.priority,
            channel: t.channel,
            service: t.service,
            waitedMinutes: Math.max(0, Math.floor((now.getTime() - t.issuedAt.getTime()) / 60_000)),
            holder: maskedHolder(t.subject),
          }),
        ),
      };
    });
    return {
      ...this.summary(counter, current[0] ?? null, viewerId),
      services: services.filter((s) => counter.categories.includes(s.letter)),
      queue,
      transferTargets: { counters: others, services },
    };
  }

  private current(where: { officeId?: string; counterId?: string | { not: null }; businessDate?: Date }) {
    return this.prisma.ticket.findMany({ where: { ...where, status: { in: ['CALLED', 'SERVING'] } }, select: ticketSelect, orderBy: { calledAt: 'desc' } });
  }

  private summary(counter: CounterRow, ticket: Awaited<ReturnType<CounterPanel['current']>>[number] | null, viewerId: string): CounterSummary {
    return {
      id: counter.id,
      number: counter.number,
      name: counter.name,
      state: counter.state,
      office: counter.office,
      categories: [...counter.categories].sort().map((letter) => ({ letter, label: labelOf(letter) })),
      current: ticket ? toCounterTicket(ticket) : null,
      isMine: counter.clerkId === viewerId,
    };
  }
}

function toCounterTicket(t: {
  id: string;
  displayNumber: string;
  status: CounterTicket['status'];
  priority: CounterTicket['priority'];
  channel: CounterTicket['channel'];
  recallCount: number;
  calledAt: Date | null;
  startedAt: Date | null;
  service: { id: string; name: string };
  subject: { name: string | null } | null;
}): CounterTicket {
  return {
    id: t.id,
    displayNumber: t.displayNumber,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    service: t.service,
    holder: maskedHolder(t.subject),
    recallCount: t.recallCount,
    calledAt: t.calledAt?.toISOString() ?? null,
    startedAt: t.startedAt?.toISOString() ?? null,
  };
}
