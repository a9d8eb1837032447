// A service's full guide (办事指南, DESIGN.md §3 Service): conditions, steps, materials in order
// with the e-licence that may replace each, time limits, fee, channels, and the halls offering it
// (each saying whether it takes online bookings for it).
import { LICENCE_TYPE_LABELS, type ServiceCategoryKey, type ServiceGuide } from '@palm/shared/server';
import { bookableOfficeIds } from './bookable';
import { categoryLabel } from './search';
import { compareOffices, exceptionWindow, toOfficeSummary, type CatalogueContext, type LatLng } from './offices';

/** 0 → 免费; 2000 → 20元; 1250 → 12.5元; 1205 → 12.05元 (fees are stored in fen). */
export function feeDisplay(fen: number): string {
  if (fen <= 0) return '免费';
  const yuan = (fen / 100).toFixed(2).replace(/\.?0+$/, '');
  return `${yuan}元`;
}

export async function loadGuide(ctx: CatalogueContext, id: string, from?: LatLng): Promise<ServiceGuide | null> {
  const [service, bookable] = await Promise.all([
    ctx.prisma.service.findUnique({
      where: { id },
      include: {
        materials: { orderBy: { position: 'asc' } },
        offices: { include: { office: { include: { exceptions: exceptionWindow(ctx.at.date) } } } },
      },
    }),
    bookableOfficeIds(ctx.prisma, id),
  ]);
  if (!service) return null;

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
    materials: service.materials.map((m) => ({
      position: m.position,
      name: m.name,
      required: m.required,
      originals: m.originals,
      copies: m.copies,
      licenceType: m.licenceType,
      licenceLabel: m.licenceType ? LICENCE_TYPE_LABELS[m.licenceType] : null,
      note: m.note,
    })),
    legalDays: service.legalDays,
    promisedDays: service.promisedDays,
    fee: { fen: service.feeFen, display: feeDisplay(service.feeFen), note: service.feeNote },
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
