// Issue 17 in real Chromium on the built H5 app and a real BFF on PostgreSQL: staff, the record of
// changes, and the calendar from a file. The county centre's hall manager (13800000007, 马晓慧)
// opens 人员管理 from 管理后台, invites a clerk by a phone with no account yet (checked as typed,
// told first what will happen, then that an account was made), and revokes them after a
// confirmation that says their sessions end at once; 操作记录 then shows both changes, newest first,
// with who made them and before → after. The admin (13800000006) chooses a CSV file with a header
// for 2027 (Playwright setInputFiles on the page's file input), sees it checked like a paste,
// imports it, and finds the import in 操作记录. Every page is measured against DESIGN.md §4 with axe
// on a phone (normal and 长辈版) and on a desktop (1280 px), and photographed.
import type { Page } from 'playwright-core';
import { OFFICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { ADMIN_BUTTON, ADMIN_PHONE, DESKTOP, MANAGER_BUTTON, MANAGER_PHONE, openFresh, PHONE } from '../support/console';
import { checkDesktopPage as checkDesktop, checkPage, current } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
/** A phone with no account in the seeds: inviting makes one. */
const NEW_CLERK = '13900001234';
const NEW_CLERK_MASKED = '139****1234';


/** 2027 as a spreadsheet saves it: a byte-order mark, a header, CRLF, a quoted line. */
const CSV_2027 = '\uFEFFdate,kind,name\r\n2027-01-01,HOLIDAY,元旦\r\n2027-02-06,HOLIDAY,春节\r\n"2027-02-07","HOLIDAY","春节"\r\n2027-02-14,WORKDAY,春节\r\n';

describe('H5 in Chromium: 人员管理 and 操作记录 — a hall manager invites and revokes a clerk; an admin imports a year from a file', () => {
  const app = useAppSuite();
  const { checks } = app;
  const problems = checks.problems;
  let page: Page;

  const open = (p: Page, path: string, ready: string) => openFresh(p, app.bff.origin, path, ready);
  const row = (p: Page, selector: string, text: string) => p.locator(`.palm-page:visible ${selector}`, { hasText: text });

  beforeAll(async () => {
    page = app.page;
    await app.signIn(page, MANAGER_BUTTON);
  });

  it('a hall manager invites a clerk by phone: checked as typed, told what will happen, then that an account was made', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-console').click();
    await current(page, '#admin-staff-link').click();
    // The hall's name comes with the list of halls.
    await row(page, '#admin-staff-scope', '青石县政务服务中心').waitFor();
    await row(page, '#admin-staff-0', '青石县政务服务中心').waitFor();
    await expect(current(page, '#admin-staff').textContent()).resolves.toContain('马晓慧（138****0007）');
    problems.push(...(await checkPage(page, 'admin-staff', 'normal')));

    await current(page, '#admin-invite-phone input').fill('139 0000');
    await expect(current(page, '#admin-invite-phone-problem').textContent()).resolves.toContain('不是11位手机号');
    await current(page, '#admin-invite-phone input').fill(NEW_CLERK);
    await expect(page.locator('.palm-page:visible #admin-invite-phone-problem').count()).resolves.toBe(0);
    await current(page, '#admin-invite-check').click();
    const consequence = (await current(page, '#admin-invite-consequence').textContent()) ?? '';
    expect(consequence).toContain(`将邀请 ${NEW_CLERK_MASKED} 为青石县政务服务中心的窗口人员`);
    expect(consequence).toContain('对方下次登录时生效');
    await current(page, '#admin-invite-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-staff-invite-confirm', 'normal')));
    await current(page, '#admin-invite-confirm-yes').click();
    const done = (await current(page, '#admin-invite-done').textContent()) ?? '';
    expect(done).toContain(`已邀请 ${NEW_CLERK_MASKED} 为青石县政务服务中心的窗口人员`);
    expect(done).toContain('原来没有账号，已新建');
    await row(page, '[data-staff-id]', `未实名（${NEW_CLERK_MASKED}）`).waitFor();
    const listed = await app.api<{ items: Array<{ phoneMasked: string; roles: string[]; officeId: string }> }>(MANAGER_PHONE, '/api/admin/staff');
    expect(listed.items.find((s) => s.phoneMasked === NEW_CLERK_MASKED)).toMatchObject({ roles: ['CITIZEN', 'CLERK'], officeId: OFFICE });
  });

  it('a hall manager revokes the clerk after a confirmation that says their sessions end at once', async () => {
    // The new clerk signs in (with the role now) before being revoked: that session must end.
    const session = await app.call<{ accessToken: string }>(NEW_CLERK, '/api/me');
    expect(session.status).toBe(200);
    const invited = row(page, '[data-staff-id]', `未实名（${NEW_CLERK_MASKED}）`);
    await invited.locator('[id$="-revoke"]').click();
    const consequence = (await invited.locator('[id$="-revoke-consequence"]').textContent()) ?? '';
    expect(consequence).toContain('其所有登录立即失效');
    expect(consequence).toContain('分配给其的窗口立即空出');
    await invited.locator('[id$="-revoke-confirm"]').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-staff-revoke-confirm', 'normal')));
    await invited.locator('[id$="-revoke-confirm-yes"]').click();
    await expect(current(page, '#admin-staff-done').textContent()).resolves.toContain(`已撤销 未实名（${NEW_CLERK_MASKED}） 的工作人员身份，其登录已全部结束`);
    await expect(row(page, '[data-staff-id]', NEW_CLERK_MASKED).count()).resolves.toBe(0);
    const listed = await app.api<{ items: Array<{ phoneMasked: string }> }>(MANAGER_PHONE, '/api/admin/staff');
    expect(listed.items.some((s) => s.phoneMasked === NEW_CLERK_MASKED)).toBe(false);

    await page.setViewportSize(DESKTOP);
    await open(page, '/pages/admin/staff/index', '#admin-staff-0');
    problems.push(...(await checkDesktop(page, 'admin-staff')));
    await page.setViewportSize(PHONE);
  });

  it('操作记录 shows both changes, newest first, with who, the hall and before → after', async () => {
    await open(page, '/pages/admin/home/index', '#admin-audit-link');
    await current(page, '#admin-audit-link').click();
    await row(page, '#admin-audit-1', '所在大厅：（无） → 青石县政务服务中心').waitFor();
    const revoke = (await current(page, '#admin-audit-0').textContent()) ?? '';
    expect(revoke).toContain('撤销工作人员身份');
    expect(revoke).toContain('马晓慧（138****0007）');
    expect(revoke).toContain('大厅：青石县政务服务中心');
    expect(revoke).toContain(`对象：未实名（${NEW_CLERK_MASKED}）`);
    expect(revoke).toContain('身份：市民、窗口人员 → 市民');
    expect(revoke).toContain('所在大厅：青石县政务服务中心 → （无）');
    const invite = (await current(page, '#admin-audit-1').textContent()) ?? '';
    expect(invite).toContain('邀请窗口人员');
    expect(invite).toContain('身份：市民 → 市民、窗口人员');
    expect(invite).toContain('所在大厅：（无） → 青石县政务服务中心');
    expect(invite).toContain('新建了账号');
    // Today on the server's clock (PALM_CLOCK), as the app writes times elsewhere.
    expect(invite).toMatch(/\d+月\d+日 周. \d\d:\d\d · 马晓慧/);
    expect(await page.content()).not.toContain(NEW_CLERK);
    problems.push(...(await checkPage(page, 'admin-audit', 'normal')));

    await page.setViewportSize(DESKTOP);
    await open(page, '/pages/admin/audit/index', '#admin-audit-0');
    problems.push(...(await checkDesktop(page, 'admin-audit')));
    await page.setViewportSize(PHONE);
  });

  it('meets the 长辈版 numbers on 人员管理 and 操作记录', async () => {
    await app.setElderMode(MANAGER_PHONE, true);
    await open(page, '/pages/admin/staff/index', '#admin-staff-0');
    await page.locator('.palm-page.elder:visible').first().waitFor();
    problems.push(...(await checkPage(page, 'admin-staff', 'elder')));
    await current(page, '#admin-invite').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-staff-invite', 'elder')));
    await open(page, '/pages/admin/audit/index', '#admin-audit-0');
    problems.push(...(await checkPage(page, 'admin-audit', 'elder')));
    await app.setElderMode(MANAGER_PHONE, false);
  });

  it('an admin chooses a CSV file for 2027: checked like a paste, imported, and in 操作记录', async () => {
    const admin = await checks.open();
    const desk = admin.context.pages()[0] ?? (await admin.context.newPage());
    await app.signIn(desk, ADMIN_BUTTON);
    await open(desk, '/pages/admin/calendar/index', '#admin-calendar-warning');
    await current(desk, '#admin-calendar-file').setInputFiles({ name: '2027.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_2027, 'utf8') });
    await expect(current(desk, '#admin-calendar-file-read').textContent()).resolves.toContain('已读入“2027.csv”');
    await expect(current(desk, '#admin-calendar-counts').textContent()).resolves.toBe('2027年：放假3天，调休上班1天，没有发现问题');
    await expect(current(desk, '#admin-calendar-preview').textContent()).resolves.toContain('春节：放假2027-02-06 至 2027-02-07（2天）');
    await current(desk, '#admin-calendar-file-read').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(desk, 'admin-calendar-file', 'normal')));
    await current(desk, '#admin-calendar-import-check').click();
    await current(desk, '#admin-calendar-import-confirm-yes').click();
    await expect(current(desk, '#admin-calendar-import-done').textContent()).resolves.toContain('提醒已消除');
    const calendar = await app.api<{ covered: boolean; days: unknown[] }>(ADMIN_PHONE, '/api/admin/calendar?year=2027');
    expect(calendar).toMatchObject({ covered: true });
    expect(calendar.days).toHaveLength(4);

    await desk.setViewportSize(DESKTOP);
    await open(desk, '/pages/admin/audit/index', '#admin-audit-0');
    const imported = (await current(desk, '#admin-audit-0').textContent()) ?? '';
    expect(imported).toContain('导入节假日安排');
    expect(imported).toContain('天数：0 → 4');
    problems.push(...(await checkDesktop(desk, 'admin-audit-admin')));
    await open(desk, '/pages/admin/staff/index', '#admin-staff-0');
    await current(desk, '#admin-staff-filter-toggle').click();
    await desk.locator('.palm-page:visible #admin-staff-filter [role="radio"]', { hasText: '青石县政务服务中心' }).click();
    await row(desk, '#admin-staff-filter-chosen', '正在查看：青石县政务服务中心').waitFor();
    await row(desk, '[data-staff-id]', '马晓慧').waitFor();
    problems.push(...(await checkDesktop(desk, 'admin-staff-admin')));

    // On a phone, an admin's invitation: a role, then the hall or the region code it needs.
    await desk.setViewportSize(PHONE);
    await open(desk, '/pages/admin/staff/index', '#admin-staff-0');
    await current(desk, '#admin-invite-role-SUPERVISOR').click();
    await current(desk, '#admin-invite').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(desk, 'admin-staff-admin-invite', 'normal')));
    await app.setElderMode(ADMIN_PHONE, true);
    await open(desk, '/pages/admin/staff/index', '#admin-staff-0');
    await desk.locator('.palm-page.elder:visible').first().waitFor();
    await current(desk, '#admin-invite-role-MANAGER').click();
    await current(desk, '#admin-invite').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(desk, 'admin-staff-admin-invite', 'elder')));
    await app.setElderMode(ADMIN_PHONE, false);
    await admin.close();
  });
});
