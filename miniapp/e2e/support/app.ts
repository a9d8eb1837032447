// The preamble every H5 suite shares, in one place: the browser checks (checks.ts), a real BFF
// started before the suite (and the daily slot job run once on its clock, for suites that book)
// and closed after it, the API as a phone calls it with a dev-login bearer token, and signing in
// on the login page with a demo account's button.
//
//   const app = useAppSuite({ slots: true });    // at the top of the describe
//   app.page, app.bff, app.checks                 // from beforeAll on
//   await app.signIn(app.page, '#dev-login-1')    // the second demo account, in the browser
//   await app.api<T>(PHONE, '/api/grants', { method: 'POST', body: {…} })
import type { Page } from 'playwright-core';
import { generateSlots } from '../../../bff/src/appointments/slots';
import { startBff, type RunningBff } from './bff';
import { current, settle } from './browser';
import { useBrowserChecks, type BrowserChecks } from './checks';

export interface ApiInit {
  method?: string;
  body?: unknown;
  /** X-On-Behalf-Of: the user the call acts for. */
  onBehalfOf?: string;
  /** Sends a fresh Idempotency-Key (a take or a booking, as the app sends it). */
  isIdempotent?: boolean;
}

export interface AppSuite {
  readonly checks: BrowserChecks;
  /** The BFF, from beforeAll on. */
  readonly bff: RunningBff;
  /** The first phone browser's page, from beforeAll on. */
  readonly page: Page;
  /** The API as `phone` calls it: the JSON body of a 2xx; anything else throws with its status and body. */
  api<T>(phone: string, path: string, init?: ApiInit): Promise<T>;
  /** The same, answering with the status and body whatever they are (for a refusal a test expects). */
  call<T>(phone: string, path: string, init?: ApiInit): Promise<{ status: number; body: T }>;
  /** Signs `page` in on the login page with a demo account's button ('#dev-login-0': the first citizen). */
  signIn(page: Page, demoButton?: string): Promise<void>;
  /** Saves `phone`'s 长辈版 preference through the API (the app reads it at its next load). */
  setElderMode(phone: string, elderMode: boolean): Promise<void>;
}

export interface AppSuiteOptions {
  /** Run the daily slot job once (it is off under NODE_ENV=test): for suites that book a time. */
  slots?: boolean;
  env?: Record<string, string>;
}

/** Registers the suite's beforeAll / afterAll (and the browser checks'); call it once, in the describe. */
export function useAppSuite(options: AppSuiteOptions = {}): AppSuite {
  const checks = useBrowserChecks();
  const started: { bff?: RunningBff } = {};

  beforeAll(async () => {
    const bff = await startBff(options.env ? { env: options.env } : {});
    started.bff = bff;
    if (options.slots) await generateSlots({ prisma: bff.t.app.prisma, resources: bff.t.resources });
  });
  afterAll(async () => {
    await started.bff?.close();
  });

  const bff = (): RunningBff => {
    if (!started.bff) throw new Error('useAppSuite: the BFF starts in beforeAll');
    return started.bff;
  };

  async function call<T>(phone: string, path: string, init: ApiInit = {}): Promise<{ status: number; body: T }> {
    const { origin } = bff();
    const login = await fetch(`${origin}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const method = init.method ?? 'GET';
    // An action POST works with an empty body: one is sent as {} all the same, as the app does.
    const body = init.body !== undefined ? JSON.stringify(init.body) : method === 'POST' ? '{}' : undefined;
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.onBehalfOf ? { 'x-on-behalf-of': init.onBehalfOf } : {}),
        ...(init.isIdempotent ? { 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  return {
    checks,
    get bff() {
      return bff();
    },
    get page() {
      return checks.page;
    },
    call,
    async api<T>(phone: string, path: string, init: ApiInit = {}): Promise<T> {
      const answer = await call<T>(phone, path, init);
      if (answer.status < 200 || answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    async signIn(page: Page, demoButton = '#dev-login-0'): Promise<void> {
      await page.goto(`${bff().origin}/#/pages/login/index`);
      // Signed in once the BFF has answered and the app has left the login page: settle() alone
      // does not wait for a request made after the page's first load (networkidle was reached
      // already), and on a busy machine the next page opened before the session was stored.
      const answered = page.waitForResponse((response) => response.url().includes('/api/auth/dev-login') && response.request().method() === 'POST');
      await current(page, demoButton).click();
      const answer = await answered;
      if (answer.status() !== 200) throw new Error(`dev sign-in answered ${answer.status()}`);
      await page.locator(`.palm-page:visible ${demoButton}`).waitFor({ state: 'hidden' });
      await settle(page);
    },
    async setElderMode(phone: string, elderMode: boolean): Promise<void> {
      const saved = await call(phone, '/api/me/preferences', { method: 'PATCH', body: { elderMode } });
      if (saved.status !== 200) throw new Error(`elder mode not saved: ${saved.status}`);
    },
  };
}
