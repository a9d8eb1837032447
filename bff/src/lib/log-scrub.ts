// Last line of defence for logs: whatever a developer puts in a log line, resident ID numbers and
// mobile numbers are masked before pino writes it (DESIGN.md §6). Structured secrets (tokens,
// codes, passwords) are removed by pino's `redact` paths in app.ts; this handles free text.
import { maskIdNumber, maskPhone } from '@palm/shared';

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
// Secrets that travel in query strings (the WebSocket access_token, OAuth codes).
const QUERY_SECRET = /([?&](?:access_token|token|code|authCode|auth_code|js_code|refreshToken)=)[^&#\s]*/gi;

export function scrubText(text: string): string {
  return text
    .replace(QUERY_SECRET, '$1[REDACTED]')
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(MOBILE, (m) => maskPhone(m));
}

/** Deep copy with every string scrubbed; depth-bounded so a cyclic object cannot hang logging. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubText(value.message), stack: value.stack ? scrubText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}
