// Half of an import cycle, on purpose: bff/test/lint/no-cycle.test.ts lints it (import-x/no-cycle).
import { b } from './b';

export const a = (): string => `a${b.length}`;
