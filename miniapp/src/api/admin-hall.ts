// The running of one hall in the console (issue 17 items 3 and 4; bff/src/admin/README.md): its
// queue settings, its slot rules with the preview of what a change does to the slots, its clerks
// (for a window), and what a closure would cancel before it is saved. Always the staff member's own
// calls, like api/admin.ts.
import type {
  AdminExceptionBody,
  AdminExceptionPreview,
  AdminQueueSettings,
  AdminQueueSettingsBody,
  AdminSlotRule,
  AdminSlotRuleCreate,
  AdminSlotRulePatch,
  AdminSlotRulePreview,
  AdminStaff,
  SlotPlanSummary,
} from '@palm/shared/server';
import { everyPage, listStaff } from './admin-staff';
import { own, request, type RequestOptions } from './request';

export type { AdminExceptionPreview, AdminQueueSettings, AdminQueueSettingsBody, AdminSlotRule, AdminSlotRuleCreate, AdminSlotRulePatch, AdminStaff, SlotPlanSummary };

const officePath = (id: string) => `/api/admin/offices/${encodeURIComponent(id)}`;

export function getQueueSettings(officeId: string, options: RequestOptions = {}): Promise<AdminQueueSettings> {
  return request<AdminQueueSettings>(`${officePath(officeId)}/queue-settings`, own(options));
}

export function putQueueSettings(officeId: string, body: AdminQueueSettingsBody, options: RequestOptions = {}): Promise<AdminQueueSettings> {
  return request<AdminQueueSettings>(`${officePath(officeId)}/queue-settings`, { ...own(options), method: 'PUT', data: body });
}

/** What adding the closure would cancel; nothing is saved. */
export function previewOfficeException(officeId: string, body: AdminExceptionBody, options: RequestOptions = {}): Promise<AdminExceptionPreview> {
  return request<AdminExceptionPreview>(`${officePath(officeId)}/exceptions/preview`, { ...own(options), method: 'POST', data: body });
}

export function listSlotRules(officeId: string, options: RequestOptions = {}): Promise<{ items: AdminSlotRule[] }> {
  return request<{ items: AdminSlotRule[] }>('/api/admin/slot-rules', { ...own(options), query: { officeId } });
}

export interface SlotRuleResult {
  rule: AdminSlotRule;
  /** What the slot job did with the saved rule (the preview's numbers, unless someone booked meanwhile). */
  slots: SlotPlanSummary;
}

/** What saving would do to the slots; nothing is saved. */
export function previewSlotRule(body: AdminSlotRulePreview, options: RequestOptions = {}): Promise<{ slots: SlotPlanSummary }> {
  return request<{ slots: SlotPlanSummary }>('/api/admin/slot-rules/preview', { ...own(options), method: 'POST', data: body });
}

export function createSlotRule(body: AdminSlotRuleCreate, options: RequestOptions = {}): Promise<SlotRuleResult> {
  return request<SlotRuleResult>('/api/admin/slot-rules', { ...own(options), method: 'POST', data: body });
}

export function patchSlotRule(id: string, patch: AdminSlotRulePatch, options: RequestOptions = {}): Promise<SlotRuleResult> {
  return request<SlotRuleResult>(`/api/admin/slot-rules/${encodeURIComponent(id)}`, { ...own(options), method: 'PATCH', data: patch });
}

/** The hall's clerks (every page of `GET /api/admin/staff?officeId=`; a hall manager's list is their own hall's). */
export async function listHallClerks(officeId: string, options: RequestOptions = {}): Promise<AdminStaff[]> {
  const staff = await everyPage((cursor) => listStaff({ officeId, cursor }, options));
  return staff.filter((person) => person.roles.includes('CLERK') && person.officeId === officeId);
}
