// The appointment domain's notification kinds (notify/kind-spec.ts) and what they say (reminders,
// 候补成功, booking suspended, cancelled by the hall), from the facts in the outbox row: the service,
// the hall, the time and the appointment code — never a name, a phone or an ID number. The
// reminders and 候补成功 share one platform template, 预约提醒 (notify/README.md). Written by
// notify/appointments.ts.
import { APPOINTMENT_CHANGE_CUTOFF_MINUTES, CHECK_IN_CLOSES_MINUTES_AFTER, CHECK_IN_OPENS_MINUTES_BEFORE } from '@palm/shared';
import { defineKinds, kind } from '../notify/kind-spec';
import { businessDay, businessTime, shortText, timeRange } from '../notify/text';

/** Facts of a message about one appointment (the row's `payload`). */
export interface AppointmentFacts {
  code: string;
  serviceName: string;
  officeName: string;
  officeAddress?: string | null;
  /** The appointment's start and end (ISO) when the message was written. */
  startsAt: string;
  endsAt?: string;
  /** 候补成功 told to the one who joined the waitlist for someone else. */
  onBehalf?: boolean;
  /** When it was written (ISO). */
  at: string;
}

/** Facts of BOOKING_SUSPENDED. */
export interface SuspensionFacts {
  suspensionId: string;
  /** Until when online booking is suspended (ISO). */
  endsAt: string;
  /** Shown to the person, e.g. "30天内3次预约未到（11月2日、11月9日、11月16日）". */
  reason: string;
  at: string;
}

/** Facts of APPOINTMENT_CANCELLED: the appointment as it was, and why it was cancelled. */
export interface CancellationFacts extends AppointmentFacts {
  /** Shown to the person, e.g. "大厅调整了办公时间，该时段不再办理". */
  reason: string;
}

export type AppointmentKind = 'APPOINTMENT_REMINDER_DAY' | 'APPOINTMENT_REMINDER_HOUR' | 'WAITLIST_PROMOTED';

const CHECK_IN = `开始前 ${CHECK_IN_OPENS_MINUTES_BEFORE} 分钟至开始后 ${CHECK_IN_CLOSES_MINUTES_AFTER} 分钟内可签到`;
const CANCEL = `如不能前往，请在开始 ${APPOINTMENT_CHANGE_CUTOFF_MINUTES} 分钟前取消`;

/** The platform template's 温馨提示 (WeChat `thing`: at most 20 characters). */
const TIPS: Record<AppointmentKind, string> = {
  APPOINTMENT_REMINDER_DAY: `请按时前往，开始前${CHECK_IN_OPENS_MINUTES_BEFORE}分钟可签到`,
  APPOINTMENT_REMINDER_HOUR: '预约即将开始，请按时到达签到',
  WAITLIST_PROMOTED: '候补成功，已为您预约此时段',
};
const tip = (kind: AppointmentKind, f: AppointmentFacts): string => (kind === 'WAITLIST_PROMOTED' && f.onBehalf ? '候补成功，请告知办事人按时前往' : TIPS[kind]);

const place = (f: AppointmentFacts): string => (f.officeAddress ? `${f.officeName}（${f.officeAddress}）` : f.officeName);

export function renderAppointmentInApp(kind: AppointmentKind, f: AppointmentFacts): { title: string; body: string } {
  const { day } = businessDay(f.startsAt);
  const when = `${day} ${timeRange(f.startsAt, f.endsAt)}`;
  if (kind === 'APPOINTMENT_REMINDER_HOUR') {
    return { title: '预约即将开始', body: `您预约的${f.serviceName}将于 ${when} 开始，请到${place(f)}签到（${CHECK_IN}），预约码 ${f.code}。` };
  }
  if (kind === 'WAITLIST_PROMOTED') {
    const whose = f.onBehalf ? '您代他人候补的' : '您候补的';
    const booked = f.onBehalf ? '已预约成功' : '已为您预约成功';
    return { title: '候补成功', body: `${whose}${f.serviceName}（${when}，${f.officeName}）${booked}，预约码 ${f.code}。请按时前往；${CANCEL}，把名额留给他人。` };
  }
  return { title: '预约提醒', body: `您预约了 ${when} 在${place(f)}办理${f.serviceName}，预约码 ${f.code}。请带齐材料按时前往，${CHECK_IN}；${CANCEL}。` };
}

