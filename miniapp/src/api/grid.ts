// 我的网格 (issue 14 item 4): a grid worker's roster of their residents with each one's grant
// toward them, asking a resident for consent, and door-to-door tasks (上门帮办) with their steps.
// The BFF shows only the worker's own grid; every identity arrives masked.

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { GridGrant, GridResident, GridService, GridTask } from '@palm/shared/server';
import { request, type RequestOptions } from './request';

export type { GridGrant, GridResident, GridService, GridTask };

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const taskPath = (id: string) => `/api/grid/tasks/${encodeURIComponent(id)}`;

/** The roster, a page at a time; `q`: a fragment of the name or the last digits of the ID number. */
export function listResidents(query: { q?: string; cursor?: string; limit?: number } = {}, options: RequestOptions = {}): Promise<Page<GridResident>> {
  return request<Page<GridResident>>('/api/grid/residents', { ...options, query: { ...query } });
}

/** 请求授权: the resident's row with the request waiting for them (the same request if one already waits). */
export function requestConsent(residentId: string, body: { scopes?: GridGrant['scopes']; validDays?: number } = {}, options: RequestOptions = {}): Promise<GridResident> {
  return request<GridResident>(`/api/grid/residents/${encodeURIComponent(residentId)}/consent-request`, { ...options, method: 'POST', data: body });
}

/** Open tasks (soonest visit first) or closed ones (latest first). */
export function listTasks(state: 'open' | 'closed' = 'open', cursor?: string, options: RequestOptions = {}): Promise<Page<GridTask>> {
  return request<Page<GridTask>>('/api/grid/tasks', { ...options, query: { state, cursor } });
}

/** What a task may be for: the services that may be done by proxy. */
export function listTaskServices(options: RequestOptions = {}): Promise<{ items: GridService[] }> {
  return request<{ items: GridService[] }>('/api/grid/tasks/services', options);
}

/** 安排上门. One `idempotencyKey` per attempt: a retried tap gets the same task back. */
export function planTask(body: { residentId: string; serviceId: string; plannedDate: string; note?: string }, idempotencyKey: string, options: RequestOptions = {}): Promise<GridTask> {
  return request<GridTask>('/api/grid/tasks', { ...options, method: 'POST', data: body, header: { 'Idempotency-Key': idempotencyKey } });
}

export function recordVisit(id: string, note?: string, options: RequestOptions = {}): Promise<GridTask> {
  return request<GridTask>(`${taskPath(id)}/visit`, { ...options, method: 'POST', data: note ? { note } : {} });
}

export function finishTask(id: string, note?: string, options: RequestOptions = {}): Promise<GridTask> {
  return request<GridTask>(`${taskPath(id)}/done`, { ...options, method: 'POST', data: note ? { note } : {} });
}

export function cancelTask(id: string, reason?: string, options: RequestOptions = {}): Promise<GridTask> {
  return request<GridTask>(`${taskPath(id)}/cancel`, { ...options, method: 'POST', data: reason ? { reason } : {} });
}

/** A key unlikely to repeat for one worker: time plus randomness, in the characters the BFF accepts. */
export function newPlanKey(): string {
  const random = Array.from({ length: 3 }, () => Math.floor(Math.random() * 0x100000000).toString(36)).join('');
  return `plan-${Date.now().toString(36)}-${random}`.slice(0, 64);
}
