// 人员管理 and 操作记录 as pure functions the pages and their tests share: an invitation checked as
// typed (the phone with @palm/shared's own check, the hall or the region its role needs), what
// inviting and revoking will do in words before they are done, and an audit entry in words — the
// action, and the before → after of each field it touched. The BFF checks everything again.
import { isValidMobile, LICENCE_TYPE_LABELS, maskPhone, normalizeMobile, WEEKDAY_NAMES, type LicenceTypeKey } from '@palm/shared';
import type { AdminAuditEntry, AdminStaff, AdminStaffInvite } from '../../api/admin-staff';
import { WEEKDAY_WORDS, WEEKDAYS } from './model';

export type StaffRole = AdminStaffInvite['role'];
export const STAFF_ROLE_KEYS: readonly StaffRole[] = ['CLERK', 'MANAGER', 'SUPERVISOR', 'ADMIN'];
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  CLERK: '窗口人员',
  MANAGER: '大厅负责人',
  SUPERVISOR: '督办人员',
  ADMIN: '管理员',
  CITIZEN: '市民',
  GRID_WORKER: '网格员',
};
const roleWords = (role: string): string => ROLE_LABELS[role] ?? role;

/** The staff roles a person holds (not 市民 or 网格员). */
export const staffRolesOf = (member: Pick<AdminStaff, 'roles'>): StaffRole[] => STAFF_ROLE_KEYS.filter((r) => member.roles.includes(r));
export const needsOffice = (role: StaffRole): boolean => role === 'CLERK' || role === 'MANAGER';

/** Hall ids to names (GET /api/offices), and a region code's words. */
export type HallNames = ReadonlyMap<string, string>;
export const hallWords = (halls: HallNames, id: string | null | undefined): string => (id ? halls.get(id) ?? '（未知大厅）' : '（无）');
export const regionWords = (code: string | null | undefined): string => (code ? `辖区 ${code}` : '（无）');

// ───────────────────────────── inviting ─────────────────────────────

export interface InviteDraft {
  phone: string;
  role: StaffRole;
  officeId: string;
  regionCode: string;
}

export type InviteProblems = Partial<Record<'phone' | 'office' | 'region', string>>;

const REGION_CODE = /^\d{12}$/;

/** What is wrong with the invitation so far, by field. */
export function inviteProblems(draft: InviteDraft): InviteProblems {
  const problems: InviteProblems = {};
  const digits = normalizeMobile(draft.phone);
  if (!isValidMobile(digits)) problems.phone = digits ? `“${draft.phone.trim()}”不是11位手机号（1开头，例如 13800000000）` : '请填写对方的11位手机号';
  if (needsOffice(draft.role) && !draft.officeId) problems.office = '请选择所在大厅';
  if (draft.role === 'SUPERVISOR' && !REGION_CODE.test(draft.regionCode.trim())) problems.region = '辖区代码为12位数字，例如 361221000000';
  return problems;
}

/** The POST body: the phone as the BFF stores it, and only the posting the role takes. */
export function inviteBody(draft: InviteDraft): AdminStaffInvite {
  return {
    phone: normalizeMobile(draft.phone),
    role: draft.role,
    ...(needsOffice(draft.role) ? { officeId: draft.officeId } : {}),
    ...(draft.role === 'SUPERVISOR' ? { regionCode: draft.regionCode.trim() } : {}),
  };
}

/** "青石县政务服务中心的窗口人员", "辖区 361221000000 的督办人员", "管理员". */
export function postWords(role: StaffRole, halls: HallNames, posting: { officeId?: string | null; regionCode?: string | null }): string {
  if (needsOffice(role)) return `${hallWords(halls, posting.officeId)}的${roleWords(role)}`;
  if (role === 'SUPERVISOR') return `${regionWords(posting.regionCode)} 的${roleWords(role)}`;
  return roleWords(role);
}

const WHAT_ROLE_DOES: Readonly<Record<StaffRole, string>> = {
  CLERK: '可在窗口工作台叫号、办理',
  MANAGER: '可管理该大厅的办公时间、窗口、排队设置和窗口人员',
  SUPERVISOR: '可处理该辖区的办不成事和差评',
  ADMIN: '可管理所有大厅、节假日安排和工作人员',
};

/** What inviting will do, before it is done. */
export function inviteConsequence(draft: InviteDraft, halls: HallNames): string {
  const phone = maskPhone(normalizeMobile(draft.phone));
  return `将邀请 ${phone} 为${postWords(draft.role, halls, draft)}，${WHAT_ROLE_DOES[draft.role]}；对方下次登录时生效。这个手机号如果还没有账号，将新建一个（对方登录后再补充实名）。`;
}

