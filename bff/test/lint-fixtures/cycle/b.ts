// The other half of the cycle (see a.ts).
import { a } from './a';

export const b = 'b';
export const both = (): string => a() + b;
