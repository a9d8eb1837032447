// A service guide leads to action, in real Chromium on the built H5 app and a real BFF: 社会保障卡申领
// and 身份证换领 opened by a shared link, in normal mode and 长辈版 at 390×844. The guide ends in one
// bar that is on screen without scrolling (sticky) and covers nothing at the end; its buttons are
// the service's channels as the catalogue says (describeHandling over the guide the BFF returns),
// one of them the main action; 取号 / 预约 / 去哪办 each land on the right page and 在线办 explains
// the online channel in the page; the fee is a range where it depends on the case; three halls
// and one link to all of them. Every page with the §4 numbers, axe, a screenshot
// (test-artifacts/e2e/guide-*-{normal,elder}.png) and no console error.
import type { Page } from 'playwright-core';
import { describeHandling, formatFee, HANDLING_ACTION_LABELS, handlingFactsOf } from '@palm/shared';
import type { ServiceGuide } from '@palm/shared/server';
import { SERVICE_IDS, SERVICES } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { checkPage, current, screenshot, settle, type Mode } from '../support/browser';

const CITIZEN_PHONE = '13800000001';
const VIEWPORT_HEIGHT = 844;

const GUIDES = [
  { slug: 'social-security-card', id: SERVICE_IDS.socialSecurityCardApply, bar: ['取号', '在线办', '去哪办'], fee: '免费' },
  { slug: 'id-renewal', id: SERVICE_IDS.residentIdRenewal, bar: ['取号', '预约', '去哪办'], fee: '20–40 元' },
] as const;

