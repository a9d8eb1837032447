// The admin and hall-manager console (issue 17, bff/src/admin/README.md): a hall's weekly hours and
// its dated closures / special hours; the working-day calendar and importing a year; a service's guide. Always the
// staff member's own calls: nobody runs a hall on someone's behalf (the BFF refuses X-On-Behalf-Of).

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { AdminCalendar, AdminCalendarImport, AdminCounter, AdminCounterCreate, AdminCounterPatch, AdminException, AdminExceptionBody, AdminOffice, AdminOfficePatch, AdminService, AdminServicePatch, AdminServicePatchResult } from '@palm/shared/server';
import { own, request, type RequestOptions } from './request';

export type { AdminCalendar, AdminCalendarImport, AdminCounter, AdminException, AdminExceptionBody, AdminOffice, AdminOfficePatch };

export interface AdminExceptionResult {
  exception: AdminException;
  /** Appointments of that day the change cancelled (each person told in the app). */
  appointmentsCancelled: number;
}

export type AdminCalendarImportResult = AdminCalendar & { created: number; updated: number; deleted: number };

const officePath = (id: string) => `/api/admin/offices/${encodeURIComponent(id)}`;

/** A hall's hours, closures from today on, contact and services (admins; the hall's manager). */
export function getAdminOffice(id: string, options: RequestOptions = {}): Promise<AdminOffice> {
  return request<AdminOffice>(officePath(id), own(options));
}

/** Changes the weekly hours (and, for admins, contact and services). */
export function patchAdminOffice(id: string, patch: AdminOfficePatch, options: RequestOptions = {}): Promise<AdminOffice> {
  return request<AdminOffice>(officePath(id), { ...own(options), method: 'PATCH', data: patch });
}

/** A dated closure or special hours; the BFF cancels and notifies that day's bookings it no longer holds. */
export function addOfficeException(id: string, body: AdminExceptionBody, options: RequestOptions = {}): Promise<AdminExceptionResult> {
  return request<AdminExceptionResult>(`${officePath(id)}/exceptions`, { ...own(options), method: 'POST', data: body });
}

export function removeOfficeException(id: string, exceptionId: string, options: RequestOptions = {}): Promise<AdminException> {
  return request<AdminException>(`${officePath(id)}/exceptions/${encodeURIComponent(exceptionId)}`, { ...own(options), method: 'DELETE' });
}

/** Every window of the hall, retired ones too. */
export function listCounters(officeId: string, options: RequestOptions = {}): Promise<{ items: AdminCounter[] }> {
  return request<{ items: AdminCounter[] }>(`${officePath(officeId)}/counters`, own(options));
}

/** A new window (closed until a clerk opens it); its number is the next free one. */
export function createCounter(officeId: string, body: AdminCounterCreate, options: RequestOptions = {}): Promise<AdminCounter> {
  return request<AdminCounter>(`${officePath(officeId)}/counters`, { ...own(options), method: 'POST', data: body });
}

/** Rename, change the letters served, or retire (`retired: true`: for good). */
export function patchCounter(id: string, patch: AdminCounterPatch, options: RequestOptions = {}): Promise<AdminCounter> {
  return request<AdminCounter>(`/api/admin/counters/${encodeURIComponent(id)}`, { ...own(options), method: 'PATCH', data: patch });
}

/** A year's holidays and 调休 days, whether it is loaded, and the coming 60 days' coverage (admins). */
export function getCalendar(year: number | undefined, options: RequestOptions = {}): Promise<AdminCalendar> {
  return request<AdminCalendar>('/api/admin/calendar', { ...own(options), query: { year } });
}

export function importCalendar(body: AdminCalendarImport, options: RequestOptions = {}): Promise<AdminCalendarImportResult> {
  return request<AdminCalendarImportResult>('/api/admin/calendar/import', { ...own(options), method: 'POST', data: body });
}

// ───────────────────────────── a service's guide (事项指南, admins) ─────────────────────────────

/** A service's guide as it is now, its versions (newest first) and how many bookings from today on keep theirs. */
export type AdminGuide = AdminService;
/** A saved edit: the guide as it is now, its new version and the one before. */
export type AdminGuideSaved = AdminServicePatchResult;
/** Only the changed fields, with the version they were read at (409 GUIDE_VERSION_CONFLICT when another was saved since). */
export type AdminGuidePatch = AdminServicePatch & { expectedVersion: number };

const servicePath = (id: string) => `/api/admin/services/${encodeURIComponent(id)}`;

/**
 * A service's guide as it is now (or, with `version`, as that earlier version said it: `shownVersion`),
 * its versions and how many bookings keep an earlier one.
 */
export function getAdminGuide(id: string, options: RequestOptions = {}, version?: number): Promise<AdminGuide> {
  return request<AdminGuide>(servicePath(id), { ...own(options), ...(version === undefined ? {} : { query: { version } }) });
}

/** Saves the changed fields as a new version; 409 GUIDE_VERSION_CONFLICT when someone saved meanwhile. */
export function patchAdminGuide(id: string, patch: AdminGuidePatch, options: RequestOptions = {}): Promise<AdminGuideSaved> {
  return request<AdminGuideSaved>(servicePath(id), { ...own(options), method: 'PATCH', data: patch });
}
