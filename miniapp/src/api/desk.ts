// The staff desk (issue 16 item 4): 办不成事 cases by deadline, one case with its next steps, the
// 整改 (rectification) cases with their callback, the figures per office and a clerk's ratings about
// their window. The BFF decides the scope (a clerk's hall, a supervisor's region); the pages show
// what they get. Always the staff member's own calls: never on anyone's behalf.

// Types come from the shared schemas (clients import types only, STYLE.md).
import type { Rectification, Report, ReportList, StaffAssignee, StaffAssigneeList, StaffFigures } from '@palm/shared/server';
import type { CallbackOutcome, RatingLevel, ReportClassKey, ReportStatusKey } from '@palm/shared';
import { own, request, type RequestOptions } from './request';

export type { Rectification, Report, StaffAssignee, StaffFigures };
export type OfficeFigures = StaffFigures['items'][number];

/** A clerk's view of one rating about their window: no rater, no ticket, no time of day. */
export interface RatingAboutMe {
  level: RatingLevel | number;
  levelWords: string;
  reasons: Array<{ code: string; label: string }>;
  comment: string | null;
  serviceName: string | null;
  day: string;
  defaulted: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;
const rectificationPath = (id: string) => `/api/rectifications/${encodeURIComponent(id)}`;

export interface CaseFilter {
  state?: ReportStatusKey;
  class?: ReportClassKey;
  due?: 'overdue' | 'near';
  cursor?: string;
}

/** The cases in the caller's scope, soonest deadline first. */
export function listCases(filter: CaseFilter = {}, options: RequestOptions = {}): Promise<ReportList> {
  return request<ReportList>('/api/staff/cases', { ...own(options), query: { ...filter } });
}

/** One case with its timeline and running deadline. */
export function getCase(id: string, options: RequestOptions = {}): Promise<Report> {
  return request<Report>(reportPath(id), own(options));
}

export type CaseAction = 'triage' | 'assign' | 'resolve' | 'confirm' | 'close';
export interface CaseActionBody {
  class?: ReportClassKey;
  officeId?: string;
  /** 转办 to a named clerk of the hall (optional). */
  staffId?: string;
  resolution?: string;
  note?: string;
}

/** A step of the loop; a step the case's state no longer allows is a 409 in words. */
export function actOnCase(id: string, action: CaseAction, body: CaseActionBody, options: RequestOptions = {}): Promise<Report> {
  return request<Report>(`${reportPath(id)}/${action}`, { ...own(options), method: 'POST', data: body });
}

/** 转办: the halls the caller may assign to, and the clerks (of the hall named) they may name — names only. */
export function listAssignees(officeId: string | undefined, options: RequestOptions = {}): Promise<StaffAssigneeList> {
  return request<StaffAssigneeList>('/api/staff/assignees', { ...own(options), query: { officeId } });
}

export function listRectifications(query: { status?: 'OPEN' | 'CLOSED'; cursor?: string } = {}, options: RequestOptions = {}): Promise<Page<Rectification>> {
  return request<Page<Rectification>>('/api/rectifications', { ...own(options), query: { ...query } });
}

export type RectificationAction = 'callback' | 'extend' | 'close';
export interface RectificationActionBody {
  outcome?: CallbackOutcome;
  note?: string;
  reason?: string;
  days?: number;
}

export function actOnRectification(id: string, action: RectificationAction, body: RectificationActionBody, options: RequestOptions = {}): Promise<Rectification> {
  return request<Rectification>(`${rectificationPath(id)}/${action}`, { ...own(options), method: 'POST', data: body });
}

export function getFigures(options: RequestOptions = {}): Promise<StaffFigures> {
  return request<StaffFigures>('/api/staff/figures', own(options));
}

export function listRatingsAboutMe(cursor?: string, options: RequestOptions = {}): Promise<Page<RatingAboutMe>> {
  return request<Page<RatingAboutMe>>('/api/ratings/about-me', { ...own(options), query: { cursor } });
}
