// The hall's check-in code as the citizen's phone reads it: a scanned QR
// (`palm-checkin:<officeId>:<YYYY-MM-DD>:<code>`, shown on the hall's screen and new every day) or
// the 8 characters typed in. What can be told without asking — a QR that is no hall's, another
// hall's — is said at once; whether the code is today's is the BFF's to say (it keeps the key).

const QR_PREFIX = 'palm-checkin:';
const QR = /^palm-checkin:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(?:\d{4}-\d{2}-\d{2}:)?[0-9a-z]{8}$/i;

export const HALL_CODE_LENGTH = 8;

/** A scan to send as it is, or what is wrong with it. */
export type ScanReading = { hallCode: string } | { problem: string };

export function readScan(text: string, office: { id: string; name: string }): ScanReading {
  const trimmed = text.trim();
  const qr = QR.exec(trimmed);
  if (!qr) return { problem: '这不是办事大厅的签到码，请扫描大厅窗口显示的签到二维码' };
  if (qr[1]!.toLowerCase() !== office.id.toLowerCase()) return { problem: `这是其他大厅的签到码。您预约的是${office.name}，请在该大厅扫码签到` };
  // An old fixed poster (no date) goes too: the BFF says it is no longer used.
  return { hallCode: trimmed };
}

/** Typed: spaces and hyphens dropped, capitals (the screen shows capitals); a pasted QR text is kept. */
export const normaliseTyped = (typed: string): string => (typed.trim().startsWith(QR_PREFIX) ? typed.trim() : typed.replace(/[\s-]/g, '').toUpperCase());
