// Every H5 suite watches its pages through one helper (e2e/support/checks.ts: console errors,
// uncaught errors, failed requests, §4 shortfalls), so a new suite cannot forget to: a suite that
// opened a browser of its own would let a page's errors pass unseen.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExpectedConsoleErrors } from '../e2e/support/expected-errors';

const H5 = join(__dirname, '..', 'e2e', 'h5');

describe('the H5 E2E suites', () => {
  it('each use useBrowserChecks (directly or through useAppSuite, which calls it) and open no browser of their own', () => {
    const suiteHelper = readFileSync(join(__dirname, '..', 'e2e', 'support', 'app.ts'), 'utf8');
    expect(suiteHelper).toMatch(/const checks = useBrowserChecks\(\);/);
    const files = readdirSync(H5).filter((file) => file.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const source = readFileSync(join(H5, file), 'utf8');
      expect({ file, usesChecks: /\b(useBrowserChecks|useAppSuite)\(/.test(source), opensOwn: /openPhoneBrowser|chromium\.launch/.test(source) }).toEqual({ file, usesChecks: true, opensOwn: false });
    }
  });
});

describe('a console error a test declares (useBrowserChecks().expectConsoleError)', () => {
  const REFUSED = 'Failed to load resource: the server responded with a status of 403 (Forbidden)';

  it('lets the declared error pass, and only it', () => {
    const errors = new ExpectedConsoleErrors();
    errors.expect(/status of 403/);
    expect([errors.isExpected(REFUSED), errors.isExpected(REFUSED), errors.isExpected('Failed to load resource: the server responded with a status of 404 (Not Found)'), errors.isExpected('TypeError: x is undefined')]).toEqual([true, true, false, false]);
    expect(errors.endTest()).toEqual([]);
  });

  it('fails the test when the declared error did not occur', () => {
    const errors = new ExpectedConsoleErrors();
    errors.expect(/status of 403/);
    errors.expect(/status of 409/);
    expect(errors.isExpected(REFUSED)).toBe(true);
    expect(errors.endTest()).toEqual(['expected console error /status of 409/ did not occur']);
  });

  it('holds for the current test only: after it, the same error is a problem again', () => {
    const errors = new ExpectedConsoleErrors();
    expect(errors.isExpected(REFUSED)).toBe(false);
    errors.expect(/status of 403/);
    expect(errors.isExpected(REFUSED)).toBe(true);
    errors.endTest();
    expect(errors.isExpected(REFUSED)).toBe(false);
    expect(errors.endTest()).toEqual([]);
  });

  it('matches every time with a /g pattern (no lastIndex carried over)', () => {
    const errors = new ExpectedConsoleErrors();
    errors.expect(/status of 403/g);
    expect([errors.isExpected(REFUSED), errors.isExpected(REFUSED), errors.isExpected(REFUSED)]).toEqual([true, true, true]);
  });
});
