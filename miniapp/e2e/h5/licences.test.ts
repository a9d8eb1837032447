// Issue 15 in real Chromium on the built H5 app and a real BFF on PostgreSQL: 陈思远 (13800000001)
// opens 我的 → 我的证照, opens his 居民身份证, reveals the number and sees it masked again 30 s later,
// presents it for a service — the QR is the token drawn in the page and changes after 30 s (the
// page's clock is moved on, not waited for). A clerk (13800000004) in another browser opens 核验亮证
// from 窗口工作台, pastes the token and sees only the purpose's fields; the citizen's 使用记录 shows
// that check without a reload. A window PC's browser keeps the public keys and verifies a token
// with the network off. The pages are measured against DESIGN.md §4 with axe, normal and 长辈版;
// the QR page is photographed in both (test-artifacts/e2e/licence-qr-{normal,elder}.png).
import type { Page } from 'playwright-core';
import { disclosableFields, LICENCE_FIELD_LABELS } from '@palm/shared';
import { COUNTER_IDS, DEMO_LICENCE_IDS, DEMO_USERS, LICENCE_PURPOSES, OFFICE_IDS } from '../../../seeds';
import { qrMatrix, qrPath } from '../../src/features/licences/qr-path';
import { startBff, type RunningBff } from '../support/bff';
import { checkDesktopPage, checkPage, current, settle } from '../support/browser';
import { useBrowserChecks } from '../support/checks';

const CITIZEN = DEMO_USERS.citizen;
const LICENCE = DEMO_LICENCE_IDS['citizen:RESIDENT_ID']!;
const PURPOSE = LICENCE_PURPOSES.find((p) => p.serviceId !== null && p.licenceTypes.includes('RESIDENT_ID'))!;
const OFFICE = OFFICE_IDS.countyCenter;
const COUNTER = COUNTER_IDS.countyCenter1;
const CITIZEN_PHONE = '13800000001';
const MASKED = `${CITIZEN.idNumber.slice(0, 4)}${'*'.repeat(10)}${CITIZEN.idNumber.slice(-4)}`;
const PHONE_WIDTH = 390;

