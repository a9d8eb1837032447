// 预约 (issue 5): a hall's slots for a service and day, booking, one's appointments and their
// steps (cancel, reschedule, check-in), 候补 and booking suspensions with their appeal. Which hall
// takes bookings for which service is the catalogue's `bookable` (api/offices.ts, api/services.ts).

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { Appointment, BookingSuspension, Slot, SlotDay, WaitlistEntry } from '@palm/shared/server';
import { loadSubscribeTemplates } from '../lib/subscribe';
import { request, type RequestOptions } from './request';

export type SlotView = Slot;
export type SlotDayView = SlotDay;
export type AppointmentView = Appointment;
export type WaitlistStatus = WaitlistEntry['status'];
export type { BookingSuspension, WaitlistEntry };

const appointmentPath = (id: string) => `/api/appointments/${encodeURIComponent(id)}`;

/** One hall's slots for one service on `date` (YYYY-MM-DD, Shanghai); without a date the BFF's today. */
export function getSlotDay(officeId: string, serviceId: string, date?: string, options: RequestOptions = {}): Promise<SlotDayView> {
  return request<SlotDayView>(`/api/offices/${encodeURIComponent(officeId)}/slots`, { ...options, query: { serviceId, date } });
}

/** 预约. One `idempotencyKey` per attempt: a retry after a lost answer gets the same booking. */
export function bookAppointment(body: { slotId: string; serviceId: string; licenceMaterials?: { position: number; licenceId: string }[] }, idempotencyKey: string, options: RequestOptions = {}): Promise<AppointmentView> {
  return request<AppointmentView>('/api/appointments', { ...options, method: 'POST', data: body, header: { 'Idempotency-Key': idempotencyKey } });
}

export function listAppointments(options: RequestOptions = {}): Promise<{ items: AppointmentView[] }> {
  return request<{ items: AppointmentView[] }>('/api/appointments', options);
}

export function getAppointment(id: string, options: RequestOptions = {}): Promise<AppointmentView> {
  return request<AppointmentView>(appointmentPath(id), options);
}

export function cancelAppointment(id: string, reason?: string, options: RequestOptions = {}): Promise<AppointmentView> {
  return request<AppointmentView>(`${appointmentPath(id)}/cancel`, { ...options, method: 'POST', data: reason ? { reason } : {} });
}

/** 改约 to another slot of the same service; the old place is kept unless the new one is won. */
export function rescheduleAppointment(id: string, slotId: string, options: RequestOptions = {}): Promise<AppointmentView> {
  return request<AppointmentView>(`${appointmentPath(id)}/reschedule`, { ...options, method: 'POST', data: { slotId } });
}

/** 签到 with the hall's code of the day: the scanned `palm-checkin:<officeId>:<date>:<code>` or the code typed in. */
export function checkInAppointment(id: string, hallCode: string, options: RequestOptions = {}): Promise<AppointmentView> {
  return request<AppointmentView>(`${appointmentPath(id)}/check-in`, { ...options, method: 'POST', data: { hallCode } });
}

export function joinWaitlist(body: { slotId: string; serviceId: string }, idempotencyKey: string, options: RequestOptions = {}): Promise<WaitlistEntry> {
  return request<WaitlistEntry>('/api/appointments/waitlist', { ...options, method: 'POST', data: body, header: { 'Idempotency-Key': idempotencyKey } });
}

export function listWaitlist(options: RequestOptions = {}): Promise<{ items: WaitlistEntry[] }> {
  return request<{ items: WaitlistEntry[] }>('/api/appointments/waitlist', options);
}

export function cancelWaitlist(id: string, options: RequestOptions = {}): Promise<WaitlistEntry> {
  return request<WaitlistEntry>(`/api/appointments/waitlist/${encodeURIComponent(id)}/cancel`, { ...options, method: 'POST' });
}

export function listSuspensions(options: RequestOptions = {}): Promise<{ items: BookingSuspension[] }> {
  return request<{ items: BookingSuspension[] }>('/api/booking-suspensions', options);
}

export function appealSuspension(id: string, text: string, options: RequestOptions = {}): Promise<BookingSuspension> {
  return request<BookingSuspension>(`/api/booking-suspensions/${encodeURIComponent(id)}/appeal`, { ...options, method: 'POST', data: { text } });
}

/** Template ids of the appointment reminders (the day before, 1 hour before) on this platform. */
export const loadReminderTemplates = (): Promise<string[]> => loadSubscribeTemplates('appointment');

/** A key unlikely to repeat for one person, in the characters the BFF accepts. */
export function newBookingKey(): string {
  const random = Array.from({ length: 3 }, () => Math.floor(Math.random() * 0x100000000).toString(36)).join('');
  return `book-${Date.now().toString(36)}-${random}`.slice(0, 64);
}
