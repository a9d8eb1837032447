// The other side of types-only.ts.
import type { One } from './types-only';

export interface Other {
  one?: One;
}
