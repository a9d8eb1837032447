// The service chooser of 取号 and 预约办理 in real Chromium on the built H5 app and a real BFF on
// PostgreSQL, at 390×844, in normal mode and in 长辈版: the first screen shows the search field and
// 常办 (not the county centre's 37 services as four screens of one flat list); a number is taken by
// searching (社保卡 → 社会保障卡申领, an alias), an empty search says so and clears; a booking is
// made by choosing a category; after that, 常办 puts the person's own recent services first. Every
// state is measured against DESIGN.md §4 with axe and photographed (chooser-*-{normal,elder}.png),
// and no page may log a console error.
//
// The BFF's clock starts at PALM_CLOCK, Monday 2026-11-23 09:30 Asia/Shanghai (bff/test/setup-env.ts):
// the county centre is open, and its 结婚登记 and 身份证换领 times later that morning are bookable.
import type { Page } from 'playwright-core';
import { OFFICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { checkPage, current, settle, type Mode } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const CITIZEN_PHONE = '13800000001';

interface FirstScreen {
  /** The search field lies wholly inside the first screen. */
  isSearchShown: boolean;
  /** 常办 rows wholly inside the first screen, and all 常办 rows. */
  mostUsedShown: number;
  mostUsed: number;
  /** Rows of services on the page in all (a flat list would be every service of the hall). */
  serviceRows: number;
  /** The page's height in screens. */
  screens: number;
}

describe('H5 in Chromium: 取号 and 预约办理 choose a service by search, 常办 and category', () => {
  const app = useAppSuite({ slots: true });
  const { checks } = app;
  let page: Page;

  beforeAll(() => {
    page = app.page;
  });

  async function check(name: string, mode: Mode): Promise<void> {
    checks.problems.push(...(await checkPage(page, name, mode)));
  }

  /** Where the chooser `prefix` (take-service, book-service) sits on the first screen. */
  async function firstScreen(prefix: string): Promise<FirstScreen> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    return page.evaluate((p) => {
      const root = [...document.querySelectorAll('.palm-page')].find((el) => el.checkVisibility())!;
      const isWhollyShown = (el: Element) => {
        const box = el.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      };
      const search = root.querySelector(`#${p}-search`);
      const mostUsed = [...root.querySelectorAll(`[id^="${p}-most-used-"][role="radio"]`)];
      const scroller = document.scrollingElement!;
      return {
        isSearchShown: search !== null && isWhollyShown(search),
        mostUsedShown: mostUsed.filter(isWhollyShown).length,
        mostUsed: mostUsed.length,
        serviceRows: root.querySelectorAll(`[id^="${p}-"][role="radio"]`).length,
        screens: Math.max(scroller.scrollHeight, root.scrollHeight) / window.innerHeight,
      };
    }, prefix);
  }

  /** Category tiles wholly on screen now, and all of them. */
  async function categoryTilesShown(prefix: string): Promise<{ shown: number; all: number }> {
    return page.evaluate((p) => {
      const tiles = [...document.querySelectorAll(`.palm-page [id^="${p}-category-"][role="button"]`)].filter((el) => el.checkVisibility());
      const shown = tiles.filter((el) => {
        const box = el.getBoundingClientRect();
        // Half a CSS pixel of rounding where a scroll stops with the tile at the screen's edge.
        return box.top >= -0.5 && box.bottom <= window.innerHeight + 0.5;
      });
      return { shown: shown.length, all: tiles.length };
    }, prefix);
  }

  async function search(prefix: string, text: string): Promise<void> {
    await current(page, `#${prefix}-search input`).fill(text);
    await settle(page);
  }

  const serviceCount = async () => app.bff.t.app.prisma.officeService.count({ where: { officeId: OFFICE } });

  async function takeNumber(): Promise<void> {
    await current(page, '#take-confirm').click();
    await current(page, '#ticket-number').waitFor();
    await expect(current(page, '#ticket-number').textContent()).resolves.toMatch(/^\s*[A-Z]\d{3}\s*$/);
  }

  async function bookFirstFreeTime(): Promise<void> {
    await current(page, '.book__slots [role="radio"][aria-label*="，余"]').click();
    // The page scrolls the confirm panel into view (300 ms): tap once it has stopped.
    await current(page, '#book-confirm').waitFor();
    await settle(page);
    await current(page, '#book-confirm').click();
    await current(page, '#booked-code').waitFor();
  }

  it('opens 取号 on the search field and 常办, not four screens of services (normal)', async () => {
    await app.signIn(page);
    await page.goto(`${app.bff.origin}/#/pages/take-ticket/index?officeId=${OFFICE}`);
    await current(page, '#take-service-most-used-0').waitFor();
    const screen = await firstScreen('take-service');
    expect(await serviceCount()).toBe(37);
    expect(screen).toMatchObject({ isSearchShown: true, mostUsed: 5, mostUsedShown: 5 });
    // 5 常办 rows stand in for the hall's 37; the categories hold the rest, one tap away.
    expect(screen.serviceRows).toBe(5);
    expect(screen.screens).toBeLessThan(2);
    await expect(current(page, '#take-service-most-used-0').textContent()).resolves.toContain('社会保障卡申领');
    await expect(current(page, '#take-service-category-SOCIAL_SECURITY').getAttribute('aria-label')).resolves.toBe('社会保险，8项');
    await expect(current(page, '#take-service-search input').getAttribute('aria-label')).resolves.toBe('搜索要办的事项');
    await check('chooser-take', 'normal');
    await current(page, '#take-service-category-OTHER').scrollIntoViewIfNeeded();
    await expect(categoryTilesShown('take-service')).resolves.toEqual({ shown: 9, all: 9 });
    await check('chooser-categories', 'normal');
  });

  it('says in words when a search finds nothing, and clears it (normal)', async () => {
    await search('take-service', '护照');
    await expect(current(page, '#take-service-no-result').textContent()).resolves.toContain('没有找到与“护照”有关的事项');
    await check('chooser-empty', 'normal');
    await current(page, '#take-service-clear').click();
    await current(page, '#take-service-most-used-0').waitFor();
    await expect(current(page, '#take-service-search input').inputValue()).resolves.toBe('');
  });

  it('takes a number by searching 社保卡 (an alias) and one tap on the row (normal)', async () => {
    await search('take-service', '社保卡');
    await expect(current(page, '#take-service-result-heading').textContent()).resolves.toBe('找到2项');
    await expect(current(page, '#take-service-result-0').textContent()).resolves.toContain('社会保障卡申领');
    await check('chooser-search', 'normal');
    await current(page, '#take-service-result-0').click();
    await expect(current(page, '#take-service-name').textContent()).resolves.toBe('社会保障卡申领');
    await current(page, '#take-people-ahead').waitFor();
    await takeNumber();
  });

  it('books by choosing a category among the hall’s bookable services (normal)', async () => {
    await page.goto(`${app.bff.origin}/#/pages/book/index?officeId=${OFFICE}`);
    await current(page, '#book-service-category-CIVIL_AFFAIRS').waitFor();
    const screen = await firstScreen('book-service');
    expect(screen).toMatchObject({ isSearchShown: true, mostUsed: 4, mostUsedShown: 4 });
    await current(page, '#book-service-category-CIVIL_AFFAIRS').click();
    await expect(current(page, '#book-service-category-list [role="heading"]').textContent()).resolves.toBe('民政婚姻（1项）');
    await expect(current(page, '#book-service-in-category-0').textContent()).resolves.toBe('内地居民结婚登记');
    await check('chooser-book-category', 'normal');
    await current(page, '#book-service-in-category-0').click();
    await expect(current(page, '#book-service-name').textContent()).resolves.toBe('内地居民结婚登记');
    await bookFirstFreeTime();
  });

  it('in 长辈版, opens 取号 on the search field and 常办, the person’s own services first', async () => {
    const { accessToken } = await app.bff.t.login({ phone: CITIZEN_PHONE });
    const saved = await app.bff.t.as(accessToken, { method: 'PATCH', url: '/api/me/preferences', payload: { elderMode: true } });
    expect(saved.statusCode).toBe(200);
    await page.goto(`${app.bff.origin}/#/pages/take-ticket/index?officeId=${OFFICE}`);
    await page.reload();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await current(page, '#take-service-most-used-0').waitFor();
    const screen = await firstScreen('take-service');
    await check('chooser-take', 'elder');
    expect(screen).toMatchObject({ isSearchShown: true, mostUsed: 3, mostUsedShown: 3, serviceRows: 3 });
    expect(screen.screens).toBeLessThan(2.5);
    // Booked (结婚登记) after the number taken (社会保障卡申领): newest first, each said in words.
    await expect(current(page, '#take-service-most-used-0').textContent()).resolves.toBe('内地居民结婚登记最近办过');
    await expect(current(page, '#take-service-most-used-1').textContent()).resolves.toBe('社会保障卡申领最近办过');
    // Every category is a tile, two a row: all nine fit on one screen, one short scroll down.
    await current(page, '#take-service-category-OTHER').scrollIntoViewIfNeeded();
    await expect(categoryTilesShown('take-service')).resolves.toEqual({ shown: 9, all: 9 });
    await check('chooser-categories', 'elder');
  });

  it('in 长辈版, says when a search finds nothing, then takes a number by searching 身份证', async () => {
    await search('take-service', '护照');
    await current(page, '#take-service-no-result').waitFor();
    await check('chooser-empty', 'elder');
    await current(page, '#take-service-clear').click();
    await search('take-service', '身份证');
    await expect(current(page, '#take-service-result-0').textContent()).resolves.toBe('居民身份证换领');
    await check('chooser-search', 'elder');
    await current(page, '#take-service-result-0').click();
    await expect(current(page, '#take-service-name').textContent()).resolves.toBe('居民身份证换领');
    await current(page, '#take-people-ahead').waitFor();
    await takeNumber();
  });

  it('in 长辈版, books by choosing a category; 常办 starts with what the person took and booked here', async () => {
    await page.goto(`${app.bff.origin}/#/pages/book/index?officeId=${OFFICE}`);
    await current(page, '#book-service-category-HOUSEHOLD').waitFor();
    const screen = await firstScreen('book-service');
    expect(screen).toMatchObject({ isSearchShown: true, mostUsed: 3, mostUsedShown: 3 });
    // The number for 身份证换领 just taken, then the 结婚登记 booked before: newest first, in words.
    await expect(current(page, '#book-service-most-used-0').textContent()).resolves.toBe('居民身份证换领最近办过');
    await expect(current(page, '#book-service-most-used-1').textContent()).resolves.toBe('内地居民结婚登记最近办过');
    await current(page, '#book-service-category-HOUSEHOLD').click();
    await expect(current(page, '#book-service-category-list [role="heading"]').textContent()).resolves.toBe('户籍证件（1项）');
    await check('chooser-book-category', 'elder');
    await current(page, '#book-service-in-category-0').click();
    await expect(current(page, '#book-service-name').textContent()).resolves.toBe('居民身份证换领');
    await bookFirstFreeTime();
  });
});
