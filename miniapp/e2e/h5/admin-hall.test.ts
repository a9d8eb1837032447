// Issue 17 items 3, 4 and 8 in real Chromium on the built H5 app and a real BFF on PostgreSQL: the
// county centre's hall manager (13800000007, 马晓慧) runs the hall. From 管理后台 she opens 排队设置,
// is told as she types that a number is out of range, and sees each change old → new before saving.
// On 预约号源 she shortens Tuesday's bookable hours for 身份证换领 after a citizen booked Tuesday
// 09:00: the preview says in words how many slots are withdrawn and that the booked one is kept
// (with its date), and after 确认保存 the saved answer says the same numbers. On 窗口管理 she gives
// 赵雪梅's window to a newly invited clerk, after a confirmation that says whom it takes the window
// from. On 大厅设置 a closure of that Tuesday says before saving that 1 booking will be cancelled,
// and the saved closure cancelled exactly 1. Each page is measured against DESIGN.md §4 with axe on
// a phone (normal and 长辈版) and on a desktop (1280 px), and photographed.
import type { Page } from 'playwright-core';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { CITIZEN_PHONE, DESKTOP, MANAGER_BUTTON, MANAGER_PHONE, openFresh, PHONE } from '../support/console';
import { checkDesktopPage as checkDesktop, checkPage, current } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.residentIdRenewal;
const NEW_CLERK_PHONE = '13700000099';
/** Tuesday of the suite's week (PALM_CLOCK: Monday 2026-11-23 09:30). */
const TUESDAY = '2026-11-24';


