// Headless Debian Chromium through playwright-core (it never downloads a browser), at a phone
// viewport, plus the checks every page must pass (DESIGN.md §4): text and target sizes measured
// from the computed layout, axe-core for contrast, names and roles, words kept whole, and a
// screenshot per page.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PALM_CHROMIUM ?? '/usr/bin/chromium';
// Flags this machine needs (TOOLCHAIN.md): no sandbox as root, no GPU, no calls to Google's hosts.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'e2e');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile each time: Playwright refuses --user-data-dir in args, so a persistent context on a temp dir. */
export async function openPhoneBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'palm-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the network is idle and page transitions have finished. Taro's H5 router switches
 * pages partly on timers after its CSS transition (≈ 300 ms), which getAnimations() does not
 * see: acting before that leaves its page stack inconsistent, so a fixed margin follows.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
  await page.waitForTimeout(400);
}

/** The current (visible) Taro page's root, e.g. `visible('#service-name')`. */
export function current(page: Page, selector: string) {
  return page.locator(`.palm-page:visible ${selector}`).first();
}

/**
 * Waits until nothing on the page scrolls any more (the same scroll positions for 6 frames in a
 * row, 3 s at most). A choice that brings the next step into view starts a 300 ms animated
 * scroll (scrollTo in the app); a click aimed while it runs can land beside its target, which on
 * a loaded machine lost the tap on 安排上门's service and on 确认预约.
 */
export async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const positions = () => [document.scrollingElement, ...document.querySelectorAll('.taro_page, .palm-page')].map((el) => `${el?.scrollTop ?? 0}`).join(',');
        const deadline = performance.now() + 3000;
        let last = positions();
        let still = 0;
        const tick = () => {
          const now = positions();
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 6 || performance.now() > deadline) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        // A page that draws no frames (hidden, stalled) still answers within the 3 s.
        setTimeout(resolve, 3000);
      }),
  );
}

/**
 * Opens `path` afresh and waits for `ready` on it. A hash change alone is a same-document
 * navigation: on a loaded machine it can reach Taro's router while the previous page's transition
 * is still running and leave its page stack inconsistent, so the page is reloaded (it reads
 * everything again).
 */
export async function openFresh(page: Page, origin: string, path: string, ready: string): Promise<void> {
  await page.goto(`${origin}/#${path}`);
  await page.reload();
  await current(page, ready).waitFor();
}

