// What the 办不成事 / 好差评 suites (report-loop, desk) share: the staff desk measured on a window PC
// (1280 px: DESIGN.md §4's minimums read as CSS px of a 375 px phone design), a phone page measured
// and photographed from the part that matters, and opening a case or a report afresh.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, checkPage, current, settle, type Mode } from './browser';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** A window-PC page at 1280 px (support/browser.ts). */
export { checkDesktopPage as checkDesktop } from './browser';

/** A phone page: §4 numbers and axe in `mode`; the photo `${name}-${mode}` shows it from `top` down. */
export async function checkPhone(page: Page, name: string, mode: Mode, top = '.palm-page__title'): Promise<string[]> {
  const found = await checkPage(page, name, mode);
  await current(page, top).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${mode}.png`) });
  return found;
}

/** The desk's case page for `id`, loaded afresh. */
export async function openCase(page: Page, origin: string, id: string): Promise<void> {
  await page.goto(`${origin}/#/pages/staff/case/index?id=${id}`);
  await page.reload();
  await current(page, '#case-facts').waitFor();
}

/** The citizen's report page (timeline) for `id`, loaded afresh. */
export async function openReport(page: Page, origin: string, id: string): Promise<void> {
  await page.goto(`${origin}/#/pages/reports/detail/index?id=${id}`);
  await page.reload();
  await current(page, '#report-timeline').waitFor();
  await settle(page);
}

/** The ids of the step buttons the case page offers now. */
export function caseActions(page: Page): Promise<string[]> {
  return page.locator('.palm-page:visible [id^="case-action-"]').evaluateAll((els) => els.map((el) => el.id));
}