/** What inviting did (the 201 says whether an account was made). */
export function invitedWords(result: { staff: AdminStaff; created: boolean }, role: StaffRole, halls: HallNames): string {
  const { staff } = result;
  const account = result.created ? '这个手机号原来没有账号，已新建（对方登录后补充实名）' : `已有账号${staff.name ? `（${staff.name}）` : ''}`;
  return `已邀请 ${staff.phoneMasked ?? ''} 为${postWords(role, halls, staff)}；${account}；对方下次登录时生效。`;
}

/** "马晓慧（138****0007）"; a new account has no name yet. */
export const personWords = (person: { name: string | null; phoneMasked: string | null } | null | undefined): string =>
  person ? `${person.name ?? '未实名'}（${person.phoneMasked ?? '无手机号'}）` : '系统';

/** A row's roles and posting: "窗口人员 · 青石县政务服务中心". */
export function memberPost(member: AdminStaff, halls: HallNames): string {
  const roles = staffRolesOf(member).map(roleWords).join('、');
  const places = [member.officeId ? hallWords(halls, member.officeId) : null, member.regionCode ? regionWords(member.regionCode) : null].filter(Boolean);
  return [roles, ...places].join(' · ');
}

/** What revoking will do, before it is done. */
export function revokeConsequence(member: AdminStaff, halls: HallNames): string {
  const posts = staffRolesOf(member)
    .map((role) => postWords(role, halls, member))
    .join('、');
  const windows = member.roles.includes('CLERK') ? '分配给其的窗口立即空出，可另派人员；' : '';
  return `撤销后，${personWords(member)}不再是${posts}：其所有登录立即失效，须重新登录；${windows}其市民身份和办事记录不受影响。`;
}

// ───────────────────────────── the audit ─────────────────────────────

interface Meta {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  phoneMasked?: string;
  accountCreated?: boolean;
  sessionsEnded?: number;
}
const metaOf = (entry: AdminAuditEntry): Meta => (entry.meta && typeof entry.meta === 'object' ? (entry.meta as Meta) : {});

/** The action in words, from its key and what it touched (a new row, a removed one). */
export function actionWords(entry: AdminAuditEntry): string {
  const { before, after } = metaOf(entry);
  const isNew = !before;
  switch (entry.resourceType) {
    case 'officeException':
      return isNew ? '新增闭厅日或特别办公时间' : '删除闭厅日或特别办公时间';
    case 'counter':
      if (isNew) return '新增窗口';
      return after?.retiredAt ? '停用窗口' : '修改窗口';
    case 'slotRule':
      return isNew ? '新增预约时段规则' : '修改预约时段规则';
    default:
  }
  const words: Record<string, string> = {
    'admin.office.hours': '修改办公时间',
    'admin.office.profile': '修改大厅信息',
    'admin.queue-settings.update': '修改排队设置',
    'admin.staff.invite-clerk': '邀请窗口人员',
    'admin.staff.invite': '邀请工作人员',
    'admin.staff.revoke': '撤销工作人员身份',
    'admin.calendar.import': '导入节假日安排',
    'admin.service.edit': '修改办事指南',
  };
  return words[entry.action] ?? '其他变更';
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  weeklyHours: '每周办公时间',
  openOnHolidays: '节假日照常办公',
  name: '名称',
  address: '地址',
  phone: '电话',
  serviceIds: '办理的事项',
  date: '日期',
  closed: '全天闭厅',
  hours: '办公时间',
  reason: '原因',
  number: '窗口号',
  categories: '业务类别',
  clerkId: '工作人员',
  state: '状态',
  retiredAt: '停用时间',
  nearPeopleAhead: '前面还有几人时提醒',
  nearMinutes: '还需几分钟时提醒',
  maxPriorityStreak: '优先号最多连续叫',
  dailyCapacity: '每日取号上限',
  roles: '身份',
  officeId: '所在大厅',
  regionCode: '督办辖区',
  days: '天数',
  created: '新增',
  updated: '更新',
  deleted: '删除',
  serviceId: '事项',
  weekTemplate: '每周时段',
  breaks: '休息时段',
  slotMinutes: '每个时段（分钟）',
  capacityPerSlot: '每个时段人数',
  horizonDays: '可提前预约（天）',
  releaseTime: '放号时间',
  adjustedWorkdayWeekday: '调休上班日按周几',
  active: '启用',
  summary: '事项简介',
  conditions: '办理条件',
  process: '办理流程',
  materials: '所需材料',
  legalDays: '法定时限（工作日）',
  promisedDays: '承诺时限（工作日）',
  feeFen: '收费（分）',
  feeMaxFen: '最高收费（分）',
  feeNote: '收费说明',
  onlineAllowed: '网上办理',
  proxyAllowed: '委托代办',
  appointmentRequired: '须预约',
  aliases: '搜索同义词',
  licencePurposeTypes: '可出示的电子证照',
  version: '指南版本',
  previousVersion: '上一版本',
};
const STATE_WORDS: Readonly<Record<string, string>> = { OPEN: '开放中', PAUSED: '暂停', CLOSED: '已关闭' };

