// What the console checks as one types, as pure functions the pages and their tests share: who may
// open it, a day's hours typed as "09:00-12:00，13:30-17:30", a closure or special-hours day, and a
// year's holiday notice pasted or read from a file as JSON, lines ("2027-01-01 HOLIDAY 元旦") or
// CSV. The BFF checks all of it again (bff/src/admin/README.md); these only say what is wrong
// before anything is sent.
export { isAdmin, isHallManager, mayUseConsole } from '../../features/admin/roles';

// ───────────────────────────── hours ─────────────────────────────

export type DayHours = Array<[string, string]>;
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_WORDS: Readonly<Record<Weekday, string>> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const isTime = (text: string): boolean => HH_MM.test(text);
const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A day's hours as typed back: "09:00-12:00，13:30-17:30"; no ranges: "" (休息). */
export const hoursText = (hours: DayHours): string => hours.map(([opens, closes]) => `${opens}-${closes}`).join('，');

/** An opening time before its closing time, in words; null when it holds. */
export function rangeProblem(opens: string, closes: string): string | null {
  if (!isTime(opens)) return `“${opens || '开始时间'}”不是正确的时间（例如 09:00）`;
  if (!isTime(closes)) return `“${closes || '结束时间'}”不是正确的时间（例如 17:30）`;
  if (minutes(closes) <= minutes(opens)) return `${closes} 须晚于 ${opens}`;
  return null;
}

/**
 * A day's hours as typed: ranges "HH:mm-HH:mm" separated by a comma (either width), a space or
 * 、; empty means closed that weekday. Each must close after it opens and start after the one before.
 */
