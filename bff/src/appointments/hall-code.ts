// A hall's check-in code (签到码) is dated: an HMAC of the office id and the Shanghai business date
// (the server's clock) under a key derived from PALM_JWT_SECRET with its own label — nothing to
// store, the same on every instance, new every midnight, and it cannot be made up for another hall
// or day. The hall shows today's on a screen its staff open (窗口工作台): a QR of
// `palm-checkin:<officeId>:<date>:<code>` and the same 8 characters to type on H5. A photo of it
// from yesterday is refused as expired, which a fixed poster could not do.
//
// Guessing is bounded: every try compared with today's code counts — before the comparison, so
// tries sent in parallel cannot outrun the count — and after CHECK_IN_WRONG_CODES_PER_DAY of them
// by one person for one appointment, they get 429 for it until the day ends (the window still
// checks it in by its appointment code). The count is per person and appointment, so a grid worker
// or a son checking in several people at one hall is never held up by the others' tries, while one
// person has at most 3 active bookings (DESIGN.md §4) and so few guesses a day. A right code counts
// too: an appointment needs it once (a double tap is two tries of five). Tries that are refused without looking at today's code (not a
// code at all, another hall's QR, another day's QR) do not count. The counts are kept by the
// rate-limit plugin (Redis when configured, so instances count together; in memory otherwise); if
// Redis is unreachable tries are let through, like every limit here: losing a count is better than
// refusing people at the hall, and the window is still checked.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, APPOINTMENT_CODE_ALPHABET, zonedDateTimeToInstant } from '@palm/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError } from '../lib/errors';
import { TtlCache } from '../lib/ttl-cache';

const HALL_CODE_LENGTH = 8;
/** Separates this key from every other use of PALM_JWT_SECRET; a new version changes every code. */
const HALL_CODE_LABEL = 'palm:hall-check-in-code:v2';
const QR_PREFIX = 'palm-checkin';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CODE = `[0-9a-z]{${HALL_CODE_LENGTH}}`;
const DATED_QR = new RegExp(`^${QR_PREFIX}:(${UUID}):(\\d{4}-\\d{2}-\\d{2}):(${CODE})$`, 'i');
/** The fixed posters printed before codes were dated. */
const UNDATED_QR = new RegExp(`^${QR_PREFIX}:(${UUID}):(${CODE})$`, 'i');
const TYPED = new RegExp(`^${CODE}$`, 'i');
/** Medium error correction; 480 px wide, sharp at 240 CSS px on a 2× screen. */
export const QR_IMAGE_OPTIONS = { errorCorrectionLevel: 'M', margin: 2, width: 480 } as const;
/** Longer than any business day: the count's key names its day, so the window only has to outlast it. */
const COUNT_WINDOW_MS = 25 * 60 * 60 * 1000;

