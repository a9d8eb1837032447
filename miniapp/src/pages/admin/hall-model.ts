// What the hall pages check as one types, as pure functions the pages and their tests share: a
// hall's queue settings (the BFF's ranges) and what a change to them does, old → new; a slot rule as
// typed (a weekday's bookable hours, lunch breaks, numbers in the BFF's ranges) and the fields a
// change touches; the slot job's plan in words; a window's clerk. The BFF checks all of it again.
import type { AdminQueueSettings, AdminQueueSettingsBody, AdminSlotRule, AdminSlotRulePatch, SlotPlanSummary } from '../../api/admin-hall';
import { hoursText, isTime, parseDayHours, rangeProblem, WEEKDAY_WORDS, WEEKDAYS, type DayHours, type Weekday } from './model';

// ───────────────────────────── numbers ─────────────────────────────

/** A whole number typed in a field, within [min, max]: the number, or what is wrong in words. */
export function wholeNumber(text: string, min: number, max: number): { value: number | null; problem: string | null } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { value: null, problem: `请填写 ${min}–${max} 的整数` };
  const value = Number(trimmed);
  if (value < min || value > max) return { value: null, problem: `须在 ${min}–${max} 之间，现在是 ${value}` };
  return { value, problem: null };
}

// ───────────────────────────── queue settings ─────────────────────────────

export const QUEUE_LIMITS = {
  nearPeopleAhead: { min: 1, max: 20, label: '前面还有几人时提醒', unit: '人' },
  nearMinutes: { min: 1, max: 120, label: '预计还要几分钟时提醒', unit: '分钟' },
  maxPriorityStreak: { min: 1, max: 10, label: '优先号连续叫几个后叫一个普通号', unit: '个' },
} as const;
export const CAPACITY_LIMIT = { min: 0, max: 5000 } as const;
export type QueueField = keyof typeof QUEUE_LIMITS;
export const QUEUE_FIELDS = Object.keys(QUEUE_LIMITS) as QueueField[];

export interface QueueDraft {
  numbers: Record<QueueField, string>;
  /** Daily remote-ticket capacity typed per service id. */
  capacity: Record<string, string>;
}

export const queueDraftOf = (settings: AdminQueueSettings): QueueDraft => ({
  numbers: { nearPeopleAhead: String(settings.nearPeopleAhead), nearMinutes: String(settings.nearMinutes), maxPriorityStreak: String(settings.maxPriorityStreak) },
  capacity: Object.fromEntries(settings.dailyCapacity.map((c) => [c.serviceId, String(c.dailyTicketCapacity)])),
});

/** The draft as the PUT body, and what is wrong by field (a number field, or a service id). */
export function readQueueDraft(draft: QueueDraft): { body: AdminQueueSettingsBody | null; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const numbers = {} as Record<QueueField, number>;
  for (const field of QUEUE_FIELDS) {
    const { min, max } = QUEUE_LIMITS[field];
    const read = wholeNumber(draft.numbers[field], min, max);
    if (read.problem) problems[field] = read.problem;
    else numbers[field] = read.value!;
  }
  const dailyCapacity = Object.entries(draft.capacity).map(([serviceId, text]) => {
    const read = wholeNumber(text, CAPACITY_LIMIT.min, CAPACITY_LIMIT.max);
    if (read.problem) problems[serviceId] = read.problem;
    return { serviceId, dailyTicketCapacity: read.value ?? 0 };
  });
  return { body: Object.keys(problems).length > 0 ? null : { ...numbers, dailyCapacity }, problems };
}

/** What saving changes, one line each, old → new ("临近提醒：前面还有几人时提醒 3 → 5 人"); empty when nothing. */
export function queueChanges(before: AdminQueueSettings, after: AdminQueueSettingsBody, serviceNames: Readonly<Record<string, string>>): string[] {
  const lines: string[] = [];
  for (const field of QUEUE_FIELDS) {
    const { label, unit } = QUEUE_LIMITS[field];
    if (before[field] !== after[field]) lines.push(`${label}：${before[field]} → ${after[field]} ${unit}`);
  }
  for (const { serviceId, dailyTicketCapacity } of after.dailyCapacity ?? []) {
    const had = before.dailyCapacity.find((c) => c.serviceId === serviceId)?.dailyTicketCapacity;
    if (had !== dailyTicketCapacity) lines.push(`${serviceNames[serviceId] ?? '一项业务'}每天远程取号：${had ?? 0} → ${dailyTicketCapacity} 个${dailyTicketCapacity === 0 ? '（不能远程取号）' : ''}`);
  }
  return lines;
}

