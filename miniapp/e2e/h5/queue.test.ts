// Issue 4 in real Chromium on the built H5 app and a real BFF on PostgreSQL: a citizen takes a
// number in one browser, a clerk calls it in another, and the citizen's page and the hall board
// show the call live (over the WebSocket, no reload). The queue pages are then measured against
// DESIGN.md §4 in normal mode and in 长辈版, with axe, like every page in journey.test.ts.
import type { Page } from 'playwright-core';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { startBff, type RunningBff } from '../support/bff';
import { checkPage, current, screenshot, seriousAxeViolations, settle } from '../support/browser';
import { useBrowserChecks } from '../support/checks';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
const CITIZEN_PHONE = '13800000001';

describe('H5 in Chromium: take a number, a clerk calls it, the ticket page and the hall board follow live', () => {
  const checks = useBrowserChecks();
  let bff: RunningBff;
  let citizen: Page;
  let clerk: Page;
  let board: Page;
  let letter: string;
  let number: string;

  beforeAll(async () => {
    bff = await startBff();
    letter = (await bff.t.app.prisma.service.findUniqueOrThrow({ where: { id: SERVICE } })).categoryLetter;
    citizen = checks.page;
    const clerkBrowser = await checks.open();
    clerk = clerkBrowser.context.pages()[0] ?? (await clerkBrowser.context.newPage());
    board = await clerkBrowser.context.newPage();
  });
  afterAll(async () => {
    await bff?.close();
  });

  async function signIn(page: Page, demoButton: string): Promise<void> {
    await page.goto(`${bff.origin}/#/pages/login/index`);
    await current(page, `#${demoButton}`).click();
    await settle(page);
  }

  const waitingOnBoard = async () => Number((await board.locator(`#board-waiting-${letter}`).textContent())?.match(/(\d+)\s*人/)?.[1] ?? NaN);

  it('shows the hall board without signing in', async () => {
    await board.goto(`${bff.origin}/#/pages/board/index?officeId=${OFFICE}`);
    await board.waitForFunction(() => (document.querySelector('#board-office')?.textContent ?? '').includes('青石县政务服务中心'));
    await board.locator(`#board-waiting-${letter}`).waitFor();
    expect(await waitingOnBoard()).toBe(0);
    expect(board.url()).not.toContain('login');
    checks.problems.push(...(await checkPage(board, 'q0-board', 'normal')));
    // Its real home: a landscape screen on the hall's wall (a wall layout from 1024 px).
    await board.setViewportSize({ width: 1280, height: 720 });
    // The phone numbers (pt on a 375-pt screen) mean nothing on a wall: there the two columns must
    // sit side by side, every window's row on screen, and axe must pass.
    await settle(board);
    const calls = (await board.locator('#board-calls').boundingBox())!;
    const waiting = (await board.locator('#board-waiting').boundingBox())!;
    expect(waiting.x).toBeGreaterThan(calls.x + calls.width - 1);
    await screenshot(board, 'q0-board-landscape');
    // Every window is on screen: nothing scrolls (idle windows are one line, see board.test.ts).
    expect(await board.evaluate(() => document.scrollingElement!.scrollHeight - document.scrollingElement!.clientHeight)).toBe(0);
    (await seriousAxeViolations(board)).forEach((v) => checks.problems.push(`board landscape: axe ${v.id} at ${v.nodes.join(' ')}`));
  });

  it('lets a signed-in citizen see people ahead and the estimate, then take a number', async () => {
    await signIn(citizen, 'dev-login-0');
    await citizen.goto(`${bff.origin}/#/pages/take-ticket/index?officeId=${OFFICE}&serviceId=${SERVICE}`);
    await current(citizen, '#take-people-ahead').waitFor();
    await expect(current(citizen, '#take-people-ahead').textContent()).resolves.toMatch(/^\s*0\s*$/);
    checks.problems.push(...(await checkPage(citizen, 'q1-take-ticket', 'normal')));
    await current(citizen, '#take-confirm').click();
    await current(citizen, '#ticket-number').waitFor();
    number = ((await current(citizen, '#ticket-number').textContent()) ?? '').trim();
    expect(number).toMatch(new RegExp(`^${letter}\\d{3}$`));
    await expect(current(citizen, '#ticket-live-status').textContent()).resolves.toContain('实时更新中');
    checks.problems.push(...(await checkPage(citizen, 'q2-ticket-waiting', 'normal')));
    // The board heard the take without a reload.
    await board.waitForFunction(
      ([id]) => /1\s*人/.test(document.querySelector(`#board-waiting-${id}`)?.textContent ?? ''),
      [letter],
      { timeout: 10_000 },
    );
  });

  it('lets the clerk call it, and the citizen’s page and the board show the call live', async () => {
    await signIn(clerk, 'dev-login-2');
    // No window named: the clerk's own (window 1, their posting) opens, with 换窗口 to choose another.
    await clerk.goto(`${bff.origin}/#/pages/counter/index`);
    await current(clerk, '#counter-state').waitFor();
    await expect(current(clerk, '#counter-title').textContent()).resolves.toContain('1号窗口');
    expect(await current(clerk, '#counter-picker').count()).toBe(0);
    await expect(current(clerk, '#counter-change').isVisible()).resolves.toBe(true);
    if (await current(clerk, '#counter-open').isEnabled()) {
      await current(clerk, '#counter-open').click();
      await settle(clerk);
    }
    await expect(current(clerk, '#counter-state').textContent()).resolves.toContain('开放');
    await expect(current(clerk, `#counter-queue-${letter}`).textContent()).resolves.toContain(number);
    checks.problems.push(...(await checkPage(clerk, 'q3-counter', 'normal')));

    // A marker on the citizen's window: it survives only if the page is never reloaded.
    await citizen.evaluate(() => Object.assign(window, { palmMarker: 'no reload' }));
    await current(clerk, '#counter-call-next').click();
    await expect(current(clerk, '#counter-now-number').textContent()).resolves.toContain(number);

    await current(citizen, '#ticket-window').waitFor({ timeout: 10_000 });
    await citizen.waitForFunction(() => /请到\s*1\s*号窗口/.test(document.querySelector('.palm-page #ticket-window')?.textContent ?? ''), undefined, { timeout: 10_000 });
    expect(await citizen.evaluate(() => (window as unknown as { palmMarker?: string }).palmMarker)).toBe('no reload');
    checks.problems.push(...(await checkPage(citizen, 'q4-ticket-called', 'normal')));

    await board.waitForFunction((n) => (document.querySelector('#board-call-1')?.textContent ?? '').includes(n), number, { timeout: 10_000 });
    expect(await waitingOnBoard()).toBe(0);
    await expect(board.locator('#board-call-1').getAttribute('data-new')).resolves.toBe('true');

    // And the clerk finishes the service: the citizen sees it done.
    await current(clerk, '#counter-start').click();
    await settle(clerk);
    await current(clerk, '#counter-finish').click();
    await citizen.waitForFunction(() => /办结|完成/.test(document.querySelector('.palm-page #ticket-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
  });

  it('meets the 长辈版 numbers on the queue pages', async () => {
    const { accessToken } = await bff.t.login({ phone: CITIZEN_PHONE });
    await bff.t.as(accessToken, { method: 'POST', url: '/api/me/preferences', payload: { elderMode: true } });
    await citizen.goto(`${bff.origin}/#/pages/take-ticket/index?officeId=${OFFICE}&serviceId=${SERVICE}`);
    await citizen.reload();
    await current(citizen, '#take-people-ahead').waitFor();
    await citizen.locator('.palm-page.elder:visible').first().waitFor();
    checks.problems.push(...(await checkPage(citizen, 'q1-take-ticket', 'elder')));
    await current(citizen, '#take-confirm').click();
    await current(citizen, '#ticket-number').waitFor();
    checks.problems.push(...(await checkPage(citizen, 'q2-ticket-waiting', 'elder')));
    await citizen.goto(`${bff.origin}/#/pages/tickets/index`);
    await current(citizen, '#ticket-list').waitFor();
    checks.problems.push(...(await checkPage(citizen, 'q5-tickets', 'elder')));

    const staff = await bff.t.login({ phone: '13800000004' });
    await bff.t.as(staff.accessToken, { method: 'POST', url: '/api/me/preferences', payload: { elderMode: true } });
    await clerk.reload();
    await current(clerk, '#counter-state').waitFor();
    await clerk.locator('.palm-page.elder:visible').first().waitFor();
    checks.problems.push(...(await checkPage(clerk, 'q3-counter', 'elder')));
  });
});
