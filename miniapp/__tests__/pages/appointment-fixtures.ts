// BFF answers shaped like GET /api/offices[/:id] with `bookable`, /api/offices/:id/slots,
// /api/appointments[/:id], the 候补 list and booking suspensions. The BFF's business day is
// Monday 2026-11-23 (its PALM_CLOCK in tests), which is not the machine's date: the pages must
// take "today" from the BFF.
import { addDays } from '@palm/shared';
import { office, services } from './fixtures';

export const TODAY = '2026-11-23';
export const ID_RENEWAL = services[2]!;
export const CARD_APPLY = services[0]!;
export const APPOINTMENT_ID = 'a9900001-0000-4000-8000-000000000001';
export const TICKET_ID = '7ac0a001-0000-4000-8000-0000000000a1';
export const WAITLIST_ID = 'c0c00001-0000-4000-8000-000000000001';
export const SUSPENSION_ID = 'd0d00001-0000-4000-8000-000000000001';

export const bookingOffice = {
  ...office,
  openOnHolidays: false,
  weeklyHours: { '1': [['09:00', '17:30']], '2': [['09:00', '17:30']], '3': [['09:00', '17:30']], '4': [['09:00', '17:30']], '5': [['09:00', '17:30']], '6': [], '7': [] },
  upcomingExceptions: [],
  counters: [],
  // The hall takes bookings for 身份证换领 only (the catalogue's `bookable`).
  services: [CARD_APPLY, ID_RENEWAL].map((s) => ({ id: s.id, name: s.name, category: 'HOUSEHOLD', categoryLabel: '户籍证件', hasOnlineBooking: s === ID_RENEWAL })),
  queue: { openCounters: 12 },
};

/** The same hall taking no bookings at all. */
export const unbookableOffice = { ...bookingOffice, services: bookingOffice.services.map((s) => ({ ...s, hasOnlineBooking: false })) };

/** A second hall offering 身份证换领 at the window only. */
export const WINDOW_ONLY_OFFICE = { ...office, id: '5eed0001-0000-4000-8000-000000000026', name: '上坊村便民服务站', level: 'VILLAGE_STATION', levelLabel: '便民服务站' };

/** GET /api/offices: with `serviceId=` each hall says whether it takes bookings for it. */
export function officeList(url: string) {
  if (!url.includes('serviceId=')) return { items: [office] };
  const isIdRenewal = url.includes(`serviceId=${ID_RENEWAL.id}`);
  return { items: [{ ...office, hasOnlineBooking: isIdRenewal }, { ...WINDOW_ONLY_OFFICE, hasOnlineBooking: false }] };
}

const instant = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const slotId = (date: string, time: string) => `51070000-0000-4000-8000-${date.slice(8, 10)}${time.replace(':', '')}000000`;

export function slot(date: string, start: string, end: string, patch: Record<string, unknown> = {}) {
  return {
    id: slotId(date, start),
    start,
    end,
    startsAt: instant(date, start),
    endsAt: instant(date, end),
    capacity: 3,
    remaining: 2,
    waiting: 0,
    isReleased: true,
    releasesAt: instant(addDays(date, -7), '08:00'),
    isBookable: true,
    unavailableReason: null,
    ...patch,
  };
}

export const FREE_SLOT = slot(TODAY, '09:40', '10:00');
export const FULL_SLOT = slot(TODAY, '10:00', '10:20', { remaining: 0, isBookable: false, unavailableReason: 'FULL', waiting: 2 });
export const LATER_SLOT = slot(TODAY, '10:20', '10:40', { remaining: 3 });

function day(date: string, items: Array<ReturnType<typeof slot>>, patch: Record<string, unknown> = {}) {
  return {
    office: { id: office.id, name: office.name },
    service: { id: ID_RENEWAL.id, name: ID_RENEWAL.name },
    date,
    items,
    release: { releasesAt: instant(addDays(date, -7), '08:00'), isReleased: true, label: null },
    note: null,
    ...patch,
  };
}

