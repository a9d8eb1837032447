// A service's full guide (办事指南, DESIGN.md §3 Service): conditions, steps, materials in order
// with the e-licence that may replace each, time limits, fee (one figure or a range), channels,
// and the halls offering it, each saying whether it takes online bookings (预约) and gives out
// queue numbers (取号) for it — the facts the guide's 办理方式 and action bar are said from
// (@palm/shared describeHandling).
import { formatFee } from '@palm/shared';
import type { ServiceCategoryKey, ServiceGuide } from '@palm/shared/server';
import { bookableOfficeIds } from './bookable';
import { materialView } from './guide-versions';
import { categoryLabel } from './search';
import { compareOffices, exceptionWindow, toOfficeSummary, type CatalogueContext, type LatLng } from './offices';

/**
 * A hall gives out numbers for a service when it has a daily quota for it and a window that calls
 * the service's letter (a number nobody calls is no channel). The window's state now does not
 * matter: a hall whose windows are closed at night still takes numbers tomorrow.
 */
export function takesTickets(offering: { dailyTicketCapacity: number }, counters: ReadonlyArray<{ categories: string[] }>, letter: string): boolean {
  return offering.dailyTicketCapacity > 0 && counters.some((c) => c.categories.includes(letter));
}

export async function loadGuide(ctx: CatalogueContext, id: string, from?: LatLng): Promise<ServiceGuide | null> {
  const [service, bookable] = await Promise.all([
    ctx.prisma.service.findUnique({
      where: { id },
      include: {
        materials: { orderBy: { position: 'asc' } },
        offices: { include: { office: { include: { exceptions: exceptionWindow(ctx.at.date), counters: { where: { retiredAt: null }, select: { categories: true } } } } } },
      },
    }),
    bookableOfficeIds(ctx.prisma, id),
  ]);
  if (!service) return null;

  const ticketed = new Set(service.offices.filter((os) => takesTickets(os, os.office.counters, service.categoryLetter)).map((os) => os.officeId));
  const offices = service.offices
    .map(({ office }) => toOfficeSummary(ctx, office, from))
    .sort(compareOffices)
    .map((o) => ({
      id: o.id,
      name: o.name,
      level: o.level,
      levelLabel: o.levelLabel,
      address: o.address,
      distanceMeters: o.distanceMeters,
      isOpen: o.openNow,
      hasOnlineBooking: bookable.has(o.id),
      takesTickets: ticketed.has(o.id),
    }));

  return {
    id: service.id,
    code: service.code,
    name: service.name,
    aliases: service.aliases,
    department: service.department,
    category: service.category as ServiceCategoryKey,
    categoryLabel: categoryLabel(service.category),
    categoryLetter: service.categoryLetter,
    summary: service.summary,
    conditions: service.conditions,
    process: service.process,
    materials: service.materials.map((m) => materialView(m, m.position)),
    legalDays: service.legalDays,
    promisedDays: service.promisedDays,
    fee: { fen: service.feeFen, maxFen: service.feeMaxFen, display: formatFee(service.feeFen, service.feeMaxFen), note: service.feeNote },
    channels: {
      window: true,
      online: service.onlineAllowed,
      proxy: service.proxyAllowed,
      appointmentRequired: service.appointmentRequired,
    },
    onlineAllowed: service.onlineAllowed,
    appointmentRequired: service.appointmentRequired,
    meanHandlingMinutes: service.meanHandlingMinutes,
    legalBasis: service.legalBasis,
    popularity: service.popularity,
    offices,
  };
}
