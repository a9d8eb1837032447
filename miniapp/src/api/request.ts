// The one request wrapper (STYLE.md). It owns the base URL, the access token, a single-flight
// silent refresh, `X-On-Behalf-Of`, error copy (errors.ts), toasts, the redirect to sign-in, and
// learning the BFF's clock from every answer's `x-server-time` (lib/server-clock.ts).
// Pages never call Taro.request themselves.
import Taro from '@tarojs/taro';
import { API_BASE_URL, REQUEST_TIMEOUT_MS } from './config';
import { ApiError } from './errors';
import { clearSession, getAccessToken, getRefreshToken, saveTokens } from './session';
import { PAGES } from '../lib/pages';
import { learnServerTime, serverTimeOf } from '../lib/server-clock';
import { getElderState } from '../theme/elder-store';
import { getActingFor, reportActingRefusal } from './acting-store';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  data?: unknown;
  /**
   * Act for this person (DESIGN.md §5); the BFF checks an ACTIVE grant on every request. Absent:
   * whom the app acts for now (api/acting-store.ts), if anyone; present but undefined: oneself.
   */
  onBehalfOf?: string;
  /** Send no token (sign-in calls). */
  isAnonymous?: boolean;
  /** The caller shows the error itself: no toast. */
  isQuiet?: boolean;
  /** On a 401 that a refresh cannot fix, open the sign-in page (default true). */
  shouldRedirectToLogin?: boolean;
  /** Extra headers (e.g. `Idempotency-Key` on a creating POST). */
  header?: Record<string, string>;
  /** Not JSON: a file going up or coming down (uploadFile / downloadFile below). */
  transport?: Transport;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

function buildUrl(path: string, query?: Query): string {
  const pairs = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${API_BASE_URL}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}

/** What goes over the wire once the URL and headers are known. */
export interface Wire {
  url: string;
  method: NonNullable<RequestOptions['method']>;
  header: Record<string, string>;
  data: unknown;
}

/** How one call goes: JSON by Taro.request (the default), a file by uploadFile or downloadFile. */
export type Transport = (wire: Wire) => Promise<{ statusCode: number; data: unknown; header?: unknown }>;

const viaRequest: Transport = async ({ url, method, header, data }) => {
  const response = await Taro.request({
    url,
    method,
    header: { ...header, 'Content-Type': 'application/json' },
    data: method === 'GET' ? undefined : (data ?? {}),
    timeout: REQUEST_TIMEOUT_MS,
    dataType: 'json',
  });
  return { statusCode: response.statusCode, data: response.data, header: response.header };
};

async function send(path: string, options: RequestOptions, accessToken: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { ...options.header };
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  if (options.onBehalfOf) header['X-On-Behalf-Of'] = options.onBehalfOf;
  const method = options.method ?? 'GET';
  const sentAt = Date.now();
  const learnClock = (answerHeader: unknown) => {
    const serverTime = serverTimeOf(answerHeader as Record<string, unknown> | undefined);
    if (serverTime !== null) learnServerTime(serverTime, sentAt, Date.now());
  };
  try {
    const response = await (options.transport ?? viaRequest)({ url: buildUrl(path, options.query), method, header, data: options.data });
    learnClock(response.header);
    return { statusCode: response.statusCode, data: response.data };
  } catch (failure) {
    // Alipay's my.request calls `fail` for any HTTP status ≥ 400 (error 19) and puts the status and
    // body beside the error: that is an answer from the BFF, not a network failure.
    const answered = failure as { status?: unknown; statusCode?: unknown; data?: unknown; header?: unknown; headers?: unknown };
    const status = typeof answered?.status === 'number' ? answered.status : answered?.statusCode;
    if (typeof status === 'number' && status >= 400) {
      learnClock(answered.header ?? answered.headers);
      return { statusCode: status, data: parseBody(answered.data) };
    }
    const text = String((failure as { errMsg?: string; errorMessage?: string; message?: string })?.errMsg ?? (failure as { errorMessage?: string })?.errorMessage ?? (failure as Error)?.message ?? '');
    throw new ApiError(/time ?out|超时/i.test(text) || (failure as { error?: number })?.error === 13 ? 'TIMEOUT' : 'NETWORK_ERROR', 0);
  }
}

