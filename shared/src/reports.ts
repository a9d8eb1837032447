// 办不成事 and 好差评 rules as data (DESIGN.md §4): the report states and classes, the SLA defaults
// in working days (调休 aware through WorkingCalendar), the five rating levels with their words,
// and the rectification limits. Pure: used by the BFF and the mini-app alike.
import { addDays, type WorkingCalendar } from './working-days';

export const REPORT_STATUSES = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'RESOLVED', 'CONFIRMED', 'CLOSED'] as const;
export type ReportStatusKey = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatusKey, string>> = {
  RECEIVED: '已受理',
  TRIAGED: '已分类',
  ASSIGNED: '已转办',
  RESOLVED: '已办结',
  CONFIRMED: '已回访',
  CLOSED: '已结案',
};

export const REPORT_CLASSES = ['GENERAL', 'COMPLEX', 'LEGALLY_IMPOSSIBLE', 'STAFF_FAULT'] as const;
export type ReportClassKey = (typeof REPORT_CLASSES)[number];
export const REPORT_CLASS_LABELS: Readonly<Record<ReportClassKey, string>> = {
  GENERAL: '一般问题',
  COMPLEX: '复杂问题',
  LEGALLY_IMPOSSIBLE: '依法不能办理',
  STAFF_FAULT: '工作人员过错',
};

/** Photos on one report (the BFF's REPORT_PHOTOS_MAX defaults to it) and the photo types taken. */
export const REPORT_PHOTOS_MAX = 3;
export const REPORT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const CONTACT_PREFERENCES = ['IN_APP', 'PHONE', 'NONE'] as const;
export type ContactPreferenceKey = (typeof CONTACT_PREFERENCES)[number];

/** Working days per region (DESIGN.md §4 defaults); the nearest configured region up the tree wins. */
export interface ReportSla {
  ackDays: number;
  generalDays: number;
  complexDays: number;
  legallyImpossibleDays: number;
  staffFaultDays: number;
}
export const DEFAULT_REPORT_SLA: Readonly<ReportSla> = { ackDays: 1, generalDays: 5, complexDays: 10, legallyImpossibleDays: 3, staffFaultDays: 3 };

export function slaDaysOf(sla: ReportSla, cls: ReportClassKey): number {
  switch (cls) {
    case 'GENERAL':
      return sla.generalDays;
    case 'COMPLEX':
      return sla.complexDays;
    case 'LEGALLY_IMPOSSIBLE':
      return sla.legallyImpossibleDays;
    case 'STAFF_FAULT':
      return sla.staffFaultDays;
  }
}

/** A reporter may reopen once, within this many calendar days of the resolution. */
export const REOPEN_WINDOW_DAYS = 15;
/** An escalated case escalates one level further after this many more working days overdue. */
export const ESCALATION_STEP_WORKING_DAYS = 3;

/**
 * The end (Asia/Shanghai, exclusive: 00:00 of the next day) of the n-th working day after the
 * business date `from` — a time limit starts the day after (Civil Code art. 201). Returned as the
 * UTC instant; `dueDate` is the day itself.
 */
export function workingDeadline(calendar: WorkingCalendar, from: string, n: number): { dueDate: string; dueAt: Date } {
  const dueDate = calendar.addWorkingDays(from, n);
  return { dueDate, dueAt: new Date(`${addDays(dueDate, 1)}T00:00:00+08:00`) };
}

/** 好差评 levels (国办发〔2019〕51号): 5 非常满意 … 1 非常不满意. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LEVEL_LABELS: Readonly<Record<RatingLevel, string>> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** Levels that need a reason and open a rectification case. */
export const isBadRating = (level: number): boolean => level <= 2;
export const RATING_TARGETS = ['TICKET', 'APPOINTMENT', 'REPORT'] as const;
export type RatingTargetKey = (typeof RATING_TARGETS)[number];
/** Not rated within this many days → the default level, marked defaulted (configurable). */
export const DEFAULT_RATING_DAYS = 7;
export const DEFAULT_RATING_LEVEL: RatingLevel = 3;

/** 整改: due in 5 working days, one extension, never past 15 working days from opening. */
export const RECTIFICATION_DAYS = 5;
export const RECTIFICATION_CAP_DAYS = 15;
export const CALLBACK_OUTCOMES = ['SATISFIED', 'UNSATISFIED', 'UNREACHABLE'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
export const CALLBACK_OUTCOME_LABELS: Readonly<Record<CallbackOutcome, string>> = { SATISFIED: '满意', UNSATISFIED: '不满意', UNREACHABLE: '未联系上' };
