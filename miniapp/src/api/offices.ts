import type { OfficeDetail, OfficeList } from '@palm/shared/server';
import type { LatLng } from '@palm/shared';
import { request, type RequestOptions } from './request';

/** A position; `isFallback` marks the county centre standing in for an unknown one (lib/location). */
export type SearchPosition = LatLng & { isFallback?: boolean };

/**
 * Distances from a stand-in position are not the person's: the halls keep its order (nearest the
 * county centre first) but show no distance, rather than "0米" for the centre itself.
 */
export function withoutStandInDistance<T extends { distanceMeters: number | null }>(item: T, position?: SearchPosition | null): T {
  return position?.isFallback ? { ...item, distanceMeters: null } : item;
}

export interface OfficeSearch {
  position?: SearchPosition | null;
  serviceId?: string;
}

/** Halls, nearest first when a position is given. */
export async function listOffices(search: OfficeSearch = {}, options: RequestOptions = {}): Promise<OfficeList> {
  const { position, serviceId } = search;
  const list = await request<OfficeList>('/api/offices', { ...options, query: { lat: position?.lat, lng: position?.lng, serviceId } });
  return { ...list, items: list.items.map((office) => withoutStandInDistance(office, position)) };
}

export async function getOffice(id: string, position?: SearchPosition | null, options: RequestOptions = {}): Promise<OfficeDetail> {
  const office = await request<OfficeDetail>(`/api/offices/${encodeURIComponent(id)}`, { ...options, query: { lat: position?.lat, lng: position?.lng } });
  return withoutStandInDistance(office, position);
}
