// Type-only imports both ways are no cycle: they vanish when compiled (see a.ts).
import type { Other } from './types-other';

export interface One {
  other?: Other;
}
