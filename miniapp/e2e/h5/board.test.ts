// The hall board on a wall (DESIGN.md §4): in real Chromium on the built H5 app and a real BFF, at
// 1280×720 and 1920×1080 it fills the screen without scrolling, has no back header, sizes numbers
// ≥ 4 % and words ≥ 2.5 % of the screen's height (read from 5 m), lists the latest calls, and its
// banner clears as soon as the called number is finished. A phone keeps the way back. No console
// error, uncaught error or failed request on the way (useBrowserChecks).
import type { Page } from 'playwright-core';
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { resetQueue } from '../../../bff/test/helper';
import { startBff, type RunningBff } from '../support/bff';
import { screenshot, seriousAxeViolations, settle } from '../support/browser';
import { useBrowserChecks } from '../support/checks';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const NUMBERS = '.board__call-number, .board__wait-count, .board__latest';
const WORDS = '.board__section, .board__call-counter, .board__wait-label, .board__idle';

describe('H5 in Chromium: the hall board on a wall screen', () => {
  const checks = useBrowserChecks();
  let bff: RunningBff;
  let board: Page;
  let clerk: string;
  let phone = 0;
  const take = async (): Promise<{ id: string; displayNumber: string }> => {
    const { accessToken } = await bff.t.login({ phone: `135${String((phone += 1)).padStart(8, '0')}` });
    return (await bff.t.as(accessToken, { method: 'POST', url: '/api/tickets', payload: { officeId: OFFICE, serviceId: SERVICE } })).json();
  };
  const callNext = async (counterId: string): Promise<string> =>
    (await bff.t.as(clerk, { method: 'POST', url: `/api/counters/${counterId}/call-next`, payload: {} })).json().called.displayNumber;
  const finish = async (id: string) => {
    for (const step of ['start', 'finish']) expect((await bff.t.as(clerk, { method: 'POST', url: `/api/tickets/${id}/${step}`, payload: {} })).statusCode).toBe(200);
  };
  const fontSizes = (selector: string) => board.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => parseFloat(getComputedStyle(el).fontSize)));

  beforeAll(async () => {
    bff = await startBff();
    await resetQueue(bff.t, OFFICE);
    clerk = (await bff.t.login({ phone: '13800000004' })).accessToken;
    board = checks.page;
  });
  afterAll(async () => {
    await bff?.close();
  });

  it('fits 1280×720 and 1920×1080 with no scrolling, no back header, readable sizes and the latest calls', async () => {
    const first = await take();
    const second = await take();
    await take();
    expect(await callNext(COUNTER_IDS.countyCenter1)).toBe(first.displayNumber);
    await finish(first.id);
    expect(await callNext(COUNTER_IDS.countyCenter2)).toBe(second.displayNumber);

    await board.setViewportSize(SIZES[0]!);
    await board.goto(`${bff.origin}/#/pages/board/index?officeId=${OFFICE}`);
    await board.locator('#board-recent').waitFor();
    for (const size of SIZES) {
      await board.setViewportSize(size);
      await settle(board);
      const scroll = await board.evaluate(() => {
        const root = document.scrollingElement!;
        return { width: root.scrollWidth - root.clientWidth, height: root.scrollHeight - root.clientHeight };
      });
      expect(scroll).toEqual({ width: 0, height: 0 });
      // Nothing inside is cut off either: every column's content fits its box.
      const clipped = await board.locator('.board__columns > *').evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.id));
      expect(clipped).toEqual([]);
      expect(await board.locator('.palm-page-header:visible').count()).toBe(0);
      const numbers = await fontSizes(NUMBERS);
      const words = await fontSizes(WORDS);
      expect(numbers.length).toBeGreaterThan(3);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0.04 * size.height - 0.5);
      expect(Math.min(...words)).toBeGreaterThanOrEqual(0.025 * size.height - 0.5);
      const recent = (await board.locator('#board-recent').textContent()) ?? '';
      expect(recent.indexOf(second.displayNumber)).toBeGreaterThan(-1);
      expect(recent.indexOf(second.displayNumber)).toBeLessThan(recent.indexOf(first.displayNumber));
      await expect(board.locator('#board-idle').textContent()).resolves.toMatch(/空闲窗口：1、/);
      await screenshot(board, `board-wall-${size.width}x${size.height}`);
      (await seriousAxeViolations(board)).forEach((v) => checks.problems.push(`board ${size.width}: axe ${v.id} at ${v.nodes.join(' ')}`));
    }
  });

  it('shows a new call in the banner and clears it as soon as the number is finished', async () => {
    const third = await callNext(COUNTER_IDS.countyCenter1);
    await board.waitForFunction((n) => (document.querySelector('#board-latest')?.textContent ?? '').includes(n), third, { timeout: 10_000 });
    const shownAt = Date.now();
    for (const size of SIZES) {
      await board.setViewportSize(size);
      await board.waitForTimeout(300);
      const scroll = await board.evaluate(() => document.scrollingElement!.scrollHeight - document.scrollingElement!.clientHeight);
      expect(scroll).toBe(0);
      // The marked row (▶ number → window 正在呼叫) stays whole on its line.
      const cut = await board.locator('.board__columns > *, .board__call').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.className));
      expect(cut).toEqual([]);
      await screenshot(board, `board-wall-${size.width}x${size.height}-banner`);
    }
    const ticket = await bff.t.app.prisma.ticket.findFirstOrThrow({ where: { officeId: OFFICE, displayNumber: third, status: 'CALLED' } });
    await finish(ticket.id);
    await board.locator('#board-latest').waitFor({ state: 'detached', timeout: 5_000 });
    // Cleared by the finish, not by the banner's own 10 s.
    expect(Date.now() - shownAt).toBeLessThan(9_000);
    await board.locator('#board-recent').waitFor();
    await expect(board.locator('#board-call-1').count()).resolves.toBe(0);
  });

  it('fits a busy hall with every window calling at both sizes', async () => {
    const counters = await bff.t.app.prisma.counter.findMany({ where: { officeId: OFFICE }, orderBy: { number: 'asc' }, select: { id: true } });
    for (const counter of counters) {
      const ticket = await take();
      await bff.t.app.prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'CALLED', counterId: counter.id, calledAt: new Date() } });
    }
    for (const size of SIZES) {
      await board.setViewportSize(size);
      await board.reload();
      await board.locator(`#board-call-${counters.length}`).waitFor();
      await settle(board);
      const scroll = await board.evaluate(() => document.scrollingElement!.scrollHeight - document.scrollingElement!.clientHeight);
      expect(scroll).toBe(0);
      const cut = await board.locator('.board__columns > *, .board__call').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.id || el.className));
      expect(cut).toEqual([]);
      expect(Math.min(...(await fontSizes('.board__call-number')))).toBeGreaterThanOrEqual(0.04 * size.height - 0.5);
      await screenshot(board, `board-wall-${size.width}x${size.height}-busy`);
    }
  });

  it('keeps the back header on a phone', async () => {
    await board.setViewportSize({ width: 390, height: 844 });
    await board.goto(`${bff.origin}/#/pages/index/index`);
    await settle(board);
    await board.goto(`${bff.origin}/#/pages/board/index?officeId=${OFFICE}`);
    await board.locator('#board-recent').waitFor();
    await expect(board.locator('.palm-page-header:visible').count()).resolves.toBe(1);
    await expect(board.locator('.board--wall').count()).resolves.toBe(0);
  });
});
