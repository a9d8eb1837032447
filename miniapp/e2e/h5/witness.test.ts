// Issue 14 item 5 in real Chromium on the built H5 app and a real BFF on PostgreSQL: "the clerk
// witnesses a grant for a resident without a phone and the grid worker books for that resident".
// The clerk (13800000004) opens 见证授权 from 窗口工作台, finds 刘福根 (seeded, no phone) by ID
// number — shown masked only — ends his old witnessed grant at his request (an in-page
// confirmation), records a new one for the grid worker with the form's number after checking it on
// an in-page confirmation, and the grid worker (13800000003) books for him at once through the API
// with X-On-Behalf-Of. The page is measured against DESIGN.md §4 with axe in normal mode and in
// 长辈版 on a phone (390×844), and on a window PC (1280×800).
import type { Page } from 'playwright-core';
import { COUNTER_IDS, DEMO_USERS, GRANT_IDS, OFFICE_IDS, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { checkDesktopPage, checkPage, current } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const COUNTER = COUNTER_IDS.countyCenter1;
const SERVICE = SERVICE_IDS.residentIdRenewal;
const CLERK_PHONE = '13800000004';
const GRID_WORKER_PHONE = '13800000003';
const ELDER = DEMO_USERS.noPhoneElder;
const FORM = 'JZ-2026-0001';
/** GRANT_RELATIONS' order: 网格员 is the ninth. */
const GRID_WORKER_RELATION = 8;

describe('H5 in Chromium: 见证授权 — a clerk records a grant for a resident without a phone; the grid worker books for him', () => {
  const app = useAppSuite({ slots: true });
  const { checks, call: api } = app;
  const problems = checks.problems;
  let page: Page;

  const checkDesktop = (name: string) => checkDesktopPage(page, name);

  const find = async () => {
    await current(page, '#witness-id-number input').fill(ELDER.idNumber);
    await current(page, '#witness-find').click();
    await current(page, '#witness-resident').waitFor();
  };
  const fillGrant = async () => {
    await current(page, '#witness-phone input').fill(GRID_WORKER_PHONE);
    await current(page, `#witness-relation-${GRID_WORKER_RELATION}`).click();
    await current(page, '#witness-form-number input').fill(FORM);
    await current(page, '#witness-check').click();
    await current(page, '#witness-confirm').waitFor();
    await current(page, '#witness-confirm').scrollIntoViewIfNeeded();
  };
  const openFromWorkbench = async () => {
    await page.goto(`${app.bff.origin}/#/pages/counter/index?officeId=${OFFICE}&counterId=${COUNTER}`);
    await current(page, '#counter-witness').click();
    await current(page, '#witness-id-number').waitFor();
  };

  beforeAll(async () => {
    page = app.page;
    await app.signIn(page, '#dev-login-2');
  });

  it('finds the resident by ID number from 窗口工作台, shown masked, with his grants', async () => {
    await openFromWorkbench();
    problems.push(...(await checkPage(page, 'witness-find', 'normal')));
    // A typo is named before anything is sent (GB 11643).
    await current(page, '#witness-id-number input').fill(`${ELDER.idNumber.slice(0, 17)}${ELDER.idNumber.endsWith('0') ? '1' : '0'}`);
    await current(page, '#witness-find').click();
    await expect(current(page, '#witness-error').textContent()).resolves.toContain('校验码');

    await find();
    const shown = (await current(page, '#witness-resident-facts').textContent()) ?? '';
    expect(shown).toContain('刘**');
    expect(shown).toContain('没有手机账号');
    expect(shown).not.toContain(ELDER.idNumber);
    expect(shown).toMatch(/3612\*+\d{3}[\dX]/);
    const grant = (await current(page, '#witness-grant-0').textContent()) ?? '';
    expect(grant).toContain('生效中');
    expect(grant).toContain('网格员');
    expect(grant).toContain('窗口见证');
    problems.push(...(await checkPage(page, 'witness-record', 'normal')));
  });

  it('ends his old witnessed grant at his request, after an in-page confirmation', async () => {
    await current(page, '#witness-grant-0-revoke').click();
    await current(page, '#witness-revoke-confirm').waitFor();
    await expect(current(page, '#witness-revoke-confirm').textContent()).resolves.toContain('撤销后对方立即不能再代办');
    await current(page, '#witness-revoke-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'witness-revoke', 'normal')));
    await current(page, '#witness-revoke-submit').click();
    await current(page, '#witness-revoked').waitFor();
    await expect(current(page, '#witness-grant-0').textContent()).resolves.toContain('窗口撤销');
    const old = await app.bff.t.app.prisma.grant.findUniqueOrThrow({ where: { id: GRANT_IDS.noPhoneElderToGridWorker } });
    expect(old.status).toBe('REVOKED');
    // Refused at once: the grid worker may no longer act for him.
    const refused = await api<{ error: { code: string } }>(GRID_WORKER_PHONE, '/api/appointments', { onBehalfOf: USER_IDS.noPhoneElder });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ON_BEHALF_NOT_ALLOWED']);
  });

  it('records a new grant for the grid worker after the clerk checks it with him; the grid worker books for him at once', async () => {
    await fillGrant();
    const facts = (await current(page, '#witness-confirm-facts').textContent()) ?? '';
    for (const words of ['刘**', '138****0003', '网格员', '预约、排队取号', FORM, '见证人']) expect(facts).toContain(words);
    problems.push(...(await checkPage(page, 'witness-confirm', 'normal')));
    await current(page, '#witness-submit').click();
    await current(page, '#witness-created').waitFor();
    await expect(current(page, '#witness-created').textContent()).resolves.toContain('生效中');
    await current(page, '#witness-created').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'witness-created', 'normal')));
    await expect(current(page, '#witness-grant-0').textContent()).resolves.toContain(FORM);

    const grant = await app.bff.t.app.prisma.grant.findFirstOrThrow({ where: { grantorId: USER_IDS.noPhoneElder, status: 'ACTIVE' } });
    expect(grant).toMatchObject({ consentMethod: 'WITNESSED', consentFormNumber: FORM, witnessedById: USER_IDS.clerk, granteeId: USER_IDS.gridWorker, relation: '网格员' });

    // The grid worker books for him (X-On-Behalf-Of) under the grant just recorded.
    const day = await api<{ items: Array<{ id: string; isBookable: boolean }> }>(GRID_WORKER_PHONE, `/api/offices/${OFFICE}/slots?serviceId=${SERVICE}`);
    const slot = day.body.items.find((s) => s.isBookable)!;
    const booked = await api<{ id: string; code: string }>(GRID_WORKER_PHONE, '/api/appointments', { method: 'POST', body: { slotId: slot.id, serviceId: SERVICE }, onBehalfOf: USER_IDS.noPhoneElder });
    expect(booked.status).toBe(201);
    const appointment = await app.bff.t.app.prisma.appointment.findUniqueOrThrow({ where: { id: booked.body.id } });
    expect([appointment.subjectId, appointment.actorId]).toEqual([USER_IDS.noPhoneElder, USER_IDS.gridWorker]);
  });

  it('meets the 长辈版 numbers on the phone', async () => {
    await api(CLERK_PHONE, '/api/me/preferences', { method: 'POST', body: { elderMode: true } });
    await openFromWorkbench();
    await page.reload();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await current(page, '#witness-id-number').waitFor();
    problems.push(...(await checkPage(page, 'witness-find', 'elder')));
    await find();
    problems.push(...(await checkPage(page, 'witness-record', 'elder')));
    await current(page, '#witness-grant-0-revoke').click();
    await current(page, '#witness-revoke-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'witness-revoke', 'elder')));
    await current(page, '#witness-revoke-cancel').click();
    await current(page, '#witness-phone input').fill('13800000001');
    await current(page, '#witness-relation-1').click();
    await current(page, '#witness-form-number input').fill('JZ-2026-0002');
    await current(page, '#witness-check').click();
    await current(page, '#witness-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkPage(page, 'witness-confirm', 'elder')));
    await current(page, '#witness-edit').click();
    await api(CLERK_PHONE, '/api/me/preferences', { method: 'POST', body: { elderMode: false } });
  });

  it('fits a window PC (1280×800): the form beside the resident’s grants', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openFromWorkbench();
    await page.reload();
    await current(page, '#witness-id-number').waitFor();
    problems.push(...(await checkDesktop('witness-find')));
    await find();
    const form = (await current(page, '#witness-form').boundingBox())!;
    const grants = (await current(page, '#witness-grants').boundingBox())!;
    expect(grants.x).toBeGreaterThan(form.x + form.width - 1);
    problems.push(...(await checkDesktop('witness-record')));
    await current(page, '#witness-phone input').fill('13800000001');
    await current(page, '#witness-relation-1').click();
    await current(page, '#witness-form-number input').fill('JZ-2026-0003');
    await current(page, '#witness-check').click();
    await current(page, '#witness-confirm').scrollIntoViewIfNeeded();
    problems.push(...(await checkDesktop('witness-confirm')));
  });
});
