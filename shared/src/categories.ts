// Browsing themes of the catalogue (Service.category) and the queue letters of the halls
// (Service.categoryLetter, Counter.categories): the one list of each that the seeds load, the BFF
// validates and labels with, and the mini-app shows. The keys are part of the API contract (a
// client filters by them). The two are deliberately separate: a theme is how a citizen looks for a
// service, a letter is which windows call it. 老年人 and 残疾人 services, for instance, are their
// own themes but are taken in by the 综合受理 windows (A).

export const SERVICE_CATEGORY_KEYS = [
  'SOCIAL_SECURITY',
  'MEDICAL_INSURANCE',
  'HOUSEHOLD',
  'CIVIL_AFFAIRS',
  'ELDERLY',
  'DISABILITY',
  'HOUSING_FUND',
  'BUSINESS',
  'OTHER',
] as const;
export type ServiceCategoryKey = (typeof SERVICE_CATEGORY_KEYS)[number];

export const SERVICE_CATEGORY_LABELS: Readonly<Record<ServiceCategoryKey, string>> = {
  SOCIAL_SECURITY: '社会保险',
  MEDICAL_INSURANCE: '医疗保障',
  HOUSEHOLD: '户籍证件',
  CIVIL_AFFAIRS: '民政婚姻',
  ELDERLY: '老年人服务',
  DISABILITY: '残疾人服务',
  HOUSING_FUND: '住房公积金',
  BUSINESS: '企业开办',
  OTHER: '其他服务',
};

/** The themes in display order, each with its label (the mini-app's category chips). */
export const SERVICE_CATEGORIES: ReadonlyArray<{ key: ServiceCategoryKey; label: string }> = SERVICE_CATEGORY_KEYS.map((key) => ({
  key,
  label: SERVICE_CATEGORY_LABELS[key],
}));

/**
 * Queue letters used by the halls. Ticket numbers restart per office per day per letter
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
