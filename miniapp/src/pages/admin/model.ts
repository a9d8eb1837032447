// What the console checks as one types, as pure functions the pages and their tests share: who may
// open it, a day's hours typed as "09:00-12:00，13:30-17:30", a closure or special-hours day, a
// year's holiday notice pasted or read from a file as JSON, lines ("2027-01-01 HOLIDAY 元旦") or
// CSV, and a service's guide (its fields as typed, what a save changes in words, what it does to
// bookings). The BFF checks all of it again (bff/src/admin/README.md); these only say what is wrong
// before anything is sent.
import { changedGuideFields, E_LICENCE_LABELS, formatFee, WEEKDAY_NAMES, type GuideField, type GuideFields, type GuideMaterial, type LicenceTypeKey } from '@palm/shared';
import type { AdminGuidePatch } from '../../api/admin';
export { isAdmin, isHallManager, mayUseConsole } from '../../features/admin/roles';

// ───────────────────────────── hours ─────────────────────────────

export type DayHours = Array<[string, string]>;
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_WORDS: Readonly<Record<Weekday, string>> = Object.fromEntries(WEEKDAYS.map((day, at) => [day, WEEKDAY_NAMES[at]!])) as Record<Weekday, string>;

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

// ───────────────────────────── a service's guide ─────────────────────────────

/** A material row as typed: counts as text (checked), the e-licence that may replace it or null. */
export interface MaterialDraft {
  /** Stable across edits, for React and the rows' ids. */
  key: string;
  name: string;
  required: boolean;
  originals: string;
  copies: string;
  licenceType: LicenceTypeKey | null;
  note: string;
}

/** The guide as typed: lists one item a line, days and fees (in 元) as text, synonyms as a list. */
export interface GuideDraft {
  summary: string;
  conditions: string;
  process: string;
  materials: MaterialDraft[];
  legalDays: string;
  promisedDays: string;
  fee: string;
  feeMax: string;
  feeNote: string;
  onlineAllowed: boolean;
  proxyAllowed: boolean;
  appointmentRequired: boolean;
  aliases: string[];
}

export type GuideProblems = Partial<Record<'summary' | 'conditions' | 'process' | 'materials' | 'legalDays' | 'promisedDays' | 'fee' | 'feeMax' | 'feeNote' | 'aliases', string>>;
export type MaterialProblems = Partial<Record<'name' | 'counts' | 'note', string>>;

/** Limits the BFF holds the guide to (bff/src/admin: services). */
export const GUIDE_LIMITS = {
  summary: 500,
  listItems: 20,
  lineLength: 200,
  materials: 30,
  materialName: 60,
  count: 20,
  note: 200,
  days: 365,
  feeYuan: 100_000,
  aliases: 30,
  alias: 30,
} as const;

/** What each field is called in the console's words (the consequence and the version history). */
export const GUIDE_FIELD_LABELS: Readonly<Record<GuideField, string>> = {
  summary: '事项简介',
  conditions: '办理条件',
  process: '办理流程',
  materials: '所需材料',
  legalDays: '法定时限',
  promisedDays: '承诺时限',
  feeFen: '收费标准',
  feeMaxFen: '最高收费',
  feeNote: '收费说明',
  onlineAllowed: '网上办理',
  proxyAllowed: '委托代办',
  appointmentRequired: '须预约',
  aliases: '搜索同义词',
};

