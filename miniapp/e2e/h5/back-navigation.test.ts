// A way back from every page on H5 (DESIGN.md §4 Navigation), in real Chromium on the built app and
// a real BFF: a service guide, a ticket and a booking opened by a shared link (a fresh load, so the
// page is alone in Taro's stack) offer 首页 and lead home by the header alone; a page opened from
// 首页 offers 返回. Every console message of type error on any visited page fails the suite
// (useBrowserChecks) — the tab bar's javascript: links under the strict CSP and a missing
// /favicon.ico were two. Normal mode
// and 长辈版, with the §4 numbers, axe and a screenshot of each page with its header.
import type { Page } from 'playwright-core';
import { OFFICE_IDS, SERVICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { checkPage, current, settle, type Mode } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const QUEUE_SERVICE = SERVICE_IDS.socialSecurityCardApply;
const BOOKED_SERVICE = SERVICE_IDS.residentIdRenewal;
const CITIZEN_PHONE = '13800000001';

describe('H5 in Chromium: back or 首页 on every page below the tabs, and a clean console', () => {
  const app = useAppSuite({ slots: true });
  const { checks } = app;
  let page: Page;
  let ticketId: string;
  let appointmentId: string;

  /** The API as the citizen's phone calls it (a take or a booking with its Idempotency-Key). */
  const api = <T>(path: string, init: { method?: string; body?: unknown } = {}) => app.api<T>(CITIZEN_PHONE, path, { ...init, isIdempotent: init.method === 'POST' });

  beforeAll(async () => {
    ticketId = (await api<{ id: string }>('/api/tickets', { method: 'POST', body: { officeId: OFFICE, serviceId: QUEUE_SERVICE } })).id;
    const day = await api<{ items: Array<{ id: string; isBookable: boolean }> }>(`/api/offices/${OFFICE}/slots?serviceId=${BOOKED_SERVICE}`);
    const slot = day.items.find((item) => item.isBookable);
    if (!slot) throw new Error('no bookable slot today');
    appointmentId = (await api<{ id: string }>('/api/appointments', { method: 'POST', body: { slotId: slot.id, serviceId: BOOKED_SERVICE } })).id;
    page = app.page;
  });

  /** A shared link: a fresh load of the page's address, so it is the only page in the app. */
  async function openLink(path: string, ready: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${app.bff.origin}/#${path}`);
    await current(page, ready).waitFor();
    await settle(page);
  }

  const header = () => current(page, '#page-header-action');

  async function expectHome(): Promise<void> {
    await current(page, '#home-search').waitFor();
    await settle(page);
    expect(new URL(page.url()).hash).toMatch(/^#\/pages\/index\/index/);
  }

  async function followLinksHome(mode: Mode): Promise<void> {
    const links = [
      { name: 'b1-service-link', path: `/pages/service/index?id=${QUEUE_SERVICE}`, ready: '#service-name' },
      { name: 'b2-ticket-link', path: `/pages/ticket/index?id=${ticketId}`, ready: '#ticket-number' },
      { name: 'b3-booking-link', path: `/pages/appointments/index?id=${appointmentId}`, ready: '#appointment-code' },
    ];
    for (const link of links) {
      await openLink(link.path, link.ready);
      await expect(header().getAttribute('aria-label')).resolves.toBe('回到首页');
      await expect(header().textContent()).resolves.toContain('首页');
      checks.problems.push(...(await checkPage(page, `${link.name}`, mode)));
      await header().click();
      await expectHome();
    }
  }

  async function backFromAPageOpenedFromHome(mode: Mode): Promise<void> {
    await openLink('/pages/index/index', '#home-service-0');
    expect(await current(page, '#page-header-action').count()).toBe(0);
    await current(page, '#home-service-0').click();
    await current(page, '#service-name').waitFor();
    await settle(page);
    await expect(header().getAttribute('aria-label')).resolves.toBe('返回上一页');
    await expect(header().textContent()).resolves.toContain('返回');
    checks.problems.push(...(await checkPage(page, 'b4-service-opened-from-home', mode)));
    await header().click();
    await expectHome();
  }

  async function tapTabs(): Promise<void> {
    for (const label of ['办事', '我的', '首页']) {
      await page.locator('.weui-tabbar__item', { hasText: label }).click();
      await settle(page);
    }
    await expectHome();
  }

  it('serves a favicon', async () => {
    const response = await fetch(`${app.bff.origin}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/icon/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('signs in on the login page it was linked to', async () => {
    await openLink('/pages/login/index', '#dev-login-0');
    await expect(header().getAttribute('aria-label')).resolves.toBe('回到首页');
    await current(page, '#dev-login-0').click();
    await settle(page);
  });

  it('leads home from a guide, a ticket and a booking opened by a link, by the header alone (normal mode)', async () => {
    await followLinksHome('normal');
  });

  it('leads back to 首页 from a page opened from it (normal mode)', async () => {
    await backFromAPageOpenedFromHome('normal');
  });

  it('switches tabs without a console error (normal mode)', async () => {
    await tapTabs();
  });

  it('does all of it in 长辈版', async () => {
    await api('/api/me/preferences', { method: 'POST', body: { elderMode: true } });
    await openLink('/pages/index/index', '#home-service-0');
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await followLinksHome('elder');
    await backFromAPageOpenedFromHome('elder');
    await tapTabs();
  });
});
