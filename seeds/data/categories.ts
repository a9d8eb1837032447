// Browsing themes of the catalogue (Service.category) and the queue letters of the halls
// (Service.categoryLetter, Counter.categories). The two are deliberately separate: a theme is how
// a citizen looks for a service, a letter is which windows call it. 老年人 and 残疾人 services, for
// instance, are their own themes but are taken in by the 综合受理 windows (A).

export const SERVICE_CATEGORIES = [
  { code: 'SOCIAL_SECURITY', label: '社会保险' },
  { code: 'MEDICAL_INSURANCE', label: '医疗保障' },
  { code: 'HOUSEHOLD', label: '户籍证件' },
  { code: 'CIVIL_AFFAIRS', label: '民政婚姻' },
  { code: 'ELDERLY', label: '老年人服务' },
  { code: 'DISABILITY', label: '残疾人服务' },
  { code: 'HOUSING_FUND', label: '住房公积金' },
  { code: 'BUSINESS', label: '企业开办' },
  { code: 'OTHER', label: '其他服务' },
] as const;

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]['code'];

export const SERVICE_CATEGORY_LABELS: Readonly<Record<ServiceCategory, string>> = Object.fromEntries(
  SERVICE_CATEGORIES.map((c) => [c.code, c.label]),
) as Record<ServiceCategory, string>;

export function isServiceCategory(value: string): value is ServiceCategory {
  return SERVICE_CATEGORIES.some((c) => c.code === value);
}

/**
 * Queue letters used by the seeded halls. Ticket numbers restart per office per day per letter
 * (A023, B007, …), so a letter is what the hall display board groups by.
 */
export const QUEUE_LETTERS = [
  { letter: 'A', label: '综合受理' },
  { letter: 'B', label: '社保医保' },
  { letter: 'C', label: '户籍证件' },
  { letter: 'D', label: '市场主体' },
  { letter: 'E', label: '住房公积金' },
  { letter: 'F', label: '不动产登记' },
] as const;

export type QueueLetter = (typeof QUEUE_LETTERS)[number]['letter'];

export const QUEUE_LETTER_LABELS: Readonly<Record<QueueLetter, string>> = Object.fromEntries(
  QUEUE_LETTERS.map((q) => [q.letter, q.label]),
) as Record<QueueLetter, string>;
