// 大厅信息's pure rules (the BFF's AdminOfficePatchSchema): a name of 2–60 characters, an address of
// 2–200, a phone of 7–20 digits and hyphens or none; and, before saving, what the change does in
// words — the services started and stopped by name, and who is still in today's line for a stopped one.
export interface ProfileDraft {
  name: string;
  address: string;
  phone: string;
  serviceIds: readonly string[];
}

export type ProfileProblems = Partial<Record<'name' | 'address' | 'phone' | 'serviceIds', string>>;

const PHONE = /^[0-9-]{7,20}$/;

export function profileProblems(draft: ProfileDraft): ProfileProblems {
  const problems: ProfileProblems = {};
  const name = draft.name.trim();
  const address = draft.address.trim();
  const phone = draft.phone.trim();
  if (name.length < 2 || name.length > 60) problems.name = '大厅名称须为 2 到 60 个字';
  if (address.length < 2 || address.length > 200) problems.address = '地址须为 2 到 200 个字';
  if (phone !== '' && !PHONE.test(phone)) problems.phone = '咨询电话只写数字和“-”，7 到 20 位，例如 0797-1234567';
  if (draft.serviceIds.length === 0) problems.serviceIds = '请至少选择一个办理事项';
  return problems;
}

/** The PATCH body: only what differs from the hall as it is (empty when nothing does). */
export function profilePatch(draft: ProfileDraft, was: ProfileDraft): { name?: string; address?: string; phone?: string | null; serviceIds?: string[] } {
  const patch: { name?: string; address?: string; phone?: string | null; serviceIds?: string[] } = {};
  if (draft.name.trim() !== was.name) patch.name = draft.name.trim();
  if (draft.address.trim() !== was.address) patch.address = draft.address.trim();
  if (draft.phone.trim() !== was.phone) patch.phone = draft.phone.trim() === '' ? null : draft.phone.trim();
  if ([...draft.serviceIds].sort().join() !== [...was.serviceIds].sort().join()) patch.serviceIds = [...draft.serviceIds];
  return patch;
}

/**
 * What saving will do, in words: the fields changed, the services started and stopped by name, and
 * for a stopped one the people already in today's line for it (still called: a stop refuses new
 * numbers and bookings only).
 */
export function profileConsequence(draft: ProfileDraft, was: ProfileDraft, nameOf: (id: string) => string, waitingOf: (id: string) => number = () => 0): string {
  const patch = profilePatch(draft, was);
  const said: string[] = [];
  if (patch.name !== undefined) said.push(`名称改为“${patch.name}”`);
  if (patch.address !== undefined) said.push(`地址改为“${patch.address}”`);
  if (patch.phone !== undefined) said.push(patch.phone === null ? '不再显示咨询电话' : `咨询电话改为 ${patch.phone}`);
  const started = draft.serviceIds.filter((id) => !was.serviceIds.includes(id));
  const stopped = was.serviceIds.filter((id) => !draft.serviceIds.includes(id));
  if (started.length > 0) said.push(`开始办理：${started.map(nameOf).join('、')}（预约号源需在“预约号源”中设置）`);
  if (stopped.length > 0) said.push(`停办：${stopped.map(nameOf).join('、')}（其预约号源停用，未预约的号源撤下；还有未办理的预约时不能停办）`);
  const waiting = stopped.filter((id) => waitingOf(id) > 0);
  if (waiting.length > 0) said.push(`今天已取号的${waiting.map((id) => `“${nameOf(id)}”${waitingOf(id)}人`).join('、')}照常叫号办理，停办后不能再取号`);
  return said.length === 0 ? '没有改动。' : `保存后，市民看到的大厅信息立即更新：${said.join('；')}。`;
}
