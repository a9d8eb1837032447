// Jest's order of test files (jest.config.ts `testSequencer`): Jest's own (a file that failed
// last time first, then the longest by the last run's times, else the biggest file), with the
// browser suites (miniapp/e2e/h5) moved ahead of the rest.
//
// Why: CI runs on a fresh clone, where Jest has no times and orders by file size, which put the
// BFF's CPU-bound suites first and the browser suites (20–55 s each, mostly waiting on Chromium)
// among them later on. Measured on 2 cores, three files at a time (2026-12-07): that order ran
// the tests in 594 s; the browser suites first, three together while the cores are not yet busy,
// then the BFF suites, in 472 s.
import { sep } from 'node:path';
import jestSequencer from '@jest/test-sequencer';

// A CommonJS package: its class is the `default` of what it exports.
const Sequencer = jestSequencer.default ?? jestSequencer;

const isBrowserSuite = (test) => test.path.includes(`${sep}e2e${sep}h5${sep}`);

class BrowserFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter(isBrowserSuite), ...sorted.filter((test) => !isBrowserSuite(test))];
  }
}

export default BrowserFirstSequencer;