// ───────────────────────────── slot rules ─────────────────────────────

export const RULE_LIMITS = {
  capacityPerSlot: { min: 1, max: 10_000, label: '每个号源可约人数' },
  slotMinutes: { min: 5, max: 480, label: '每个号源时长（分钟）' },
  horizonDays: { min: 0, max: 90, label: '提前几天放号' },
} as const;
export type RuleNumber = keyof typeof RULE_LIMITS;
export const RULE_NUMBERS = Object.keys(RULE_LIMITS) as RuleNumber[];

export interface RuleDraft {
  /** Each weekday's bookable hours "09:00-17:00"; empty: no slots that day. */
  days: Record<Weekday, string>;
  /** Lunch and other breaks on every day, as the hours are typed ("12:00-13:30"). */
  breaks: string;
  numbers: Record<RuleNumber, string>;
  releaseTime: string;
  /** Which weekday's hours a 调休 working weekend day takes; 'auto': the first of Mon–Fri with hours. */
  adjusted: Weekday | 'auto';
  active: boolean;
}

type DayTemplate = NonNullable<AdminSlotRule['weekTemplate']['1']>;
export type RuleFields = Pick<AdminSlotRule, 'weekTemplate' | 'breaks' | 'capacityPerSlot' | 'slotMinutes' | 'horizonDays' | 'releaseTime' | 'adjustedWorkdayWeekday' | 'active'>;

export const NEW_RULE: RuleFields = {
  weekTemplate: { '1': { start: '09:00', end: '17:00' }, '2': { start: '09:00', end: '17:00' }, '3': { start: '09:00', end: '17:00' }, '4': { start: '09:00', end: '17:00' }, '5': { start: '09:00', end: '17:00' } },
  breaks: [['12:00', '13:30']],
  capacityPerSlot: 2,
  slotMinutes: 30,
  horizonDays: 7,
  releaseTime: '08:00',
  adjustedWorkdayWeekday: null,
  active: true,
};

/** The weekdays a 调休 working day may take its hours from (a weekend day works as a weekday). */
export const ADJUSTED_WEEKDAYS = ['1', '2', '3', '4', '5'] as const satisfies readonly Weekday[];

/** A 调休 working day's hours in words: 调休上班日按周三放号, or 按周一至周五中第一个放号的日子. */
export const adjustedWords = (weekday: number | null): string =>
  weekday === null ? '调休上班日按周一至周五中第一个放号的日子放号' : `调休上班日按${WEEKDAY_WORDS[String(weekday) as Weekday]}放号`;

export const ruleDraftOf = (rule: RuleFields): RuleDraft => ({
  days: Object.fromEntries(WEEKDAYS.map((d) => [d, rule.weekTemplate[d] ? `${rule.weekTemplate[d]!.start}-${rule.weekTemplate[d]!.end}` : ''])) as Record<Weekday, string>,
  breaks: hoursText(rule.breaks as DayHours),
  numbers: { capacityPerSlot: String(rule.capacityPerSlot), slotMinutes: String(rule.slotMinutes), horizonDays: String(rule.horizonDays) },
  releaseTime: rule.releaseTime,
  adjusted: rule.adjustedWorkdayWeekday === null ? 'auto' : (String(rule.adjustedWorkdayWeekday) as Weekday),
  active: rule.active,
});

/**
 * The draft as the rule's fields, and what is wrong by field ('1'…'7', breaks, the numbers,
 * releaseTime). A weekday keeps what the rule said beyond its hours (its own capacity, length or
 * breaks), so editing the hours changes only them.
 */
