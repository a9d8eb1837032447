// WeChat mini-program server APIs: login (`code2Session`) and subscribe messages.
// Docs: developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/ (user-login/code2Session,
// mp-access-token/getAccessToken, mp-message-management/subscribe-message/sendMessage).
// WeChat answers HTTP 200 for everything and puts failures in `{errcode, errmsg}`.
import { DEFAULT_TIMEOUT_MS, UpstreamError, malformed, parseJsonObject, requestUpstream, stringField } from './http';
import type { UpstreamErrorKind } from './http';

export interface WechatConfig {
  /** `https://api.weixin.qq.com` in production; a stub's URL in tests. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}

export interface SubscribeMessage {
  openId: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. `pages/ticket/index?id=…`. */
  page?: string;
  /** Keys are the template's (`thing1`, `time2`, …); values are checked against WeChat's limits. */
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface WechatClient {
  /** Exchanges a `wx.login` code. The session_key is dropped here: nothing in Palm needs it. */
  code2Session(code: string): Promise<{ openId: string; unionId?: string }>;
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
}

export const WECHAT_DEFAULT_BASE_URL = 'https://api.weixin.qq.com';

// Errcodes that are not "this request was bad". Everything unlisted is REJECTED.
const SYSTEM_BUSY = -1;
const RATE_LIMITS = new Set([45011, 45009]); // per-user login frequency, API daily quota
// Our credentials or server set-up refused: no user can log in until an operator fixes it.
const MISCONFIGURED = new Set([40013, 40125, 40164, 41002, 41004, 48001]);
const ACCESS_TOKEN_STALE = new Set([40001, 40014, 42001]);

// A token is treated as expired this long before WeChat says, so a send never races expiry.
const TOKEN_SAFETY_MS = 5 * 60_000;

export function createWechatClient(cfg: WechatConfig): WechatClient {
  const baseUrl = cfg.baseUrl.replace(/\/+$/, '');
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let cachedToken: { value: string; expiresAt: number } | undefined;
  let tokenInFlight: Promise<string> | undefined;

  async function callWechat(path: string, query: Record<string, string>, jsonBody?: unknown): Promise<Record<string, unknown>> {
    const url = `${baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    const response = await requestUpstream(
      'wechat',
      url,
      jsonBody === undefined
        ? { method: 'GET' }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(jsonBody) },
      timeoutMs,
    );
    return parseJsonObject('wechat', response);
  }

  async function fetchAccessToken(): Promise<string> {
    const answer = await callWechat('/cgi-bin/token', { grant_type: 'client_credential', appid: cfg.appId, secret: cfg.appSecret });
    throwIfError(answer, 'access token');
    const token = stringField(answer, 'access_token');
    const expiresIn = Number(stringField(answer, 'expires_in'));
    if (!token || !Number.isFinite(expiresIn)) throw malformed('wechat', 'token answer without access_token/expires_in');
    cachedToken = { value: token, expiresAt: Date.now() + expiresIn * 1000 - TOKEN_SAFETY_MS };
    return token;
  }

  function accessToken(): Promise<string> {
    if (cachedToken && cachedToken.expiresAt > Date.now()) return Promise.resolve(cachedToken.value);
    // Concurrent sends share one fetch: every /cgi-bin/token call invalidates the previous token
    // (after a grace period) and counts against a daily quota of 2,000.
    tokenInFlight ??= fetchAccessToken().finally(() => {
      tokenInFlight = undefined;
    });
    return tokenInFlight;
  }

  return {
    async code2Session(code) {
      const answer = await callWechat('/sns/jscode2session', {
        appid: cfg.appId,
        secret: cfg.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      });
      throwIfError(answer, 'code2Session');
      const openId = stringField(answer, 'openid');
      if (!openId) throw malformed('wechat', 'code2Session answer without openid');
      const unionId = stringField(answer, 'unionid');
      return unionId ? { openId, unionId } : { openId };
    },

    async sendSubscribeMessage(message) {
      const body = {
        touser: message.openId,
        template_id: message.templateId,
        page: message.page,
        data: checkSubscribeData(message.data),
        miniprogram_state: message.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      };
      let token = await accessToken();
      let answer = await callWechat('/cgi-bin/message/subscribe/send', { access_token: token }, body);
      if (ACCESS_TOKEN_STALE.has(Number(answer['errcode']))) {
        // Another process (or WeChat's console) refreshed the token, or it expired early. Only drop
        // the cache if nobody replaced it meanwhile, then retry exactly once.
        if (cachedToken?.value === token) cachedToken = undefined;
        token = await accessToken();
        answer = await callWechat('/cgi-bin/message/subscribe/send', { access_token: token }, body);
      }
      throwIfError(answer, 'subscribe message');
    },
  };
}

function throwIfError(answer: Record<string, unknown>, what: string): void {
  const errcode = Number(answer['errcode'] ?? 0);
  if (errcode === 0) return;
  let kind: UpstreamErrorKind = 'REJECTED';
  let retryable = false;
  if (errcode === SYSTEM_BUSY || Number.isNaN(errcode)) {
    kind = 'UNAVAILABLE';
    retryable = true;
  } else if (RATE_LIMITS.has(errcode)) {
    kind = 'RATE_LIMITED';
  } else if (MISCONFIGURED.has(errcode)) {
    kind = 'UNAVAILABLE';
  } else if (ACCESS_TOKEN_STALE.has(errcode)) {
    // Even a freshly fetched token was refused: another process keeps replacing it. Later may work.
    kind = 'UNAVAILABLE';
    retryable = true;
  }
  throw new UpstreamError({ upstream: 'wechat', kind, retryable, upstreamCode: String(answer['errcode']), message: `wechat ${what} failed with errcode ${String(answer['errcode'])}` });
}

// WeChat's subscribe-message value rules, keyed by the data key without its digits (`thing1` →
// `thing`). Free text is shortened so a long service name never loses the whole message; every
// other type is rejected, because a cut number, time or plate would state something false.
interface FieldRule {
  max: number;
  pattern?: RegExp;
  truncate?: boolean;
}
const DATE = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})`;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const range = (one: string): RegExp => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`, 'u');
const FIELD_RULES: Record<string, FieldRule> = {
  thing: { max: 20, truncate: true },
  short_thing: { max: 5, truncate: true },
  phrase: { max: 5, pattern: /^\p{Script=Han}+$/u },
  number: { max: 32, pattern: /^-?\d+(?:\.\d+)?$/ },
  letter: { max: 32, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5, pattern: /^[^\p{L}\p{N}\s]+$/u },
  character_string: { max: 32, pattern: /^[\x20-\x7e]+$/ },
  time: { max: 64, pattern: range(`(?:${DATE}\\s*)?${TIME}`) },
  date: { max: 64, pattern: range(`${DATE}(?:\\s*${TIME})?`) },
  amount: { max: 32, pattern: /^\p{Sc}?\d{1,10}(?:\.\d{1,2})?元?$/u },
  phone_number: { max: 17, pattern: /^[\d+\-() ]+$/ },
  car_number: { max: 8, pattern: /^[\p{Script=Han}A-Z0-9][A-Z0-9]*[\p{Script=Han}A-Z0-9]?$/u },
  // Chinese names up to 10 characters, Latin-letter names up to 20.
  name: { max: 20, pattern: /^(?:[\p{Script=Han}·]{1,10}|[A-Za-z .'-]{1,20})$/u },
};

/** Applies FIELD_RULES; unknown types pass through for WeChat to judge (47003 comes back REJECTED). */
export function checkSubscribeData(data: Record<string, { value: string }>): Record<string, { value: string }> {
  const checked: Record<string, { value: string }> = {};
  for (const [key, { value }] of Object.entries(data)) {
    const rule = FIELD_RULES[key.replace(/\d+$/, '')];
    // Code points, not UTF-16 units: WeChat counts a rare CJK character as one.
    const chars = [...value];
    if (!rule) {
      checked[key] = { value };
    } else if (chars.length === 0) {
      throw fieldError(key, 'is empty');
    } else if (chars.length > rule.max && rule.truncate) {
      checked[key] = { value: `${chars.slice(0, rule.max - 1).join('')}…` };
    } else if (chars.length > rule.max) {
      throw fieldError(key, `is longer than ${rule.max} characters`);
    } else if (rule.pattern && !rule.pattern.test(value)) {
      throw fieldError(key, 'does not match its WeChat field type');
    } else {
      checked[key] = { value };
    }
  }
  return checked;
}

// Reported as WeChat itself would (47003, not retryable) so the outbox treats both alike; the value
// is left out of the message because it may be personal data.
function fieldError(key: string, problem: string): UpstreamError {
  return new UpstreamError({ upstream: 'wechat', kind: 'REJECTED', upstreamCode: '47003', message: `subscribe message field ${key} ${problem} (checked before sending)` });
}
