// What every H5 suite checks on every page it visits, in one place: a test fails when, during it,
// any page of any browser the suite opened logged a console error (any, unless declared), threw
// an uncaught error, had a request fail (refused, blocked by the CSP, cut off) or got a 5xx, or
// when a page check found a shortfall (DESIGN.md §4 numbers, axe, words kept whole). The one way
// to let an error pass is to declare it, for one test, as an error that test must cause.
//
//   const browser = useBrowserChecks();          // at the top of the describe
//   browser.page                                 // the first phone browser's page (from beforeAll)
//   await browser.open()                         // one more browser (another person), also watched
//   browser.problems.push(...(await checkPage(browser.page, 'x', 'normal')))
//   browser.expectConsoleError(/status of 403/)  // this test causes exactly that error, on purpose
import type { BrowserContext, Page } from 'playwright-core';
import { openPhoneBrowser, screenshot, visibleText, type Browser } from './browser';
import { hasFailed } from './failed';
import { ExpectedConsoleErrors } from './expected-errors';

export interface BrowserChecks {
  /** The first browser, opened before the suite's tests (set in beforeAll). */
  readonly browser: Browser;
  /** Its first page. */
  readonly page: Page;
  readonly context: BrowserContext;
  /** Shortfalls a test found; with the errors seen, asserted empty after each test. */
  readonly problems: string[];
  /** Opens one more phone browser, watched like the first, closed after the suite. */
  open(): Promise<Browser>;
  /**
   * Declares a console error the current test causes on purpose (e.g. Chromium's "Failed to load
   * resource: … status of 403" for a request the BFF must refuse). Valid for the current test
   * only: console errors matching `pattern` are then not counted, and the test fails after it if
   * none occurred. Every other error (and uncaught errors, failed requests, 5xx) still fails it.
   */
  expectConsoleError(pattern: RegExp): void;
}

/**
 * Taro 4.2.1's own H5 input race, and only it: its `watchValue` reads the inner <input> before
 * Stencil has rendered it (components/rendered-input.ts explains it and mounts fields with '' until
 * `componentOnReady`). That removed it on a quiet machine, but CI under full load still saw it once
 * on 服务 (2026-12-06), from `attributeChangedCallback` while the page mounted. It changes nothing
 * on the page (the first render copies the value); every other console error still fails a test.
 */
export function isTaroInputRace(text: string): boolean {
  return text.includes("Cannot read properties of undefined (reading 'value')") && text.includes('watchValue');
}

/**
 * After a failed test: what every open page showed (its address and visible text, in the log) and
 * a screenshot of each (test-artifacts/e2e/failed-…png), so a failure seen only in CI can be read.
 */
let failuresRecorded = 0;
async function recordFailure(browsers: readonly Browser[]): Promise<void> {
  // The test's own words (the name ends with them; the suite's come first and are long), numbered:
  // two failures in one file never share a screenshot.
  failuresRecorded += 1;
  const test = `${failuresRecorded}-${(expect.getState().currentTestName ?? 'test').replace(/[^\p{L}\p{N}]+/gu, '-').slice(-60)}`;
  const pages = browsers.flatMap((browser) => browser.context.pages());
  const lines: string[] = [];
  for (const [index, page] of pages.entries()) {
    const shot = await screenshot(page, `failed-${test}-${index}`).catch(() => '(no screenshot)');
    lines.push(`page ${index}: ${page.url()}\n  shows: ${await visibleText(page)}\n  screenshot: ${shot}`);
  }
  console.error(`The test failed; what its pages showed then:\n${lines.join('\n')}`);
}

/** A request that did not fail: the browser cancelled it because the page went elsewhere. */
const isNavigationAbort = (errorText: string | undefined) => errorText === 'net::ERR_ABORTED';

/** Registers the suite's beforeAll / afterEach / afterAll; call it once, in the describe. */
export function useBrowserChecks(): BrowserChecks {
  const problems: string[] = [];
  const errors: string[] = [];
  const browsers: Browser[] = [];
  const expected = new ExpectedConsoleErrors();
  let first: { browser: Browser; page: Page } | undefined;

  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (isTaroInputRace(text)) return;
      if (!expected.isExpected(text)) errors.push(`console error at ${page.url()}: ${text}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught at ${page.url()}: ${error.message}`));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText;
      if (!isNavigationAbort(reason)) errors.push(`request failed at ${page.url()}: ${request.method()} ${request.url()} ${reason ?? ''}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 500) errors.push(`${response.status()} at ${page.url()}: ${response.request().method()} ${response.url()}`);
    });
  };

  const open = async (): Promise<Browser> => {
    const opened = await openPhoneBrowser();
    opened.context.pages().forEach(watch);
    opened.context.on('page', watch);
    let isClosed = false;
    const browser: Browser = {
      context: opened.context,
      async close() {
        if (isClosed) return;
        isClosed = true;
        await opened.close();
      },
    };
    browsers.push(browser);
    return browser;
  };

  beforeAll(async () => {
    const browser = await open();
    first = { browser, page: browser.context.pages()[0] ?? (await browser.context.newPage()) };
  });
  afterEach(async () => {
    const missing = expected.endTest();
    const found = [...problems.splice(0), ...errors.splice(0), ...missing];
    if (hasFailed() || found.length > 0) await recordFailure(browsers);
    expect(found).toEqual([]);
  });
  afterAll(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
  });

  const opened = () => {
    if (!first) throw new Error('useBrowserChecks: the browser opens in beforeAll');
    return first;
  };
  return {
    get browser() {
      return opened().browser;
    },
    get page() {
      return opened().page;
    },
    get context() {
      return opened().browser.context;
    },
    problems,
    open,
    expectConsoleError(pattern: RegExp) {
      expected.expect(pattern);
    },
  };
}