export function readRuleDraft(draft: RuleDraft, had: RuleFields): { fields: RuleFields | null; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const weekTemplate: RuleFields['weekTemplate'] = {};
  for (const day of WEEKDAYS) {
    const text = draft.days[day].trim();
    if (!text) {
      weekTemplate[day] = null;
      continue;
    }
    const pair = text.split(/[-–—~～至]/).map((part) => part.trim());
    const problem = pair.length === 2 ? rangeProblem(pair[0]!, pair[1]!) : `“${text}”应写成 开始-结束，例如 09:00-17:00`;
    if (problem) problems[day] = problem;
    else weekTemplate[day] = { ...(had.weekTemplate[day] ?? {}), start: pair[0]!, end: pair[1]! } as DayTemplate;
  }
  const breaks = parseDayHours(draft.breaks);
  if (breaks.problem) problems.breaks = breaks.problem;
  else if (breaks.hours.length > 6) problems.breaks = '午休等时段最多6段';
  const numbers = {} as Record<RuleNumber, number>;
  for (const field of RULE_NUMBERS) {
    const read = wholeNumber(draft.numbers[field], RULE_LIMITS[field].min, RULE_LIMITS[field].max);
    if (read.problem) problems[field] = read.problem;
    else numbers[field] = read.value!;
  }
  if (!isTime(draft.releaseTime) || draft.releaseTime === '24:00') problems.releaseTime = `“${draft.releaseTime || '放号时间'}”不是正确的时间（例如 08:00）`;
  // A 调休 day follows a weekday that has hours (one without would give that Saturday no slots).
  const adjusted = draft.adjusted;
  if (adjusted !== 'auto' && !draft.days[adjusted].trim()) problems.adjusted = `${WEEKDAY_WORDS[adjusted]}不放号，调休上班日不能按它放号：请选有放号时间的日子，或选“自动”`;
  if (Object.keys(problems).length > 0) return { fields: null, problems };
  const adjustedWorkdayWeekday = adjusted === 'auto' ? null : Number(adjusted);
  return { fields: { weekTemplate, breaks: breaks.hours, ...numbers, releaseTime: draft.releaseTime, adjustedWorkdayWeekday, active: draft.active }, problems };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Only the fields a change touches (the PATCH body); a weekday with no hours counts as null. */
export function ruleChanges(rule: RuleFields, fields: RuleFields): AdminSlotRulePatch {
  const patch: AdminSlotRulePatch = {};
  const week = (template: RuleFields['weekTemplate']) => WEEKDAYS.map((d) => template[d] ?? null);
  if (!same(week(rule.weekTemplate), week(fields.weekTemplate))) patch.weekTemplate = fields.weekTemplate;
  if (!same(rule.breaks, fields.breaks)) patch.breaks = fields.breaks;
  for (const key of [...RULE_NUMBERS, 'releaseTime', 'adjustedWorkdayWeekday', 'active'] as const) {
    if (rule[key] !== fields[key]) (patch as Record<string, unknown>)[key] = fields[key];
  }
  return patch;
}

/** The weekdays with slots in words, one each: "周一 09:00-17:00"; none: 每天都不放号. */
export function weekWords(template: RuleFields['weekTemplate']): string[] {
  const open = WEEKDAYS.filter((d) => template[d]).map((d) => `${WEEKDAY_WORDS[d]} ${template[d]!.start}-${template[d]!.end}`);
  return open.length > 0 ? open : ['每天都不放号'];
}

/**
 * The slot job's plan in words, said before saving and again after: 新增 N 个号源、调整 N 个、撤下 N
 * 个未预约号源; the booked ones it keeps unchanged (their dates: the hall contacts those people) and
 * the booked ones of a day the hall has closed (cancelled, each person told).
 */
export function slotPlanWords(slots: SlotPlanSummary): string {
  const parts = [`新增 ${slots.created} 个号源、调整 ${slots.updated} 个、撤下 ${slots.withdrawn} 个未预约号源`];
  if (slots.keptBooked > 0) parts.push(`已预约的 ${slots.keptBooked} 个号源保留不变（日期：${slots.keptBookedDates.join('、')}），需大厅联系预约人`);
  else parts.push('没有已预约的号源受影响');
  if (slots.closedBooked > 0) parts.push(`闭厅日已预约的 ${slots.closedBooked} 个号源撤下，其预约取消并逐一通知预约人`);
  return `${parts.join('；')}。`;
}

// ───────────────────────────── a window's clerk ─────────────────────────────

/**
 * What assigning `chosen` (null: nobody) to a window does, in words, when it needs saying first:
 * it takes the window from the clerk there now. Null when nobody is displaced.
 */
export function clerkConsequence(window: { number: number; clerkId: string | null; clerkName: string | null }, chosen: { id: string; name: string | null } | null): string | null {
  if (!window.clerkId || window.clerkId === chosen?.id) return null;
  const had = window.clerkName ?? '原工作人员';
  if (!chosen) return `保存后，${had}不再分配到${window.number}号窗口，这个窗口暂无工作人员。`;
  return `保存后，${window.number}号窗口从${had}改由${chosen.name ?? '所选工作人员'}负责；${had}不再分配到这个窗口。`;
}
