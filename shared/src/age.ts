// Age in full years (周岁), from a birth date derived from the resident ID (DESIGN.md §3 User).
import { parseIsoDate } from './working-days';

/**
 * Age at which elder mode (长辈版) is offered once, automatically (DESIGN.md §4 "Elder mode"; the
 * MIIT 适老化 rules address people aged 60 and over).
 */
export const ELDER_OFFER_AGE = 60;

/**
 * Age from which a ticket may take the ELDERLY priority (DESIGN.md §4 "Queue"): the Law on the
 * Protection of the Rights and Interests of the Elderly, art. 2, defines 老年人 as citizens aged 60
 * and over.
 */
export const ELDERLY_PRIORITY_AGE = 60;

/**
 * Completed years between two 'YYYY-MM-DD' dates: the age rises on the birthday. Someone born on
 * 29 February becomes a year older on 1 March in common years: a year is complete only when its
 * last day has passed, and with no 29 February that last day is 28 February (Civil Code art. 202:
 * with no corresponding day, the period ends on the last day of the month).
 *
 * Throws a RangeError for dates that are not real calendar dates or when onDate is before birthDate.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (onDate < birthDate) throw new RangeError(`${onDate} is before the birth date ${birthDate}`);
  const hadBirthdayThisYear = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthdayThisYear ? 0 : 1);
}