export function parseDayHours(text: string): { hours: DayHours; problem: string | null } {
  const parts = text
    .split(/[,，、;；\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const hours: DayHours = [];
  for (const part of parts) {
    const pair = part.split(/[-–—~～至]/);
    if (pair.length !== 2) return { hours, problem: `“${part}”应写成 开始-结束，例如 09:00-12:00` };
    const [opens, closes] = pair as [string, string];
    const problem = rangeProblem(opens, closes);
    if (problem) return { hours, problem };
    const before = hours[hours.length - 1];
    if (before && minutes(opens) < minutes(before[1])) return { hours, problem: `${part} 与前一段 ${before[0]}-${before[1]} 重叠，须按时间先后填写` };
    hours.push([opens, closes]);
  }
  return { hours, problem: null };
}

// ───────────────────────────── a dated closure ─────────────────────────────

export type ExceptionMode = 'closed' | 'hours';
export interface ExceptionDraft {
  date: string;
  mode: ExceptionMode;
  opens: string;
  closes: string;
  reason: string;
}

export type ExceptionProblems = Partial<Record<'date' | 'hours' | 'reason', string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date written YYYY-MM-DD. */
export function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}
const addYear = (day: string): string => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;

/** What is wrong with the draft so far, by field (the BFF's rules: today to a year ahead, a reason of 2–100 characters). */
export function exceptionProblems(draft: ExceptionDraft, today: string): ExceptionProblems {
  const problems: ExceptionProblems = {};
  if (!isDate(draft.date)) problems.date = '请按 年-月-日 填写日期，例如 2026-12-25';
  else if (draft.date < today || draft.date > addYear(today)) problems.date = `日期须在今天（${today}）到一年以内`;
  if (draft.mode === 'hours') {
    const problem = rangeProblem(draft.opens, draft.closes);
    if (problem) problems.hours = problem;
  }
  const reason = draft.reason.trim();
  if (reason.length < 2) problems.reason = '请写明原因（至少2个字），市民会在大厅页面看到';
  else if (reason.length > 100) problems.reason = `原因最多100字，现在${reason.length}字`;
  return problems;
}

/**
 * What saving will do, in words, before it is saved: how many of the day's bookings the change no
 * longer holds (`affected`, the BFF's preview: POST …/exceptions/preview) — cancelled, each person told.
 */
export function exceptionConsequence(draft: ExceptionDraft, affected: number): string {
  const reason = draft.reason.trim();
  const bookings = affected > 0 ? `该日已有 ${affected} 个预约将被取消，并逐一通知预约人` : '无预约受影响';
  if (draft.mode === 'closed') {
    return `保存后，${draft.date} 全天闭厅：市民在大厅页面看到“暂停服务”和原因“${reason}”，这一天不能预约、不能取号；${bookings}。`;
  }
  return `保存后，${draft.date} 只在 ${draft.opens}-${draft.closes} 办公：市民在大厅页面看到这段时间和原因“${reason}”；${bookings}。`;
}

/** A closure draft as the BFF's body (POST …/exceptions and its preview). */
export const exceptionBody = (draft: ExceptionDraft) => ({ date: draft.date, reason: draft.reason.trim(), ...(draft.mode === 'closed' ? { closed: true } : { opens: draft.opens, closes: draft.closes }) });

// ───────────────────────────── a year's calendar ─────────────────────────────

export type CalendarKind = 'HOLIDAY' | 'WORKDAY';
export interface CalendarDay {
  date: string;
  kind: CalendarKind;
  name: string;
}
export interface CalendarProblem {
  /** 1-based line of the pasted lines; 0 for the whole text (JSON, or what is missing). */
  line: number;
  message: string;
}
export interface ParsedCalendar {
  year: number | null;
  days: CalendarDay[];
  problems: CalendarProblem[];
}

const KIND_WORDS: Readonly<Record<string, CalendarKind>> = { HOLIDAY: 'HOLIDAY', WORKDAY: 'WORKDAY', 休: 'HOLIDAY', 假: 'HOLIDAY', 班: 'WORKDAY' };
export const KIND_LABELS: Readonly<Record<CalendarKind, string>> = { HOLIDAY: '放假', WORKDAY: '调休上班' };
const isoWeekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

function fromJson(text: string): { year: number | null; rows: Array<{ line: number; date: unknown; kind: unknown; name: unknown }>; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { year: null, rows: [], problem: 'JSON 格式有误（括号、引号或逗号不完整）' };
  }
  const object = (data ?? {}) as { year?: unknown; days?: unknown };
  if (!Array.isArray(object.days)) return { year: null, rows: [], problem: 'JSON 须为 {"year": 2027, "days": [{"date", "kind", "name"}]}' };
  const year = typeof object.year === 'number' && Number.isInteger(object.year) ? object.year : null;
  const rows = (object.days as Array<Record<string, unknown> | null>).map((day, index) => ({ line: index + 1, date: day?.date, kind: day?.kind, name: day?.name }));
  return { year, rows, ...(year === null ? { problem: 'JSON 缺少年份 "year"（例如 2027）' } : {}) };
}

