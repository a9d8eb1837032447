import type { ServiceCategoryKey, ServiceGuide, ServiceList } from '@palm/shared/server';
import type { LatLng } from '@palm/shared';
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

/** The guide; with a position its halls come nearest first with distances. */
export function getService(id: string, position?: LatLng | null, options: RequestOptions = {}): Promise<ServiceGuide> {
  return request<ServiceGuide>(`/api/services/${encodeURIComponent(id)}`, { ...options, query: { lat: position?.lat, lng: position?.lng } });
}