/** Non-empty lines, trimmed. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** 元 as typed ("20", "12.5", "0.50") to fen; null when it is not an amount of at most two decimals. */
export function yuanToFen(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Fen as 元 to type back: 2000 → "20", 1250 → "12.5". */
export const fenToYuan = (fen: number): string => (fen / 100).toFixed(2).replace(/\.?0+$/, '') || '0';

let materialKeys = 0;
const nextMaterialKey = (): string => `m${++materialKeys}`;

export function materialDraftOf(material?: GuideMaterial): MaterialDraft {
  return {
    key: nextMaterialKey(),
    name: material?.name ?? '',
    required: material?.required ?? true,
    originals: String(material?.originals ?? 1),
    copies: String(material?.copies ?? 0),
    licenceType: material?.licenceType ?? null,
    note: material?.note ?? '',
  };
}

export function guideDraftOf(fields: GuideFields): GuideDraft {
  return {
    summary: fields.summary,
    conditions: fields.conditions.join('\n'),
    process: fields.process.join('\n'),
    materials: fields.materials.map(materialDraftOf),
    legalDays: String(fields.legalDays),
    promisedDays: String(fields.promisedDays),
    fee: fenToYuan(fields.feeFen),
    feeMax: fields.feeMaxFen === null ? '' : fenToYuan(fields.feeMaxFen),
    feeNote: fields.feeNote ?? '',
    onlineAllowed: fields.onlineAllowed,
    proxyAllowed: fields.proxyAllowed,
    appointmentRequired: fields.appointmentRequired,
    aliases: [...fields.aliases],
  };
}

const wholeNumber = (text: string, max: number): number | null => (/^\d{1,4}$/.test(text.trim()) && Number(text) <= max ? Number(text) : null);
const tooLong = (what: string, max: number, length: number) => `${what}最多${max}字，现在${length}字`;

function listProblem(what: string, lines: readonly string[], isRequired: boolean): string | undefined {
  if (isRequired && lines.length === 0) return `请至少写一条${what}，每行一条`;
  if (lines.length > GUIDE_LIMITS.listItems) return `${what}最多${GUIDE_LIMITS.listItems}条，现在${lines.length}条`;
  const index = lines.findIndex((line) => line.length > GUIDE_LIMITS.lineLength);
  return index < 0 ? undefined : `${what}第${index + 1}条太长（每条最多${GUIDE_LIMITS.lineLength}字）`;
}

/** A material row's problems: a name (once in the guide), whole counts of 0 to 20, a short note. */
export function materialProblems(draft: MaterialDraft, others: readonly MaterialDraft[]): MaterialProblems {
  const problems: MaterialProblems = {};
  const name = draft.name.trim();
  if (!name) problems.name = '请填写材料名称，例如 居民户口簿';
  else if (name.length > GUIDE_LIMITS.materialName) problems.name = tooLong('材料名称', GUIDE_LIMITS.materialName, name.length);
  else if (others.some((other) => other.key !== draft.key && other.name.trim() === name)) problems.name = `“${name}”已在材料中，同一材料只列一次`;
  const originals = wholeNumber(draft.originals, GUIDE_LIMITS.count);
  const copies = wholeNumber(draft.copies, GUIDE_LIMITS.count);
  if (originals === null || copies === null) problems.counts = `原件、复印件份数须为 0 到 ${GUIDE_LIMITS.count} 的整数`;
  if (draft.note.trim().length > GUIDE_LIMITS.note) problems.note = tooLong('备注', GUIDE_LIMITS.note, draft.note.trim().length);
  return problems;
}

/** A synonym about to be added: short, new (whatever its letter case), and not the service's own name. */
export function aliasProblem(alias: string, aliases: readonly string[], serviceName: string): string | null {
  const word = alias.trim();
  if (!word) return '请输入同义词，例如 换身份证';
  if (word.length > GUIDE_LIMITS.alias) return tooLong('每个同义词', GUIDE_LIMITS.alias, word.length);
  if (word === serviceName) return '事项名称本身就能搜到，不必再加';
  const had = aliases.find((a) => a.toLowerCase() === word.toLowerCase());
  if (had) return `“${had}”已经有了`;
  if (aliases.length >= GUIDE_LIMITS.aliases) return `同义词最多${GUIDE_LIMITS.aliases}个`;
  return null;
}

export interface ReadGuide {
  /** The fields as the BFF takes them; null while any problem remains. */
  fields: GuideFields | null;
  problems: GuideProblems;
  materials: MaterialProblems[];
}

/**
 * The draft read and checked as the BFF will (bff/src/admin/services.ts and the AdminServicePatch
 * schema): a summary, up to 20 conditions and 20 steps one a line, 1 to 30 materials named once each
 * with whole counts of 0 to 20, days as whole working days (0 to 365) with the promised limit within
 * the legal one, a fee in 元 (two decimals at most), a highest fee above it, and up to 30
 * synonyms. Problems are in words, by field.
 */
export function readGuide(draft: GuideDraft): ReadGuide {
  const problems: GuideProblems = {};
  const summary = draft.summary.trim();
  if (!summary) problems.summary = '请填写事项简介：一两句话说明这是办什么';
  else if (summary.length > GUIDE_LIMITS.summary) problems.summary = tooLong('事项简介', GUIDE_LIMITS.summary, summary.length);
  const conditions = linesOf(draft.conditions);
  const process = linesOf(draft.process);
  problems.conditions = listProblem('办理条件', conditions, false);
  problems.process = listProblem('办理流程', process, false);
  const materials = draft.materials.map((material) => materialProblems(material, draft.materials));
  if (draft.materials.length === 0) problems.materials = '请至少列一项材料';
  else if (draft.materials.length > GUIDE_LIMITS.materials) problems.materials = `材料最多${GUIDE_LIMITS.materials}项，现在${draft.materials.length}项`;
  const legalDays = wholeNumber(draft.legalDays, GUIDE_LIMITS.days);
  const promisedDays = wholeNumber(draft.promisedDays, GUIDE_LIMITS.days);
  if (legalDays === null) problems.legalDays = `法定时限须为 0 到 ${GUIDE_LIMITS.days} 的整数（工作日，0 为即办）`;
  if (promisedDays === null) problems.promisedDays = `承诺时限须为 0 到 ${GUIDE_LIMITS.days} 的整数（工作日，0 为即办）`;
  else if (legalDays !== null && promisedDays > legalDays) problems.promisedDays = `承诺时限不能长于法定时限（${legalDays}个工作日）`;
  const feeFen = yuanToFen(draft.fee);
  const feeMaxFen = draft.feeMax.trim() ? yuanToFen(draft.feeMax) : null;
  const feeNote = draft.feeNote.trim();
  if (feeFen === null || feeFen > GUIDE_LIMITS.feeYuan * 100) problems.fee = '收费请填金额（元，最多两位小数），免费填 0';
  if (draft.feeMax.trim() && (feeMaxFen === null || feeMaxFen > GUIDE_LIMITS.feeYuan * 100)) problems.feeMax = '最高收费请填金额（元，最多两位小数），只有一个金额时空着';
  else if (feeMaxFen !== null && feeFen !== null && feeMaxFen <= feeFen) problems.feeMax = `最高收费须高于收费标准（${fenToYuan(feeFen)}元）；只有一个金额时空着`;
  if (feeNote.length > GUIDE_LIMITS.note) problems.feeNote = tooLong('收费说明', GUIDE_LIMITS.note, feeNote.length);
  if (draft.aliases.length > GUIDE_LIMITS.aliases) problems.aliases = `同义词最多${GUIDE_LIMITS.aliases}个`;
  for (const key of Object.keys(problems) as Array<keyof GuideProblems>) if (!problems[key]) delete problems[key];
  const isValid = Object.keys(problems).length === 0 && materials.every((m) => Object.keys(m).length === 0);
  if (!isValid || legalDays === null || promisedDays === null || feeFen === null) return { fields: null, problems, materials };
  return {
    fields: {
      summary,
      conditions,
      process,
      materials: draft.materials.map((m) => ({ name: m.name.trim(), required: m.required, originals: Number(m.originals), copies: Number(m.copies), licenceType: m.licenceType, note: m.note.trim() || null })),
      legalDays,
      promisedDays,
      feeFen,
      feeMaxFen,
      feeNote: feeNote || null,
      onlineAllowed: draft.onlineAllowed,
      proxyAllowed: draft.proxyAllowed,
      appointmentRequired: draft.appointmentRequired,
      aliases: draft.aliases,
    },
    problems,
    materials,
  };
}

/** The fields that differ, in the guide's order (compared by content, as the BFF does). */
export const changedFields = (before: GuideFields, after: GuideFields): GuideField[] => changedGuideFields(before, after);

/** Only what changed, with the version it was read at (the BFF refuses it if someone saved since). */
export function guidePatch(before: GuideFields, after: GuideFields, expectedVersion: number): AdminGuidePatch {
  return { ...Object.fromEntries(changedFields(before, after).map((field) => [field, after[field]])), expectedVersion };
}

const licenceWords = (type: LicenceTypeKey | null): string => (type ? `可用${E_LICENCE_LABELS[type]}替代` : '无电子证照替代');
const daysWords = (days: number): string => (days === 0 ? '即办' : `${days}个工作日`);
const yesNo = (value: boolean): string => (value ? '可以' : '不可以');
const listed = (words: readonly string[]): string => words.map((w) => `“${w}”`).join('、');

/** What a material asks for, in words: 必须，原件1份、复印件1份，可用电子户口簿替代. */
export function materialFacts(m: Omit<GuideMaterial, 'name'>): string {
  const counts = [m.originals > 0 ? `原件${m.originals}份` : '', m.copies > 0 ? `复印件${m.copies}份` : ''].filter(Boolean).join('、');
  return [m.required ? '必须' : '非必须', counts, licenceWords(m.licenceType), m.note ?? ''].filter(Boolean).join('，');
}

/** A material as the consequence names it: 居民户口簿（必须，原件1份，可用电子户口簿替代）. */
export const materialWords = (m: GuideMaterial): string => `${m.name}（${materialFacts(m)}）`;

function listChange(what: string, before: readonly string[], after: readonly string[]): string {
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  const parts = [added.length ? `新增${listed(added)}` : '', removed.length ? `删除${listed(removed)}` : ''].filter(Boolean);
  return `${what}：${parts.length ? parts.join('；') : '改了顺序'}`;
}

function materialsChange(before: readonly GuideMaterial[], after: readonly GuideMaterial[]): string[] {
  const names = (list: readonly GuideMaterial[]) => list.map((m) => m.name);
  const words = after.filter((m) => !names(before).includes(m.name)).map((m) => `所需材料：新增 ${materialWords(m)}`);
  words.push(...before.filter((m) => !names(after).includes(m.name)).map((m) => `所需材料：删除“${m.name}”`));
  for (const m of after) {
    const had = before.find((b) => b.name === m.name);
    if (had && materialWords(had) !== materialWords(m)) words.push(`所需材料：“${m.name}”改为 ${materialWords(m)}`);
  }
  return words.length ? words : ['所需材料：改了顺序'];
}

/**
 * Each change in words, field by field, as the confirmation says it before saving: what was, what
 * will be (a list: what is added and what is removed; a material: in full).
 */
export function guideChangeWords(before: GuideFields, after: GuideFields): string[] {
  const words: string[] = [];
  const fields = changedFields(before, after);
  for (const field of fields) {
    if (field === 'summary') words.push('事项简介：改为新的说明');
    else if (field === 'conditions' || field === 'process' || field === 'aliases') words.push(listChange(GUIDE_FIELD_LABELS[field], before[field], after[field]));
    else if (field === 'materials') words.push(...materialsChange(before.materials, after.materials));
    else if (field === 'legalDays' || field === 'promisedDays') words.push(`${GUIDE_FIELD_LABELS[field]}：${daysWords(before[field])} → ${daysWords(after[field])}`);
    else if (field === 'onlineAllowed' || field === 'proxyAllowed' || field === 'appointmentRequired') words.push(`${GUIDE_FIELD_LABELS[field]}：${yesNo(before[field])} → ${yesNo(after[field])}`);
    else if (field === 'feeNote') words.push(`收费说明：${after.feeNote ? `改为“${after.feeNote}”` : '删除'}`);
  }
  if (fields.includes('feeFen') || fields.includes('feeMaxFen')) words.push(`收费：${formatFee(before.feeFen, before.feeMaxFen)} → ${formatFee(after.feeFen, after.feeMaxFen)}`);
  return words;
}

/** A whole guide in words, field by field in the guide's order (an earlier version, read-only). */
export function guideWords(g: GuideFields): Array<{ field: string; label: string; lines: string[] }> {
  const numbered = (lines: readonly string[]) => (lines.length > 0 ? lines.map((line, at) => `${at + 1}. ${line}`) : ['（无）']);
  return [
    { field: 'summary', label: GUIDE_FIELD_LABELS.summary, lines: [g.summary || '（无）'] },
    { field: 'conditions', label: GUIDE_FIELD_LABELS.conditions, lines: numbered(g.conditions) },
    { field: 'process', label: GUIDE_FIELD_LABELS.process, lines: numbered(g.process) },
    { field: 'materials', label: GUIDE_FIELD_LABELS.materials, lines: numbered(g.materials.map(materialWords)) },
    { field: 'days', label: '办理时限', lines: [`法定${daysWords(g.legalDays)}，承诺${daysWords(g.promisedDays)}`] },
    { field: 'fee', label: '收费', lines: [formatFee(g.feeFen, g.feeMaxFen), ...(g.feeNote ? [g.feeNote] : [])] },
    {
      field: 'channels',
      label: '办理方式',
      lines: [`${GUIDE_FIELD_LABELS.onlineAllowed}：${yesNo(g.onlineAllowed)}；${GUIDE_FIELD_LABELS.proxyAllowed}：${yesNo(g.proxyAllowed)}；${GUIDE_FIELD_LABELS.appointmentRequired}：${g.appointmentRequired ? '是' : '否'}`],
    },
    { field: 'aliases', label: GUIDE_FIELD_LABELS.aliases, lines: [g.aliases.length > 0 ? listed(g.aliases) : '（无）'] },
  ];
}

/**
 * What saving does, before it is saved: a new version, and the bookings from today on keep the
 * version they were made under (the BFF counts them) while new bookings get the new one.
 */
export function guideConsequence(version: number, activeBookings: number): string {
  const next = version + 1;
  const kept = activeBookings > 0 ? `已有的 ${activeBookings} 个预约仍按第 ${version} 版（或预约时的版本）办理，新预约按第 ${next} 版。` : `目前没有今天以后的预约；新预约按第 ${next} 版办理。`;
  return `保存后将生成第 ${next} 版办事指南，市民在“办事”中立即看到新版。${kept}`;
}

/** A version in the history: 第2版 · 2026-11-23 10:05 · 王管理员 · 改了 所需材料、搜索同义词. */
export function versionWords(fields: readonly string[]): string {
  if (fields.length === 0) return '初版';
  return `改了 ${fields.map((field) => GUIDE_FIELD_LABELS[field as GuideField] ?? field).join('、')}`;
}

/** An instant as the console shows it, in Asia/Shanghai: 2026-11-23 10:05. */
export const stampWords = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The 60-day coverage warning in the console's words (the BFF's `warning` is the operator's log
 * line): from which day the coming weeks lack their year's notice, what Palm does meanwhile, and
 * which years are loaded; null when the coming 60 days are all covered.
 */
export function coverageWords(coverage: { coveredYears: readonly number[]; uncoveredFrom: string | null }): string | null {
  if (!coverage.uncoveredFrom) return null;
  const year = coverage.uncoveredFrom.slice(0, 4);
  const loaded = coverage.coveredYears.length > 0 ? coverage.coveredYears.map((y) => `${y}年`).join('、') : '没有';
  return (
    `未来60天里，从 ${coverage.uncoveredFrom} 起是${year}年，该年的放假通知还没有导入。导入之前，这些日子只按法定节日` +
    `（元旦、春节、清明、劳动节、端午、中秋、国庆）放假，没有通知里的连休和调休上班，预约和办结时限可能算错。已导入：${loaded}。`
  );
}

/** A loaded year's days as the import box's lines ("2027-02-14 班 春节"), to correct and import again. */
export function calendarLines(days: ReadonlyArray<{ date: string; kind: string; name: string }>): string {
  return days.map((d) => `${d.date} ${d.kind === 'HOLIDAY' ? '休' : '班'} ${d.name}`).join('\n');
}
