// Issue 17 items 5 and 8 in real Chromium on the built H5 app and a real BFF on PostgreSQL: an admin
// edits a service's guide. A citizen has booked 居民身份证换领 at the county centre beforehand. The
// admin (13800000006) opens 管理后台 → 事项指南 from 我的, finds the service by a word citizens
// type, adds a material (结婚证, 非必须, 可用电子结婚证替代) and a search synonym (身份证坏了), is
// told each change in words and what saving does (第 2 版; the citizen's booking keeps 第 1 版),
// saves, and sees version 2 in 版本记录; the public guide and the search then show the change.
// Someone else's save meanwhile is refused and the page offers to read the guide again. The pages
// are measured against DESIGN.md §4 with axe on a phone (normal and 长辈版) and on a desktop
// (1280 px), and photographed (test-artifacts/e2e/admin-guide-*.png).
import type { Page } from 'playwright-core';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { ADMIN_BUTTON, ADMIN_PHONE, CITIZEN_PHONE, DESKTOP, openFresh, PHONE } from '../support/console';
import { checkDesktopPage as checkDesktop, checkPage, current } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.residentIdRenewal;
/** Wednesday of the suite's week (PALM_CLOCK: Monday 2026-11-23 09:30). */
const BOOKED_DAY = '2026-11-25';
const SYNONYM = '身份证坏了';


interface Guide {
  service: { aliases: string[]; materials: Array<{ name: string; licenceType: string | null }> };
  version: number;
  activeBookings: number;
}