/** What the current page shows, as text (at most `limit` characters): for a failure's record. */
export async function visibleText(page: Page, limit = 1500): Promise<string> {
  const text = await page
    .locator('.palm-page:visible')
    .first()
    .innerText({ timeout: 2000 })
    .catch(() => page.locator('body').innerText({ timeout: 2000 }))
    .catch((error: unknown) => `(unreadable: ${error instanceof Error ? error.message : String(error)})`);
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

export interface Measured {
  /** Smallest text on the page, in pt on a 375-pt-wide screen (CSS px scaled to the viewport). */
  smallestTextPt: number;
  largestTextPt: number;
  smallestLineHeightRatio: number;
  /** Targets smaller than the minimum: a description of each. */
  smallTargets: string[];
  /** Texts smaller than the minimum. */
  smallTexts: string[];
  targetCount: number;
}

/**
 * Measures the visible page (and the H5 tab bar when shown) in the browser. Sizes are compared
 * as pt on a 375-pt screen: the H5 root font is set from the viewport width (TOOLCHAIN.md: assert
 * ratios, not absolute pixels), so px × 375 / viewport width is what a 375-pt phone would show.
 */
export async function measure(page: Page, minTextPt: number, minTargetPt: number): Promise<Measured> {
  return page.evaluate(
    ({ minText, minTarget }) => {
      const toPt = 375 / window.innerWidth;
      const isShown = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getClientRects().length > 0;
      const roots = [...document.querySelectorAll('.palm-page')].filter(isShown);
      const tabBar = [...document.querySelectorAll('.taro-tabbar__tabbar')].filter(isShown);
      const scopes = [...roots, ...tabBar];
      const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`;

      const textElements = new Set<Element>();
      for (const scope of scopes) {
        const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          // Text hidden from screen readers (visible labels doubled by aria-label, icons) is still
          // read by eyes: it is measured too.
          if (parent && (node.textContent ?? '').trim() !== '' && isShown(parent)) textElements.add(parent);
        }
      }
      let smallest = Infinity;
      let largest = 0;
      let smallestLine = Infinity;
      const smallTexts: string[] = [];
      for (const el of textElements) {
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize) * toPt;
        smallest = Math.min(smallest, size);
        largest = Math.max(largest, size);
        const lineHeight = style.lineHeight === 'normal' ? 1.2 : parseFloat(style.lineHeight) / parseFloat(style.fontSize);
        smallestLine = Math.min(smallestLine, lineHeight);
        if (size < minText - 0.05) smallTexts.push(`${describe(el)} ${size.toFixed(1)}pt`);
      }

      const targets = scopes.flatMap((scope) =>
        [...scope.querySelectorAll('button, [role="button"], [role="switch"], a[href], input, .weui-tabbar__item, taro-button-core')].filter(isShown),
      );
      const smallTargets: string[] = [];
      for (const el of targets) {
        const box = el.getBoundingClientRect();
        const width = box.width * toPt;
        const height = box.height * toPt;
        if (width < minTarget - 0.5 || height < minTarget - 0.5) smallTargets.push(`${describe(el)} ${width.toFixed(0)}×${height.toFixed(0)}pt`);
      }
      return {
        smallestTextPt: smallest,
        largestTextPt: largest,
        smallestLineHeightRatio: smallestLine,
        smallTargets,
        smallTexts,
        targetCount: targets.length,
      };
    },
    { minText: minTextPt, minTarget: minTargetPt },
  );
}

/**
 * Where the layout breaks what must stay whole (长辈版's 办理/方/式, 营业/中, 14:10–/14:30, a "·"
 * starting a line): a short text (2–6 characters: a label, a number, a time) over more than one
 * line, a "·" on another line than the fact before it, a `.palm-whole` element cut off at the
 * page's edge, and a page that scrolls sideways.
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const isShown = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getClientRects().length > 0;
    const linesOf = (range: Range) => new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top + rect.height / 2)));
    const broken: string[] = [];
    for (const root of [...document.querySelectorAll('.palm-page')].filter(isShown)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (!node.parentElement || !isShown(node.parentElement) || text.trim() === '') continue;
        const range = document.createRange();
        const length = [...text.replace(/\s/g, '')].length;
        if (length >= 2 && length <= 6) {
          range.selectNodeContents(node);
          const lines = linesOf(range).size;
          if (lines > 1) broken.push(`"${text.trim()}" broken over ${lines} lines`);
        }
        for (let at = text.indexOf('·'); at > 0; at = text.indexOf('·', at + 1)) {
          const before = text.slice(0, at).trimEnd().length - 1;
          if (before < 0) continue;
          range.setStart(node, before);
          range.setEnd(node, at + 1);
          if (linesOf(range).size > 1) broken.push(`"·" starts a line in "${text.trim().slice(0, 30)}"`);
        }
      }
      if (root.scrollWidth > root.clientWidth + 1) broken.push(`the page is ${root.scrollWidth - root.clientWidth}px wider than the screen`);
      const edge = root.getBoundingClientRect();
      for (const whole of [...root.querySelectorAll('.palm-whole')].filter(isShown)) {
        const box = whole.getBoundingClientRect();
        if (box.right > edge.right + 1 || box.left < edge.left - 1) broken.push(`"${(whole.textContent ?? '').trim()}" runs off the page`);
      }
    }
    const scroller = document.scrollingElement!;
    if (scroller.scrollWidth > scroller.clientWidth + 1) broken.push(`the page scrolls sideways by ${scroller.scrollWidth - scroller.clientWidth}px`);
    return broken;
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.x A/AA rules on the document; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: the BFF's Content-Security-Policy (script-src 'self')
  // rightly refuses an injected <script>, and the suite tests the app as served.
  if (!hasAxe) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

// DESIGN.md §4: body text ≥ 18 pt in 长辈版, targets ≥ 60 pt there and ≥ 44 pt elsewhere; line
// height ≥ 1.3; the largest text ≥ 30 pt in 长辈版. Normal mode: nothing under 12 pt.
export const RULES = {
  normal: { minTextPt: 12, minTargetPt: 44, minLargestPt: 0 },
  elder: { minTextPt: 18, minTargetPt: 60, minLargestPt: 30 },
} as const;
export type Mode = keyof typeof RULES;

/**
 * The page as shown now, checked against its mode's numbers and axe, and photographed: returns
 * every shortfall found (a test collects them and asserts there is none).
 */
export async function checkPage(page: Page, name: string, mode: Mode): Promise<string[]> {
  const problems: string[] = [];
  await settle(page);
  const rule = RULES[mode];
  const isElder = (await page.locator('.palm-page.elder:visible').count()) > 0;
  if (isElder !== (mode === 'elder')) problems.push(`${name}: page is ${isElder ? '' : 'not '}in 长辈版`);
  const measured = await measure(page, rule.minTextPt, rule.minTargetPt);
  measured.smallTexts.forEach((text) => problems.push(`${name} ${mode}: text under ${rule.minTextPt} pt: ${text}`));
  measured.smallTargets.forEach((target) => problems.push(`${name} ${mode}: target under ${rule.minTargetPt} pt: ${target}`));
  if (measured.targetCount === 0) problems.push(`${name}: no targets found`);
  if (mode === 'elder' && measured.smallestLineHeightRatio < 1.295) problems.push(`${name}: line height ${measured.smallestLineHeightRatio.toFixed(2)} < 1.3`);
  if (measured.largestTextPt < rule.minLargestPt) problems.push(`${name}: largest text ${measured.largestTextPt.toFixed(1)} pt < ${rule.minLargestPt}`);
  (await seriousAxeViolations(page)).forEach((v) => problems.push(`${name} ${mode}: axe ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' ')}`));
  (await brokenWords(page)).forEach((broken) => problems.push(`${name} ${mode}: ${broken}`));
  await screenshot(page, `${name}-${mode}`);
  return problems;
}

/**
 * A window PC: §4's numbers are pt on a phone; on a 1280-px screen the same minimums are read as
 * CSS px (text ≥ 16 px = 12 pt, targets ≥ 44 px), with axe, and photographed (`<name>-desktop`).
 */
export async function checkDesktopPage(page: Page, name: string): Promise<string[]> {
  await settle(page);
  const toPhonePt = 375 / 1280;
  const measured = await measure(page, 16 * toPhonePt, 44 * toPhonePt);
  const found = [...measured.smallTexts.map((t) => `${name}: text under 16 px: ${t}`), ...measured.smallTargets.map((t) => `${name}: target under 44 px: ${t}`)];
  (await seriousAxeViolations(page)).forEach((v) => found.push(`${name}: axe ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' ')}`));
  await screenshot(page, `${name}-desktop`);
  return found;
}
