// The public catalogue as the routes read it: service search (cached briefly), a service's guide,
// halls near the caller and one hall, and the look-ups other routes make of a hall or a service
// by id. Decorated as `app.catalogue` (./index.ts).
import type { ServiceList } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TtlCache } from '../lib/ttl-cache';
import { calendarCacheFor, calendarCoverage, type CalendarCoverage } from './calendar';
import { catalogueContext } from './context';
import { loadGuide } from './guide';
import { listOffices, loadOfficeDetail, type LatLng, type OfficeListInput } from './offices';
import { searchServices, type SearchInput } from './search';

// Search results are the hottest public read and the catalogue changes a few times a year: they
// are cached per instance for 30 s, per distinct query; an admin's guide edit clears them on every
// instance at once (app.searchReloads, reloads.ts).
export const SEARCH_CACHE_TTL_MS = 30_000;

export class Catalogue {
  private readonly searches = new TtlCache<string, ServiceList>(SEARCH_CACHE_TTL_MS, 500);

  constructor(private readonly app: FastifyInstance) {}

  search(query: SearchInput): Promise<ServiceList> {
    return this.searches.get(JSON.stringify([query.q, query.category, query.limit, query.cursor]), () => searchServices(this.app.prisma, query));
  }

  /** Drops every cached search result (a guide edit changed a service's aliases or summary). */
  clearSearches(): void {
    this.searches.clear();
  }

  /** A service's guide with the halls that offer it (distance from `from`), or null. */
  async guide(request: FastifyRequest, id: string, from?: LatLng) {
    return loadGuide(await catalogueContext(this.app, request), id, from);
  }

  /** Halls, nearest first when `from` is given. */
  async offices(request: FastifyRequest, input: OfficeListInput) {
    return listOffices(await catalogueContext(this.app, request), input);
  }

  /** One hall with its windows, services and live summary, or null. */
  async office(request: FastifyRequest, id: string, from?: LatLng) {
    return loadOfficeDetail(await catalogueContext(this.app, request), id, from);
  }

  /** Whether the holiday calendar is loaded for today and the next 60 days (server clock). */
  async calendarCoverage(): Promise<CalendarCoverage> {
    const { resources } = this.app;
    return calendarCoverage(await calendarCacheFor(resources).get(), resources.clock.businessDate());
  }

  async serviceExists(id: string): Promise<boolean> {
    return (await this.app.prisma.service.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  /** A hall's name and region (what the policy and a hall's screens need), or null. */
  hall(id: string): Promise<{ id: string; name: string; regionCode: string } | null> {
    return this.app.prisma.office.findUnique({ where: { id }, select: { id: true, name: true, regionCode: true } });
  }
}