describe('H5 in Chromium: 事项指南 — an admin edits a guide, and bookings keep their version', () => {
  const app = useAppSuite({ slots: true });
  const { checks } = app;
  const problems = checks.problems;
  let page: Page;

  const open = (path: string, ready: string) => openFresh(page, app.bff.origin, path, ready);
  const guidePath = `/pages/admin/service/index?id=${SERVICE}`;

  beforeAll(async () => {
    page = app.page;
    const day = await app.api<{ items: Array<{ id: string; isBookable: boolean }> }>(CITIZEN_PHONE, `/api/offices/${OFFICE}/slots?serviceId=${SERVICE}&date=${BOOKED_DAY}`);
    const slot = day.items.find((item) => item.isBookable);
    if (!slot) throw new Error(`no bookable slot on ${BOOKED_DAY}`);
    await app.api(CITIZEN_PHONE, '/api/appointments', { method: 'POST', body: { slotId: slot.id, serviceId: SERVICE }, isIdempotent: true });
    await app.signIn(page, ADMIN_BUTTON);
  });

  it('finds the service from 管理后台 by a word citizens type', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-console').click();
    await current(page, '#admin-guides').click();
    await current(page, '#admin-service-0').waitFor();
    await current(page, '#admin-services-search input').fill('换身份证');
    await current(page, '#admin-services-search-submit').click();
    await page.locator('.palm-page:visible [id^="admin-service-"]', { hasText: '居民身份证换领' }).waitFor();
    problems.push(...(await checkPage(page, 'admin-guide-list', 'normal')));
    await page.locator('.palm-page:visible [id^="admin-service-"]', { hasText: '居民身份证换领' }).click();
    await current(page, '#admin-guide-name').waitFor();
    await expect(current(page, '#admin-guide-name').textContent()).resolves.toBe('居民身份证换领');
    await expect(current(page, '#admin-guide-version').textContent()).resolves.toContain('当前第 1 版');
    problems.push(...(await checkPage(page, 'admin-guide-edit', 'normal')));
  });

  it('adds a material with its e-licence substitute and a synonym, is told what saving does, and saves version 2', async () => {
    // Checked as typed: a promised limit beyond the legal one is named, and saving waits.
    await current(page, '#admin-guide-promised-days input').fill('90');
    await expect(current(page, '#admin-guide-promised-days-problem').textContent()).resolves.toBe('！承诺时限不能长于法定时限（60个工作日）');
    await expect(current(page, '#admin-guide-check').getAttribute('aria-disabled')).resolves.toBe('true');
    await current(page, '#admin-guide-promised-days input').fill('20');

    await current(page, '#admin-guide-material-add').click();
    await current(page, '#admin-guide-material-3-name input').fill('结婚证');
    await current(page, '#admin-guide-material-3-required-no').click();
    await current(page, '#admin-guide-material-3-licence-MARRIAGE_CERTIFICATE').click();
    await current(page, '#admin-guide-material-3-note input').fill('姓名变更时提供');
    await expect(current(page, '#admin-guide-material-3').textContent()).resolves.toContain('非必须，原件1份，可用电子结婚证替代，姓名变更时提供');
    await current(page, '#admin-guide-material-3').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-guide-material', 'normal')));

    await current(page, '#admin-guide-alias-new input').fill('换证');
    await expect(current(page, '#admin-guide-alias-problem').textContent()).resolves.toBe('！“换证”已经有了');
    await current(page, '#admin-guide-alias-new input').fill(SYNONYM);
    await current(page, '#admin-guide-alias-add').click();
    await expect(current(page, '#admin-guide-aliases').textContent()).resolves.toContain(`${SYNONYM} ✕`);

    await current(page, '#admin-guide-check').click();
    await expect(current(page, '#admin-guide-confirm-changes').textContent()).resolves.toContain('所需材料：新增 结婚证（非必须，原件1份，可用电子结婚证替代，姓名变更时提供）');
    await expect(current(page, '#admin-guide-confirm-changes').textContent()).resolves.toContain(`搜索同义词：新增“${SYNONYM}”`);
    const consequence = (await current(page, '#admin-guide-consequence').textContent()) ?? '';
    expect(consequence).toContain('保存后将生成第 2 版办事指南');
    expect(consequence).toContain('已有的 1 个预约仍按第 1 版（或预约时的版本）办理，新预约按第 2 版');
    await current(page, '#admin-guide-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-guide-confirm', 'normal')));

    await current(page, '#admin-guide-confirm-yes').click();
    await expect(current(page, '#admin-guide-done').textContent()).resolves.toContain('已保存为第 2 版办事指南（上一版为第 1 版）');
    await expect(current(page, '#admin-guide-version').textContent()).resolves.toContain('当前第 2 版');
    await current(page, '#admin-guide-version-2').waitFor();
    await expect(current(page, '#admin-guide-version-2').textContent()).resolves.toContain('改了 所需材料、搜索同义词');
    await current(page, '#admin-guide-version-2').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-guide-saved', 'normal')));

    // What citizens read now: the material with its e-licence, and the search by the new word.
    const guide = await app.api<{ materials: Array<{ name: string; required: boolean; licenceType: string | null }> }>(CITIZEN_PHONE, `/api/services/${SERVICE}`);
    expect(guide.materials.find((m) => m.name === '结婚证')).toMatchObject({ required: false, licenceType: 'MARRIAGE_CERTIFICATE' });
    const found = await app.api<{ items: Array<{ id: string }> }>(CITIZEN_PHONE, `/api/services?q=${encodeURIComponent(SYNONYM)}`);
    expect(found.items.map((s) => s.id)).toContain(SERVICE);
    const admin = await app.api<Guide>(ADMIN_PHONE, `/api/admin/services/${SERVICE}`);
    expect(admin).toMatchObject({ version: 2, activeBookings: 1 });
  });

  it('says someone else saved meanwhile, and reads the guide again', async () => {
    await open(guidePath, '#admin-guide-name');
    const before = await app.api<Guide>(ADMIN_PHONE, `/api/admin/services/${SERVICE}`);
    // Another admin saves version 3 while this page still shows version 2.
    await app.api(ADMIN_PHONE, `/api/admin/services/${SERVICE}`, { method: 'PATCH', body: { aliases: [...before.service.aliases, '身份证换新'], expectedVersion: before.version } });
    checks.expectConsoleError(/status of 409/);
    await current(page, '#admin-guide-legal-days input').fill('50');
    await current(page, '#admin-guide-check').click();
    await current(page, '#admin-guide-confirm-yes').click();
    await current(page, '#admin-guide-conflict').waitFor();
    await expect(current(page, '#admin-guide-conflict').textContent()).resolves.toContain('其他管理员保存了这项指南的新版本');
    problems.push(...(await checkPage(page, 'admin-guide-conflict', 'normal')));
    await current(page, '#admin-guide-reread').click();
    await current(page, '#admin-guide-version-3').waitFor();
    await expect(current(page, '#admin-guide-version').textContent()).resolves.toContain('当前第 3 版');
    await expect(current(page, '#admin-guide-legal-days input').inputValue()).resolves.toBe('60');
  });

  it('on a desktop the form sits beside the list, and 长辈版 meets the §4 numbers', async () => {
    await page.setViewportSize(DESKTOP);
    await open('/pages/admin/services/index', '#admin-service-0');
    problems.push(...(await checkDesktop(page, 'admin-guide-list')));
    await open(guidePath, '#admin-guide-version-2');
    const [left, right] = await Promise.all([current(page, '#admin-guide-texts').boundingBox(), current(page, '#admin-guide-limits').boundingBox()]);
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    // Photographed with the two columns in view: the texts and limits, then the save and the history.
    await current(page, '#admin-guide-texts').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    problems.push(...(await checkDesktop(page, 'admin-guide-edit')));
    await current(page, '#admin-guide-save').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    problems.push(...(await checkDesktop(page, 'admin-guide-save')));
    await page.setViewportSize(PHONE);

    await app.setElderMode(ADMIN_PHONE, true);
    await open('/pages/admin/services/index', '#admin-service-0');
    await page.locator('.palm-page.elder:visible').first().waitFor();
    problems.push(...(await checkPage(page, 'admin-guide-list', 'elder')));
    await open(guidePath, '#admin-guide-name');
    await page.locator('.palm-page.elder:visible').first().waitFor();
    problems.push(...(await checkPage(page, 'admin-guide-edit', 'elder')));
    await current(page, '#admin-guide-material-0-edit').click();
    await current(page, '#admin-guide-material-0').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-guide-material', 'elder')));
    await current(page, '#admin-guide-versions').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-guide-versions', 'elder')));
    // An earlier version opened under its row: what it said, read-only (the bookings made under it follow it).
    await current(page, '#admin-guide-version-1-view').click();
    await current(page, '#admin-guide-earlier-materials').waitFor();
    await current(page, '#admin-guide-earlier').evaluate((view) => view.scrollIntoView({ block: 'start' }));
    problems.push(...(await checkPage(page, 'admin-guide-earlier', 'elder')));
    await app.setElderMode(ADMIN_PHONE, false);
    await open(guidePath, '#admin-guide-version-1-view');
    await current(page, '#admin-guide-version-1-view').click();
    await expect(current(page, '#admin-guide-earlier').textContent()).resolves.toContain('第 1 版办事指南（只读）');
    await current(page, '#admin-guide-earlier').evaluate((view) => view.scrollIntoView({ block: 'start' }));
    problems.push(...(await checkPage(page, 'admin-guide-earlier', 'normal')));
  });
});
