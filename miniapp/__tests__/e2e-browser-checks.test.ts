// Every H5 suite watches its pages through one helper (e2e/support/checks.ts: console errors,
// uncaught errors, failed requests, §4 shortfalls), so a new suite cannot forget to: a suite that
// opened a browser of its own would let a page's errors pass unseen.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const H5 = join(__dirname, '..', 'e2e', 'h5');

describe('the H5 E2E suites', () => {
  it('each use useBrowserChecks and open no browser of their own', () => {
    const files = readdirSync(H5).filter((file) => file.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const source = readFileSync(join(H5, file), 'utf8');
      expect({ file, usesChecks: /\buseBrowserChecks\(\)/.test(source), opensOwn: /openPhoneBrowser|chromium\.launch/.test(source) }).toEqual({ file, usesChecks: true, opensOwn: false });
    }
  });
});
