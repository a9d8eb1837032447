// Checks on hours an admin or hall manager types, beyond the schema's HH:mm: every pair opens
// before it closes, and a day's pairs are in order without overlapping (09:00–12:00, 13:30–17:30).
// A refusal names the field, as a schema error does (DESIGN.md §5 VALIDATION_FAILED details).
import type { DayHours, WeeklyHours } from '@palm/shared';
import { AppError } from '../lib/errors';

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export function dayHoursProblems(pairs: DayHours, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  pairs.forEach(([opens, closes], i) => {
    if (opens >= closes) problems.push({ field: `${field}[${i}]`, rule: 'order', message: `${opens} 应早于 ${closes}` });
    const previous = pairs[i - 1];
    if (previous && opens < previous[1]) problems.push({ field: `${field}[${i}]`, rule: 'overlap', message: '时段须按时间先后排列且不重叠' });
  });
  return problems;
}

export function weeklyHoursProblems(hours: WeeklyHours, field = 'body.weeklyHours'): FieldProblem[] {
  return (Object.keys(hours) as Array<keyof WeeklyHours>).flatMap((day) => dayHoursProblems(hours[day], `${field}.${day}`));
}

/** Throws VALIDATION_FAILED (400) naming every problem, when there are any. */
export function refuseProblems(problems: readonly FieldProblem[], message = '填写的时间有误，请检查后重试'): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', message, problems);
}
