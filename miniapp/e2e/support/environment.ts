// The E2E suites' Jest environment: Node's, plus one fact a suite's afterEach needs and Jest does
// not give it: whether the test that just ran failed (failed.ts). checks.ts then records what each
// open page showed at that moment (its visible text in the log, a screenshot in
// test-artifacts/e2e/), so a failure seen only in CI can be read from CI's log.
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { FAILED_FLAG } from './failed';

export default class E2eEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_start') this.global[FAILED_FLAG] = false;
    if (event.name === 'test_fn_failure') this.global[FAILED_FLAG] = true;
    if (event.name === 'hook_failure' && event.hook.type === 'beforeEach') this.global[FAILED_FLAG] = true;
  }
}
