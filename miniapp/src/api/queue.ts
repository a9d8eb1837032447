// A hall's queue, public (no sign-in): the display board and, before taking a number, what a new
// ticket would face now.
import type { QueueBoard, QueuePreview } from '@palm/shared/server';
import { request, type RequestOptions } from './request';

export function getQueueBoard(officeId: string, options: RequestOptions = {}): Promise<QueueBoard> {
  return request<QueueBoard>(`/api/offices/${encodeURIComponent(officeId)}/queue`, options);
}

/** People ahead and the wait range a number taken now would get, or why none can be taken. */
export function getQueuePreview(officeId: string, serviceId: string, options: RequestOptions = {}): Promise<QueuePreview> {
  return request<QueuePreview>(`/api/offices/${encodeURIComponent(officeId)}/queue/preview`, { ...options, query: { serviceId } });
}
