// Probes shared by the session tests (sessions, admin block): whether an access token still works.
import { errorCodeOf, type TestApp } from '../helper';

export const me = (t: TestApp, token: string) => t.as(token, { url: '/api/me' });

/** Polls GET /api/me until the token is refused (401 UNAUTHENTICATED); returns how long that took (ms). */
export async function refusedAfter(t: TestApp, token: string, limitMs = 3000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const res = await me(t, token);
    if (res.statusCode === 401) {
      expect(errorCodeOf(res)).toBe('UNAUTHENTICATED');
      return Date.now() - start;
    }
    expect(res.statusCode).toBe(200);
    if (Date.now() - start > limitMs) throw new Error(`token still accepted after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