describe('H5 in Chromium: 电子证照 — wallet, reveal, 亮证 with a rotating QR, a clerk’s 核验, 使用记录, the offline verifier', () => {
  const checks = useBrowserChecks();
  const problems = checks.problems;
  let bff: RunningBff;
  let page: Page;
  let clerk: Page;
  /** The tokens the citizen's page was given, in order. */
  const tokens: string[] = [];

  async function api<T>(phone: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const { accessToken } = await bff.t.login({ phone });
    const response = await fetch(`${bff.origin}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${accessToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  const qrDrawn = async () => (await current(page, '#licence-qr path').getAttribute('d')) ?? '';
  const textOf = async (p: Page, selector: string) => (await current(p, selector).textContent()) ?? '';

  /** 亮证 for PURPOSE from the licence page; resolves with the token the page was given. */
  async function present(): Promise<string> {
    await current(page, '#licence-show').click();
    await current(page, '#licence-purposes [role=radio]').first().waitFor();
    await page.locator('#licence-purposes [role=radio]:visible', { hasText: PURPOSE.name }).first().click();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/licences/${LICENCE}/presentations`) && r.request().method() === 'POST');
    await current(page, '#licence-present-start').click();
    const token = ((await (await answer).json()) as { token: string }).token;
    await current(page, '#licence-qr').waitFor();
    return token;
  }

  beforeAll(async () => {
    bff = await startBff();
    page = checks.page;
    // The page's clock runs as usual and is moved on where a test needs 30 s to pass.
    await checks.context.clock.install();
    page.on('response', (r) => {
      if (r.url().endsWith('/presentations') && r.status() === 201) void r.json().then((b: { token: string }) => tokens.push(b.token));
    });
    await page.goto(`${bff.origin}/#/pages/login/index`);
    await current(page, '#dev-login-0').click();
    await settle(page);
  });
  afterAll(async () => {
    await bff?.close();
  });

  it('opens the wallet from 我的: six licences, masked, each status in words', async () => {
    await page.goto(`${bff.origin}/#/pages/me/index`);
    await current(page, '#me-licences').click();
    await current(page, '#licence-5').waitFor();
    const shown = (await page.locator('.licences:visible').textContent()) ?? '';
    for (const words of ['居民身份证', '机动车驾驶证', '社会保障卡', '居民户口簿', '结婚证', '营业执照', '有效']) expect(shown).toContain(words);
    expect(shown).toContain(MASKED);
    expect(shown).not.toContain(CITIZEN.idNumber);
    problems.push(...(await checkPage(page, 'licence-wallet', 'normal')));
  });

  it('reveals the number on request and masks it again 30 s after the answer', async () => {
    await current(page, '#licence-0 [role=button]').click();
    await current(page, '#licence-number').waitFor();
    expect(await textOf(page, '#licence-number')).toBe(MASKED);
    const watermark = await textOf(page, '#licence-watermark');
    expect(watermark).toContain('仅供办理政务服务使用');
    expect(watermark).toContain('陈**');
    // The BFF's clock (PALM_CLOCK, 2026-11-23), not the browser's.
    expect(watermark).toContain('2026-11-23');
    problems.push(...(await checkPage(page, 'licence-detail', 'normal')));

    await current(page, '#licence-reveal').click();
    await page.waitForFunction((full) => document.querySelector('#licence-number:not([hidden])')?.textContent === full, CITIZEN.idNumber);
    await page.clock.fastForward(25_000);
    expect(await textOf(page, '#licence-number')).toBe(CITIZEN.idNumber);
    await page.clock.fastForward(6_000);
    await page.waitForFunction((masked) => [...document.querySelectorAll('#licence-number')].some((e) => e.textContent === masked), MASKED);
    expect(await textOf(page, '#licence-number')).toBe(MASKED);
  });

  it('presents for a service: the QR is the token, drawn in the page, and changes after 30 s', async () => {
    const first = await present();
    expect(await qrDrawn()).toBe(qrPath(qrMatrix(first)));
    expect(await textOf(page, '#licence-qr-countdown')).toMatch(/^(30|29) 秒后自动刷新/);
    expect(await textOf(page, '#licence-qr-watermark')).toContain('仅供办理政务服务使用');
    expect(await textOf(page, '#licence-present-fields')).toContain('住址');
    // At least 60 % of the phone's width... in 长辈版; normally 60 % too.
    const box = (await current(page, '#licence-qr').boundingBox())!;
    expect(box.width / PHONE_WIDTH).toBeGreaterThanOrEqual(0.59);
    await current(page, '#licence-present').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'licence-qr', 'normal')));

    const renewed = page.waitForResponse((r) => r.url().endsWith('/presentations') && r.status() === 201);
    await page.clock.fastForward(30_000);
    const second = ((await (await renewed).json()) as { token: string }).token;
    expect(second).not.toBe(first);
    await page.waitForFunction((d) => document.querySelector('#licence-qr path')?.getAttribute('d') === d, qrPath(qrMatrix(second)));
    expect(await qrDrawn()).not.toBe(qrPath(qrMatrix(first)));
  });

  it('a clerk in another browser pastes the token and sees only the purpose’s fields; the citizen’s 使用记录 shows it without a reload', async () => {
    // The citizen opens 使用记录 (the QR page stops renewing once hidden).
    await current(page, '#licence-uses').click();
    await current(page, '#licence-use-0').waitFor();
    expect(await textOf(page, '#licence-use-0-state')).toContain('等待核验');
    const token = tokens[tokens.length - 1]!;

    const window = await checks.open();
    clerk = window.context.pages()[0] ?? (await window.context.newPage());
    await clerk.goto(`${bff.origin}/#/pages/login/index`);
    await current(clerk, '#dev-login-2').click();
    await settle(clerk);
    await clerk.goto(`${bff.origin}/#/pages/counter/index?officeId=${OFFICE}&counterId=${COUNTER}`);
    await current(clerk, '#counter-licence-verify').click();
    await current(clerk, '#verify-token input').fill(token);
    problems.push(...(await checkPage(clerk, 'licence-verify', 'normal')));
    await current(clerk, '#verify-submit').click();
    await current(clerk, '#verify-result').waitFor();
    const fields = await textOf(clerk, '#verify-fields');
    // Exactly the purpose's fields that a 居民身份证 has, in order, and nothing else.
    const expected = PURPOSE.fields.filter((key) => disclosableFields('RESIDENT_ID').includes(key)).map((key) => LICENCE_FIELD_LABELS[key]);
    expect(await clerk.locator('#verify-fields .verify__label').allTextContents()).toEqual(expected);
    expect(fields).toContain(CITIZEN.name);
    expect(fields).not.toContain(CITIZEN.idNumber);
    expect(await textOf(clerk, '#verify-facts')).toContain('陈**');
    expect(await textOf(clerk, '#verify-licence-status')).toContain('有效');
    problems.push(...(await checkPage(clerk, 'licence-verified', 'normal')));
    // A window PC: the input beside the result, §4's minimums read as CSS px.
    await clerk.setViewportSize({ width: 1280, height: 800 });
    problems.push(...(await checkDesktopPage(clerk, 'licence-verified')));

    // The same token again: refused in words.
    await current(clerk, '#verify-token input').fill(token);
    checks.expectConsoleError(/status of 409/);
    await current(clerk, '#verify-submit').click();
    await current(clerk, '#verify-refusal').waitFor();
    expect(await textOf(clerk, '#verify-refusal')).toContain('已经核验过一次');

    // The citizen's page reads the list again by itself.
    await page.waitForFunction(() => /已核验/.test(document.querySelector('#licence-use-0-state')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const where = await textOf(page, '#licence-use-0-where');
    expect(where).toContain('核验');
    expect(where.length).toBeGreaterThan(8);
    problems.push(...(await checkPage(page, 'licence-uses', 'normal')));
  });

  it('meets the 长辈版 numbers; the QR takes at least 60 % of the screen’s width', async () => {
    await api(CITIZEN_PHONE, '/api/me/preferences', { method: 'PATCH', body: { elderMode: true } });
    await page.goto(`${bff.origin}/#/pages/licence/index?id=${LICENCE}`);
    await page.reload();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await current(page, '#licence-number').waitFor();
    problems.push(...(await checkPage(page, 'licence-detail', 'elder')));
    await present();
    const box = (await current(page, '#licence-qr').boundingBox())!;
    expect(box.width / PHONE_WIDTH).toBeGreaterThanOrEqual(0.6);
    await current(page, '#licence-present').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'licence-qr', 'elder')));
    await current(page, '#licence-present-stop').click();
    await page.goto(`${bff.origin}/#/pages/licences/index`);
    await current(page, '#licence-0').waitFor();
    problems.push(...(await checkPage(page, 'licence-wallet', 'elder')));
    await api(CITIZEN_PHONE, '/api/me/preferences', { method: 'PATCH', body: { elderMode: false } });
  });

  it('verifies a token with the network off once the keys were fetched (a window PC’s browser)', async () => {
    const window = await checks.open();
    const pc = window.context.pages()[0] ?? (await window.context.newPage());
    await pc.goto(`${bff.origin}/#/pages/licence-offline/index`);
    await pc.waitForFunction(() => /已保存 \d 把公钥/.test(document.querySelector('#offline-keys-state')?.textContent ?? ''));
    expect(await textOf(pc, '#offline-cannot')).toContain('必须联网核验');
    problems.push(...(await checkPage(pc, 'licence-offline', 'normal')));

    const { body } = await api<{ token: string }>(CITIZEN_PHONE, `/api/licences/${LICENCE}/presentations`, { method: 'POST', body: { purpose: 'IDENTITY_CHECK' } });
    await window.context.setOffline(true);
    await current(pc, '#offline-token input').fill(body.token);
    await current(pc, '#offline-verify').click();
    await current(pc, '#offline-valid').waitFor();
    expect(await textOf(pc, '#offline-result')).toContain('IDENTITY_CHECK');
    // A changed payload: refused, still offline.
    const [h, p, s] = body.token.split('.');
    const changed = `${h}.${p!.slice(0, -2)}${p!.endsWith('A') ? 'B' : 'A'}${p!.slice(-1)}.${s}`;
    await current(pc, '#offline-token input').fill(changed);
    await current(pc, '#offline-verify').click();
    await current(pc, '#offline-refusal').waitFor();
    expect(await textOf(pc, '#offline-refusal')).toMatch(/签名不对|不是一个完整的亮证码/);
    await window.context.setOffline(false);
  });
});
