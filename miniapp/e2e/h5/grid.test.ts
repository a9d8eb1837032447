// 我的网格 in real Chromium on the built H5 app and a real BFF on PostgreSQL (issue 14 item 4): the
// demo grid worker (13800000003, 上坊村) opens 我的 → 我的网格, sees the village's residents (≥ 8,
// masked, each grant in words and shape), asks a resident without a grant for consent (confirmed
// in the page), plans a door-to-door visit for them, and records the visit — in normal mode, then
// the same for another resident in 长辈版. Every page state is measured against DESIGN.md §4 with
// axe and photographed (test-artifacts/e2e/grid-*-{normal,elder}.png).
import type { Page } from 'playwright-core';
import { DEMO_PHONES } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { checkPage, current, scrollSettled, settle, type Mode } from '../support/browser';

/** The grid worker's button on the login page (the demo accounts' list, last). */
const GRID_WORKER_LOGIN = '#dev-login-4';

describe('H5 in Chromium: 我的网格 — the roster, a consent request, a planned visit, a recorded visit', () => {
  const app = useAppSuite();
  const { checks } = app;
  const problems = checks.problems;
  let page: Page;

  beforeAll(() => {
    page = app.page;
  });

  /** The element shown and scrolled into the screenshot, then the page checked and photographed. */
  async function check(name: string, mode: Mode, selector?: string): Promise<void> {
    if (selector) await current(page, selector).scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, name, mode)));
  }

  /** The roster row of a masked name (their order is the database's). */
  const rowOf = async (masked: string) => {
    const rows = page.locator('.palm-page:visible .grid__resident');
    const count = await rows.count();
    for (let n = 0; n < count; n += 1) {
      const name = (await rows.nth(n).locator('.grid__resident-name').textContent()) ?? '';
      if (name.startsWith(`${masked} `)) return (await rows.nth(n).getAttribute('id'))!;
    }
    throw new Error(`no roster row for ${masked}`);
  };

  async function openGrid(): Promise<void> {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-grid').click();
    await settle(page);
    await current(page, '#grid-resident-7').waitFor();
    await current(page, '#grid-task-0').waitFor();
  }

  /** Asks `masked` for consent, plans a visit for them tomorrow, records the visit: each step checked in `mode`. */
  async function consentPlanVisit(masked: string, mode: Mode): Promise<void> {
    const row = await rowOf(masked);
    await expect(current(page, `#${row}-grant`).textContent()).resolves.toContain('未授权');
    await current(page, `#${row}-ask`).click();
    await current(page, `#${row}-ask-confirm`).waitFor();
    await expect(current(page, `#${row}-ask-confirm`).textContent()).resolves.toContain('有效期90天');
    await check('grid-consent-confirm', mode, `#${row}-ask-confirm`);
    await current(page, `#${row}-ask-yes`).click();
    await current(page, `#${row}-waiting`).waitFor();
    await expect(current(page, `#${row}-grant`).textContent()).resolves.toContain('待居民确认');
    await expect(current(page, `#${row}-waiting`).textContent()).resolves.toContain('等待');
    await check('grid-consent-sent', mode, `#${row}`);

    // Planning is allowed while the request waits (acting for them needs it accepted).
    await current(page, `#${row}-plan`).click();
    await current(page, '#grid-plan').waitFor();
    // The page scrolls the panel into view: choose once it has stopped.
    await scrollSettled(page);
    await expect(current(page, '#grid-plan-resident').textContent()).resolves.toContain(masked);
    await current(page, '#grid-plan-service-most-used-0').click();
    await current(page, '#grid-plan-date-1').click();
    await current(page, '#grid-plan-note input').fill('带身份证和户口本');
    await check('grid-plan', mode, '#grid-plan-confirm');
    await current(page, '#grid-plan-confirm').click();
    await current(page, '#grid-said').waitFor();
    await expect(current(page, '#grid-said').textContent()).resolves.toContain(`为${masked}办理`);
    await check('grid-planned', mode, '#grid-tasks');

    const card = page.locator('.palm-page:visible .grid__task', { hasText: masked }).first();
    const id = (await card.getAttribute('id'))!;
    await expect(current(page, `#${id}-status`).textContent()).resolves.toContain('待上门');
    await current(page, `#${id}-visit`).click();
    await current(page, `#${id}-visit-note input`).fill('已上门讲解授权，居民同意在手机上确认');
    await check('grid-visit', mode, `#${id}-visit-confirm`);
    await current(page, `#${id}-visit-yes`).click();
    await page.waitForFunction((taskId) => document.querySelector(`.palm-page #${taskId}-status`)?.textContent?.includes('已走访'), id);
    await expect(current(page, `#${id}`).textContent()).resolves.toContain('已上门讲解授权');
    await check('grid-visited', mode, `#${id}`);
  }

  it('opens 我的网格 from 我的 and shows at least 8 residents, masked, with their grant states in words', async () => {
    await page.goto(`${app.bff.origin}/#/pages/login/index`);
    await current(page, GRID_WORKER_LOGIN).click();
    await settle(page);
    await openGrid();
    const rows = await page.locator('.palm-page:visible .grid__resident').count();
    expect(rows).toBeGreaterThanOrEqual(8);
    const roster = (await current(page, '#grid-roster').textContent()) ?? '';
    for (const words of ['已授权', '待居民确认', '授权已过期', '授权已撤销', '未授权', '无手机', '到窗口办理见证授权']) expect(roster).toContain(words);
    // Names and ID numbers arrive masked, never whole.
    expect(roster).not.toMatch(/李秀英|王德明|361221\d{12}/);
    expect(roster).toMatch(/3612\*{10}\d{3}[\dX]/);
    await check('grid-tasks', 'normal');
    await check('grid-roster', 'normal', '#grid-roster');
  });

  it('asks a resident for consent, plans a visit for them and records it (normal)', async () => {
    await consentPlanVisit('孙**', 'normal');
  });

  it('does the same in 长辈版, with the §4 numbers on every step', async () => {
    await app.setElderMode(DEMO_PHONES.gridWorker, true);
    await openGrid();
    await page.reload();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await current(page, '#grid-resident-7').waitFor();
    await check('grid-tasks', 'elder');
    await check('grid-roster', 'elder', '#grid-roster');
    await consentPlanVisit('吴**', 'elder');
  });
});
