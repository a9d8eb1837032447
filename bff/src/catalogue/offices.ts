// Halls for "就近办" (DESIGN.md §5 GET /api/offices, GET /api/offices/:id): distance from the
// caller, open/closed now, today's hours, and for one hall its windows and services; where a
// service is in view, whether the hall takes online bookings (预约) for it (bookable.ts).
import { addDays, distanceMeters, isValidLatLng, type WorkingCalendar } from '@palm/shared';
import {
  OFFICE_LEVEL_KEYS,
  OFFICE_LEVEL_LABELS,
  type OfficeDetail,
  type OfficeLevelKey,
  type OfficeListItem,
  type OfficeSummary,
  type ServiceCategoryKey,
} from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';
import { bookableOfficeIds, bookableServiceIds } from './bookable';
import { officeOpenStatus, parseDayHours, parseWeeklyHours, toHoursException, type ExceptionRow } from './hours';
import { categoryLabel } from './search';

/** Upcoming exceptions shown on a hall's page; also covers openStatus's 14-day look-ahead. */
export const EXCEPTION_WINDOW_DAYS = 30;

export interface CatalogueContext {
  prisma: PrismaClient;
  calendar: WorkingCalendar;
  /** The business clock's now, read once per request so every hall is judged at the same instant. */
  at: { date: string; time: string };
  onDataError?: (err: unknown) => void;
}

export interface LatLng {
  lat: number;
  lng: number;
}

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** Exceptions from today through the window, enough for today's hours and the next opening. */
export const exceptionWindow = (today: string) => ({
  where: { date: { gte: utcDate(today), lte: utcDate(addDays(today, EXCEPTION_WINDOW_DAYS)) } },
  orderBy: { date: 'asc' as const },
});

interface OfficeRow {
  id: string;
  code: string;
  name: string;
  level: OfficeLevelKey;
  regionCode: string;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  weeklyHours: unknown;
  openOnHolidays: boolean;
  exceptions: ExceptionRow[];
}

export function distanceFrom(from: LatLng | undefined, office: LatLng): number | null {
  // A hall stored without usable coordinates gets no distance rather than failing the list.
  if (!from || !isValidLatLng(office.lat, office.lng)) return null;
  return Math.round(distanceMeters(from, office));
}

export function toOfficeSummary(ctx: CatalogueContext, office: OfficeRow, from?: LatLng): OfficeSummary {
  return {
    id: office.id,
    code: office.code,
    name: office.name,
    level: office.level,
    levelLabel: OFFICE_LEVEL_LABELS[office.level],
    regionCode: office.regionCode,
    address: office.address,
    lat: office.lat,
    lng: office.lng,
    phone: office.phone,
    distanceMeters: distanceFrom(from, office),
    ...officeOpenStatus(office, ctx.calendar, ctx.at, ctx.onDataError),
  };
}

const collator = new Intl.Collator('zh-Hans-CN');

/**
 * With a location: nearest first (halls without a distance last). Without: the county centre
 * first, then town centres, then village stations — the order of the administrative tree — and
 * by name within a level, so the list is stable.
 */
export function compareOffices(
  a: { distanceMeters: number | null; level: OfficeLevelKey; name: string; id: string },
  b: { distanceMeters: number | null; level: OfficeLevelKey; name: string; id: string },
): number {
  if (a.distanceMeters !== b.distanceMeters) {
    if (a.distanceMeters === null) return 1;
    if (b.distanceMeters === null) return -1;
    return a.distanceMeters - b.distanceMeters;
  }
  const byLevel = OFFICE_LEVEL_KEYS.indexOf(a.level) - OFFICE_LEVEL_KEYS.indexOf(b.level);
  if (byLevel !== 0) return byLevel;
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface OfficeListInput {
  from?: LatLng;
  serviceId?: string;
  level?: OfficeLevelKey;
}

/** With a service: each hall also says whether it takes bookings for it (one query beside the list's). */
export async function listOffices(ctx: CatalogueContext, input: OfficeListInput): Promise<OfficeListItem[]> {
  const { serviceId } = input;
  const [offices, bookable] = await Promise.all([
    ctx.prisma.office.findMany({
      where: {
        ...(input.level ? { level: input.level } : {}),
        ...(serviceId ? { services: { some: { serviceId } } } : {}),
      },
      include: { exceptions: exceptionWindow(ctx.at.date) },
    }),
    serviceId ? bookableOfficeIds(ctx.prisma, serviceId) : undefined,
  ]);
  return offices
    .map((o) => ({ ...toOfficeSummary(ctx, o, input.from), ...(bookable ? { hasOnlineBooking: bookable.has(o.id) } : {}) }))
    .sort(compareOffices);
}

export async function loadOfficeDetail(ctx: CatalogueContext, id: string, from?: LatLng): Promise<OfficeDetail | null> {
  const [office, bookable] = await Promise.all([
    ctx.prisma.office.findUnique({
      where: { id },
      include: {
        exceptions: exceptionWindow(ctx.at.date),
        counters: { where: { retiredAt: null }, orderBy: { number: 'asc' } },
        services: { include: { service: { select: { id: true, name: true, aliases: true, department: true, category: true, popularity: true } } } },
      },
    }),
    bookableServiceIds(ctx.prisma, id),
  ]);
  if (!office) return null;
  const services = office.services
    .map((s) => s.service)
    .sort((a, b) => b.popularity - a.popularity || collator.compare(a.name, b.name));
  return {
    ...toOfficeSummary(ctx, office, from),
    openOnHolidays: office.openOnHolidays,
    weeklyHours: parseWeeklyHours(office.weeklyHours),
    upcomingExceptions: office.exceptions.map((e) => {
      const { date, closed, note } = toHoursException(e);
      return { date, closed, hours: e.hours == null ? null : parseDayHours(e.hours), note: note ?? null };
    }),
    counters: office.counters.map((c) => ({ id: c.id, number: c.number, name: c.name, categories: c.categories, state: c.state })),
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      category: s.category as ServiceCategoryKey,
      categoryLabel: categoryLabel(s.category),
      aliases: s.aliases,
      department: s.department,
      popularity: s.popularity,
      hasOnlineBooking: bookable.has(s.id),
    })),
    // Tickets arrive with the queue; until then the only live fact is how many windows are open.
    queue: { openCounters: office.counters.filter((c) => c.state === 'OPEN').length },
  };
}
