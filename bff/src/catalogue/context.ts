// What every catalogue read needs: the database, the working-day calendar (cached) and one
// reading of the business clock for the whole request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidLatLng } from '@palm/shared';
import { AppError } from '../lib/errors';
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

/**
 * The schema requires lat and lng together and in range, but ajv's type coercion lets the strings
 * "Infinity" / "-Infinity" through as numbers that pass `maximum`; they are refused here so no
 * distance is ever computed from them.
 */
export function locationOf(query: { lat?: number; lng?: number }): LatLng | undefined {
  if (query.lat === undefined || query.lng === undefined) return undefined;
  if (!isValidLatLng(query.lat, query.lng)) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ field: 'querystring.lat', rule: 'range' }]);
  }
  return { lat: query.lat, lng: query.lng };
}
