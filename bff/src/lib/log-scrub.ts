// Last line of defence for logs: whatever a developer puts in a log line, resident ID numbers and
// mobile numbers are masked in the finished line before pino writes it (DESIGN.md §6). Structured
// secrets (tokens, codes, passwords) are removed by pino's `redact` paths in app.ts.
import { maskIdNumber, maskPhone } from '@palm/shared';

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
// Secrets that travel in query strings (the WebSocket access_token, OAuth codes).
const QUERY_SECRET = /([?&](?:access_token|token|code|authCode|auth_code|js_code|refreshToken)=)[^&#\s]*/gi;

// A JWT anywhere in free text (header.payload.signature, base64url, header starting {" → eyJ).
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;

export function scrubText(text: string): string {
  return text
    .replace(QUERY_SECRET, '$1[REDACTED]')
    .replace(JWT, '[REDACTED-JWT]')
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(MOBILE, (m) => maskPhone(m));
}