const isRange = (value: unknown): value is [string, string] => Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && /^\d\d:\d\d$/.test(v));
const rangesWords = (ranges: unknown[]): string => (ranges.length === 0 ? '休息' : ranges.map((r) => (isRange(r) ? `${r[0]}-${r[1]}` : '？')).join('，'));

/** A value in words: times as 09:00-12:00, a week by weekday, roles and halls by name, yes / no. */
export function valueWords(field: string, value: unknown, halls: HallNames): string {
  // A 调休 working day's weekday: null is 自动 (the first weekday with hours), not "none".
  if (field === 'adjustedWorkdayWeekday') return typeof value === 'number' ? (WEEKDAY_NAMES[value - 1] ?? String(value)) : '自动';
  if (value === null || value === undefined || value === '') return '（无）';
  if (field === 'officeId' && typeof value === 'string') return hallWords(halls, value);
  if (field === 'regionCode' && typeof value === 'string') return regionWords(value);
  if (field === 'roles' && Array.isArray(value)) return value.map((r) => roleWords(String(r))).join('、') || '（无）';
  if (field === 'state' && typeof value === 'string') return STATE_WORDS[value] ?? value;
  if (field === 'retiredAt') return '已停用';
  if (field === 'categories' && Array.isArray(value)) return value.map((l) => `${String(l)}类`).join('、');
  if (field === 'licencePurposeTypes' && Array.isArray(value)) return value.map((t) => LICENCE_TYPE_LABELS[t as LicenceTypeKey] ?? '其他证照').join('、') || '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => Array.isArray(v))) return rangesWords(value);
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('、');
    return `${value.length}项`;
  }
  const object = value as Record<string, unknown>;
  if (WEEKDAYS.some((d) => Array.isArray(object[d]))) return WEEKDAYS.map((d) => `${WEEKDAY_WORDS[d]} ${rangesWords((object[d] as unknown[] | undefined) ?? [])}`).join('；');
  return `${Object.keys(object).length}项`;
}

export interface FieldChange {
  field: string;
  label: string;
  /** null: the row was new (nothing before), or removed (nothing after). */
  before: string | null;
  after: string | null;
}

/** The fields the change touched, in words; a field the same before and after is left out. */
export function fieldChanges(entry: AdminAuditEntry, halls: HallNames): FieldChange[] {
  const { before, after } = metaOf(entry);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => f !== 'id');
  return fields
    .filter((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after?.[f] ?? null) || !before || !after)
    .map((field) => ({
      field,
      label: FIELD_LABELS[field] ?? '其他',
      // A field only the result has (an import's counts) is said without a before.
      before: before && field in before ? valueWords(field, before[field], halls) : null,
      after: after ? valueWords(field, after[field], halls) : null,
    }));
}

/** "身份：市民 → 市民、窗口人员"; a new row "名称：综合受理"; a removed one "日期：2026-11-25（已删除）". */
export const changeWords = (change: FieldChange): string =>
  change.before === null ? `${change.label}：${change.after ?? ''}` : change.after === null ? `${change.label}：${change.before}（已删除）` : `${change.label}：${change.before} → ${change.after}`;

/** Whom a staff change concerns, and what else it did (an account made, sessions ended). */
export function entryNote(entry: AdminAuditEntry): string | null {
  const meta = metaOf(entry);
  const who = entry.subject ? personWords(entry.subject) : meta.phoneMasked ? meta.phoneMasked : null;
  const notes = [
    who ? `对象：${who}` : null,
    meta.accountCreated ? '新建了账号' : null,
    typeof meta.sessionsEnded === 'number' ? `结束登录${meta.sessionsEnded}处` : null,
  ].filter(Boolean);
  return notes.length > 0 ? notes.join('；') : null;
}
