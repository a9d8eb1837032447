// The console's staff and its record of changes (issue 17, bff/src/admin/README.md): the staff
// list (a hall manager: their hall's), inviting by phone, revoking, and the audit of every console
// change, newest first. Always the staff member's own calls (`own`).
import type { AdminAuditEntry, AdminStaff, AdminStaffInvite } from '@palm/shared/server';
import { own, request, type RequestOptions } from './request';

export type { AdminAuditEntry, AdminStaff, AdminStaffInvite };

export interface Paged<T> {
  items: T[];
  nextCursor?: string;
}

export interface StaffInviteResult {
  staff: AdminStaff;
  /** The phone had no account yet: one was made (unverified). */
  created: boolean;
}

export interface StaffRevokeResult {
  staff: AdminStaff;
  sessionsEnded: number;
}

/** Every item of a cursor-paged list, page after page (lists of a few dozen: a hall's clerks, the catalogue). */
export async function everyPage<T>(page: (cursor: string | undefined) => Promise<Paged<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor);
  return items;
}

/** Everyone holding a staff role (admins; `officeId` narrows to a hall) or a hall manager's own hall. */
export function listStaff(query: { officeId?: string; cursor?: string }, options: RequestOptions = {}): Promise<Paged<AdminStaff>> {
  return request<Paged<AdminStaff>>('/api/admin/staff', { ...own(options), query });
}

export function inviteStaff(body: AdminStaffInvite, options: RequestOptions = {}): Promise<StaffInviteResult> {
  return request<StaffInviteResult>('/api/admin/staff', { ...own(options), method: 'POST', data: body });
}

/** No role: every staff role the person holds; their sessions end at once. */
export function revokeStaff(id: string, role: AdminStaffInvite['role'] | undefined, options: RequestOptions = {}): Promise<StaffRevokeResult> {
  return request<StaffRevokeResult>(`/api/admin/staff/${encodeURIComponent(id)}/revoke`, { ...own(options), method: 'POST', data: role ? { role } : {} });
}

/** The console's changes, newest first (a hall manager: their hall's). */
export function listAudit(query: { officeId?: string; cursor?: string; limit?: number }, options: RequestOptions = {}): Promise<Paged<AdminAuditEntry>> {
  return request<Paged<AdminAuditEntry>>('/api/admin/audit', { ...own(options), query });
}