/** Bodies that arrive as text (Alipay's fail payload) are parsed; anything else is kept as is. */
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function errorFrom(response: RawResponse): ApiError {
  const body = response.data as { error?: { code?: unknown; message?: unknown } } | null;
  const code = typeof body?.error?.code === 'string' ? body.error.code : `HTTP_${response.statusCode}`;
  const message = typeof body?.error?.message === 'string' ? body.error.message : undefined;
  return new ApiError(code, response.statusCode, message);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for a new pair. Single flight: the BFF rotates refresh tokens and
 * treats reuse of an old one as theft (it revokes the family), so concurrent 401s must share one
 * refresh. True when new tokens are stored; false when the session is over. No network: throws.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = getRefreshToken();
    if (!refreshToken) return false;
    const response = await send('/api/auth/refresh', { method: 'POST', data: { refreshToken } }, null);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      saveTokens(response.data as { accessToken: string; refreshToken: string });
      return true;
    }
    if (response.statusCode === 401) return false;
    throw errorFrom(response);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

let isRedirecting = false;

function openLogin(): void {
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1]?.route ?? '';
  if (isRedirecting || (current !== '' && PAGES.login.endsWith(current))) return;
  isRedirecting = true;
  Promise.resolve(Taro.navigateTo({ url: PAGES.login }))
    .catch(() => undefined)
    .finally(() => {
      isRedirecting = false;
    });
}

/** A toast in the normal app; in 长辈版 no pop-ups: the page shows the error inline instead. */
export function notifyError(error: ApiError): void {
  if (getElderState().elderMode) return;
  void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
}

