import type { Ticket } from '@palm/shared/server';
import { request, type RequestOptions } from './request';

const path = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

/**
 * 取号. `idempotencyKey` names this one attempt: a retried tap (or a retry after a lost answer)
 * sends the same key and gets the same ticket back instead of a second number.
 */
export function takeTicket(body: { officeId: string; serviceId: string }, idempotencyKey: string, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>('/api/tickets', { ...options, method: 'POST', data: body, header: { 'Idempotency-Key': idempotencyKey } });
}

/** My tickets, today's first (active before finished), newest first. */
export function listTickets(options: RequestOptions = {}): Promise<{ items: Ticket[] }> {
  return request<{ items: Ticket[] }>('/api/tickets', options);
}

export function getTicket(id: string, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>(path(id), options);
}

export function cancelTicket(id: string, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>(`${path(id)}/cancel`, { ...options, method: 'POST' });
}

/** 过号后重新排队: once, behind three others. */
export function rejoinTicket(id: string, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>(`${path(id)}/rejoin`, { ...options, method: 'POST' });
}

/** A key unlikely to repeat for one person: time plus randomness, in the characters the BFF accepts. */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 3 }, () => Math.floor(Math.random() * 0x100000000).toString(36)).join('');
  return `take-${Date.now().toString(36)}-${random}`.slice(0, 64);
}
