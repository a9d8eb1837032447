// The browsing themes of GET /api/services?category=. A copy of the BFF's SERVICE_CATEGORY_KEYS /
// SERVICE_CATEGORY_LABELS (server-only module: the mini-app may import its types, not its values);
// `satisfies` makes the compiler reject a key the API does not know, and the labels were checked
// against the live `categoryLabel` values.
import type { ServiceCategoryKey } from '@palm/shared/server';

export const SERVICE_CATEGORIES = [
  { key: 'SOCIAL_SECURITY', label: '社会保险' },
  { key: 'MEDICAL_INSURANCE', label: '医疗保障' },
  { key: 'HOUSEHOLD', label: '户籍证件' },
  { key: 'CIVIL_AFFAIRS', label: '民政婚姻' },
  { key: 'ELDERLY', label: '老年人服务' },
  { key: 'DISABILITY', label: '残疾人服务' },
  { key: 'HOUSING_FUND', label: '住房公积金' },
  { key: 'BUSINESS', label: '企业开办' },
  { key: 'OTHER', label: '其他服务' },
] as const satisfies ReadonlyArray<{ key: ServiceCategoryKey; label: string }>;

export function categoryLabel(key: string): string {
  return SERVICE_CATEGORIES.find((category) => category.key === key)?.label ?? '其他服务';
}

/** Searching for the mode itself finds the switch (DESIGN.md §4: a search for 长辈版 finds it). */
const ELDER_MODE_WORDS = /长辈|关怀|老年模式|老人模式|适老|大字/;

export function isElderModeSearch(query: string): boolean {
  return ELDER_MODE_WORDS.test(query);
}
