// The one table that turns an error code into the words a person sees (STYLE.md: errors → friendly
// copy keyed by code). It starts from the shared ERROR_CODES, which the BFF also uses, and adds the
// failures only the client can see (no network, timeout). Copy says what happened and what to do,
// in plain Chinese, without codes or English.
import { ERROR_CODES } from '@palm/shared';

const SERVER_COPY: Record<string, string> = Object.fromEntries(
  Object.entries(ERROR_CODES).map(([code, { message }]) => [code, message]),
);

export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'TIMEOUT', 'BAD_RESPONSE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export const ERROR_COPY: Readonly<Record<string, string>> = {
  ...SERVER_COPY,
  NETWORK_ERROR: '网络连接不上，请检查网络后点“重试”',
  TIMEOUT: '网络太慢，请稍后点“重试”',
  BAD_RESPONSE: '服务器返回的内容无法识别，请稍后再试',
};

/**
 * On 实名认证 the outside service is the identity platform, and a limit means too many checks: the
 * general copy would not say what to do there. Keyed by code like the table above.
 */
export const REAL_NAME_ERROR_COPY: Readonly<Record<string, string>> = {
  UPSTREAM_UNAVAILABLE: '实名核验服务暂时无法使用，请稍后再试，或带身份证到任一大厅窗口办理',
  RATE_LIMITED: '核验次数太多，请稍后再试；也可以带身份证到任一大厅窗口办理',
};

/** By HTTP status, for a code the table does not know. */
function copyForStatus(status: number): string {
  if (status === 401) return ERROR_COPY.UNAUTHENTICATED!;
  if (status === 403) return ERROR_COPY.FORBIDDEN!;
  if (status === 404) return ERROR_COPY.NOT_FOUND!;
  if (status === 409) return ERROR_COPY.CONFLICT!;
  if (status === 429) return ERROR_COPY.RATE_LIMITED!;
  if (status === 503) return ERROR_COPY.SERVICE_UNAVAILABLE!;
  if (status >= 400 && status < 500) return ERROR_COPY.VALIDATION_FAILED!;
  return ERROR_COPY.INTERNAL!;
}

/**
 * Codes whose BFF message is more precise than the table's and is shown as sent (when it is
 * Chinese — our own words, not a framework's): when check-in opens ("今天 09:10 起可以签到"), why an
 * appointment cannot change ("该预约已取消，不能签到"), how many tries of the hall's code are left
 * or which day's code was scanned, which number someone already holds, a suspension's reason with
 * its dates; a grant's state ("该授权已撤销"), its limits and last day in words for whoever asked
 * ("您可代办的人数已满（最多5人）…", "有效期可选2026-11-23至2027-11-23…"), and from when one may ask
 * again after a refusal or today's last invitation; a photo's size limit and how many a report takes.
 */
const SERVER_WORDED = new Set([
  'CHECK_IN_NOT_OPEN',
  'CHECK_IN_CLOSED',
  'CHECK_IN_WRONG_HALL',
  'CHECK_IN_CODE_EXPIRED',
  'APPOINTMENT_STATE',
  'TICKET_ALREADY_ACTIVE',
  'APPOINTMENT_SUSPENDED',
  'GRANT_STATE',
  'GRANT_FAMILY_LIMIT',
  'GRANT_GRANTEE_LIMIT',
  'GRANT_VALIDITY_INVALID',
  'GRANT_RELATION_GRID_WORKER',
  'GRANT_COOLDOWN',
  'GRANT_DAILY_LIMIT',
  // 办不成事 photos: the configured size and count limits in the BFF's words.
  'PHOTO_TOO_LARGE',
  'REPORT_PHOTOS_TOO_MANY',
]);
const CHINESE = /[\u4e00-\u9fff]/;

/** The message for a code; an unknown code falls back to the server's message, then to the status. */
export function errorCopy(code: string, status = 0, serverMessage?: string): string {
  const server = serverMessage?.trim();
  if (server && SERVER_WORDED.has(code) && CHINESE.test(server)) return server;
  return ERROR_COPY[code] ?? (server || copyForStatus(status));
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Worth trying again as is: no network, a timeout, a busy or unavailable server. */
  readonly isRetryable: boolean;
  /** The BFF's own message, as sent (a form that names the field it refused shows it: detailedMessageOf). */
  readonly serverMessage: string | undefined;

  constructor(code: string, status: number, serverMessage?: string) {
    super(errorCopy(code, status, serverMessage));
    this.name = 'ApiError';
    this.code = code;
    this.serverMessage = serverMessage?.trim() || undefined;
    this.status = status;
    this.isRetryable = status === 0 || status === 429 || status >= 500;
  }
}

/** Any thrown value as the copy to show. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : ERROR_COPY.INTERNAL!;
}

/**
 * For the console's forms: a refusal of what was typed (400 / 409 / 422) in the BFF's own Chinese
 * words, which name the field and the rule ("这一天已有特别安排…"); anything else as messageOf.
 */
export function detailedMessageOf(error: unknown): string {
  if (error instanceof ApiError && error.serverMessage && error.status >= 400 && error.status < 500 && error.status !== 401 && CHINESE.test(error.serverMessage)) return error.serverMessage;
  return messageOf(error);
}
