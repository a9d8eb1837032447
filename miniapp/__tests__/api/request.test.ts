// The request wrapper: base URL and headers, single-flight silent refresh, sign-in redirect on a
// 401 nothing can fix, offline as a retryable error, and toasts only outside 长辈版.
import { ERROR_CODES } from '@palm/shared';
import { ApiError } from '../../src/api/errors';
import { request } from '../../src/api/request';
import { getAccessToken, getRefreshToken, getSession } from '../../src/api/session';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, ok, resetAll, signIn, taro } from '../helpers';

beforeEach(resetAll);

const tokens = (n: number) => ({ accessToken: `access-${n}`, refreshToken: `refresh-token-000000000${n}`, expiresIn: 900, user: {} });

describe('request', () => {
  it('calls the BFF on the same origin with the token, the acting-for header and a query string', async () => {
    signIn();
    const calls = answerRequests(() => ok({ items: [] }));
    await expect(request('/api/offices', { query: { lat: 27.8, lng: 115.1, serviceId: undefined, q: '' }, onBehalfOf: 'user-2' })).resolves.toEqual({ items: [] });
    expect(calls[0]!.url).toBe('/api/offices?lat=27.8&lng=115.1');
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.header).toMatchObject({ Authorization: 'Bearer access-1', 'X-On-Behalf-Of': 'user-2' });
  });

  it('reads an HTTP error that Alipay delivers through fail (error 19) as the BFF\'s answer, and refreshes on its 401', async () => {
    signIn();
    let attempt = 0;
    taro.request.mockImplementation(async ({ url, header }: { url: string; header: Record<string, string> }) => {
      attempt += 1;
      if (url === '/api/auth/refresh') return { statusCode: 200, data: tokens(2), header: {} };
      if (header.Authorization === 'Bearer access-2') {
        throw { error: 19, errorMessage: 'http status error', status: 409, data: JSON.stringify({ error: { code: 'ALREADY_VERIFIED', message: '…' } }) };
      }
      throw { error: 19, errorMessage: 'http status error', status: 401, data: { error: { code: 'TOKEN_EXPIRED', message: '…' } } };
    });
    await expect(request('/api/me/real-name', { method: 'POST', data: {}, isQuiet: true })).rejects.toMatchObject({ code: 'ALREADY_VERIFIED', status: 409 });
    expect(attempt).toBe(3);
    expect(getAccessToken()).toBe('access-2');
  });

  it('sends no token when signed out or for sign-in calls', async () => {
    const calls = answerRequests(() => ok({}));
    await request('/api/services');
    signIn();
    await request('/api/auth/sms/send', { method: 'POST', data: { phone: '13800000001' }, isAnonymous: true });
    expect(calls[0]!.header.Authorization).toBeUndefined();
    expect(calls[1]!.header.Authorization).toBeUndefined();
    expect(calls[1]!.data).toEqual({ phone: '13800000001' });
  });

  it('refreshes an expired access token silently and retries once', async () => {
    signIn();
    const calls = answerRequests(({ url, header }) => {
      if (url === '/api/auth/refresh') return ok(tokens(2));
      return header.Authorization === 'Bearer access-2' ? ok({ id: 'me' }) : fail(401, 'TOKEN_EXPIRED');
    });
    await expect(request('/api/me')).resolves.toEqual({ id: 'me' });
    expect(calls.map((c) => c.url)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(calls[1]!.data).toEqual({ refreshToken: 'refresh-token-0000000001' });
    expect(getAccessToken()).toBe('access-2');
    expect(getRefreshToken()).toBe('refresh-token-0000000002');
    expect(taro.navigateTo).not.toHaveBeenCalled();
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent requests (the BFF revokes a reused refresh token)', async () => {
    signIn();
    let release: () => void = () => undefined;
    const refreshed = new Promise<void>((resolve) => (release = resolve));
    const calls = answerRequests(async ({ url, header }) => {
      if (url === '/api/auth/refresh') {
        await refreshed;
        return ok(tokens(2));
      }
      return header.Authorization === 'Bearer access-2' ? ok({ url }) : fail(401, 'TOKEN_EXPIRED');
    });
    const all = Promise.all([request('/api/me'), request('/api/services'), request('/api/offices')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await expect(all).resolves.toEqual([{ url: '/api/me' }, { url: '/api/services' }, { url: '/api/offices' }]);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('signs out and opens the sign-in page when the refresh token is refused', async () => {
    signIn();
    answerRequests(({ url }) => (url === '/api/auth/refresh' ? fail(401, 'REFRESH_TOKEN_INVALID') : fail(401, 'TOKEN_EXPIRED')));
    const error = await request('/api/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', status: 401, message: ERROR_CODES.TOKEN_EXPIRED.message });
    expect(getSession().isSignedIn).toBe(false);
    expect(getRefreshToken()).toBeNull();
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('opens the sign-in page on a 401 when there is no session to refresh', async () => {
    const calls = answerRequests(() => fail(401, 'UNAUTHENTICATED'));
    await expect(request('/api/me', { isQuiet: true })).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(1);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('does not open the sign-in page again from the sign-in page, or when told not to', async () => {
    answerRequests(() => fail(401, 'UNAUTHENTICATED'));
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/login/index' }]);
    await request('/api/me', { isQuiet: true }).catch(() => undefined);
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/me/index' }]);
    await request('/api/me', { isQuiet: true, shouldRedirectToLogin: false }).catch(() => undefined);
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  it('keeps the session when the network fails during a refresh, and says to retry', async () => {
    signIn();
    answerRequests(({ url }) => (url === '/api/auth/refresh' ? new Error('request:fail') : fail(401, 'TOKEN_EXPIRED')));
    await expect(request('/api/me', { isQuiet: true })).rejects.toMatchObject({ code: 'NETWORK_ERROR', isRetryable: true });
    expect(getSession().isSignedIn).toBe(true);
    expect(taro.navigateTo).not.toHaveBeenCalled();
  });

  it('reports no network as retryable and works again when the network is back', async () => {
    let isOnline = false;
    answerRequests(() => (isOnline ? ok({ items: [1] }) : new Error('request:fail net::ERR_NAME_NOT_RESOLVED')));
    await expect(request('/api/services', { isQuiet: true })).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0, isRetryable: true });
    isOnline = true;
    await expect(request('/api/services')).resolves.toEqual({ items: [1] });
  });

  it('shows a toast with the copy in the normal app', async () => {
    answerRequests(() => fail(429, 'RATE_LIMITED'));
    await request('/api/auth/sms/send', { method: 'POST', data: {} }).catch(() => undefined);
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: ERROR_CODES.RATE_LIMITED.message, icon: 'none' }));
  });

  it('shows no pop-up in 长辈版, nor for quiet requests: the page shows the error inline', async () => {
    answerRequests(() => fail(503, 'SERVICE_UNAVAILABLE'));
    await request('/api/services', { isQuiet: true }).catch(() => undefined);
    updateElderState({ elderMode: true });
    const error = await request('/api/services').catch((e: unknown) => e);
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(error).toMatchObject({ message: ERROR_CODES.SERVICE_UNAVAILABLE.message, isRetryable: true });
  });
});