/** The week from TODAY: today (one past, one free, one full, one later), a holiday, a weekend, a day not released yet. */
export function slotDay(date: string) {
  const offset = Number(date.slice(8, 10)) - 23;
  if (offset === 0) return day(date, [slot(TODAY, '09:00', '09:20', { remaining: 1, isBookable: false, unavailableReason: 'PAST' }), FREE_SLOT, FULL_SLOT, LATER_SLOT]);
  if (offset === 3) return day(date, [], { note: '法定节假日不开放预约，急办事项可到大厅现场办理' });
  if (offset === 4) {
    return day(date, [slot(date, '09:00', '09:20', { isReleased: false, isBookable: false, unavailableReason: 'NOT_RELEASED', remaining: 3, releasesAt: instant(addDays(TODAY, 1), '08:00') })], {
      release: { releasesAt: instant(addDays(TODAY, 1), '08:00'), isReleased: false, label: '明天 08:00 放号' },
    });
  }
  if (offset === 5 || offset === 6) return day(date, [], { note: '当日不提供这项业务的预约，请选择其他日期' });
  return day(date, [slot(date, '09:00', '09:20', { remaining: 3 })]);
}

export function appointment(patch: Record<string, unknown> = {}) {
  return {
    id: APPOINTMENT_ID,
    code: 'K7M2QX',
    status: 'BOOKED',
    office: { id: office.id, name: office.name, address: office.address },
    service: { id: ID_RENEWAL.id, name: ID_RENEWAL.name },
    slotId: FREE_SLOT.id,
    date: TODAY,
    start: '09:40',
    end: '10:00',
    startsAt: FREE_SLOT.startsAt,
    endsAt: FREE_SLOT.endsAt,
    onBehalfOf: null,
    canChange: true,
    changeDeadline: instant(TODAY, '09:10'),
    bookedAt: instant(TODAY, '08:05'),
    rescheduledAt: null,
    cancelledAt: null,
    cancelReason: null,
    checkInOpensAt: instant(TODAY, '09:10'),
    checkInClosesAt: instant(TODAY, '09:55'),
    canCheckIn: true,
    checkedInAt: null,
    noShowAt: null,
    ticket: null,
    licenceMaterials: [],
    guide: {
      version: 1,
      isCurrent: true,
      conditions: ['年满16周岁的本县户籍居民'],
      materials: [
        { position: 0, name: '居民身份证', required: true, originals: 1, copies: 0, licenceType: 'RESIDENT_ID', licenceLabel: '电子身份证', note: null },
        { position: 1, name: '近期免冠彩色证件照', required: false, originals: 1, copies: 0, licenceType: null, licenceLabel: null, note: '可在大厅现场拍摄' },
      ],
      promisedDays: 0,
      fee: { display: '20 元', note: null },
    },
    ...patch,
  };
}

/** An instant of TODAY in Asia/Shanghai, in ms (for fake clocks). */
export const todayAt = (time: string) => Date.parse(instant(TODAY, time));

/**
 * The appointment as the BFF answers at `now` (ms): 签到 open from checkInOpensAt until
 * checkInClosesAt, changes possible until changeDeadline.
 */
export function appointmentAsOf(now: number, patch: Record<string, unknown> = {}) {
  const a = appointment(patch);
  const isBooked = a.status === 'BOOKED';
  return {
    ...a,
    canCheckIn: isBooked && now >= Date.parse(a.checkInOpensAt) && now < Date.parse(a.checkInClosesAt),
    canChange: isBooked && now < Date.parse(a.changeDeadline),
  };
}

export function waitlistEntry(patch: Record<string, unknown> = {}) {
  return {
    id: WAITLIST_ID,
    status: 'WAITING',
    office: { id: office.id, name: office.name },
    service: { id: ID_RENEWAL.id, name: ID_RENEWAL.name },
    slot: { id: FULL_SLOT.id, date: TODAY, start: '10:00', end: '10:20', startsAt: FULL_SLOT.startsAt },
    position: 3,
    appointmentId: null,
    skipReason: null,
    onBehalfOf: null,
    createdAt: instant(TODAY, '08:30'),
    endedAt: null,
    ...patch,
  };
}

export function suspension(patch: Record<string, unknown> = {}) {
  return {
    id: SUSPENSION_ID,
    reason: '30天内3次预约未按时签到',
    startsAt: instant('2026-11-20', '10:00'),
    endsAt: instant('2026-11-27', '00:00'),
    active: true,
    liftedAt: null,
    canAppeal: true,
    appealStatus: null,
    appealText: null,
    appealedAt: null,
    decisionNote: null,
    decidedAt: null,
    ...patch,
  };
}
