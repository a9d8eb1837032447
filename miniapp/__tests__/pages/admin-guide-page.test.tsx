// 事项指南 in the console against a scripted BFF (who may open it: admin-pages.test.tsx): the
// guide's checks as pure functions (元 to fen, limits within limits, a fee range with its note, materials named once with whole counts, synonyms); what a save changes, in
// words, and what it does to bookings; the page finds a service, edits its guide (a material with
// its e-licence substitute, a synonym), says it all before saving, sends only what changed with the
// version it was read at, shows the new version; someone else's save meanwhile (409) offers to
// read the guide again; a refusal is shown in the BFF's words.
import { useRouter } from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me, ServiceSummary } from '@palm/shared/server';
import type { GuideFields } from '@palm/shared';
import type { AdminGuide } from '../../src/api/admin';
import { setMe } from '../../src/api/session';
import {
  aliasProblem,
  fenToYuan,
  guideChangeWords,
  guideConsequence,
  guideDraftOf,
  guidePatch,
  materialDraftOf,
  readGuide,
  versionWords,
  yuanToFen,
  type GuideDraft,
} from '../../src/pages/admin/model';
import ServicePage from '../../src/pages/admin/service/index';
import ServicesPage from '../../src/pages/admin/services/index';
import { answerRequests, fail, me, ok, resetAll, signIn, taro } from '../helpers';

const SERVICE = '5eed0003-0000-4000-8000-000000000017';
const adminMe: Me = { ...me, name: '管理员', roles: ['CITIZEN' as const, 'ADMIN' as const], officeId: null };

const FIELDS: GuideFields = {
  summary: '居民身份证有效期满、登记内容变更或证件损坏时换领新证。',
  conditions: ['户籍在本县的居民'],
  process: ['到大厅窗口提交材料', '现场采集人像和指纹', '领取新证'],
  materials: [{ name: '居民户口簿', required: true, originals: 1, copies: 0, licenceType: 'HOUSEHOLD_REGISTER', note: null }],
  legalDays: 60,
  promisedDays: 20,
  feeFen: 2000,
  feeMaxFen: 4000,
  feeNote: '有效期满换领 20 元，损坏换领 40 元',
  onlineAllowed: false,
  proxyAllowed: false,
  appointmentRequired: false,
  aliases: ['换身份证', '身份证到期'],
};
const guide = (patch: Partial<AdminGuide> = {}): AdminGuide => ({
  service: { ...FIELDS, id: SERVICE, code: 'HJ-0003', name: '居民身份证换领', categoryLetter: 'C' },
  version: 1,
  shownVersion: patch.version ?? 1,
  versions: [{ version: 1, createdAt: '2026-11-01T02:00:00.000Z', createdBy: null, fields: [] }],
  activeBookings: 3,
  ...patch,
});
const summary = (id: string, name: string): ServiceSummary => ({ id, code: 'X', name, department: '县公安局', category: 'HOUSEHOLD', categoryLabel: '户籍证件', summary: '', promisedDays: 20, onlineAllowed: false, appointmentRequired: false, popularity: 1 });

const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector)!, { target: { value } });
const press = (selector: string) => fireEvent.click(document.querySelector(selector)!);
const textOf = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const draft = (patch: Partial<GuideDraft> = {}): GuideDraft => ({ ...guideDraftOf(FIELDS), ...patch });

beforeEach(() => {
  resetAll();
  routeTo({});
});

