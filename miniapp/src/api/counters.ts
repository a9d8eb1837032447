// The window panel (窗口工作台): a clerk's windows, one window with its queue, the steps of
// calling, and the hall's side of 签到 — the day's appointments, its poster code, checking someone
// in by the code they read out (DESIGN.md §5). Steps are not quiet: the panel shows their errors in words itself, so
// callers pass `isQuiet` and render the ApiError's message inline (no pop-up in 长辈版).
import type { Appointment, CounterDetail, CounterList, HallCheckInCode, OfficeAppointment, Ticket } from '@palm/shared/server';
import { request, type RequestOptions } from './request';

export type CounterStep = 'open' | 'pause' | 'close';
export type TicketStep = 'recall' | 'skip' | 'start' | 'finish';

const counterPath = (id: string) => `/api/counters/${encodeURIComponent(id)}`;
const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;
const officePath = (id: string) => `/api/offices/${encodeURIComponent(id)}`;

/** A hall's appointments of one business day, names masked (OfficeAppointmentListSchema). */
export interface OfficeAppointmentList {
  /** YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  items: OfficeAppointment[];
}

/** The windows of an office (default: the one the clerk is posted to). */
export function listCounters(officeId?: string, options: RequestOptions = {}): Promise<CounterList> {
  return request<CounterList>('/api/counters', { ...options, query: { officeId } });
}

export function getCounter(id: string, options: RequestOptions = {}): Promise<CounterDetail> {
  return request<CounterDetail>(counterPath(id), options);
}

export function callNext(counterId: string, options: RequestOptions = {}): Promise<{ called: Ticket | null }> {
  return request<{ called: Ticket | null }>(`${counterPath(counterId)}/call-next`, { ...options, method: 'POST' });
}

export function setCounterState(counterId: string, step: CounterStep, options: RequestOptions = {}): Promise<{ id: string; state: string }> {
  return request(`${counterPath(counterId)}/${step}`, { ...options, method: 'POST' });
}

/** A number issued at the window for someone without a phone. */
/** One `idempotencyKey` per attempt: a retry after a lost answer prints the same number, not a second. */
export function walkIn(counterId: string, serviceId: string, idempotencyKey: string, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>(`${counterPath(counterId)}/walk-in`, { ...options, method: 'POST', data: { serviceId }, header: { 'Idempotency-Key': idempotencyKey } });
}

export function ticketStep(ticketId: string, step: TicketStep, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>(`${ticketPath(ticketId)}/${step}`, { ...options, method: 'POST' });
}

export function transferTicket(ticketId: string, target: { serviceId?: string; counterId?: string }, options: RequestOptions = {}): Promise<Ticket> {
  return request<Ticket>(`${ticketPath(ticketId)}/transfer`, { ...options, method: 'POST', data: target });
}

/** The hall's appointments on `date` (YYYY-MM-DD, Shanghai); without a date the BFF's today. */
export function listOfficeAppointments(officeId: string, date?: string, options: RequestOptions = {}): Promise<OfficeAppointmentList> {
  return request<OfficeAppointmentList>(`${officePath(officeId)}/appointments`, { ...options, query: { date } });
}

/**
 * 窗口代签到 by the 6-character code the person reads out: the appointment comes back CHECKED_IN
 * with its priority number. A repeat (double tap, the person scanned too) answers with the same number.
 */
export function checkInByCode(officeId: string, code: string, options: RequestOptions = {}): Promise<Appointment> {
  return request<Appointment>(`${officePath(officeId)}/appointments/check-in`, { ...options, method: 'POST', data: { code } });
}

/** The hall's check-in code of today: its QR image and payload and the 8 characters to type. */
export function getHallCheckInCode(officeId: string, options: RequestOptions = {}): Promise<HallCheckInCode> {
  return request<HallCheckInCode>(`${officePath(officeId)}/check-in-code`, options);
}
