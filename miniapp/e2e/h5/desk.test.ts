// Issue 16 item 4 in real Chromium on the built H5 app and a real BFF on PostgreSQL: the staff desk.
// The supervisor (13800000005, 全县) opens 反映工作台 from 我的 on a phone and on a window PC
// (1280×800), sees the seeded overdue case marked 逾期 in words, triages the newly received report
// and assigns it to the county hall, each after an in-page confirmation; the clerk (13800000004) of
// that hall resolves it on their own phone; the supervisor records the callback and confirms it,
// records the callback of the seeded 整改 case (close is disabled until then, and says why), and the
// figures show what the BFF counts. Every page is measured against DESIGN.md §4 with axe (phone
// normal and 长辈版; desktop with the same minimums read as CSS px) and photographed.
import type { Page } from 'playwright-core';
import { REPORT_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import type { Browser } from '../support/browser';
import { checkDesktop as checkDesktopPage, checkPage, current, screenshot, settle } from '../support/browser';

const SUPERVISOR_PHONE = '13800000005';
const CLERK_PHONE = '13800000004';
const SUPERVISOR_BUTTON = '#dev-login-3';
const CLERK_BUTTON = '#dev-login-2';

interface Figures {
  items: Array<{ office: { name: string }; byState: Record<string, number>; onTime: { resolved: number; onTime: number; rate: number | null }; callback: { bad: number; calledBack: number; rate: number | null }; ratings: Record<string, number> }>;
}

describe('H5 in Chromium: 反映工作台 — triage, assign, resolve, callback and figures', () => {
  const app = useAppSuite();
  const { checks } = app;
  const problems = checks.problems;
  let page: Page;
  let clerkBrowser: Browser;

  const PHONE = { width: 390, height: 844 };
  const DESKTOP = { width: 1280, height: 800 };

  const checkDesktop = (name: string) => checkDesktopPage(page, name);

  const openDesk = async (tab?: string) => {
    await page.goto(`${app.bff.origin}/#/pages/staff/desk/index${tab ? `?tab=${tab}` : ''}`);
    await page.reload();
    await current(page, '#desk-tab-cases').waitFor();
  };
  const openCase = async (p: Page, id: string) => {
    await p.goto(`${app.bff.origin}/#/pages/staff/case/index?id=${id}`);
    await p.reload();
    await current(p, '#case-facts').waitFor();
  };
  const rowOf = (p: Page, id: string) => current(p, `[data-report-id="${id}"]`);

  beforeAll(async () => {
    page = app.page;
    await app.signIn(page, SUPERVISOR_BUTTON);
  });
  afterAll(async () => {
    await clerkBrowser?.close();
  });

  it('opens from 我的 on a phone: the cases by deadline, the overdue one marked 逾期 in words and colour', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-desk').click();
    await current(page, '#desk-cases [data-report-id]').waitFor();
    const overdue = (await rowOf(page, REPORT_IDS.overdue).textContent()) ?? '';
    expect(overdue).toContain('逾期');
    const colour = await rowOf(page, REPORT_IDS.overdue)
      .locator('.desk-due__label')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(179, 38, 30)');
    // Sorted by deadline: the overdue case comes before the one received today.
    const ids = await page.locator('.palm-page:visible [data-report-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-report-id')));
    expect(ids.indexOf(REPORT_IDS.overdue)).toBeLessThan(ids.indexOf(REPORT_IDS.received));
    await rowOf(page, REPORT_IDS.overdue).scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'desk-list', 'normal')));
    await screenshot(page, 'desk-list-phone');

    // The filter 逾期 asks the BFF for overdue cases only.
    await current(page, '#desk-due-overdue').click();
    await settle(page);
    const overdueOnly = await page.locator('.palm-page:visible [data-report-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-report-id')));
    expect(overdueOnly).toEqual([REPORT_IDS.overdue]);
  });

  it('fits a window PC: the list, then the supervisor triages and assigns the new report after in-page confirmations', async () => {
    await page.setViewportSize(DESKTOP);
    await openDesk();
    await current(page, '#desk-cases [data-report-id]').waitFor();
    problems.push(...(await checkDesktop('desk-list')));

    await rowOf(page, REPORT_IDS.received).click();
    await current(page, '#case-action-triage').waitFor();
    // Only the legal step for a received report.
    expect(await page.locator('.palm-page:visible [id^="case-action-"]').evaluateAll((els) => els.map((el) => el.id))).toEqual(['case-action-triage']);
    await current(page, '#case-action-triage').click();
    await current(page, '#case-confirm').waitFor();
    await current(page, '#case-class-0').click(); // 一般问题
    await current(page, '#case-note input').fill('材料清单与窗口要求不一致，一般问题');
    await current(page, '#case-submit').click();
    await current(page, '#case-done').waitFor();
    await expect(current(page, '#case-facts').textContent()).resolves.toContain('一般问题');

    await current(page, '#case-action-assign').click();
    await current(page, '#case-office-0').waitFor();
    await expect(current(page, '#case-office-0').getAttribute('aria-checked')).resolves.toBe('true');
    await current(page, '#case-note input').fill('请县中心社保窗口核对材料清单');
    problems.push(...(await checkDesktop('desk-assign')));
    await current(page, '#case-submit').click();
    await current(page, '#case-done').waitFor();
    await expect(current(page, '#case-facts').textContent()).resolves.toContain('已转办');
    await expect(current(page, '#case-timeline').textContent()).resolves.toContain('请县中心社保窗口核对材料清单');
    await current(page, '.palm-page__title').evaluate((el) => el.scrollIntoView());
    problems.push(...(await checkDesktop('desk-case')));

    const row = await app.bff.t.app.prisma.report.findUniqueOrThrow({ where: { id: REPORT_IDS.received } });
    expect([row.status, row.class]).toEqual(['ASSIGNED', 'GENERAL']);
  });

  it('the clerk of that hall resolves it on their phone; a second resolve is refused in words', async () => {
    clerkBrowser = await checks.open();
    const clerk = clerkBrowser.context.pages()[0] ?? (await clerkBrowser.context.newPage());
    await app.signIn(clerk, CLERK_BUTTON);
    await openCase(clerk, REPORT_IDS.received);
    expect(await clerk.locator('.palm-page:visible [id^="case-action-"]').evaluateAll((els) => els.map((el) => el.id))).toEqual(['case-action-resolve']);
    await current(clerk, '#case-action-resolve').click();
    await current(clerk, '#case-resolution input').fill('已按办事指南更新窗口材料清单，并电话告知');
    await current(clerk, '#case-submit').click();
    await current(clerk, '#case-done').waitFor();
    await expect(current(clerk, '#case-facts').textContent()).resolves.toContain('已办结');
    expect(await clerk.locator('.palm-page:visible [id^="case-action-"]').count()).toBe(0);
    // The case moved on under the supervisor's open page: the BFF's 409 in words.
    const again = await app.call<{ error: { code: string } }>(CLERK_PHONE, `/api/reports/${REPORT_IDS.received}/resolve`, { method: 'POST', body: { resolution: '再次办结' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'REPORT_STATE']);
  });

  it('the supervisor records the callback and confirms; a stale step is said in words and the case read again', async () => {
    await openCase(page, REPORT_IDS.received);
    await current(page, '#case-action-confirm').click();
    await current(page, '#case-note input').fill('已电话回访，反映人表示满意');
    await current(page, '#case-submit').click();
    await current(page, '#case-done').waitFor();
    await expect(current(page, '#case-facts').textContent()).resolves.toContain('已回访');
    await expect(current(page, '#case-timeline').textContent()).resolves.toContain('已电话回访');

    // Another tab closes it first: this page's 结案 is refused (409) in words and the case reloaded.
    await current(page, '#case-action-close').click();
    await app.api(SUPERVISOR_PHONE, `/api/reports/${REPORT_IDS.received}/close`, { method: 'POST' });
    checks.expectConsoleError(/409/);
    await current(page, '#case-submit').click();
    await current(page, '#case-refusal').waitFor();
    await expect(current(page, '#case-refusal').textContent()).resolves.toContain('已为您刷新案件');
    await page.locator('.palm-page:visible #case-facts', { hasText: '已结案' }).waitFor();
    await current(page, '#case-no-actions').waitFor();
  });

  it('records the callback of the open 整改 case; close is disabled until then and says why', async () => {
    await openDesk('rectifications');
    await current(page, '#desk-rect-0').waitFor();
    await expect(current(page, '#desk-rect-0-close-why').textContent()).resolves.toContain('须先记录回访');
    await expect(current(page, '#desk-rect-0-close-open').getAttribute('aria-disabled')).resolves.toBe('true');
    await current(page, '#desk-rect-0-callback-open').click();
    await current(page, '#desk-rect-outcome-SATISFIED').click();
    await current(page, '#desk-rect-note input').fill('已致歉并说明高峰时段');
    problems.push(...(await checkDesktop('desk-rectification')));
    await current(page, '#desk-rect-submit').click();
    await current(page, '#desk-rect-done').waitFor();
    await page.locator('.palm-page:visible #desk-rect-0-callback', { hasText: '结果：满意' }).waitFor();
    expect(await page.locator('.palm-page:visible #desk-rect-0-close-why').count()).toBe(0);
  });

  it('shows the figures per office with the numbers in text', async () => {
    const figures = await app.api<Figures>(SUPERVISOR_PHONE, '/api/staff/figures');
    await openDesk('figures');
    await current(page, '#desk-figures-0').waitFor();
    const county = figures.items.findIndex((f) => f.office.name === '青石县政务服务中心');
    expect(county).toBeGreaterThanOrEqual(0);
    const f = figures.items[county]!;
    const card = (await current(page, `#desk-figures-${county}`).textContent()) ?? '';
    expect(card).toContain(`已办结${f.onTime.resolved}件，按期${f.onTime.onTime}件`);
    expect(card).toContain(`差评${f.callback.bad}条，已回访${f.callback.calledBack}条`);
    expect(f.callback.calledBack).toBeGreaterThanOrEqual(1);
    expect(card).toContain(`已结案${f.byState.CLOSED ?? 0}件`);
    expect(card).toContain(`不满意${f.ratings['2'] ?? 0}条`);
    await current(page, `#desk-figures-${county}`).scrollIntoViewIfNeeded();
    problems.push(...(await checkDesktop('desk-figures')));
    await page.setViewportSize(PHONE);
    await openDesk('figures');
    await current(page, '#desk-figures-0').waitFor();
    problems.push(...(await checkPage(page, 'desk-figures', 'normal')));
    await screenshot(page, 'desk-figures-phone');
  });

  it('meets the 长辈版 numbers on the phone: the list and a case', async () => {
    await app.setElderMode(SUPERVISOR_PHONE, true);
    await openDesk();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await rowOf(page, REPORT_IDS.overdue).scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'desk-list', 'elder')));
    await openCase(page, REPORT_IDS.overdue);
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await current(page, '#case-action-assign').waitFor();
    problems.push(...(await checkPage(page, 'desk-case', 'elder')));
    await current(page, '#case-action-assign').click();
    await current(page, '#case-office-0').waitFor();
    await current(page, '#case-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'desk-assign', 'elder')));
    await app.setElderMode(SUPERVISOR_PHONE, false);
  });
});
