// The console errors a test declared it causes on purpose (useBrowserChecks' expectConsoleError),
// kept apart from the browser so the rule itself is unit-tested (__tests__/e2e-browser-checks.test.ts):
// a declared error is let pass only during the test that declared it, and must have occurred.
export class ExpectedConsoleErrors {
  private expected: Array<{ pattern: RegExp; seen: number }> = [];

  /** Declares one for the current test. A /g or /y flag is dropped (its lastIndex would make test() alternate). */
  expect(pattern: RegExp): void {
    this.expected.push({ pattern: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')), seen: 0 });
  }

  /** True when `text` is a declared error (counted as seen), false when it is a problem. */
  isExpected(text: string): boolean {
    const declared = this.expected.find(({ pattern }) => pattern.test(text));
    if (declared) declared.seen += 1;
    return declared !== undefined;
  }

  /** At the end of a test: the declared errors that did not occur, as problems; forgets them all. */
  endTest(): string[] {
    return this.expected.splice(0).filter(({ seen }) => seen === 0).map(({ pattern }) => `expected console error ${String(pattern)} did not occur`);
  }
}