/** The hall's 8-character check-in code of one business date: HMAC-SHA-256 read in base 31. */
export function hallCheckInCode(secret: string, officeId: string, date: string): string {
  const key = createHmac('sha256', secret).update(HALL_CODE_LABEL).digest();
  // 64 bits cover 31⁸ ≈ 8.5 × 10¹¹ about 2 × 10⁷ times over: no letter is noticeably likelier.
  let n = createHmac('sha256', key).update(`${officeId.toLowerCase()}\n${date}`).digest().readBigUInt64BE(0);
  const base = BigInt(APPOINTMENT_CODE_ALPHABET.length);
  let code = '';
  for (let i = 0; i < HALL_CODE_LENGTH; i += 1) {
    code += APPOINTMENT_CODE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return code;
}

export const hallCheckInQr = (officeId: string, date: string, code: string) => `${QR_PREFIX}:${officeId}:${date}:${code}`;

/** What a scan or a typed text names, or null when it is no check-in code at all. */
export type ScannedHallCode =
  | { kind: 'qr'; officeId: string; date: string; code: string }
  | { kind: 'undated-qr'; officeId: string }
  | { kind: 'typed'; code: string };

export function parseHallCode(text: string): ScannedHallCode | null {
  const trimmed = text.trim();
  const dated = DATED_QR.exec(trimmed);
  if (dated) return { kind: 'qr', officeId: dated[1]!.toLowerCase(), date: dated[2]!, code: dated[3]!.toUpperCase() };
  const undated = UNDATED_QR.exec(trimmed);
  if (undated) return { kind: 'undated-qr', officeId: undated[1]!.toLowerCase() };
  // A typed code may come with the spaces or hyphen the screen groups it by.
  const typed = trimmed.replace(/[\s-]/g, '');
  return TYPED.test(typed) ? { kind: 'typed', code: typed.toUpperCase() } : null;
}

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** What the hall's screen shows today. */
export interface HallCodeOfDay {
  date: string;
  code: string;
  qr: string;
  /** The next midnight in Asia/Shanghai, when the code changes. */
  validUntil: Date;
}

export class HallCodes {
  private readonly tries: ReturnType<FastifyInstance['createRateLimit']>;
  /** The count a request's try goes to (the limiter derives keys from the request alone). */
  private readonly tryKeys = new WeakMap<FastifyRequest, string>();
  /** Each hall's image of the day, drawn once (a few ms of CPU each time otherwise). */
  private readonly images = new TtlCache<string, string>(COUNT_WINDOW_MS, 500);

  constructor(private readonly app: FastifyInstance) {
    this.tries = app.createRateLimit({
      max: app.config.CHECK_IN_WRONG_CODES_PER_DAY,
      timeWindow: COUNT_WINDOW_MS,
      keyGenerator: (request) => this.tryKeys.get(request) ?? `check-in-code:request:${request.id}`,
    });
  }

  today(officeId: string): HallCodeOfDay {
    const date = this.businessDate();
    const code = this.codeOf(officeId, date);
    return { date, code, qr: hallCheckInQr(officeId, date, code), validUntil: zonedDateTimeToInstant(addDays(date, 1), '00:00') };
  }

  /** The QR as a PNG data URL, which an image element shows on H5, WeChat and Alipay alike. */
  qrImage(qr: string): Promise<string> {
    return this.images.get(qr, () => QRCode.toDataURL(qr, QR_IMAGE_OPTIONS));
  }

  /**
   * Passes when `text` is the hall's code of today (scanned or typed); otherwise refuses with why —
   * and after too many tries by this person at this hall today, refuses before comparing.
   */
  async verify(request: FastifyRequest, by: { actorId: string; appointmentId: string; officeId: string; text: string }): Promise<void> {
    const officeId = by.officeId.toLowerCase();
    const today = this.businessDate();
    const scanned = parseHallCode(by.text);
    if (!scanned) throw new AppError('CHECK_IN_WRONG_HALL', '这不是办事大厅的签到码，请扫描大厅窗口显示的签到二维码');
    if (scanned.kind === 'undated-qr') {
      if (scanned.officeId !== officeId) throw new AppError('CHECK_IN_WRONG_HALL');
      throw new AppError('CHECK_IN_CODE_EXPIRED', '这张签到海报已停用：签到码每天更换，请扫描大厅窗口显示的今天的签到码');
    }
    if (scanned.kind === 'qr') {
      if (scanned.officeId !== officeId) throw new AppError('CHECK_IN_WRONG_HALL');
      if (scanned.date !== today) {
        if (scanned.date < today && sameCode(scanned.code, this.codeOf(officeId, scanned.date))) {
          throw new AppError('CHECK_IN_CODE_EXPIRED', `这是${monthDay(scanned.date)}的签到码，已过期：签到码每天更换，请扫描大厅窗口显示的今天的签到码`);
        }
        throw new AppError('CHECK_IN_WRONG_HALL');
      }
    }

    // From here the text is compared with today's code: the try is counted first.
    const left = await this.countTry(request, by.actorId, by.appointmentId, today);
    if (sameCode(scanned.code, this.codeOf(officeId, today))) return;
    if (scanned.kind === 'typed' && sameCode(scanned.code, this.codeOf(officeId, addDays(today, -1)))) {
      throw new AppError('CHECK_IN_CODE_EXPIRED', '这是昨天的签到码，已过期：签到码每天更换，请输入大厅窗口显示的今天的签到码');
    }
    const then = left > 0 ? `请核对后再试（今天还可以再试${left}次），或到窗口出示预约码签到` : '今天不能再用签到码签到了，请到窗口出示预约码，由工作人员为您签到';
    throw new AppError('CHECK_IN_WRONG_HALL', `签到码不对，${then}`, { triesLeft: left });
  }

  private businessDate(): string {
    const { clock } = this.app.resources;
    return clock.businessDate(clock.now());
  }

  private codeOf(officeId: string, date: string): string {
    return hallCheckInCode(this.app.config.PALM_JWT_SECRET, officeId, date);
  }

  /** Counts a try by `actorId` for the appointment today; the tries left after it, or 429 when none was left. */
  private async countTry(request: FastifyRequest, actorId: string, appointmentId: string, today: string): Promise<number> {
    this.tryKeys.set(request, `check-in-code:${actorId}:${appointmentId}:${today}`);
    const limit = await this.tries(request);
    const max = this.app.config.CHECK_IN_WRONG_CODES_PER_DAY;
    if (limit.isAllowed) return max;
    if (!limit.isExceeded) return limit.remaining;
    const midnight = zonedDateTimeToInstant(addDays(today, 1), '00:00');
    const retryAfterSeconds = Math.max(1, Math.ceil((midnight.getTime() - this.app.resources.clock.now().getTime()) / 1000));
    throw new AppError('RATE_LIMITED', '签到码输错次数太多，今天不能再用签到码签到了，请到窗口出示预约码，由工作人员为您签到', { retryAfterSeconds });
  }
}
