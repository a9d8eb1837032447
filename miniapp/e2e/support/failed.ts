// Whether the test that just ran failed: set by the E2E environment (environment.ts), read by the
// browser checks' afterEach (checks.ts), which then records what the pages showed.
export const FAILED_FLAG = '__palmTestFailed';

export function hasFailed(): boolean {
  return (globalThis as Record<string, unknown>)[FAILED_FLAG] === true;
}
