// One hall's slots for one service on one business date (DESIGN.md §5 GET /api/offices/:id/slots):
// times shown in Asia/Shanghai, remaining places, and whether each is released (放号) yet — a slot
// before its release time is listed, not bookable, with the moment it opens ("明天 08:00 放号").
import { addDays, parseSlotRule, releaseDateOf, releaseInstant, releaseLabel, type SlotUnavailableReason, templateOn } from '@palm/shared';
import type { SlotDay } from '@palm/shared/server';
import type { FastifyInstance } from 'fastify';
import { calendarCacheFor } from '../catalogue/calendar';
import { AppError } from '../lib/errors';

export interface SlotDayQuery {
  officeId: string;
  serviceId: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
}

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** The slot lists of the booking pages. Decorated as `app.slots` (./index.ts). */
export class SlotService {
  constructor(private readonly app: FastifyInstance) {}

  /** One hall's slots for one service on one business date; `onDataError` hears of a rule that does not read. */
  day(q: SlotDayQuery, onDataError?: (err: unknown) => void): Promise<SlotDay> {
    return loadSlotDay(this.app, q, onDataError);
  }
}

export async function loadSlotDay(app: FastifyInstance, q: SlotDayQuery, onDataError?: (err: unknown) => void): Promise<SlotDay> {
  const { prisma } = app;
  const clock = app.resources.clock;
  const [office, service, offering, rule] = await Promise.all([
    prisma.office.findUnique({ where: { id: q.officeId }, select: { id: true, name: true } }),
    prisma.service.findUnique({ where: { id: q.serviceId }, select: { id: true, name: true } }),
    prisma.officeService.findUnique({ where: { officeId_serviceId: { officeId: q.officeId, serviceId: q.serviceId } }, select: { officeId: true } }),
    prisma.slotRule.findUnique({ where: { officeId_serviceId: { officeId: q.officeId, serviceId: q.serviceId } } }),
  ]);
  if (!office) throw new AppError('NOT_FOUND', '没有找到该办事大厅');
  if (!service) throw new AppError('NOT_FOUND', '没有找到该事项');
  if (!offering) throw new AppError('SERVICE_NOT_OFFERED');
  if (!rule?.active) throw new AppError('APPOINTMENT_NOT_OFFERED');
  let parsed;
  try {
    parsed = parseSlotRule(rule);
  } catch (err) {
    // A badly edited rule offers nothing rather than a 500; the hall still serves at the window.
    onDataError?.(err);
    throw new AppError('APPOINTMENT_NOT_OFFERED');
  }

  const now = clock.now();
  const today = clock.businessDate(now);
  const slots = await prisma.slot.findMany({
    where: { officeId: q.officeId, serviceId: q.serviceId, date: utcDate(q.date), withdrawnAt: null },
    orderBy: { startsAt: 'asc' },
  });
  // People waiting per slot (候补), so a full slot reads "已约满 · 3人候补"; a full slot stays unbookable.
  const waitlists = slots.length === 0 ? [] : await prisma.waitlistEntry.groupBy({
    by: ['slotId'],
    where: { slotId: { in: slots.map((s) => s.id) }, status: 'WAITING' },
    _count: { _all: true },
  });
  const waitingBySlot = new Map(waitlists.map((w) => [w.slotId, w._count._all]));
  const releasesAt = releaseInstant(parsed, q.date);
  const isDayReleased = releasesAt <= now;

  const items = slots.map((s) => {
    const remaining = Math.max(0, s.capacity - s.booked - s.held);
    const isReleased = s.releasedAt <= now;
    const reason: SlotUnavailableReason | null = s.startsAt <= now ? 'PAST' : !isReleased ? 'NOT_RELEASED' : remaining === 0 ? 'FULL' : null;
    // A slot ending at midnight ends at 24:00 of its own day, not at 00:00.
    const end = clock.businessDate(s.endsAt) > q.date ? '24:00' : clock.businessTime(s.endsAt);
    return {
      id: s.id,
      start: clock.businessTime(s.startsAt),
      end,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      capacity: s.capacity,
      remaining,
      waiting: waitingBySlot.get(s.id) ?? 0,
      isReleased,
      releasesAt: s.releasedAt.toISOString(),
      isBookable: reason === null,
      unavailableReason: reason,
    };
  });

  return {
    office,
    service,
    date: q.date,
    items,
    release: {
      releasesAt: releasesAt.toISOString(),
      isReleased: isDayReleased,
      label: isDayReleased ? null : releaseLabel({ date: releaseDateOf(q.date, parsed.horizonDays), time: parsed.releaseTime }, today),
    },
    note: items.length > 0 ? null : await emptyDayNote(app, q, parsed, today),
  };
}

/** Why a day has no slots, in words a person can act on. */
async function emptyDayNote(app: FastifyInstance, q: SlotDayQuery, rule: ReturnType<typeof parseSlotRule>, today: string): Promise<string> {
  if (q.date < today) return '该日期已过去，请选择今天或以后的日期';
  const calendar = await calendarCacheFor(app.resources).get();
  if (calendar.dayKind(q.date) === 'HOLIDAY') return '法定节假日不开放预约，急办事项可到大厅现场办理';
  const exception = await app.prisma.officeException.findUnique({ where: { officeId_date: { officeId: q.officeId, date: utcDate(q.date) } } });
  if (exception?.closed) return exception.note ? `大厅当日暂停服务：${exception.note}` : '大厅当日暂停服务';
  if (!templateOn(rule, q.date, calendar)) return '当日不提供这项业务的预约，请选择其他日期';
  // The job lists a day from the day before its release; further out there is nothing yet.
  if (q.date > addDays(today, rule.horizonDays + 1)) return '该日期的号源尚未开放，请在放号后查看';
  return '当日没有可预约的时段，请选择其他日期';
}
