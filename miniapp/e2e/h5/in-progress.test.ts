// 办理中 in real Chromium on the built H5 app and a real BFF on PostgreSQL: a citizen takes a number
// and books a time, and 首页 then shows both first — the number with the people ahead and its hall,
// the booking with its time and hall — each one tap from its page; 我的 shows the same card on top.
// Every page is measured against DESIGN.md §4 in normal mode and in 长辈版, with axe.
//
// The BFF's clock starts at PALM_CLOCK, Monday 2026-11-23 09:30 Asia/Shanghai (bff/test/setup-env.ts).
// 公司设立 at the county centre has half-hour times (seeds/data/slot-rules.ts): 10:30 is bookable.
import type { Page } from 'playwright-core';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { checkPage, current, openFresh, scrollSettled, settle } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const OFFICE_NAME = '青石县政务服务中心';
const TICKET_SERVICE = SERVICE_IDS.socialSecurityCardApply;
const BOOKING_SERVICE = SERVICE_IDS.companyRegistration;

describe('H5 in Chromium: after taking a number and booking a time, 首页 and 我的 show both under 办理中', () => {
  const app = useAppSuite({ slots: true });
  const { checks } = app;
  let page: Page;
  let ticketNumber: string;

  beforeAll(() => {
    page = app.page;
  });

  it('shows no 办理中 card before anything is taken or booked', async () => {
    await app.signIn(page);
    await page.goto(`${app.bff.origin}/#/pages/index/index`);
    await current(page, '#home-search').waitFor();
    await settle(page);
    expect(await current(page, '#home-in-progress').count()).toBe(0);
  });

  it('takes a number and books a time', async () => {
    // Each page afresh: a hash change alone can reach Taro's router mid-transition (openFresh).
    await openFresh(page, app.bff.origin, `/pages/take-ticket/index?officeId=${OFFICE}&serviceId=${TICKET_SERVICE}`, '#take-confirm');
    await current(page, '#take-confirm').click();
    await current(page, '#ticket-number').waitFor();
    ticketNumber = ((await current(page, '#ticket-number').textContent()) ?? '').trim();
    expect(ticketNumber).toMatch(/^[A-Z]\d{3}$/);

    await openFresh(page, app.bff.origin, `/pages/book/index?officeId=${OFFICE}&serviceId=${BOOKING_SERVICE}`, '[role="radio"][aria-label^="10:30到"]');
    await current(page, '[role="radio"][aria-label^="10:30到"]').click();
    // The page scrolls the confirm panel into view: tap once it has stopped.
    await current(page, '#book-confirm').waitFor();
    await scrollSettled(page);
    await current(page, '#book-confirm').click();
    await current(page, '#booked-code').waitFor();
  });

  async function expectCard(prefix: string): Promise<void> {
    await current(page, `#${prefix}-in-progress-ticket-0`).waitFor();
    const ticketRow = (await current(page, `#${prefix}-in-progress-ticket-0`).textContent()) ?? '';
    expect(ticketRow).toContain(ticketNumber);
    expect(ticketRow).toContain('排队中');
    expect(ticketRow).toMatch(/前面还有 \d+ 人/);
    expect(ticketRow).toContain(OFFICE_NAME);
    const bookingRow = (await current(page, `#${prefix}-in-progress-appointment-0`).textContent()) ?? '';
    expect(bookingRow).toContain('11月23日 周一 10:30–11:00');
    expect(bookingRow).toContain(OFFICE_NAME);
  }

  it('shows the number and the booking first on 首页, each one tap from its page', async () => {
    await page.goto(`${app.bff.origin}/#/pages/index/index`);
    await expectCard('home');
    // The first card on the page (once the transition from the booking has finished).
    await settle(page);
    expect(await current(page, '.palm-card').first().getAttribute('id')).toBe('home-in-progress');
    checks.problems.push(...(await checkPage(page, 'p1-home-in-progress', 'normal')));

    await current(page, '#home-in-progress-ticket-0').click();
    await current(page, '#ticket-number').waitFor();
    await expect(current(page, '#ticket-number').textContent()).resolves.toContain(ticketNumber);

    // Back to 首页 afresh (a hash change alone leaves Taro's router mid-transition on a loaded machine).
    await page.goto(`${app.bff.origin}/#/pages/index/index`);
    await page.reload();
    await expectCard('home');
    await current(page, '#home-in-progress-appointment-0').click();
    await current(page, '#appointment-code').waitFor();
  });

  it('shows the same card at the top of 我的, and the hall on 我的排队 rows', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await expectCard('me');
    // The first card on the page, once the transition from the booking has finished.
    await settle(page);
    expect(await current(page, '.palm-card').first().getAttribute('id')).toBe('me-in-progress');
    checks.problems.push(...(await checkPage(page, 'p2-me-in-progress', 'normal')));

    await page.goto(`${app.bff.origin}/#/pages/tickets/index`);
    await current(page, '#ticket-item-0').waitFor();
    await expect(current(page, '#ticket-item-0').textContent()).resolves.toContain(OFFICE_NAME);
  });

  it('meets the 长辈版 numbers on 首页 and 我的 with the card', async () => {
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await current(page, '#me-elder-switch').click();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await page.goto(`${app.bff.origin}/#/pages/index/index`);
    await page.reload();
    await expectCard('home');
    checks.problems.push(...(await checkPage(page, 'p1-home-in-progress', 'elder')));
    await page.goto(`${app.bff.origin}/#/pages/me/index`);
    await expectCard('me');
    checks.problems.push(...(await checkPage(page, 'p2-me-in-progress', 'elder')));
  });

  it('offers 长辈版 to a person over 70 as one control: the offer stands in for the switch until answered', async () => {
    const elderBrowser = await checks.open();
    try {
      const elder = elderBrowser.context.pages()[0] ?? (await elderBrowser.context.newPage());
      await elder.goto(`${app.bff.origin}/#/pages/login/index`);
      // 张桂兰, born 1951 (seeds/data/people.ts).
      await current(elder, '#dev-login-1').click();
      await settle(elder);
      await elder.goto(`${app.bff.origin}/#/pages/index/index`);
      await current(elder, '#home-elder-offer').waitFor();
      expect(await current(elder, '#home-elder-switch').count()).toBe(0);
      checks.problems.push(...(await checkPage(elder, 'p3-home-elder-offer', 'normal')));
      await current(elder, '#home-elder-offer-accept').click();
      await current(elder, '#home-elder-switch').waitFor();
      await expect(current(elder, '#home-elder-switch').getAttribute('aria-checked')).resolves.toBe('true');
      expect(await current(elder, '#home-elder-offer').count()).toBe(0);
    } finally {
      await elderBrowser.close();
    }
  });
});
