import type { ServiceCategoryKey, ServiceGuide, ServiceList } from '@palm/shared/server';
import { type SearchPosition, withoutStandInDistance } from './offices';
import { request, type RequestOptions } from './request';

export interface ServiceSearch {
  q?: string;
  category?: ServiceCategoryKey;
  limit?: number;
  cursor?: string;
}

/** Without q or category: the catalogue by popularity (常用服务). */
export function searchServices(search: ServiceSearch = {}, options: RequestOptions = {}): Promise<ServiceList> {
  return request<ServiceList>('/api/services', { ...options, query: { ...search } });
}

/** The guide; with a position its halls come nearest first (with distances unless it is a stand-in). */
export async function getService(id: string, position?: SearchPosition | null, options: RequestOptions = {}): Promise<ServiceGuide> {
  const guide = await request<ServiceGuide>(`/api/services/${encodeURIComponent(id)}`, { ...options, query: { lat: position?.lat, lng: position?.lng } });
  return { ...guide, offices: guide.offices.map((office) => withoutStandInDistance(office, position)) };
}