/** A field as a CSV file may quote it: "2027-01-01" → 2027-01-01. */
const unquote = (field: string): string => field.replace(/^["'“”]+|["'“”]+$/g, '');

/**
 * One day a line ("2027-01-01 HOLIDAY 元旦", or CSV "2027-01-01,HOLIDAY,元旦" with its fields quoted
 * or not); a first line naming its columns (date,kind,name or 日期,类别,名称) is a CSV header and skipped.
 */
function fromLines(text: string): Array<{ line: number; date: unknown; kind: unknown; name: unknown }> {
  const rows = text
    .split(/\r?\n/)
    .map((raw, index) => ({ line: index + 1, parts: raw.trim().split(/[\s,，\t]+/).map(unquote).filter(Boolean) }))
    .filter((row) => row.parts.length > 0);
  const isHeader = rows[0] !== undefined && /^(date|day|日期)$/i.test(rows[0].parts[0]!);
  return (isHeader ? rows.slice(1) : rows).map(({ line, parts }) => ({ line, date: parts[0], kind: parts[1], name: parts.slice(2).join(' ') }));
}

/**
 * The pasted notice, read and checked as the BFF will: every date real and in one year, each date
 * once, HOLIDAY (休) or WORKDAY (班), a 调休 working day on a weekend only, a name, and the year's
 * 元旦 (without it the year would not count as loaded). Each row is numbered as written (JSON: the
 * n-th day), so the first problems can be shown with where they are.
 */
export function parseCalendarText(text: string): ParsedCalendar {
  // A file saved by a spreadsheet may begin with a byte-order mark.
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { year: null, days: [], problems: [] };
  const json = trimmed.startsWith('{') ? fromJson(trimmed) : null;
  const rows = json ? json.rows : fromLines(trimmed);
  const problems: CalendarProblem[] = json?.problem ? [{ line: 0, message: json.problem }] : [];
  const where = (line: number) => (json ? `第${line}天` : `第${line}行`);
  let year = json?.year ?? null;
  const days: CalendarDay[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const date = typeof row.date === 'string' ? row.date : '';
    const kind = typeof row.kind === 'string' ? KIND_WORDS[row.kind.toUpperCase()] ?? KIND_WORDS[row.kind] : undefined;
    const name = typeof row.name === 'string' ? row.name.trim() : '';
    const fail = (message: string) => problems.push({ line: row.line, message: `${where(row.line)}：${message}` });
    if (!isDate(date)) {
      fail(`“${date}”不是日期，应写成 2027-01-01`);
      continue;
    }
    year ??= Number(date.slice(0, 4));
    if (Number(date.slice(0, 4)) !== year) fail(`${date} 不在 ${year} 年内`);
    else if (!kind) fail(`类别须为 HOLIDAY（休）或 WORKDAY（班），不是“${String(row.kind ?? '')}”`);
    else if (!name) fail(`${date} 缺少名称（例如 元旦、春节）`);
    else if (name.length > 40) fail(`${date} 的名称太长（最多40字）`);
    else if (seen.has(date)) fail(`${date} 重复出现`);
    else if (kind === 'WORKDAY' && isoWeekday(date) < 6) fail(`${date} 本来就是工作日，不能作为调休上班日`);
    else {
      seen.add(date);
      days.push({ date, kind, name });
    }
  }
  if (year !== null && problems.length === 0 && !days.some((d) => d.date === `${year}-01-01` && d.kind === 'HOLIDAY')) {
    problems.push({ line: 0, message: `缺少 ${year}-01-01 元旦：没有它，这一年不算已导入` });
  }
  if (days.length > 120) problems.push({ line: 0, message: `最多120天，现在${days.length}天` });
  return { year, days: days.sort((a, b) => a.date.localeCompare(b.date)), problems };
}

/** Consecutive days of one name and kind as one stretch: "春节 放假 02-16 至 02-22（7天）". */
export function stretches(days: readonly CalendarDay[]): Array<{ name: string; kind: CalendarKind; from: string; to: string; count: number }> {
  const out: Array<{ name: string; kind: CalendarKind; from: string; to: string; count: number }> = [];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = out[out.length - 1];
    const next = last ? new Date(Date.parse(`${last.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : '';
    if (last && last.name === day.name && last.kind === day.kind && next === day.date) {
      last.to = day.date;
      last.count += 1;
    } else out.push({ name: day.name, kind: day.kind, from: day.date, to: day.date, count: 1 });
  }
  return out;
}

// ───────────────────────────── windows ─────────────────────────────

/** The hall's queue letters, each with the services that use it ("社保卡申领、养老保险…"), A to Z. */
export function lettersOf(services: ReadonlyArray<{ name: string; categoryLetter: string }>): Array<{ letter: string; names: string }> {
  const byLetter = new Map<string, string[]>();
  for (const service of services) byLetter.set(service.categoryLetter, [...(byLetter.get(service.categoryLetter) ?? []), service.name]);
  return [...byLetter.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([letter, names]) => ({ letter, names: names.join('、') }));
}

/** A window's name (1–40 characters) and at least one letter. */
export function counterProblems({ name, letters }: { name: string; letters: readonly string[] }): Partial<Record<'name' | 'letters', string>> {
  const problems: Partial<Record<'name' | 'letters', string>> = {};
  const length = name.trim().length;
  if (length === 0) problems.name = '请填写窗口名称，例如 综合受理';
  else if (length > 40) problems.name = `窗口名称最多40字，现在${length}字`;
  if (letters.length === 0) problems.letters = '请至少选择一类业务';
  return problems;
}
