// Opening the 办不成事 form and the rating sheet from wherever a handling is shown.
import { openPage, PAGES } from '../../lib/routes';
import { contextQuery, type ReportContext } from './words';

export function openReportForm(context: ReportContext): void {
  openPage(PAGES.reportNew, contextQuery(context));
}

export interface RateTarget {
  targetType: 'TICKET' | 'APPOINTMENT' | 'REPORT';
  targetId: string;
  /** The handling in words, shown on the sheet and carried on to 转为办不成事. */
  what?: string;
  officeName?: string;
  serviceName?: string;
}

export function openRatingSheet(target: RateTarget): void {
  openPage(PAGES.rate, { ...target });
}
