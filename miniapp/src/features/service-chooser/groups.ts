// How the service chooser lays out a hall's services when nothing is searched: 常办 first — the
// person's own recent services at this hall, then the catalogue's most popular — and then every
// service under its category, in the catalogue's category order.
import type { OfficeDetail, ServiceCategoryKey } from '@palm/shared/server';
import { SERVICE_CATEGORIES } from '../../lib/categories';

/** A service as a hall lists it (GET /api/offices/:id): what the chooser shows, searches and orders by. */
export type ChooserService = Pick<OfficeDetail['services'][number], 'id' | 'name' | 'category' | 'aliases' | 'department' | 'popularity'>;

/** How many 常办 rows: 长辈版 rows are taller, and search + 常办 must fit the first screen. */
export const MOST_USED_COUNT = { normal: 5, elder: 3 } as const;

export interface MostUsed<T> {
  service: T;
  /** The person took a number or booked it at this hall before. */
  isRecent: boolean;
}

export interface CategoryGroup<T> {
  key: ServiceCategoryKey;
  label: string;
  services: T[];
}

export interface ServiceGroups<T> {
  mostUsed: Array<MostUsed<T>>;
  categories: Array<CategoryGroup<T>>;
}

/** Most popular first; equal popularity keeps the hall's order. */
function byPopularity<T extends ChooserService>(services: readonly T[]): T[] {
  return services
    .map((service, index) => ({ service, index }))
    .sort((a, b) => b.service.popularity - a.service.popularity || a.index - b.index)
    .map(({ service }) => service);
}

/**
 * 常办 and the categories. `recentIds` are the person's services at this hall, most recent first
 * (ids the hall does not list here are passed over); categories with no service are left out.
 */
export function groupServices<T extends ChooserService>(services: readonly T[], recentIds: readonly string[], mostUsedCount: number): ServiceGroups<T> {
  const popular = byPopularity(services);
  const recent = recentIds.map((id) => services.find((s) => s.id === id)).filter((s): s is T => s !== undefined);
  const recentSet = new Set(recent.map((s) => s.id));
  const mostUsed = [...recent.map((service) => ({ service, isRecent: true })), ...popular.filter((s) => !recentSet.has(s.id)).map((service) => ({ service, isRecent: false }))].slice(
    0,
    mostUsedCount,
  );
  const known = new Set<string>(SERVICE_CATEGORIES.map((c) => c.key));
  const categoryOf = (s: T): ServiceCategoryKey => (known.has(s.category) ? s.category : 'OTHER');
  const categories = SERVICE_CATEGORIES.map(({ key, label }) => ({ key, label, services: popular.filter((s) => categoryOf(s) === key) })).filter(
    (group) => group.services.length > 0,
  );
  return { mostUsed, categories };
}