describe('H5 in Chromium: a service guide ends in one action bar that matches its channels', () => {
  const app = useAppSuite();
  const { checks } = app;
  const { problems } = checks;
  let page: Page;

  beforeAll(() => {
    page = app.page;
  });

  /** The guide as the page reads it (no position: the page's stand-in is the county centre, whose order is the server's). */
  async function guideOf(id: string): Promise<ServiceGuide> {
    return (await (await fetch(`${app.bff.origin}/api/services/${id}?lat=27.8135&lng=115.1208`)).json()) as ServiceGuide;
  }

  /** A shared link: a fresh load of the page's address, so it is the only page in the app. */
  async function openLink(path: string, ready: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${app.bff.origin}/#${path}`);
    await current(page, ready).waitFor();
    await settle(page);
  }

  async function back(): Promise<void> {
    await page.goBack();
    await settle(page);
    await current(page, '#service-actions').waitFor();
  }

  const bar = () => current(page, '#service-actions');
  const ID_OF: Record<string, string> = { 取号: 'ticket', 预约: 'book', 在线办: 'online', 去哪办: 'where' };
  const action = (label: string) => current(page, `#service-action-${ID_OF[label]}`);

  /** The bar's place on screen and in the page, measured in the browser. */
  async function barLayout() {
    return bar().evaluate((el) => {
      const box = el.getBoundingClientRect();
      const scroller = el.closest('.taro_page') as HTMLElement;
      const lastCard = el.previousElementSibling!.getBoundingClientRect();
      return {
        position: getComputedStyle(el).position,
        top: box.top,
        bottom: box.bottom,
        lastCardBottom: lastCard.bottom,
        scrollTop: scroller.scrollTop,
        isScrollable: scroller.scrollHeight > scroller.clientHeight,
        labels: [...el.querySelectorAll('.guide-bar__button')].map((b) => (b.textContent ?? '').trim()),
        primary: [...el.querySelectorAll('.palm-button--primary')].map((b) => (b.textContent ?? '').trim()),
      };
    });
  }

  async function scrollGuide(to: 'top' | 'end'): Promise<void> {
    await bar().evaluate((el, where) => {
      const scroller = el.closest('.taro_page') as HTMLElement;
      scroller.scrollTop = where === 'top' ? 0 : scroller.scrollHeight;
    }, to);
    await page.waitForTimeout(100);
  }

  async function checkGuide(spec: (typeof GUIDES)[number], mode: Mode): Promise<void> {
    const guide = await guideOf(spec.id);
    const seed = SERVICES.find((s) => s.id === spec.id)!;
    await openLink(`/pages/service/index?id=${spec.id}`, '#service-actions');
    await expect(current(page, '#service-name').textContent()).resolves.toBe(seed.name);

    // On screen at first view, sticky, and exactly the channels the catalogue gives, one of them main.
    const handling = describeHandling(handlingFactsOf(guide));
    const first = await barLayout();
    expect(first).toMatchObject({ position: 'sticky', scrollTop: 0, isScrollable: true, labels: [...spec.bar], primary: [spec.bar[0]] });
    expect(first.labels).toEqual(handling.actions.map((a) => HANDLING_ACTION_LABELS[a]));
    expect(first.top).toBeGreaterThan(VIEWPORT_HEIGHT / 2);
    expect(first.bottom).toBeLessThanOrEqual(VIEWPORT_HEIGHT + 0.5);

    // The fee as the catalogue gives it (a range for 身份证换领), 办理方式 in the same words as the bar.
    await expect(current(page, '#service-fee').textContent()).resolves.toContain(spec.fee);
    expect(formatFee(seed.feeFen, seed.feeMaxFen)).toBe(spec.fee);
    const ways = (await current(page, '#service-ways').textContent()) ?? '';
    for (const words of [handling.ways, handling.atHall, handling.byWhom]) expect(ways).toContain(words);

    // Three halls, then one link to all of them.
    await expect(page.locator('.palm-page:visible [id^="guide-office-"]').count()).resolves.toBe(3);
    await expect(current(page, '#service-all-offices').textContent()).resolves.toContain(`查看全部 ${guide.offices.length} 个大厅`);
    for (const [index, office] of guide.offices.slice(0, 3).entries()) {
      await expect(current(page, `#guide-office-${index}`).textContent()).resolves.toContain(office.name);
    }
    problems.push(...(await checkPage(page, `guide-${spec.slug}`, mode)));

    // At the end the bar rests below the last card: nothing is left beneath it.
    await scrollGuide('end');
    const end = await barLayout();
    expect(end.scrollTop).toBeGreaterThan(0);
    expect(end.bottom).toBeLessThanOrEqual(VIEWPORT_HEIGHT + 0.5);
    expect(end.lastCardBottom).toBeLessThanOrEqual(end.top + 0.5);
    await screenshot(page, `guide-${spec.slug}-end-${mode}`);
    await scrollGuide('top');
  }

  /** 取号 opens 取号 at the nearest hall that gives out numbers, the service chosen. */
  async function tapTicket(spec: (typeof GUIDES)[number], mode: Mode): Promise<void> {
    const guide = await guideOf(spec.id);
    const hall = guide.offices.find((o) => o.takesTickets)!;
    await action('取号').click();
    await current(page, '#take-service-name').waitFor();
    await settle(page);
    expect(new URL(page.url()).hash).toContain('/pages/take-ticket/index');
    await expect(current(page, '#take-office-name').textContent()).resolves.toContain(hall.name);
    await expect(current(page, '#take-service-name').textContent()).resolves.toBe(guide.name);
    problems.push(...(await checkPage(page, `guide-${spec.slug}-ticket`, mode)));
    await back();
  }

  /** 去哪办 opens the halls offering the service, all of them. */
  async function tapWhere(spec: (typeof GUIDES)[number], mode: Mode): Promise<void> {
    const guide = await guideOf(spec.id);
    await action('去哪办').click();
    await current(page, '#office-0').waitFor();
    await settle(page);
    await expect(current(page, '.palm-page__title').textContent()).resolves.toBe('可办理的大厅');
    await expect(page.locator('.palm-page:visible [id^="office-"][role="button"]').count()).resolves.toBe(guide.offices.length);
    problems.push(...(await checkPage(page, `guide-${spec.slug}-where`, mode)));
    await back();
  }

  async function walk(mode: Mode): Promise<void> {
    const [card, renewal] = GUIDES;

    await checkGuide(card, mode);
    // 在线办: the online channel explained in the page; Palm takes no online application.
    await action('在线办').click();
    await current(page, '#service-online').waitFor();
    await expect(action('在线办').getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(current(page, '#service-online').textContent()).resolves.toContain('搜索“社会保障卡申领”');
    expect((await barLayout()).bottom).toBeLessThanOrEqual(VIEWPORT_HEIGHT + 0.5);
    problems.push(...(await checkPage(page, `guide-${card.slug}-online`, mode)));
    await current(page, '#service-online-close').click();
    await expect(current(page, '#service-online').count()).resolves.toBe(0);
    await tapTicket(card, mode);
    await tapWhere(card, mode);

    await checkGuide(renewal, mode);
    await tapTicket(renewal, mode);
    // 预约: several halls take bookings for it, so the booking page offers exactly those.
    const bookable = (await guideOf(renewal.id)).offices.filter((o) => o.hasOnlineBooking);
    expect(bookable.length).toBeGreaterThan(1);
    await action('预约').click();
    await current(page, '#book-office-option-0').waitFor();
    await settle(page);
    expect(new URL(page.url()).hash).toContain('/pages/book/index');
    await expect(page.locator('.palm-page:visible [id^="book-office-option-"]').count()).resolves.toBe(bookable.length);
    problems.push(...(await checkPage(page, `guide-${renewal.slug}-book`, mode)));
    await back();
    await tapWhere(renewal, mode);
  }

  it('leads to action from 社会保障卡申领 and 身份证换领 (normal mode)', async () => {
    await walk('normal');
  });

  it('does all of it in 长辈版', async () => {
    await openLink('/pages/login/index', '#dev-login-0');
    await current(page, '#dev-login-0').click();
    await settle(page);
    await app.setElderMode(CITIZEN_PHONE, true);
    await openLink(`/pages/service/index?id=${GUIDES[0].id}`, '#service-actions');
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await walk('elder');
  });
});