async function attempt<T>(path: string, options: RequestOptions): Promise<T> {
  const token = options.isAnonymous ? null : getAccessToken();
  let response = await send(path, options, token);
  if (response.statusCode === 401 && !options.isAnonymous && getRefreshToken()) {
    // Another request may have refreshed while this one was in flight: then just retry.
    const current = getAccessToken();
    const isRefreshed = current !== null && current !== token ? true : await refreshSession();
    if (isRefreshed) response = await send(path, options, getAccessToken());
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  const error = errorFrom(response);
  if (response.statusCode === 401 && !options.isAnonymous) {
    clearSession();
    if (options.shouldRedirectToLogin !== false) openLogin();
  }
  throw error;
}

/**
 * The only calls made for the person the app acts for (X-On-Behalf-Of): a citizen's own numbers,
 * bookings, 候补 and booking suspensions — taking, listing, reading, cancelling, rejoining,
 * rescheduling, checking in, appealing — the 取号 preview of the person's lane, their licences
 * (listing, opening masked, 亮证, 使用记录: a LICENCE_PRESENT grant), and (under a REPORT grant)
 * 办不成事 reports — filing, listing, reading, reopening, closing — and 好差评 ratings. Everything
 * else never carries the header, whatever mode the app is in: signing in, one's profile, grants
 * and 授权记录 (no re-delegation), messages, the catalogue (public), a clerk's window work, a
 * supervisor's appeals, a witness at a window, a grid worker's grid.
 */
const ON_BEHALF_PATHS = [
  /^\/api\/tickets$/,
  /^\/api\/tickets\/[^/]+$/,
  /^\/api\/tickets\/[^/]+\/(cancel|rejoin)$/,
  /^\/api\/appointments$/,
  /^\/api\/appointments\/waitlist$/,
  /^\/api\/appointments\/waitlist\/[^/]+\/cancel$/,
  /^\/api\/appointments\/[^/]+$/,
  /^\/api\/appointments\/[^/]+\/(cancel|reschedule|check-in)$/,
  /^\/api\/booking-suspensions$/,
  /^\/api\/booking-suspensions\/[^/]+\/appeal$/,
  /^\/api\/offices\/[^/]+\/queue\/preview$/,
  /^\/api\/licences$/,
  /^\/api\/licences\/[^/]+$/,
  /^\/api\/licences\/[^/]+\/(presentations|uses|captures)$/,
  /^\/api\/reports$/,
  /^\/api\/reports\/(?!walk-in$)[^/]+$/,
  /^\/api\/reports\/[^/]+\/(reopen|close)$/,
  /^\/api\/reports\/photos\/[^/]+$/,
  /^\/api\/reports\/[^/]+\/photos\/[^/]+$/,
  /^\/api\/ratings$/,
  /^\/api\/ratings\/pending$/,
];

/** Whether a call is one made for the person acted for (ON_BEHALF_PATHS). */
export const goesOnBehalf = (path: string): boolean => {
  const bare = path.split('?')[0] ?? path;
  return ON_BEHALF_PATHS.some((allowed) => allowed.test(bare));
};

/** The signed-in person's own call, never on someone's behalf (staff work, a grant's own paperwork). */
export const own = (options: RequestOptions): RequestOptions => ({ ...options, onBehalfOf: undefined });

/** Whom a request is for: the caller's choice, else the person the app acts for (citizen calls only). */
export function onBehalfOfFor(path: string, options: RequestOptions): string | undefined {
  if ('onBehalfOf' in options) return options.onBehalfOf;
  if (options.isAnonymous || !goesOnBehalf(path)) return undefined;
  return getActingFor()?.userId;
}

/** Calls the BFF; resolves with the JSON body of a 2xx, rejects with an ApiError carrying the copy to show. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const onBehalfOf = onBehalfOfFor(path, options);
  try {
    return await attempt<T>(path, { ...options, onBehalfOf });
  } catch (failure) {
    const error = failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0);
    // Refused for the person acted for: the grant may have ended (revoked, stepped down, expired).
    // The store checks it and, if so, drops back to oneself with the reason in words.
    if (onBehalfOf && (error.code === 'ON_BEHALF_NOT_ALLOWED' || error.code === 'NOT_FOUND')) reportActingRefusal(onBehalfOf);
    if (!options.isQuiet) notifyError(error);
    throw error;
  }
}

/**
 * Sends one local file (a chooseImage path) as multipart/form-data, field `file` — what the BFF's
 * upload routes take — with the same token, refresh, X-On-Behalf-Of and error copy as any call.
 * On H5 Taro reads the blob URL and posts a FormData; mini-programs upload natively.
 */
export function uploadFile<T>(path: string, filePath: string, options: RequestOptions = {}): Promise<T> {
  const transport: Transport = async ({ url, header }) => {
    const response = await Taro.uploadFile({ url, filePath, name: 'file', header, timeout: REQUEST_TIMEOUT_MS, withCredentials: false } as Taro.uploadFile.Option);
    return { statusCode: response.statusCode, data: parseBody(response.data) };
  };
  return request<T>(path, { ...options, method: 'POST', transport });
}

/**
 * Fetches a file the BFF serves only with credentials (an <img> cannot send Authorization): a path
 * an <Image> can show — a blob: URL on H5 (revoke it when done), a temporary file on mini-programs.
 */
export function downloadFile(path: string, options: RequestOptions = {}): Promise<string> {
  const transport: Transport = async ({ url, header }) => {
    const response = await Taro.downloadFile({ url, header, timeout: REQUEST_TIMEOUT_MS, withCredentials: false } as Taro.downloadFile.Option);
    return { statusCode: response.statusCode, data: response.statusCode < 300 ? response.tempFilePath : null };
  };
  return request<string>(path, { ...options, method: 'GET', transport });
}
