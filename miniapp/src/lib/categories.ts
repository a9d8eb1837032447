// The browsing themes of GET /api/services?category= are @palm/shared's one list (the one the BFF
// validates and the seeds load); the category chips read it from here.
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@palm/shared';

export { SERVICE_CATEGORIES };

export function categoryLabel(key: string): string {
  return SERVICE_CATEGORIES.find((category) => category.key === key)?.label ?? SERVICE_CATEGORY_LABELS.OTHER;
}

/** Searching for the mode itself finds the switch (DESIGN.md §4: a search for 长辈版 finds it). */
const ELDER_MODE_WORDS = /长辈|关怀|老年模式|老人模式|适老|大字/;

export function isElderModeSearch(query: string): boolean {
  return ELDER_MODE_WORDS.test(query);
}
