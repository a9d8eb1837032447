import type { OfficeDetail, OfficeList } from '@palm/shared/server';
import type { LatLng } from '@palm/shared';
import { request, type RequestOptions } from './request';

export interface OfficeSearch {
  position?: LatLng | null;
  serviceId?: string;
}

/** Halls, nearest first when a position is given. */
export function listOffices(search: OfficeSearch = {}, options: RequestOptions = {}): Promise<OfficeList> {
  const { position, serviceId } = search;
  return request<OfficeList>('/api/offices', { ...options, query: { lat: position?.lat, lng: position?.lng, serviceId } });
}

export function getOffice(id: string, position?: LatLng | null, options: RequestOptions = {}): Promise<OfficeDetail> {
  return request<OfficeDetail>(`/api/offices/${encodeURIComponent(id)}`, { ...options, query: { lat: position?.lat, lng: position?.lng } });
}