describe('H5 in Chromium: 管理后台 — a hall manager runs the queue, the slots, the windows and a closure', () => {
  const app = useAppSuite({ slots: true });
  const { checks } = app;
  const problems = checks.problems;
  let page: Page;

  const open = (path: string, ready: string) => openFresh(page, app.bff.origin, path, ready);
  /** The page on a desktop, then in 长辈版 on a phone, measured and photographed (`<name>-desktop`, `<name>-elder`). */
  const desktopAndElder = async (name: string, path: string, ready: string) => {
    await page.setViewportSize(DESKTOP);
    await open(path, ready);
    problems.push(...(await checkDesktop(page, name)));
    await page.setViewportSize(PHONE);
    await app.setElderMode(MANAGER_PHONE, true);
    await open(path, ready);
    await page.locator('.palm-page.elder:visible').first().waitFor();
    problems.push(...(await checkPage(page, name, 'elder')));
    await app.setElderMode(MANAGER_PHONE, false);
  };

  beforeAll(async () => {
    page = app.page;
    const day = await app.api<{ items: Array<{ id: string; startsAt: string; isBookable: boolean }> }>(CITIZEN_PHONE, `/api/offices/${OFFICE}/slots?serviceId=${SERVICE}&date=${TUESDAY}`);
    const nine = day.items.find((item) => item.isBookable && item.startsAt === `${TUESDAY}T01:00:00.000Z`);
    if (!nine) throw new Error(`no bookable 09:00 slot on ${TUESDAY}`);
    await app.api(CITIZEN_PHONE, '/api/appointments', { method: 'POST', body: { slotId: nine.id, serviceId: SERVICE }, isIdempotent: true });
    await app.api(MANAGER_PHONE, '/api/admin/staff', { method: 'POST', body: { phone: NEW_CLERK_PHONE, role: 'CLERK', officeId: OFFICE } });
    await app.signIn(page, MANAGER_BUTTON);
  });

  it('排队设置: checked as typed, each change old → new before saving, then saved', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-console').click();
    await current(page, '#admin-own-queue').click();
    await current(page, '#admin-queue-nearPeopleAhead').waitFor();
    const before = await app.api<{ nearPeopleAhead: number; maxPriorityStreak: number }>(MANAGER_PHONE, `/api/admin/offices/${OFFICE}/queue-settings`);
    problems.push(...(await checkPage(page, 'admin-queue', 'normal')));

    await current(page, '#admin-queue-nearPeopleAhead input').fill('25');
    await expect(current(page, '#admin-queue-nearPeopleAhead-problem').textContent()).resolves.toBe('！须在 1–20 之间，现在是 25');
    await expect(current(page, '#admin-queue-check').getAttribute('aria-disabled')).resolves.toBe('true');
    const ahead = before.nearPeopleAhead === 5 ? 6 : 5;
    await current(page, '#admin-queue-nearPeopleAhead input').fill(String(ahead));
    await current(page, '#admin-queue-capacity-0 input').fill('0');
    await current(page, '#admin-queue-check').click();
    const words = (await current(page, '#admin-queue-consequence').textContent()) ?? '';
    expect(words).toContain(`前面还有几人时提醒：${before.nearPeopleAhead} → ${ahead} 人`);
    expect(words).toContain('→ 0 个（不能远程取号）');
    await current(page, '#admin-queue-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-queue-confirm', 'normal')));
    await current(page, '#admin-queue-confirm-yes').click();
    await expect(current(page, '#admin-queue-done').textContent()).resolves.toContain('排队设置已保存');
    const after = await app.api<{ nearPeopleAhead: number; dailyCapacity: Array<{ dailyTicketCapacity: number }> }>(MANAGER_PHONE, `/api/admin/offices/${OFFICE}/queue-settings`);
    expect(after.nearPeopleAhead).toBe(ahead);
    expect(after.dailyCapacity[0]?.dailyTicketCapacity).toBe(0);

    await desktopAndElder('admin-queue', `/pages/admin/queue/index?id=${OFFICE}`, '#admin-queue-nearPeopleAhead');
  });

  it('预约号源: a shorter Tuesday is previewed in words, the booked slot kept, and the save says the same numbers', async () => {
    await open('/pages/admin/home/index', '#admin-own-slots');
    await current(page, '#admin-own-slots').click();
    const row = page.locator('.palm-page:visible [data-rule-id]', { hasText: '居民身份证换领' }).first();
    await row.waitFor();
    problems.push(...(await checkPage(page, 'admin-slots', 'normal')));
    await row.locator('[id$="-edit"]').click();
    await current(page, '#admin-rule-day-2 input').fill('10:00-09:00');
    await expect(current(page, '#admin-rule-day-2-problem').textContent()).resolves.toBe('！09:00 须晚于 10:00');
    await current(page, '#admin-rule-day-2 input').fill('10:00-17:30');
    // A 调休 working weekend day follows 自动 (the first weekday with hours) until another is chosen.
    await current(page, '#admin-rule-adjusted-0').scrollIntoViewIfNeeded();
    await expect(current(page, '#admin-rule-adjusted-0').getAttribute('aria-checked')).resolves.toBe('true');
    problems.push(...(await checkPage(page, 'admin-slots-adjusted', 'normal')));
    await current(page, '#admin-rule-check').click();
    const preview = (await current(page, '#admin-rule-consequence').textContent()) ?? '';
    expect(preview).toMatch(/^新增 0 个号源、调整 0 个、撤下 \d+ 个未预约号源；已预约的 1 个号源保留不变（日期：2026-11-24），需大厅联系预约人。$/);
    await current(page, '#admin-rule-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-slots-preview', 'normal')));
    await current(page, '#admin-rule-confirm-yes').click();
    const done = (await current(page, '#admin-slots-done').textContent()) ?? '';
    expect(done).toBe(`✓ “居民身份证换领”的预约规则已保存：${preview}`);
    // The list is read again: the rule in words with its new Tuesday.
    await page.locator('.palm-page:visible [data-rule-id]', { hasText: '周二 10:00-17:30' }).waitFor();

    await desktopAndElder('admin-slots', `/pages/admin/slots/index?id=${OFFICE}`, '[data-rule-id]');
    // The form in 长辈版, at its 调休 choice.
    await app.setElderMode(MANAGER_PHONE, true);
    await open(`/pages/admin/slots/index?id=${OFFICE}`, '[data-rule-id]');
    await page.locator('.palm-page.elder:visible [data-rule-id] [id$="-edit"]').first().click();
    await current(page, '#admin-rule-adjusted-1').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-slots-adjusted', 'elder')));
    await app.setElderMode(MANAGER_PHONE, false);
  });

  it('窗口管理: gives 赵雪梅’s window to a newly invited clerk, after saying whom it takes it from', async () => {
    await open(`/pages/admin/office/index?id=${OFFICE}`, '#admin-office-windows');
    await current(page, '#admin-office-windows').click();
    const held = page.locator('.palm-page:visible [data-counter-id]', { hasText: '工作人员：赵雪梅' }).first();
    await held.waitFor();
    const row = current(page, `[data-counter-id="${await held.getAttribute('data-counter-id')}"]`);
    const title = (await row.locator('.admin-row__title').first().textContent()) ?? '';
    const number = title.slice(0, title.indexOf('号'));
    await row.locator('[id$="-edit"]').click();
    await row.locator('[role="radio"]', { hasText: '137****0099' }).click();
    await row.locator('[id$="-save"]').click();
    await expect(row.locator('[id$="-clerk-consequence"]').textContent()).resolves.toBe(`保存后，${number}号窗口从赵雪梅改由137****0099负责；赵雪梅不再分配到这个窗口。`);
    await row.locator('[id$="-clerk-confirm"]').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-windows-clerk', 'normal')));
    await row.locator('[id$="-clerk-confirm-yes"]').click();
    await expect(row.locator('[id$="-done"]').textContent()).resolves.toContain(`${number}号窗口已保存，由137****0099负责`);
    await row.filter({ hasText: '工作人员：137****0099' }).waitFor();
    const counters = await app.api<{ items: Array<{ number: number; clerkId: string | null }> }>(MANAGER_PHONE, `/api/admin/offices/${OFFICE}/counters`);
    const staff = await app.api<{ items: Array<{ id: string; phoneMasked: string }> }>(MANAGER_PHONE, `/api/admin/staff?officeId=${OFFICE}`);
    expect(counters.items.find((c) => c.number === Number(number))?.clerkId).toBe(staff.items.find((s) => s.phoneMasked === '137****0099')?.id);

    await desktopAndElder('admin-windows-clerk', `/pages/admin/windows/index?id=${OFFICE}`, '[data-counter-id]');
  });

  it('大厅设置: a closure says before saving how many bookings it cancels, and cancels that many', async () => {
    await open(`/pages/admin/office/index?id=${OFFICE}`, '#admin-exception-date');
    await current(page, '#admin-exception-date input').fill(TUESDAY);
    await current(page, '#admin-exception-reason input').fill('消防演练');
    await current(page, '#admin-exception-check').click();
    await expect(current(page, '#admin-exception-consequence').textContent()).resolves.toContain('该日已有 1 个预约将被取消，并逐一通知预约人');
    await current(page, '#admin-exception-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'admin-closure-count', 'normal')));
    await current(page, '#admin-exception-confirm-yes').click();
    await expect(current(page, '#admin-exception-done').textContent()).resolves.toContain('取消了该日 1 个预约，并已通知预约人');
    const mine = await app.api<{ items: Array<{ status: string }> }>(CITIZEN_PHONE, '/api/appointments');
    expect(mine.items.filter((a) => a.status === 'BOOKED')).toHaveLength(0);
  });
});
