// What every catalogue read needs: the database, the working-day calendar (cached) and one
// reading of the business clock for the whole request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { calendarCacheFor } from './calendar';
import type { CatalogueContext, LatLng } from './offices';

export async function catalogueContext(app: FastifyInstance, request: FastifyRequest): Promise<CatalogueContext> {
  const { date, time } = app.resources.clock.businessDateTime();
  return {
    prisma: app.prisma,
    calendar: await calendarCacheFor(app.resources).get(),
    at: { date, time },
    onDataError: (err) => request.log.warn({ err }, 'office hours data error; shown as closed'),
  };
}

/** The schema already requires lat and lng together; this narrows the optional pair to one value. */
export function locationOf(query: { lat?: number; lng?: number }): LatLng | undefined {
  return query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
}
