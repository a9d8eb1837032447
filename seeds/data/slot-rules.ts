// Appointment slot rules (预约号源规则, DESIGN.md §3 Slot, §4 Appointments) for the demo halls: the
// services the catalogue marks 需预约 (结婚登记, 公积金贷款) at the county centre, plus a few that
// halls commonly open to booking so people need not queue (身份证换领 with its photo booth, 公司设立,
// 慢特病认定 with its visiting doctor). Times are Asia/Shanghai; lunch breaks follow each hall's
// hours. Every rule releases its slots (放号) `horizonDays` ahead at `releaseTime`.
import { OFFICE_IDS, SERVICE_IDS, type OfficeKey, type ServiceKey } from './ids';
import type { TimeRange } from './offices';

export interface SeedDayTemplate {
  start: string;
  end: string;
  capacity?: number;
  slotMinutes?: number;
  breaks?: readonly TimeRange[];
}

/** ISO weekday '1' (Monday) … '7' → template; an absent weekday has no slots. */
export type SeedWeekTemplate = Readonly<Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', SeedDayTemplate>>>;

export interface SeedSlotRule {
  officeKey: OfficeKey;
  serviceKey: ServiceKey;
  officeId: string;
  serviceId: string;
  weekTemplate: SeedWeekTemplate;
  breaks: readonly TimeRange[];
  slotMinutes: number;
  capacityPerSlot: number;
  horizonDays: number;
  releaseTime: string;
  /** The weekday a 调休 working weekend day uses; null: the first weekday with a template. */
  adjustedWorkdayWeekday: number | null;
}

const weekdays = (day: SeedDayTemplate, saturday?: SeedDayTemplate): SeedWeekTemplate => ({
  '1': day,
  '2': day,
  '3': day,
  '4': day,
  '5': day,
  ...(saturday ? { '6': saturday } : {}),
});

const COUNTY_LUNCH: readonly TimeRange[] = [['12:00', '13:30']];
const TOWN_LUNCH: readonly TimeRange[] = [['12:00', '14:00']];

function rule(officeKey: OfficeKey, serviceKey: ServiceKey, r: Omit<SeedSlotRule, 'officeKey' | 'serviceKey' | 'officeId' | 'serviceId'>): SeedSlotRule {
  return { officeKey, serviceKey, officeId: OFFICE_IDS[officeKey], serviceId: SERVICE_IDS[serviceKey], ...r };
}

/** 身份证换领 at a town centre: every working day, two people per half hour. */
const TOWN_ID_RENEWAL = {
  weekTemplate: weekdays({ start: '08:30', end: '17:30' }),
  breaks: TOWN_LUNCH,
  slotMinutes: 30,
  capacityPerSlot: 2,
  horizonDays: 7,
  releaseTime: '08:00',
  adjustedWorkdayWeekday: null,
};

export const SLOT_RULES: readonly SeedSlotRule[] = [
  // 婚姻登记处: weekdays only (no Saturday registrations), two desks.
  rule('countyCenter', 'marriageRegistration', {
    weekTemplate: weekdays({ start: '09:00', end: '17:30' }),
    breaks: COUNTY_LUNCH,
    slotMinutes: 30,
    capacityPerSlot: 2,
    horizonDays: 7,
    releaseTime: '08:00',
    adjustedWorkdayWeekday: null,
  }),
  // 公积金贷款: a long interview, hour slots, one loan officer in the afternoon.
  rule('countyCenter', 'housingFundLoan', {
    weekTemplate: weekdays({ start: '09:00', end: '17:00', capacity: 2 }),
    breaks: COUNTY_LUNCH,
    slotMinutes: 60,
    capacityPerSlot: 2,
    horizonDays: 5,
    releaseTime: '09:00',
    adjustedWorkdayWeekday: null,
  }),
  // 公司设立: 企业开办专区 incl. the Saturday-morning 延时服务.
  rule('countyCenter', 'companyRegistration', {
    weekTemplate: weekdays({ start: '09:00', end: '17:30' }, { start: '09:00', end: '12:00', capacity: 2 }),
    breaks: COUNTY_LUNCH,
    slotMinutes: 30,
    capacityPerSlot: 4,
    horizonDays: 7,
    releaseTime: '08:00',
    adjustedWorkdayWeekday: null,
  }),
  // 身份证换领: the photo booth takes about 20 minutes a person.
  rule('countyCenter', 'residentIdRenewal', {
    weekTemplate: weekdays({ start: '09:00', end: '17:30' }, { start: '09:00', end: '12:00' }),
    breaks: COUNTY_LUNCH,
    slotMinutes: 20,
    capacityPerSlot: 3,
    horizonDays: 7,
    releaseTime: '08:00',
    adjustedWorkdayWeekday: null,
  }),
  rule('qingyunTown', 'residentIdRenewal', TOWN_ID_RENEWAL),
  // 慢特病认定: the visiting doctor comes Tuesday and Thursday mornings; a 调休 Saturday counts as a Tuesday.
  rule('qingyunTown', 'chronicDiseaseRecognition', {
    weekTemplate: { '2': { start: '08:30', end: '12:00' }, '4': { start: '08:30', end: '12:00' } },
    breaks: [],
    slotMinutes: 30,
    capacityPerSlot: 2,
    horizonDays: 7,
    releaseTime: '08:00',
    adjustedWorkdayWeekday: 2,
  }),
  rule('shiqiaoTown', 'residentIdRenewal', TOWN_ID_RENEWAL),
];
