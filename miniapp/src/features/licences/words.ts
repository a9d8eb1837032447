// Words shared by the licence pages: a licence's status in words with its tag's shape (never colour
// alone, DESIGN.md §4), its validity, when something happened (server clock, Asia/Shanghai), and a
// clerk's refusal in plain Chinese for each code the BFF's 核验 answers.
import { LICENCE_STATUS_LABELS, type LicenceStatusKey } from '@palm/shared';
import type { StatusTone } from '../../components/status-tag';
import { ApiError, messageOf } from '../../api/errors';
import { dayLabel, shanghaiTime } from '../appointments/words';
import { shanghaiDate } from '../../lib/server-clock';

const STATUS_TONES: Record<LicenceStatusKey, StatusTone> = { VALID: 'open', REVOKED: 'closed', EXPIRED: 'notice' };

/** 有效 / 已注销 / 已过期, with the tag's tone (● / ○ / !). */
export function licenceStatusWords(status: LicenceStatusKey): { tone: StatusTone; text: string } {
  return { tone: STATUS_TONES[status], text: LICENCE_STATUS_LABELS[status] };
}

/** "有效期 2020-03-01 至 2030-03-01" / "有效期 2020-03-01 起长期有效". */
export function validityWords(validFrom: string, validUntil: string | null): string {
  return validUntil ? `有效期 ${validFrom} 至 ${validUntil}` : `有效期 ${validFrom} 起长期有效`;
}

/** "11月23日 周一 09:40". */
export const whenWords = (at: string): string => `${dayLabel(shanghaiDate(0, Date.parse(at)))} ${shanghaiTime(at)}`;

/** "2026-11-23 09:40:05" in Asia/Shanghai, for the watermark's live clock. */
export function clockWords(at: number): string {
  const shanghai = new Date(at + 8 * 3_600_000).toISOString();
  return `${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)}`;
}

/**
 * A clerk's 核验 refused, in words for the window: what is wrong and what to ask of the person.
 * Codes the table does not name fall back to the app's error copy.
 */
export const VERIFY_REFUSAL_WORDS: Readonly<Record<string, string>> = {
  LICENCE_TOKEN_INVALID: '核验不通过：亮证码无效或被改动过。请让对方在手机上重新出示。',
  LICENCE_TOKEN_EXPIRED: '核验不通过：亮证码已过期。请让对方刷新后重新出示。',
  LICENCE_TOKEN_AUDIENCE: '核验不通过：这个码不是用于证照核验的。',
  LICENCE_TOKEN_TYPE: '核验不通过：这不是亮证码。',
  LICENCE_TOKEN_ALGORITHM: '核验不通过：亮证码的签名方式不被接受。',
  LICENCE_TOKEN_KEY_UNKNOWN: '核验不通过：签名密钥未知。请让对方刷新后重新出示。',
  LICENCE_TOKEN_USED: '核验不通过：这个亮证码已经核验过一次，每个码只能用一次。请让对方刷新后重新出示。',
  LICENCE_REVOKED: '核验不通过：该证照已被发证机关注销，不能作为办事凭证。',
  LICENCE_EXPIRED: '核验不通过：该证照已过有效期，不能作为办事凭证。',
  FORBIDDEN: '只有大厅窗口工作人员可以核验亮证码。',
  LICENCE_SIGNING_UNAVAILABLE: '核验服务暂时无法使用，请查验实体证件。',
};

/** The words for a failed 核验 (any error: a refusal by code, else the app's copy). */
export function verifyRefusalWords(failure: unknown): string {
  if (failure instanceof ApiError && VERIFY_REFUSAL_WORDS[failure.code]) return VERIFY_REFUSAL_WORDS[failure.code]!;
  return messageOf(failure);
}
