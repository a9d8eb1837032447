// 办不成事 and 好差评 (issue 16): my reports with their timeline and deadline, a new report from the
// object it is about, 重新打开 / 结案 by the reporter; a rating of a finished handling, what waits for
// a rating, and the reasons for 不满意. All of these go for the person the app acts for (a REPORT
// grant), listed in request.ts's ON_BEHALF_PATHS.
import type { Rating, RatingCreateBody, RatingPending, Report, ReportAbout, ReportList, ReportPhoto } from '@palm/shared/server';
import type { ContactPreferenceKey, ReportClassKey } from '@palm/shared';
import { downloadFile, request, uploadFile, type RequestOptions } from './request';

export type { Rating, RatingPending, Report, ReportAbout, ReportPhoto };

const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

export interface NewReport {
  about: ReportAbout;
  text: string;
  class?: ReportClassKey;
  contactPreference?: ContactPreferenceKey;
  /** Photos uploaded first (uploadReportPhoto), by the same person for the same person. */
  photoIds?: string[];
}

/** One photo (a chooseImage path) for a report about to be filed: its id goes into `photoIds`. */
export function uploadReportPhoto(filePath: string, options: RequestOptions = {}): Promise<ReportPhoto> {
  return uploadFile<ReportPhoto>('/api/reports/photos', filePath, options);
}

/** 删除 a photo not yet attached to a report. */
export function discardReportPhoto(id: string, options: RequestOptions = {}): Promise<{ id: string }> {
  return request<{ id: string }>(`/api/reports/photos/${encodeURIComponent(id)}`, { ...options, method: 'DELETE' });
}

/** A report's photo (its `url` from the report) as something an <Image> can show. */
export function reportPhotoSrc(url: string, options: RequestOptions = {}): Promise<string> {
  return downloadFile(url, options);
}

/** 办不成事: `idempotencyKey` names this one attempt, so a retried tap files one report. */
export function createReport(body: NewReport, idempotencyKey: string, options: RequestOptions = {}): Promise<Report> {
  return request<Report>('/api/reports', { ...options, method: 'POST', data: body, header: { 'Idempotency-Key': idempotencyKey } });
}

/** 我的反映, newest first. */
export function listReports(cursor?: string, options: RequestOptions = {}): Promise<ReportList> {
  return request<ReportList>('/api/reports', { ...options, query: { cursor } });
}

export function getReport(id: string, options: RequestOptions = {}): Promise<Report> {
  return request<Report>(reportPath(id), options);
}

/** 重新打开: once, within 15 days of the resolution. */
export function reopenReport(id: string, note: string | undefined, options: RequestOptions = {}): Promise<Report> {
  return request<Report>(`${reportPath(id)}/reopen`, { ...options, method: 'POST', data: note ? { note } : {} });
}

/** 结案: the reporter is content with the resolution. */
export function closeReport(id: string, options: RequestOptions = {}): Promise<Report> {
  return request<Report>(`${reportPath(id)}/close`, { ...options, method: 'POST' });
}

export function rate(body: RatingCreateBody, options: RequestOptions = {}): Promise<Rating> {
  return request<Rating>('/api/ratings', { ...options, method: 'POST', data: body });
}

/** Handlings waiting for my rating (请评价). */
export function listPendingRatings(options: RequestOptions = {}): Promise<{ items: RatingPending[] }> {
  return request<{ items: RatingPending[] }>('/api/ratings/pending', options);
}

export function listRatingReasons(options: RequestOptions = {}): Promise<{ items: { code: string; label: string }[] }> {
  return request<{ items: { code: string; label: string }[] }>('/api/ratings/reasons', { ...options, onBehalfOf: undefined });
}