describe('the guide’s checks', () => {
  it('reads 元 as fen and back', () => {
    expect(yuanToFen('20')).toBe(2000);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('0.05')).toBe(5);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('二十')).toBeNull();
    expect(fenToYuan(2000)).toBe('20');
    expect(fenToYuan(1250)).toBe('12.5');
    expect(fenToYuan(0)).toBe('0');
  });

  it('reads the guide as typed back to what it was', () => {
    expect(readGuide(draft())).toEqual({ fields: FIELDS, problems: {}, materials: [{}] });
  });

  it('says what is wrong, by field, in words', () => {
    const problems = (patch: Partial<GuideDraft>) => readGuide(draft(patch)).problems;
    expect(problems({ summary: '  ' }).summary).toContain('请填写事项简介');
    expect(problems({ process: '\n \n' })).toEqual({});
    expect(problems({ process: Array.from({ length: 21 }, (_, i) => `第${i}步`).join('\n') }).process).toBe('办理流程最多20条，现在21条');
    expect(problems({ materials: [] }).materials).toBe('请至少列一项材料');
    expect(problems({ conditions: `短\n${'长'.repeat(201)}` }).conditions).toBe('办理条件第2条太长（每条最多200字）');
    expect(problems({ promisedDays: '61' }).promisedDays).toBe('承诺时限不能长于法定时限（60个工作日）');
    expect(problems({ legalDays: '三十' }).legalDays).toContain('整数');
    expect(problems({ fee: '20.555' }).fee).toContain('最多两位小数');
    expect(problems({ feeMax: '20' }).feeMax).toBe('最高收费须高于收费标准（20元）；只有一个金额时空着');
    expect(problems({ feeNote: '说'.repeat(201) }).feeNote).toBe('收费说明最多200字，现在201字');
    expect(problems({ feeMax: '', feeNote: '' })).toEqual({});
    expect(readGuide(draft({ promisedDays: '61' })).fields).toBeNull();
  });

  it('checks each material: a name once, whole counts of 0 to 20', () => {
    const twice = draft({ materials: [...draft().materials, materialDraftOf({ ...FIELDS.materials[0]!, licenceType: null })] });
    expect(readGuide(twice).materials[1]).toEqual({ name: '“居民户口簿”已在材料中，同一材料只列一次' });
    const blank = materialDraftOf();
    expect(readGuide(draft({ materials: [{ ...blank, originals: '0', copies: '21' }] })).materials[0]).toEqual({ name: '请填写材料名称，例如 居民户口簿', counts: '原件、复印件份数须为 0 到 20 的整数' });
    expect(readGuide(draft({ materials: [{ ...blank, name: '照片', originals: '1.5' }] })).materials[0]).toEqual({ counts: '原件、复印件份数须为 0 到 20 的整数' });
    expect(readGuide(draft({ materials: [{ ...blank, name: '照片' }] })).fields?.materials).toEqual([{ name: '照片', required: true, originals: 1, copies: 0, licenceType: null, note: null }]);
  });

  it('checks a synonym before it is added', () => {
    expect(aliasProblem('', [], '居民身份证换领')).toBe('请输入同义词，例如 换身份证');
    expect(aliasProblem('换身份证', FIELDS.aliases, '居民身份证换领')).toBe('“换身份证”已经有了');
    expect(aliasProblem('居民身份证换领', [], '居民身份证换领')).toBe('事项名称本身就能搜到，不必再加');
    expect(aliasProblem('补'.repeat(31), [], '居民身份证换领')).toBe('每个同义词最多30字，现在31字');
    expect(aliasProblem('id', ['ID'], '居民身份证换领')).toBe('“ID”已经有了');
    expect(aliasProblem('身份证过期', FIELDS.aliases, '居民身份证换领')).toBeNull();
  });

  it('says each change in words, sends only what changed, and says what saving does to bookings', () => {
    const after: GuideFields = {
      ...FIELDS,
      materials: [...FIELDS.materials, { name: '居民身份证', required: true, originals: 1, copies: 1, licenceType: 'RESIDENT_ID', note: '旧证' }],
      aliases: [...FIELDS.aliases.slice(1), '身份证过期'],
      promisedDays: 15,
      feeFen: 0,
      feeMaxFen: null,
      feeNote: null,
      proxyAllowed: true,
    };
    expect(guideChangeWords(FIELDS, after)).toEqual([
      '所需材料：新增 居民身份证（必须，原件1份、复印件1份，可用电子身份证替代，旧证）',
      '承诺时限：20个工作日 → 15个工作日',
      '收费说明：删除',
      '委托代办：不可以 → 可以',
      '搜索同义词：新增“身份证过期”；删除“换身份证”',
      '收费：20–40 元 → 免费',
    ]);
    expect(guideChangeWords(FIELDS, { ...FIELDS, materials: [{ ...FIELDS.materials[0]!, licenceType: null }] })).toEqual(['所需材料：“居民户口簿”改为 居民户口簿（必须，原件1份，无电子证照替代）']);
    expect(guidePatch(FIELDS, { ...FIELDS, aliases: ['身份证'] }, 4)).toEqual({ aliases: ['身份证'], expectedVersion: 4 });
    expect(guideConsequence(1, 3)).toBe('保存后将生成第 2 版办事指南，市民在“办事”中立即看到新版。已有的 3 个预约仍按第 1 版（或预约时的版本）办理，新预约按第 2 版。');
    expect(guideConsequence(2, 0)).toBe('保存后将生成第 3 版办事指南，市民在“办事”中立即看到新版。目前没有今天以后的预约；新预约按第 3 版办理。');
    expect(versionWords([])).toBe('初版');
    expect(versionWords(['materials', 'aliases'])).toBe('改了 所需材料、搜索同义词');
  });
});

