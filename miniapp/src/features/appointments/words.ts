// Appointments in words (DESIGN.md §4: colour is never the only cue): dates with their weekday,
// Shanghai times from instants, a slot's and a day's state, an appointment's status, the rules.
import {
  APPOINTMENT_CHANGE_CUTOFF_MINUTES,
  CHECK_IN_CLOSES_MINUTES_AFTER,
  CHECK_IN_OPENS_MINUTES_BEFORE,
  isoWeekday,
  NO_SHOW_EXEMPT_AGE,
  NO_SHOW_RULE,
  type AppointmentStatusKey,
} from '@palm/shared';
import type { AppointmentView, SlotDayView, SlotView, WaitlistStatus } from '../../api/appointments';
import type { StatusTone } from '../../components/status-tag';
import { WEEKDAY_NAMES } from '../../lib/format';

const MINUTE = 60_000;
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;

export const weekdayOf = (date: string): string => WEEKDAY_NAMES[isoWeekday(date) - 1]!;

/** 11月23日 周一 */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${weekdayOf(date)}`;
}

/** HH:mm in Asia/Shanghai of an instant. */
export function shanghaiTime(instant: string | number): string {
  return new Date(new Date(instant).getTime() + SHANGHAI_OFFSET).toISOString().slice(11, 16);
}

/** 11月23日 周一 09:40–10:00 */
export function whenLabel(a: { date: string; start: string; end: string }): string {
  return `${dayLabel(a.date)} ${a.start}–${a.end}`;
}

/** What a slot row says on its right: 余3, 已约满 (2人候补), 08:00放号, 已过. */
export function slotState(slot: SlotView): { text: string; tone: StatusTone } {
  if (slot.unavailableReason === 'PAST') return { text: '已过', tone: 'neutral' };
  if (slot.unavailableReason === 'NOT_RELEASED') return { text: `${shanghaiTime(slot.releasesAt)}放号`, tone: 'neutral' };
  if (slot.unavailableReason === 'FULL' || slot.remaining === 0) {
    return { text: slot.waiting ? `已约满 · ${slot.waiting}人候补` : '已约满', tone: 'closed' };
  }
  return { text: `余${slot.remaining}`, tone: 'open' };
}

/** A day tile's one-word state. */
export function dayState(day: SlotDayView): string {
  if (day.items.length === 0) {
    const note = day.note ?? '';
    if (note.includes('节假日')) return '节假日';
    if (note.includes('暂停')) return '暂停服务';
    if (note.includes('放号') || note.includes('尚未开放')) return '未放号';
    if (note.includes('不提供')) return '不开放';
    return '无号';
  }
  if (!day.release.isReleased) return '未放号';
  const left = day.items.filter((s) => s.isBookable).reduce((sum, s) => sum + s.remaining, 0);
  if (left > 0) return `余${left}`;
  return day.items.every((s) => s.unavailableReason === 'PAST') ? '已结束' : '已约满';
}

export const APPOINTMENT_STATUS: Record<AppointmentStatusKey, { text: string; tone: StatusTone }> = {
  BOOKED: { text: '待签到', tone: 'open' },
  CHECKED_IN: { text: '已签到', tone: 'open' },
  DONE: { text: '已办结', tone: 'neutral' },
  CANCELLED: { text: '已取消', tone: 'closed' },
  NO_SHOW: { text: '未按时签到', tone: 'closed' },
};

export const statusOf = (a: Pick<AppointmentView, 'status'>) => APPOINTMENT_STATUS[a.status as AppointmentStatusKey] ?? { text: a.status, tone: 'neutral' as StatusTone };

export const isActiveAppointment = (a: Pick<AppointmentView, 'status'>): boolean => a.status === 'BOOKED' || a.status === 'CHECKED_IN';

export const WAITLIST_STATUS: Record<WaitlistStatus, { text: string; tone: StatusTone }> = {
  WAITING: { text: '候补中', tone: 'notice' },
  PROMOTED: { text: '已约上', tone: 'open' },
  SKIPPED: { text: '未能约上', tone: 'closed' },
  CANCELLED: { text: '已取消', tone: 'closed' },
  EXPIRED: { text: '已结束', tone: 'neutral' },
};

/** An appointment's start and, when the BFF says them, its check-in instants. */
export type CheckInTimes = Pick<AppointmentView, 'startsAt'> & Partial<Pick<AppointmentView, 'checkInOpensAt' | 'checkInClosesAt'>>;

/** The check-in window's opening and closing instants (ms): from the BFF when it says, else from the shared rule. */
export function checkInInstants(a: CheckInTimes): { opens: number; closes: number } {
  const start = new Date(a.startsAt).getTime();
  return {
    opens: a.checkInOpensAt ? new Date(a.checkInOpensAt).getTime() : start - CHECK_IN_OPENS_MINUTES_BEFORE * MINUTE,
    closes: a.checkInClosesAt ? new Date(a.checkInClosesAt).getTime() : start + CHECK_IN_CLOSES_MINUTES_AFTER * MINUTE,
  };
}

/** The check-in window as HH:mm–HH:mm. */
export function checkInWindow(a: CheckInTimes): string {
  const { opens, closes } = checkInInstants(a);
  return `${shanghaiTime(opens)}–${shanghaiTime(closes)}`;
}

const { count, windowDays, suspendDays } = NO_SHOW_RULE;
const CHANGE_RULE = `开始前${APPOINTMENT_CHANGE_CUTOFF_MINUTES}分钟以前，可以在线取消或改约`;
const CHECK_IN_RULE = `请在开始前${CHECK_IN_OPENS_MINUTES_BEFORE}分钟到开始后${CHECK_IN_CLOSES_MINUTES_AFTER}分钟内到大厅签到，签到后优先叫号`;
const NO_SHOW_WORDS = {
  normal: `未签到算作爽约；${windowDays}天内爽约${count}次，网上预约将暂停${suspendDays}天（到大厅现场办理不受影响）`,
  // Plain words (no 爽约) for 长辈版.
  elder: `${windowDays}天内${count}次预约未到，网上预约会暂停${suspendDays}天（到大厅现场办理不受影响）`,
};

/**
 * The rules a person agrees to when booking. 长辈版 keeps the no-show rule too, in plainer words:
 * older people are the likeliest to be kept at home on the day and lose online booking for it.
 * People aged 70+ are never suspended (NO_SHOW_EXEMPT_AGE, as the BFF applies it), so they are
 * not warned of it; an unknown age gets the rule.
 */
export function bookingRules(isElder: boolean, age: number | null | undefined): string[] {
  const isExempt = typeof age === 'number' && age >= NO_SHOW_EXEMPT_AGE;
  return isExempt ? [CHANGE_RULE, CHECK_IN_RULE] : [CHANGE_RULE, CHECK_IN_RULE, NO_SHOW_WORDS[isElder ? 'elder' : 'normal']];
}
