// Shared test set-up: a clean Taro stand-in, signed-out session and normal mode before each test,
// rendering inside the page shell in either mode, and scripted BFF answers for Taro.request.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import mockTaro, { resetTaro } from './__mocks__/taro';
import { clearSession, saveTokens } from '../src/api/session';
import { PageShell } from '../src/components/page-shell';
import { resetElderStore, updateElderState } from '../src/theme/elder-store';
import { forgetPosition } from '../src/lib/location';
import { resetServerClock } from '../src/lib/server-clock';

/** The @tarojs/taro stand-in the app code sees (moduleNameMapper points at the same file). */
export const taro = mockTaro;

export function resetAll(): void {
  resetTaro();
  clearSession();
  resetElderStore();
  forgetPosition();
  resetServerClock();
}

export const MODES = [
  { name: 'normal', isElder: false },
  { name: '长辈版', isElder: true },
] as const;

/** Renders `ui` as a page would, in normal or 长辈版 mode. */
export function renderInMode(ui: ReactElement, isElder: boolean) {
  updateElderState({ elderMode: isElder });
  return render(<PageShell>{ui}</PageShell>);
}

export function signIn(accessToken = 'access-1', refreshToken = 'refresh-token-0000000001'): void {
  saveTokens({ accessToken, refreshToken });
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Response headers; by default the BFF's `x-server-time` at the (possibly fake) device time. */
  header?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const fail = (status: number, code: string, message = '服务器的说明'): Reply => ({ status, body: { error: { code, message } } });

type Call = { url: string; method: string; header: Record<string, string>; data: unknown };

/**
 * Answers Taro.request from a handler per call; returns the calls seen. A handler returning an
 * Error makes the request fail as a network failure does (Taro rejects with errMsg).
 */
export function answerRequests(handler: (call: Call) => Reply | Error | Promise<Reply | Error>): Call[] {
  const calls: Call[] = [];
  taro.request.mockImplementation(async (options: Call) => {
    calls.push(options);
    const reply = await handler(options);
    if (reply instanceof Error) throw { errMsg: reply.message };
    return { statusCode: reply.status, data: reply.body, header: reply.header ?? { 'x-server-time': String(Date.now()) } };
  });
  return calls;
}

export const me = {
  id: '5eed0004-0000-4000-8000-000000000002',
  name: '张桂兰',
  roles: ['CITIZEN' as const],
  idNumberMasked: '3612**********0225',
  phoneMasked: '138****0002',
  realNameVerified: true,
  age: 75,
  preferences: { elderMode: false, fontScale: 1, locale: 'zh-CN' },
  offerElderMode: true,
  officeId: null,
};
