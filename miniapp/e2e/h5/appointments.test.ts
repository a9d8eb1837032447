// Issue 5 in real Chromium on the built H5 app and a real BFF on PostgreSQL: a citizen books a time
// that starts within 30 minutes, finds it under 我的 → 我的预约 with its code, checks in at the hall
// by typing the hall's code of the day (read from the API as the clerk's screen shows it), sees the
// queue number it became and opens 我的排队号 — an APPOINTMENT-priority ticket. Before check-in an
// admin saves a new version of the service's guide: the booking's detail still lists the materials
// it was booked under and says the guide has changed (normal and 长辈版). The clerk's
// 窗口工作台 shows that code as a QR image (read back pixel by pixel) with the code to type. The
// pages are measured against DESIGN.md §4 in normal mode and in 长辈版, with axe, like every other page.
//
// The BFF's clock starts at PALM_CLOCK, Monday 2026-11-23 09:30 Asia/Shanghai (bff/test/setup-env.ts),
// and runs forward. The county centre's 身份证换领 rule (seeds/data/slot-rules.ts) has 20-minute
// times from 09:00, released a week ahead: the 09:40 one is bookable, starts within 30 minutes and
// is inside its check-in window (09:10–09:55). 公司设立 has half-hour times: the 10:30 one can still
// be changed online (until 10:00) and is not yet open for check-in.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import type { GuideMaterial } from '@palm/shared';
import { COUNTER_IDS, DEMO_PHONES, OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { ARTIFACTS, checkPage, current, type Browser } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.residentIdRenewal;
const LATER_SERVICE = SERVICE_IDS.companyRegistration;
const CITIZEN_PHONE = '13800000001';
const CLERK_PHONE = '13800000004';
const ADMIN_PHONE = DEMO_PHONES.admin;
const COUNTER = COUNTER_IDS.countyCenter1;

interface HallCode {
  officeId: string;
  date: string;
  code: string;
  qr: string;
}

describe('H5 in Chromium: book a time, find it under 我的, check in at the hall, and get the priority number', () => {
  const app = useAppSuite({ slots: true });
  const { checks, api } = app;
  let page: Page;
  let clerkBrowser: Browser | undefined;
  let hall: HallCode;
  let code: string;
  let ticketNumber: string;

  beforeAll(() => {
    page = app.page;
  });

  const slotStarting = (start: string) => current(page, `[role="radio"][aria-label^="${start}到"]`);
  /** One card of a page, photographed on its own (on a screen tall enough for all of it, then the phone's again). */
  const photographCard = async (on: Page, selector: string, file: string) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const phone = on.viewportSize()!;
    const card = current(on, selector);
    await on.setViewportSize({ width: phone.width, height: Math.max(phone.height, Math.ceil((await card.boundingBox())!.height) + 200) });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(ARTIFACTS, file) });
    await on.setViewportSize(phone);
  };
  const photographGuideCard = (mode: string) => photographCard(page, '#appointment-guide', `a9-appointment-guide-card-${mode}.png`);

  it('books a time that starts within 30 minutes and shows its code', async () => {
    await app.signIn(page);
    await page.goto(`${app.bff.origin}/#/pages/book/index?officeId=${OFFICE}&serviceId=${SERVICE}`);
    await slotStarting('09:40').waitFor();
    await expect(current(page, '#book-day-0').getAttribute('aria-checked')).resolves.toBe('true');
    await expect(current(page, '#book-day-0').textContent()).resolves.toContain('今天');
    await expect(slotStarting('09:40').textContent()).resolves.toMatch(/余\d/);
    checks.problems.push(...(await checkPage(page, 'a1-book', 'normal')));

    await slotStarting('09:40').click();
    await current(page, '#book-confirm').waitFor();
    await expect(current(page, '#book-confirm-when').textContent()).resolves.toContain('11月23日 周一 09:40–10:00');
    checks.problems.push(...(await checkPage(page, 'a2-book-confirm', 'normal')));
    await current(page, '#book-confirm').click();
    await current(page, '#booked-code').waitFor();
    code = ((await current(page, '#booked-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    await expect(current(page, '#booked-check-in').textContent()).resolves.toContain('09:10–09:55');
    checks.problems.push(...(await checkPage(page, 'a3-booked', 'normal')));
  });

  it('finds it under 我的 → 我的预约, with its code and status in words', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-appointments').click();
    await current(page, '#appointment-item-0').waitFor();
    const row = (await current(page, '#appointment-item-0').textContent()) ?? '';
    expect(row).toContain(code);
    expect(row).toContain('待签到');
    expect(row).toContain('09:40–10:00');
    checks.problems.push(...(await checkPage(page, 'a4-appointments', 'normal')));
  });

  it('lists in its detail the materials of the guide it was booked under, and says so after an admin saves a new guide', async () => {
    const mine = await api<{ items: Array<{ id: string; code: string; guide: { version: number; materials: GuideMaterial[] } }> }>(CITIZEN_PHONE, '/api/appointments');
    const booked = mine.items.find((a) => a.code === code)!;
    await current(page, '#appointment-item-0').click();
    await current(page, '#appointment-guide').waitFor();
    await expect(current(page, '#appointment-material-0').textContent()).resolves.toContain(booked.guide.materials[0]!.name);
    await expect(page.locator('.palm-page:visible #appointment-guide-changed').count()).resolves.toBe(0);

    // The admin console saves a new version of the guide: the first material renamed.
    const admin = await api<{ version: number; service: { materials: GuideMaterial[] } }>(ADMIN_PHONE, `/api/admin/services/${SERVICE}`);
    const renamed = `${admin.service.materials[0]!.name}（新版指南）`;
    await api(ADMIN_PHONE, `/api/admin/services/${SERVICE}`, {
      method: 'PATCH',
      body: { materials: [{ ...admin.service.materials[0]!, name: renamed }, ...admin.service.materials.slice(1)], expectedVersion: admin.version },
    });
    await page.reload();
    await current(page, '#appointment-guide-changed').waitFor();
    await expect(current(page, '#appointment-guide-changed').textContent()).resolves.toBe('办事指南已更新；您的预约按预约时的指南办理。');
    await expect(current(page, '#appointment-material-0').textContent()).resolves.toContain(booked.guide.materials[0]!.name);
    await expect(current(page, '#appointment-material-0').textContent()).resolves.not.toContain('新版指南');
    checks.problems.push(...(await checkPage(page, 'a9-appointment-guide', 'normal')));
    await photographGuideCard('normal');

    await page.goto(`${app.bff.origin}/#/pages/appointments/index`);
    await current(page, '#appointment-item-0').waitFor();
  });

  it('checks in by typing the hall’s code, shows the queue number, and 我的排队号 shows the same number', async () => {
    hall = await api<HallCode>(CLERK_PHONE, `/api/offices/${OFFICE}/check-in-code`);
    expect(hall).toMatchObject({ officeId: OFFICE, date: '2026-11-23', qr: `palm-checkin:${OFFICE}:2026-11-23:${hall.code}` });

    await current(page, '#appointment-item-0').click();
    await current(page, '#checkin-code').waitFor();
    await expect(current(page, '#appointment-code').textContent()).resolves.toContain(code);
    await expect(current(page, '#checkin-window-desk').textContent()).resolves.toContain('也可以到窗口出示预约码');
    checks.problems.push(...(await checkPage(page, 'a5-appointment', 'normal')));

    await current(page, '#checkin-code input').fill(hall.code);
    await current(page, '#checkin-submit').click();
    await current(page, '#checkin-ticket-number').waitFor();
    ticketNumber = ((await current(page, '#checkin-ticket-number').textContent()) ?? '').trim();
    expect(ticketNumber).toMatch(/^[A-Z]\d{3}$/);
    await expect(current(page, '#appointment-status').textContent()).resolves.toContain('已签到');
    checks.problems.push(...(await checkPage(page, 'a6-checked-in', 'normal')));

    await current(page, '#checkin-open-ticket').click();
    await current(page, '#ticket-number').waitFor();
    await expect(current(page, '#ticket-number').textContent()).resolves.toContain(ticketNumber);
    const ticketId = new URL(page.url().replace('#/', '')).searchParams.get('id')!;

    const ticket = await api<{ displayNumber: string; priority: string; channel: string; status: string }>(CITIZEN_PHONE, `/api/tickets/${ticketId}`);
    expect(ticket).toMatchObject({ displayNumber: ticketNumber, priority: 'APPOINTMENT', status: 'WAITING' });
    const { items } = await api<{ items: Array<{ code: string; status: string; ticket: { id: string } | null }> }>(CITIZEN_PHONE, '/api/appointments');
    expect(items.find((a) => a.code === code)).toMatchObject({ status: 'CHECKED_IN', ticket: { id: ticketId } });
  });

  /** The QR on the clerk's page as the browser decoded the image: dark (1) or light (0) at each module's centre. */
  const qrModulesShown = (clerk: Page, size: number) =>
    current(clerk, '#counter-hall-code-qr img').evaluate((img: HTMLImageElement, modules: number) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      const scale = img.naturalWidth / (modules + 4); // a quiet zone of 2 modules each side
      let bits = '';
      for (let row = 0; row < modules; row += 1) {
        for (let col = 0; col < modules; col += 1) {
          const [r] = context.getImageData(Math.floor((col + 2.5) * scale), Math.floor((row + 2.5) * scale), 1, 1).data;
          bits += r! < 128 ? '1' : '0';
        }
      }
      return bits;
    }, size);

  /** The hall code's card on the clerk's page, photographed on its own. */
  const photographHallCode = (clerk: Page, mode: string) => photographCard(clerk, '#counter-hall-code', `a8-counter-hall-code-${mode}.png`);

  it('shows the clerk on 窗口工作台 today’s hall code as a QR of what the citizen scans, and the code to type', async () => {
    clerkBrowser = await checks.open();
    const clerk = clerkBrowser.context.pages()[0] ?? (await clerkBrowser.context.newPage());
    await app.signIn(clerk, '#dev-login-2');
    await clerk.goto(`${app.bff.origin}/#/pages/counter/index?officeId=${OFFICE}&counterId=${COUNTER}`);
    await current(clerk, '#counter-hall-code-qr img').waitFor();
    await clerk.waitForFunction(() => ((document.querySelector('.palm-page #counter-hall-code-qr img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await expect(current(clerk, '#counter-hall-code-value').textContent()).resolves.toBe(hall.code.replace(/(.{4})/, '$1 '));
    await expect(current(clerk, '#counter-hall-code-date').textContent()).resolves.toContain('仅11月23日当天有效');
    const expected = QRCode.create(hall.qr, { errorCorrectionLevel: 'M' }).modules;
    expect(await qrModulesShown(clerk, expected.size)).toBe(Array.from(expected.data, (dark) => (dark ? '1' : '0')).join(''));
    // Shown whole and large enough to scan across the desk: ≥ 200 CSS px on this 390-px phone.
    const frame = (await current(clerk, '#counter-hall-code-qr').boundingBox())!;
    const shown = (await current(clerk, '#counter-hall-code-qr img').boundingBox())!;
    expect(frame.width).toBeGreaterThanOrEqual(200);
    expect([shown.x, shown.y, shown.width, shown.height].map(Math.round)).toEqual([frame.x, frame.y, frame.width, frame.width].map(Math.round));
    checks.problems.push(...(await checkPage(clerk, 'a8-counter', 'normal')));
    await photographHallCode(clerk, 'normal');
  });

  it('meets the 长辈版 numbers on the booking pages', async () => {
    await api(CITIZEN_PHONE, '/api/me/preferences', { method: 'POST', body: { elderMode: true } });
    await page.goto(`${app.bff.origin}/#/pages/book/index?officeId=${OFFICE}&serviceId=${LATER_SERVICE}`);
    await page.reload();
    await slotStarting('10:30').waitFor();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    checks.problems.push(...(await checkPage(page, 'a1-book', 'elder')));
    await slotStarting('10:30').click();
    await current(page, '#book-confirm').waitFor();
    checks.problems.push(...(await checkPage(page, 'a2-book-confirm', 'elder')));
    await current(page, '#book-confirm').click();
    await current(page, '#booked-code').waitFor();
    checks.problems.push(...(await checkPage(page, 'a3-booked', 'elder')));

    await current(page, '#booked-mine').click();
    await current(page, '#appointment-item-1').waitFor();
    checks.problems.push(...(await checkPage(page, 'a4-appointments', 'elder')));
    await current(page, '#appointment-item-1').click();
    await current(page, '#appointment-reschedule').waitFor();
    await expect(current(page, '#checkin-not-open').textContent()).resolves.toContain('现在不在签到时间内');
    checks.problems.push(...(await checkPage(page, 'a5-appointment', 'elder')));
    await current(page, '#appointment-reschedule').click();
    await current(page, '#reschedule-day-0').waitFor();
    checks.problems.push(...(await checkPage(page, 'a7-reschedule', 'elder')));

    // The checked-in one, as the elderly see it at the hall: the number large, the way to it.
    await page.goto(`${app.bff.origin}/#/pages/appointments/index`);
    await current(page, '#appointment-item-0').click();
    await current(page, '#checkin-ticket-number').waitFor();
    await expect(current(page, '#checkin-ticket-number').textContent()).resolves.toContain(ticketNumber);
    checks.problems.push(...(await checkPage(page, 'a6-checked-in', 'elder')));
    // Still the guide it was booked under, the change said in 长辈版 sizes.
    await current(page, '#appointment-guide-changed').waitFor();
    await photographGuideCard('elder');

    // The clerk's screen in 长辈版: the same QR, larger.
    await api(CLERK_PHONE, '/api/me/preferences', { method: 'POST', body: { elderMode: true } });
    const clerk = clerkBrowser!.context.pages()[0]!;
    const normalWidth = (await current(clerk, '#counter-hall-code-qr').boundingBox())!.width;
    await clerk.reload();
    await clerk.locator('.palm-page.elder:visible').first().waitFor();
    await current(clerk, '#counter-hall-code-qr img').waitFor();
    expect((await current(clerk, '#counter-hall-code-qr').boundingBox())!.width).toBeGreaterThan(normalWidth);
    checks.problems.push(...(await checkPage(clerk, 'a8-counter', 'elder')));
    await photographHallCode(clerk, 'elder');
  });
});
