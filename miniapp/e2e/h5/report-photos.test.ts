// 办不成事 photos in real Chromium on the built H5 app and a real BFF on PostgreSQL (issue 16): the
// demo citizen opens the form from a hall, chooses two photos in the browser's file chooser (Taro's
// chooseImage is a file input on H5), sees both as thumbnails, 删除 one, sends the report — and its
// page shows the photo, fetched with her token (an <img> cannot send one) as a blob: URL. A GIF is
// refused in words in the page. Axe and the §4 numbers in normal mode and 长辈版; photographed
// (report-form-photo-*, report-photos-*).
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { OFFICE_IDS } from '../../../seeds';
import { useAppSuite } from '../support/app';
import { ARTIFACTS, checkPage, current, settle, type Mode } from '../support/browser';

const OFFICE = OFFICE_IDS.countyCenter;
const CITIZEN = '13800000001';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A real PNG the browser can show: a window-notice-like picture, stripes in two colours. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) row.set(Math.floor(y / 20) % 2 === 0 ? [r, g, b] : [250, 250, 245], 1 + x * 3);
    return row;
  });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** `read` until it gives `expected` (a background call, a decoded image), for up to 10 s. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  let last: T | undefined;
  for (let i = 0; i < 50; i += 1) {
    last = await read();
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(last).toBe(expected);
}

/** A 1×1 GIF: a picture the browser shows, of a type the BFF does not take. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

describe('H5 in Chromium: photos on a 办不成事 report', () => {
  const app = useAppSuite();
  const { checks } = app;
  let page: Page;
  let reportId: string;

  beforeAll(() => {
    page = app.page;
  });

  async function check(name: string, mode: Mode, top: string): Promise<void> {
    checks.problems.push(...(await checkPage(page, name, mode)));
    await current(page, top).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${mode}.png`) });
  }

  async function openForm(): Promise<void> {
    await page.goto(`${app.bff.origin}/#/pages/reports/new/index?officeId=${OFFICE}&officeName=${encodeURIComponent('青石县政务服务中心')}`);
    await page.reload();
    await current(page, '#report-new-photos-add').waitFor();
    await settle(page);
  }

  /** Taps 添加照片 and answers the browser's file chooser. */
  async function choose(files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), current(page, '#report-new-photos-add').click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(files);
  }

  /** The form's thumbnail `index` once its upload is done (they go up one after another). */
  const uploaded = (index: number) => eventually(async () => ((await current(page, `#report-new-photo-${index}`).textContent()) ?? '').includes('已上传'), true);

  it('chooses two photos, deletes one, sends the report, and sees the photo on its page', async () => {
    await app.signIn(page);
    await openForm();
    await choose([
      { name: 'notice.png', mimeType: 'image/png', buffer: png(320, 200, [30, 90, 160]) },
      { name: 'receipt.png', mimeType: 'image/png', buffer: png(200, 300, [180, 60, 40]) },
    ]);
    await uploaded(1);
    await uploaded(0);
    const waiting = await app.bff.t.app.prisma.reportPhoto.findMany({ where: { reportId: null }, select: { id: true, mime: true } });
    expect(waiting.map((p) => p.mime)).toEqual(['image/png', 'image/png']);
    await expect(current(page, '#report-new-photos-add').textContent()).resolves.toContain('还能加1张');
    await current(page, '#report-new-text textarea').fill('窗口贴的告示和清单不一样，拍了照片。');
    await check('report-form-photo', 'normal', '#report-new-photos');

    await current(page, '#report-new-photo-1-remove').click();
    await expect(current(page, '#report-new-photo-1').count()).resolves.toBe(0);
    await eventually(() => app.bff.t.app.prisma.reportPhoto.count({ where: { reportId: null } }), 1);

    await current(page, '#report-new-submit').click();
    await current(page, '#report-photo-0-image img').waitFor();
    reportId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    const attached = await app.bff.t.app.prisma.reportPhoto.findMany({ where: { reportId }, select: { id: true } });
    expect(attached).toHaveLength(1);
    const shown = current(page, '#report-photo-0-image img');
    await expect(shown.getAttribute('src')).resolves.toMatch(/^blob:/);
    await eventually(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth), 320);
    await expect(shown.getAttribute('alt')).resolves.toBe('第1张照片');
    await expect(current(page, '#report-photos').textContent()).resolves.toContain('照片（1张）');
    await settle(page);
    await check('report-photos', 'normal', '#report-photos');
  });

  it('says in words that a GIF is not taken, and keeps nothing', async () => {
    await openForm();
    checks.expectConsoleError(/status of 415/);
    await choose([{ name: 'animation.gif', mimeType: 'image/gif', buffer: GIF }]);
    await current(page, '#report-new-photos-error').waitFor();
    await expect(current(page, '#report-new-photos-error').textContent()).resolves.toContain('只能上传jpg、png或webp格式的照片');
    await expect(current(page, '#report-new-photo-0').count()).resolves.toBe(0);
  });

  it('meets the 长辈版 numbers on the form with a photo and on the report’s photos', async () => {
    await app.setElderMode(CITIZEN, true);
    await openForm();
    await page.locator('.palm-page.elder:visible').first().waitFor();
    await choose([{ name: 'notice.png', mimeType: 'image/png', buffer: png(320, 200, [30, 90, 160]) }]);
    await uploaded(0);
    await check('report-form-photo', 'elder', '#report-new-photos');
    await page.goto(`${app.bff.origin}/#/pages/reports/detail/index?id=${reportId}`);
    await page.reload();
    await current(page, '#report-photo-0-image img').waitFor();
    await settle(page);
    await check('report-photos', 'elder', '#report-photos');
  });
});