export function renderSuspensionInApp(f: SuspensionFacts): { title: string; body: string } {
  const { day, time } = businessDay(f.endsAt);
  return { title: '在线预约已暂停', body: `${f.reason}，${day} ${time} 前暂停在线预约。到大厅现场取号办理不受影响；如有异议，可以申诉。` };
}

/** The hall cancelled it (a closure added after the booking): it is no no-show, and what to do now. */
export function renderCancellationInApp(f: CancellationFacts): { title: string; body: string } {
  const { day } = businessDay(f.startsAt);
  const whose = f.onBehalf ? '您代他人预约的' : '您预约的';
  const tell = f.onBehalf ? '请告知办事人。' : '';
  return {
    title: '预约已取消',
    body: `${whose}${f.serviceName}（${day} ${timeRange(f.startsAt, f.endsAt)}，${f.officeName}）已取消：${f.reason}。不计为爽约；可以重新预约其他时段，或到大厅现场取号办理。${tell}`,
  };
}

/** WeChat 预约提醒: thing1 预约事项, time2 预约时间, thing3 办理大厅, character_string4 预约码, thing5 温馨提示. */
export function renderAppointmentWechat(kind: AppointmentKind, f: AppointmentFacts): Record<string, { value: string }> {
  return {
    thing1: { value: shortText(f.serviceName, 20) },
    time2: { value: businessTime(f.startsAt) },
    thing3: { value: shortText(f.officeName, 20) },
    character_string4: { value: f.code },
    thing5: { value: tip(kind, f) },
  };
}

/** Alipay 预约提醒: keyword1 预约事项, keyword2 预约时间, keyword3 办理地点, keyword4 预约码, keyword5 温馨提示. */
export function renderAppointmentAlipay(kind: AppointmentKind, f: AppointmentFacts): Record<string, { value: string }> {
  return {
    keyword1: { value: shortText(f.serviceName, 50) },
    keyword2: { value: businessTime(f.startsAt) },
    keyword3: { value: shortText(f.officeName, 50) },
    keyword4: { value: f.code },
    keyword5: { value: tip(kind, f) },
  };
}

/** A message about one appointment at one time, sent with 预约提醒. */
const appointmentKind = (k: AppointmentKind, hideOnceCancelled: boolean) =>
  kind<AppointmentFacts>({
    template: 'APPOINTMENT_REMINDER',
    appointment: { hideOnceCancelled },
    inApp: (f) => renderAppointmentInApp(k, f),
    wechat: (f) => renderAppointmentWechat(k, f),
    alipay: (f) => renderAppointmentAlipay(k, f),
  });

export const APPOINTMENT_NOTIFICATIONS = defineKinds({
  /** The day before (24 h), for a booking made before then; no longer listed once cancelled. */
  APPOINTMENT_REMINDER_DAY: appointmentKind('APPOINTMENT_REMINDER_DAY', true),
  /** 1 hour before, for a booking made before then; no longer listed once cancelled. */
  APPOINTMENT_REMINDER_HOUR: appointmentKind('APPOINTMENT_REMINDER_HOUR', true),
  /** 候补成功: a place won from the waitlist, to the person and whoever joined for them. */
  WAITLIST_PROMOTED: appointmentKind('WAITLIST_PROMOTED', false),
  /** Online booking suspended after no-shows: in-app only. */
  BOOKING_SUSPENDED: kind<SuspensionFacts>({ template: null, inApp: renderSuspensionInApp }),
  /** Cancelled by the hall's closure: in-app only. */
  APPOINTMENT_CANCELLED: kind<CancellationFacts>({ template: null, inApp: renderCancellationInApp }),
});