describe('事项指南: finding a service', () => {
  it('lists the catalogue, searches as citizens search, pages on, and opens a guide', async () => {
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(adminMe);
      const query = Object.fromEntries(new URL(url, 'http://h5').searchParams) as { q?: string; cursor?: string };
      if (query.cursor) return ok({ items: [summary('5eed0003-0000-4000-8000-000000000018', '居民身份证补领')] });
      if (query.q) return ok({ items: [summary(SERVICE, '居民身份证换领')], nextCursor: 'next1' });
      return ok({ items: [summary('5eed0003-0000-4000-8000-000000000004', '社会保障卡申领')] });
    });
    signIn();
    setMe(adminMe);
    render(<ServicesPage />);
    expect(await screen.findByText('社会保障卡申领')).toBeInTheDocument();
    type('#admin-services-search', '换身份证');
    press('#admin-services-search-submit');
    expect(await screen.findByText('居民身份证换领')).toBeInTheDocument();
    expect(screen.queryByText('社会保障卡申领')).toBeNull();
    press('#admin-services-more');
    expect(await screen.findByText('居民身份证补领')).toBeInTheDocument();
    expect(calls.filter((c) => c.url.startsWith('/api/services')).map((c) => c.url)).toEqual(['/api/services?limit=20', `/api/services?q=${encodeURIComponent('换身份证')}&limit=20`, `/api/services?q=${encodeURIComponent('换身份证')}&limit=20&cursor=next1`]);
    press('#admin-service-0');
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/admin/service/index?id=${SERVICE}` });
  });
});

describe('事项指南: editing a guide', () => {
  const saved = guide({
    service: { ...guide().service, materials: [...FIELDS.materials, { name: '居民身份证', required: true, originals: 1, copies: 0, licenceType: 'RESIDENT_ID', note: null }], aliases: [...FIELDS.aliases, '身份证过期'] },
    version: 2,
    versions: [...guide().versions, { version: 2, createdAt: '2026-11-23T02:05:00.000Z', createdBy: { id: adminMe.id, name: '管理员' }, fields: ['materials', 'aliases'] }],
  });

  /** The guide page as an admin opens it, the BFF answering as `answer` says (else 404). */
  const openGuide = async (answer: (call: { url: string; method?: string }, calls: readonly { method?: string }[]) => ReturnType<typeof ok> | null) => {
    const calls = answerRequests((call) => {
      if (call.url === '/api/me') return ok(adminMe);
      return answer(call, calls) ?? fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(adminMe);
    routeTo({ id: SERVICE });
    render(<ServicePage />);
    expect(await screen.findByText('居民身份证换领')).toBeInTheDocument();
    return calls;
  };

  const openEditor = (patchReply: () => ReturnType<typeof ok>) =>
    openGuide(({ url, method }, calls) => {
      if (url === `/api/admin/services/${SERVICE}` && method === 'PATCH') return patchReply();
      if (url === `/api/admin/services/${SERVICE}`) return ok(calls.some((c) => c.method === 'PATCH') ? saved : guide());
      return null;
    });

  /** Adds 居民身份证 (可用电子身份证替代) and the synonym 身份证过期, as an admin would. */
  const addMaterialAndSynonym = () => {
    press('#admin-guide-material-add');
    expect(textOf('#admin-guide-material-1-name-problem')).toContain('请填写材料名称');
    type('#admin-guide-material-1-name', '居民身份证');
    expect(document.querySelector('#admin-guide-material-1-name-problem')).toBeNull();
    press('#admin-guide-material-1-licence-RESIDENT_ID');
    expect(document.querySelector('#admin-guide-material-1-licence-RESIDENT_ID')?.getAttribute('aria-checked')).toBe('true');
    expect(textOf('#admin-guide-material-1')).toContain('必须，原件1份，可用电子身份证替代');
    type('#admin-guide-alias-new', '换身份证');
    expect(textOf('#admin-guide-alias-problem')).toBe('！“换身份证”已经有了');
    type('#admin-guide-alias-new', '身份证过期');
    press('#admin-guide-alias-add');
    expect(textOf('#admin-guide-aliases')).toContain('身份证过期 ✕');
  };

  it('shows every field as it is, checks as typed, says what saving will do, and saves a new version', async () => {
    const calls = await openEditor(() => ok({ service: saved.service, version: 2, previousVersion: 1, activeBookings: 3 }));
    expect((document.querySelector('#admin-guide-process') as HTMLTextAreaElement).value).toBe(FIELDS.process.join('\n'));
    expect((document.querySelector('#admin-guide-fee') as HTMLInputElement).value).toBe('20');
    expect((document.querySelector('#admin-guide-fee-max') as HTMLInputElement).value).toBe('40');
    expect(textOf('#admin-guide-version')).toContain('当前第 1 版');
    expect(textOf('#admin-guide-version-1')).toContain('初版');
    expect(textOf('#admin-guide-check')).toBe('还没有修改');

    type('#admin-guide-promised-days', '90');
    expect(textOf('#admin-guide-promised-days-problem')).toBe('！承诺时限不能长于法定时限（60个工作日）');
    expect(textOf('#admin-guide-check')).toBe('请先改正上面标出的内容');
    type('#admin-guide-promised-days', '20');
    expect(document.querySelector('#admin-guide-promised-days-problem')).toBeNull();

    addMaterialAndSynonym();
    expect(textOf('#admin-guide-changes')).toContain('本次修改（2处）');
    press('#admin-guide-check');
    expect(textOf('#admin-guide-confirm-changes-0')).toBe('· 所需材料：新增 居民身份证（必须，原件1份，可用电子身份证替代）');
    expect(textOf('#admin-guide-confirm-changes-1')).toBe('· 搜索同义词：新增“身份证过期”');
    expect(textOf('#admin-guide-consequence')).toBe('保存后将生成第 2 版办事指南，市民在“办事”中立即看到新版。已有的 3 个预约仍按第 1 版（或预约时的版本）办理，新预约按第 2 版。');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    press('#admin-guide-confirm-yes');
    await waitFor(() => expect(textOf('#admin-guide-done')).toBe('✓ 已保存为第 2 版办事指南（上一版为第 1 版）。已有的 3 个预约仍按预约时的版本办理。'));
    expect(calls.find((c) => c.method === 'PATCH')?.data).toEqual({ materials: saved.service.materials, aliases: saved.service.aliases, expectedVersion: 1 });
    await waitFor(() => expect(textOf('#admin-guide-version')).toContain('当前第 2 版'));
    expect(textOf('#admin-guide-version-2')).toContain('改了 所需材料、搜索同义词');
    expect(textOf('#admin-guide-version-2')).toContain('2026-11-23 10:05，管理员');
    expect(textOf('#admin-guide-check')).toBe('还没有修改');
  });

  it('opens an earlier version under its row, read-only, as it said it (?version=)', async () => {
    const calls = await openGuide(({ url }) => {
      if (url === `/api/admin/services/${SERVICE}?version=1`) return ok({ ...saved, service: guide().service, shownVersion: 1 });
      if (url === `/api/admin/services/${SERVICE}`) return ok(saved);
      return null;
    });
    // The current version has nothing to open; an earlier one does.
    expect(document.querySelector('#admin-guide-version-2-view')).toBeNull();
    press('#admin-guide-version-1-view');
    await waitFor(() => expect(textOf('#admin-guide-earlier-materials')).toBe('所需材料1. 居民户口簿（必须，原件1份，可用电子户口簿替代）'));
    expect(calls.some((c) => c.url === `/api/admin/services/${SERVICE}?version=1`)).toBe(true);
    expect(textOf('#admin-guide-earlier')).toContain('第 1 版办事指南（只读）');
    expect(textOf('#admin-guide-earlier-aliases')).toBe('搜索同义词“换身份证”、“身份证到期”');
    expect(textOf('#admin-guide-earlier-fee')).toContain('有效期满换领 20 元，损坏换领 40 元');
    // The editor still edits the current version.
    expect(textOf('#admin-guide-version')).toContain('当前第 2 版');
    press('#admin-guide-version-1-view');
    expect(document.querySelector('#admin-guide-earlier')).toBeNull();
  });

  it('says someone else saved meanwhile, and reads the guide again', async () => {
    const calls = await openEditor(() => fail(409, 'GUIDE_VERSION_CONFLICT', '这项指南已有新版本，请刷新后再改'));
    addMaterialAndSynonym();
    press('#admin-guide-check');
    press('#admin-guide-confirm-yes');
    expect(await screen.findByText('！有人先保存了')).toBeInTheDocument();
    expect(document.querySelector('#admin-guide-save-error')).toBeNull();
    expect(document.querySelector('#admin-guide-check')?.getAttribute('aria-disabled')).toBe('true');
    press('#admin-guide-reread');
    await waitFor(() => expect(textOf('#admin-guide-version')).toContain('当前第 2 版'));
    expect(calls.filter((c) => c.method === 'GET' || !c.method).length).toBeGreaterThanOrEqual(2);
    expect(document.querySelector('#admin-guide-conflict')).toBeNull();
  });

  it('shows a refusal in the BFF’s words', async () => {
    await openEditor(() => fail(400, 'VALIDATION_FAILED', '承诺时限不能长于法定时限'));
    type('#admin-guide-legal-days', '30');
    press('#admin-guide-check');
    expect(textOf('#admin-guide-confirm-changes-0')).toBe('· 法定时限：60个工作日 → 30个工作日');
    press('#admin-guide-confirm-yes');
    expect(await screen.findByText('承诺时限不能长于法定时限')).toBeInTheDocument();
  });

  it('removes a material and a synonym, and says so; a guide keeps one material at least', async () => {
    await openEditor(() => fail(500, 'INTERNAL'));
    press('#admin-guide-material-0-remove');
    expect(textOf('#admin-guide-materials-problem')).toBe('！请至少列一项材料');
    expect(textOf('#admin-guide-check')).toBe('请先改正上面标出的内容');
    press('#admin-guide-material-add');
    type('#admin-guide-material-0-name', '相片回执');
    press('#admin-guide-alias-0');
    press('#admin-guide-check');
    expect(textOf('#admin-guide-confirm')).toContain('所需材料：新增 相片回执（必须，原件1份，无电子证照替代）');
    expect(textOf('#admin-guide-confirm')).toContain('所需材料：删除“居民户口簿”');
    expect(textOf('#admin-guide-confirm')).toContain('搜索同义词：删除“换身份证”');
  });
});
