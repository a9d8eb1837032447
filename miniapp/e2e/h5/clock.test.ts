// One clock (DESIGN.md §4 "Time shown to people"): in real Chromium on the built H5 app, with the
// browser's clock a day behind the BFF's, the hall board's clock and the hall page's 今天 are the
// BFF's. The E2E BFF's clock starts at PALM_CLOCK, Monday 2026-11-23 09:30 Asia/Shanghai
// (bff/test/setup-env.ts), with the county centre open; the browser's says Sunday the 22nd, when
// it is closed — the disagreement people saw (周日（今天）休息 under 营业中).
import type { Page } from 'playwright-core';
import { OFFICE_IDS } from '../../../seeds';
import { startBff, type RunningBff } from '../support/bff';
import { checkPage, current, screenshot, seriousAxeViolations, settle } from '../support/browser';
import { useBrowserChecks } from '../support/checks';

const OFFICE = OFFICE_IDS.countyCenter;
const CITIZEN_PHONE = '13800000001';
const DAY = 24 * 3_600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** The board's words for an instant in Shanghai: 11月23日 星期一 09:30:00. */
function boardWords(at: number): string {
  const shanghai = new Date(at + 8 * 3_600_000);
  const iso = shanghai.toISOString();
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 星期${WEEKDAYS[shanghai.getUTCDay()]} ${iso.slice(11, 19)}`;
}

describe('H5 in Chromium: the pages show the BFF\'s clock, not the browser\'s', () => {
  const checks = useBrowserChecks();
  let bff: RunningBff;
  let page: Page;
  const serverNow = () => bff.t.app.resources.clock.now().getTime();

  beforeAll(async () => {
    bff = await startBff();
    // A day behind the BFF, and running: the phone with the wrong date.
    await checks.context.clock.install({ time: serverNow() - DAY });
    page = checks.page;
  });
  afterAll(async () => {
    await bff?.close();
  });

  it('runs the browser a day behind the BFF (the set-up the other tests rely on)', async () => {
    await page.goto(`${bff.origin}/#/pages/index/index`);
    const browserNow = await page.evaluate(() => Date.now());
    expect(Math.abs(serverNow() - DAY - browserNow)).toBeLessThan(60_000);
  });

  it('shows the BFF\'s date and time on the hall board, second by second, at 1280×720 and 1920×1080', async () => {
    const board = await checks.context.newPage();
    await board.setViewportSize({ width: 1280, height: 720 });
    await board.goto(`${bff.origin}/#/pages/board/index?officeId=${OFFICE}`);
    await board.waitForFunction(() => (document.querySelector('#board-clock')?.textContent ?? '').includes('11月23日 星期一'));
    for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
      await board.setViewportSize(size);
      await settle(board);
      const before = serverNow();
      const shown = ((await board.locator('#board-clock').textContent()) ?? '').trim();
      const after = serverNow();
      // Read between two readings of the BFF's clock, a second's tick either side.
      const expected = new Set([boardWords(before - 1000), boardWords(before), boardWords(after), boardWords(after + 1000)]);
      expect([size.width, expected.has(shown) ? 'the BFF\'s time' : shown]).toEqual([size.width, 'the BFF\'s time']);
      await screenshot(board, `clock-board-${size.width}x${size.height}`);
      (await seriousAxeViolations(board)).forEach((v) => checks.problems.push(`board ${size.width}: axe ${v.id} at ${v.nodes.join(' ')}`));
    }
    // It keeps running on the BFF's clock.
    const first = ((await board.locator('#board-clock').textContent()) ?? '').trim();
    await board.waitForFunction((old) => (document.querySelector('#board-clock')?.textContent ?? '').trim() !== old, first, { timeout: 5_000 });
    expect(((await board.locator('#board-clock').textContent()) ?? '').trim()).toContain('11月23日 星期一');
    await board.close();
  });

  async function openHall(): Promise<void> {
    await page.goto(`${bff.origin}/#/pages/office/index?id=${OFFICE}`);
    await page.reload();
    await current(page, '#office-status').waitFor();
  }

  async function expectTodayIsTheBffs(): Promise<void> {
    await expect(current(page, '#office-status').textContent()).resolves.toContain('营业中');
    const today = page.locator('.palm-page:visible .office__today');
    await expect(today.count()).resolves.toBe(1);
    await expect(today.textContent()).resolves.toContain('周一（今天）');
    await expect(page.locator('.palm-page:visible .office__hours-row').filter({ hasText: '周日' }).first().textContent()).resolves.not.toContain('今天');
  }

  it('marks the BFF\'s today (周一) in the hall page\'s week, under its 营业中', async () => {
    await openHall();
    await expectTodayIsTheBffs();
    await current(page, '.office__today').scrollIntoViewIfNeeded();
    checks.problems.push(...(await checkPage(page, 'clock-office', 'normal')));
  });

  it('does so in 长辈版 too', async () => {
    const { accessToken } = await bff.t.login({ phone: CITIZEN_PHONE });
    await page.goto(`${bff.origin}/#/pages/login/index`);
    await current(page, '#dev-login-0').click();
    await settle(page);
    await bff.t.as(accessToken, { method: 'POST', url: '/api/me/preferences', payload: { elderMode: true } });
    await openHall();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await expectTodayIsTheBffs();
    await current(page, '.office__today').scrollIntoViewIfNeeded();
    checks.problems.push(...(await checkPage(page, 'clock-office', 'elder')));
  });
});
