// The hall pages of 管理后台 against a scripted BFF: 排队设置 checks the numbers as typed with the BFF's
// ranges and lists each change old → new before saving; 预约号源 checks a rule as typed, always asks
// the BFF's preview before saving and says its numbers in words, then saves only the fields changed
// and shows the saved answer's numbers; 窗口管理 assigns a window's clerk, with a confirmation when
// it takes the window from another clerk.
import { useRouter } from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AdminCounter, AdminQueueSettings, AdminSlotRule, AdminStaff, SlotPlanSummary } from '@palm/shared/server';
import { setMe } from '../../src/api/session';
import { adjustedWords, clerkConsequence, NEW_RULE, queueChanges, queueDraftOf, readQueueDraft, readRuleDraft, ruleChanges, ruleDraftOf, slotPlanWords, wholeNumber } from '../../src/pages/admin/hall-model';
import { exceptionBody, exceptionConsequence } from '../../src/pages/admin/model';
import QueuePage from '../../src/pages/admin/queue/index';
import SlotsPage from '../../src/pages/admin/slots/index';
import WindowsPage from '../../src/pages/admin/windows/index';
import { answerRequests, fail, ok, resetAll, signIn } from '../helpers';
import { adminOffice, managerMe, OFFICE } from './admin-fixtures';

const SOCIAL = 'aaaaaaaa-0000-4000-8000-000000000001';
const ID_CARD = 'aaaaaaaa-0000-4000-8000-000000000002';
const services = [
  { id: SOCIAL, name: '社保卡申领', categoryLetter: 'A', dailyTicketCapacity: 100, waitingToday: 0 },
  { id: ID_CARD, name: '身份证换领', categoryLetter: 'B', dailyTicketCapacity: 50, waitingToday: 0 },
];
const office = adminOffice({ services });
const settings: AdminQueueSettings = { nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 3, dailyCapacity: [{ serviceId: SOCIAL, dailyTicketCapacity: 100 }, { serviceId: ID_CARD, dailyTicketCapacity: 50 }] };
const rule: AdminSlotRule = { id: 'r0000000-0000-4000-8000-000000000001', officeId: OFFICE, serviceId: SOCIAL, serviceName: '社保卡申领', ...NEW_RULE, adjustedWorkdayWeekday: null };
const plan = (patch: Partial<SlotPlanSummary> = {}): SlotPlanSummary => ({ created: 0, updated: 0, withdrawn: 0, closedBooked: 0, keptBooked: 0, keptBookedDates: [], ...patch });

const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector)!, { target: { value } });
const textOf = (selector: string) => document.querySelector(selector)?.textContent ?? '';

beforeEach(() => {
  resetAll();
  routeTo({ id: OFFICE });
  signIn();
  setMe(managerMe);
});

describe('pure checks', () => {
  it('reads whole numbers within the BFF’s ranges', () => {
    expect(wholeNumber('5', 1, 20)).toEqual({ value: 5, problem: null });
    expect(wholeNumber('0', 1, 20).problem).toBe('须在 1–20 之间，现在是 0');
    expect(wholeNumber('2.5', 1, 20).problem).toBe('请填写 1–20 的整数');
    expect(wholeNumber('', 0, 5000).problem).toBe('请填写 0–5000 的整数');
  });

  it('reads the queue settings and says each change old → new', () => {
    const draft = queueDraftOf(settings);
    expect(readQueueDraft(draft).body).toEqual({ ...settings });
    const bad = readQueueDraft({ ...draft, numbers: { ...draft.numbers, nearMinutes: '121' }, capacity: { ...draft.capacity, [ID_CARD]: '-1' } });
    expect(bad).toEqual({ body: null, problems: { nearMinutes: '须在 1–120 之间，现在是 121', [ID_CARD]: '请填写 0–5000 的整数' } });
    const changed = readQueueDraft({ ...draft, numbers: { ...draft.numbers, nearPeopleAhead: '5' }, capacity: { ...draft.capacity, [ID_CARD]: '0' } }).body!;
    expect(queueChanges(settings, changed, { [ID_CARD]: '身份证换领' })).toEqual(['前面还有几人时提醒：3 → 5 人', '身份证换领每天远程取号：50 → 0 个（不能远程取号）']);
    expect(queueChanges(settings, readQueueDraft(draft).body!, {})).toEqual([]);
  });

  it('reads a slot rule as typed, keeps a weekday’s own settings, and sends only what changed', () => {
    const had = { ...NEW_RULE, weekTemplate: { ...NEW_RULE.weekTemplate, '1': { start: '09:00', end: '17:00', capacity: 5 } } };
    const draft = ruleDraftOf(had);
    expect(draft.days['1']).toBe('09:00-17:00');
    expect(draft.days['6']).toBe('');
    expect(draft.breaks).toBe('12:00-13:30');
    expect(readRuleDraft(draft, had).fields).toEqual({ ...had, weekTemplate: { ...had.weekTemplate, '6': null, '7': null } });
    expect(ruleChanges(had, readRuleDraft(draft, had).fields!)).toEqual({});
    const edited = readRuleDraft({ ...draft, days: { ...draft.days, '1': '08:30-17:00', '6': '09:00-12:00' }, numbers: { ...draft.numbers, capacityPerSlot: '3' } }, had).fields!;
    expect(ruleChanges(had, edited)).toEqual({ weekTemplate: { ...had.weekTemplate, '1': { start: '08:30', end: '17:00', capacity: 5 }, '6': { start: '09:00', end: '12:00' }, '7': null }, capacityPerSlot: 3 });
    const bad = readRuleDraft({ ...draft, days: { ...draft.days, '2': '17:00-09:00', '3': '九点' }, breaks: '13:30-12:00', numbers: { capacityPerSlot: '0', slotMinutes: '4', horizonDays: '91' }, releaseTime: '8:00' }, had);
    expect(bad.fields).toBeNull();
    expect(bad.problems).toEqual({
      '2': '09:00 须晚于 17:00',
      '3': '“九点”应写成 开始-结束，例如 09:00-17:00',
      breaks: '12:00 须晚于 13:30',
      capacityPerSlot: '须在 1–10000 之间，现在是 0',
      slotMinutes: '须在 5–480 之间，现在是 4',
      horizonDays: '须在 0–90 之间，现在是 91',
      releaseTime: '“8:00”不是正确的时间（例如 08:00）',
    });
  });

  it('reads which weekday’s hours a 调休 working day takes, and refuses a weekday without hours', () => {
    const draft = ruleDraftOf(NEW_RULE);
    expect(draft.adjusted).toBe('auto');
    expect(readRuleDraft(draft, NEW_RULE).fields!.adjustedWorkdayWeekday).toBeNull();
    const wednesday = readRuleDraft({ ...draft, adjusted: '3' }, NEW_RULE).fields!;
    expect(wednesday.adjustedWorkdayWeekday).toBe(3);
    expect(ruleChanges(NEW_RULE, wednesday)).toEqual({ adjustedWorkdayWeekday: 3 });
    expect(ruleDraftOf(wednesday).adjusted).toBe('3');
    expect(ruleChanges(wednesday, readRuleDraft({ ...draft, adjusted: 'auto' }, wednesday).fields!)).toEqual({ adjustedWorkdayWeekday: null });
    const closed = readRuleDraft({ ...draft, days: { ...draft.days, '3': '' }, adjusted: '3' }, NEW_RULE);
    expect(closed.fields).toBeNull();
    expect(closed.problems).toEqual({ adjusted: '周三不放号，调休上班日不能按它放号：请选有放号时间的日子，或选“自动”' });
    // A rule saved with 周六 (the API takes any weekday) reads back as it is.
    const saturday = { ...NEW_RULE, weekTemplate: { ...NEW_RULE.weekTemplate, '6': { start: '09:00', end: '12:00' } }, adjustedWorkdayWeekday: 6 };
    expect(ruleDraftOf(saturday).adjusted).toBe('6');
    expect(ruleChanges(saturday, readRuleDraft(ruleDraftOf(saturday), saturday).fields!)).toEqual({});
    expect(adjustedWords(null)).toBe('调休上班日按周一至周五中第一个放号的日子放号');
    expect(adjustedWords(2)).toBe('调休上班日按周二放号');
  });

  it('says the slot plan in words', () => {
    expect(slotPlanWords(plan({ created: 12, updated: 3, withdrawn: 2 }))).toBe('新增 12 个号源、调整 3 个、撤下 2 个未预约号源；没有已预约的号源受影响。');
    expect(slotPlanWords(plan({ withdrawn: 4, keptBooked: 2, keptBookedDates: ['2026-11-24', '2026-11-25'], closedBooked: 1 }))).toBe(
      '新增 0 个号源、调整 0 个、撤下 4 个未预约号源；已预约的 2 个号源保留不变（日期：2026-11-24、2026-11-25），需大厅联系预约人；闭厅日已预约的 1 个号源撤下，其预约取消并逐一通知预约人。',
    );
  });

  it('says when a clerk is taken off a window', () => {
    const window = { number: 2, clerkId: 'k1', clerkName: '赵雪梅' };
    expect(clerkConsequence(window, { id: 'k2', name: '钱立' })).toBe('保存后，2号窗口从赵雪梅改由钱立负责；赵雪梅不再分配到这个窗口。');
    expect(clerkConsequence(window, null)).toBe('保存后，赵雪梅不再分配到2号窗口，这个窗口暂无工作人员。');
    expect(clerkConsequence({ ...window, clerkId: null, clerkName: null }, { id: 'k2', name: '钱立' })).toBeNull();
  });

  it('says how many bookings a closure cancels, or that none are affected', () => {
    const draft = { date: '2026-12-01', mode: 'closed' as const, opens: '', closes: '', reason: '停电' };
    expect(exceptionConsequence(draft, 2)).toContain('该日已有 2 个预约将被取消，并逐一通知预约人。');
    expect(exceptionConsequence({ ...draft, mode: 'hours', opens: '09:00', closes: '12:00' }, 0)).toContain('无预约受影响。');
    expect(exceptionBody({ ...draft, mode: 'hours', opens: '09:00', closes: '12:00', reason: ' 培训 ' })).toEqual({ date: '2026-12-01', reason: '培训', opens: '09:00', closes: '12:00' });
  });
});

describe('排队设置', () => {
  it('checks as typed, lists the changes before saving, and sends the whole settings', async () => {
    const calls = answerRequests(({ url, method, data }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office);
      if (url.endsWith('/queue-settings') && method === 'PUT') return ok(data);
      if (url.endsWith('/queue-settings')) return ok(settings);
      return fail(404, 'NOT_FOUND');
    });
    render(<QueuePage />);
    await screen.findByText('青石县政务服务中心');
    expect(textOf('#admin-queue-check')).toContain('没有改动');
    type('#admin-queue-maxPriorityStreak', '11');
    expect(textOf('#admin-queue-maxPriorityStreak-problem')).toBe('！须在 1–10 之间，现在是 11');
    expect(document.querySelector('#admin-queue-check')?.getAttribute('aria-disabled')).toBe('true');
    type('#admin-queue-maxPriorityStreak', '4');
    type('#admin-queue-capacity-1', '80');
    fireEvent.click(document.querySelector('#admin-queue-check')!);
    expect(textOf('#admin-queue-consequence')).toBe('保存后立即生效：优先号连续叫几个后叫一个普通号：3 → 4 个；身份证换领每天远程取号：50 → 80 个。');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    fireEvent.click(document.querySelector('#admin-queue-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-queue-done')).toContain('排队设置已保存'));
    expect(calls.find((c) => c.method === 'PUT')?.data).toEqual({ nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 4, dailyCapacity: [{ serviceId: SOCIAL, dailyTicketCapacity: 100 }, { serviceId: ID_CARD, dailyTicketCapacity: 80 }] });
  });
});

describe('预约号源', () => {
  it('previews a change in words before saving, saves only what changed, and shows the saved numbers', async () => {
    const calls = answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office);
      if (url.startsWith('/api/admin/slot-rules?')) return ok({ items: [rule] });
      if (url === '/api/admin/slot-rules/preview') return ok({ slots: plan({ withdrawn: 6, keptBooked: 1, keptBookedDates: ['2026-11-28'] }) });
      if (url === `/api/admin/slot-rules/${rule.id}` && method === 'PATCH') return ok({ rule, slots: plan({ withdrawn: 6, keptBooked: 1, keptBookedDates: ['2026-11-28'] }) });
      return fail(404, 'NOT_FOUND');
    });
    render(<SlotsPage />);
    await screen.findByText('社保卡申领');
    expect(textOf('#admin-slot-rule-0')).toContain('周一 09:00-17:00');
    // A service without a rule can get one.
    expect(textOf('#admin-new-rule')).toContain('身份证换领');
    fireEvent.click(document.querySelector('#admin-slot-rule-0-edit')!);
    type('#admin-rule-day-5', '09:00-12:00');
    type('#admin-rule-horizonDays', '100');
    expect(textOf('#admin-rule-horizonDays-problem')).toBe('！须在 0–90 之间，现在是 100');
    type('#admin-rule-horizonDays', '7');
    fireEvent.click(document.querySelector('#admin-rule-check')!);
    await waitFor(() => expect(textOf('#admin-rule-consequence')).toBe('新增 0 个号源、调整 0 个、撤下 6 个未预约号源；已预约的 1 个号源保留不变（日期：2026-11-28），需大厅联系预约人。'));
    expect(calls.find((c) => c.url === '/api/admin/slot-rules/preview')?.data).toEqual({ id: rule.id, weekTemplate: { ...rule.weekTemplate, '5': { start: '09:00', end: '12:00' }, '6': null, '7': null } });
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    fireEvent.click(document.querySelector('#admin-rule-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-slots-done')).toContain('“社保卡申领”的预约规则已保存：新增 0 个号源、调整 0 个、撤下 6 个未预约号源'));
    expect(calls.find((c) => c.method === 'PATCH')?.data).toEqual({ weekTemplate: { ...rule.weekTemplate, '5': { start: '09:00', end: '12:00' }, '6': null, '7': null } });
    expect(document.querySelector('#admin-rule-form')).toBeNull();
  });

  it('chooses the weekday a 调休 working day follows, checked as chosen against the days with hours', async () => {
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office);
      if (url.startsWith('/api/admin/slot-rules?')) return ok({ items: [rule] });
      if (url === '/api/admin/slot-rules/preview') return ok({ slots: plan({ updated: 2 }) });
      return fail(404, 'NOT_FOUND');
    });
    render(<SlotsPage />);
    await screen.findByText('社保卡申领');
    expect(textOf('#admin-slot-rule-0')).toContain('调休上班日按周一至周五中第一个放号的日子放号');
    fireEvent.click(document.querySelector('#admin-slot-rule-0-edit')!);
    expect(document.querySelector('#admin-rule-adjusted-0')?.getAttribute('aria-checked')).toBe('true');
    type('#admin-rule-day-3', '');
    expect(textOf('#admin-rule-adjusted-3')).toContain('这天不放号');
    fireEvent.click(document.querySelector('#admin-rule-adjusted-3')!);
    expect(textOf('#admin-rule-adjusted-problem')).toBe('！周三不放号，调休上班日不能按它放号：请选有放号时间的日子，或选“自动”');
    expect(textOf('#admin-rule-check')).toBe('请先改正上面标出的内容');
    fireEvent.click(document.querySelector('#admin-rule-adjusted-2')!);
    expect(document.querySelector('#admin-rule-adjusted-problem')).toBeNull();
    fireEvent.click(document.querySelector('#admin-rule-check')!);
    await waitFor(() => expect(textOf('#admin-rule-consequence')).toContain('调整 2 个'));
    expect(calls.find((c) => c.url === '/api/admin/slot-rules/preview')?.data).toEqual({ id: rule.id, weekTemplate: { ...rule.weekTemplate, '3': null, '6': null, '7': null }, adjustedWorkdayWeekday: 2 });
  });

  it('shows the BFF’s refusal of a preview in its words, and saves nothing', async () => {
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office);
      if (url.startsWith('/api/admin/slot-rules?')) return ok({ items: [] });
      if (url === '/api/admin/slot-rules/preview') return fail(409, 'CONFLICT', '本大厅这项业务已有预约规则，请修改原规则');
      return fail(404, 'NOT_FOUND');
    });
    render(<SlotsPage />);
    await screen.findByText('还没有预约规则，市民不能预约本大厅的业务。');
    fireEvent.click(document.querySelector('#admin-new-rule-service-1')!);
    fireEvent.click(document.querySelector('#admin-new-rule-start')!);
    fireEvent.click(document.querySelector('#admin-rule-check')!);
    expect(await screen.findByText('本大厅这项业务已有预约规则，请修改原规则')).toBeInTheDocument();
    expect(calls.find((c) => c.url === '/api/admin/slot-rules/preview')?.data).toMatchObject({ officeId: OFFICE, serviceId: ID_CARD, capacityPerSlot: 2 });
    expect(calls.some((c) => c.url === '/api/admin/slot-rules' && c.method === 'POST')).toBe(false);
  });
});

describe('窗口管理: a window’s clerk', () => {
  const clerks: AdminStaff[] = [
    { id: 'k0000000-0000-4000-8000-000000000001', name: '赵雪梅', phoneMasked: '138****0003', roles: ['CITIZEN', 'CLERK'], officeId: OFFICE, regionCode: null },
    { id: 'k0000000-0000-4000-8000-000000000002', name: '钱立', phoneMasked: '138****0010', roles: ['CITIZEN', 'CLERK'], officeId: OFFICE, regionCode: null },
    { id: 'k0000000-0000-4000-8000-000000000003', name: '马晓慧', phoneMasked: '138****0007', roles: ['CITIZEN', 'MANAGER'], officeId: OFFICE, regionCode: null },
  ];
  const window: AdminCounter = { id: 'c0000000-0000-4000-8000-000000000001', number: 1, name: '综合受理', categories: ['A', 'B'], state: 'OPEN', clerkId: clerks[0]!.id, clerkName: '赵雪梅', retired: false };

  it('shows each window’s clerk, offers the hall’s clerks only, and confirms before taking a window from its clerk', async () => {
    const calls = answerRequests(({ url, method, data }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office);
      if (url === `/api/admin/offices/${OFFICE}/counters`) return ok({ items: [window] });
      if (url.startsWith('/api/admin/staff')) return ok({ items: clerks });
      if (method === 'PATCH') return ok({ ...window, clerkId: (data as { clerkId: string }).clerkId, clerkName: '钱立' });
      return fail(404, 'NOT_FOUND');
    });
    render(<WindowsPage />);
    await screen.findByText('1号窗口（综合受理）');
    expect(textOf('#admin-window-0')).toContain('工作人员：赵雪梅');
    fireEvent.click(document.querySelector('#admin-window-0-edit')!);
    // Clerks only: the hall manager is not offered.
    expect(textOf('#admin-window-0')).toContain('钱立');
    expect(textOf('#admin-window-0')).not.toContain('马晓慧');
    expect(textOf('#admin-window-0-clerk-2')).toContain('钱立');
    fireEvent.click(document.querySelector('#admin-window-0-clerk-2')!);
    fireEvent.click(document.querySelector('#admin-window-0-save')!);
    expect(textOf('#admin-window-0-clerk-consequence')).toBe('保存后，1号窗口从赵雪梅改由钱立负责；赵雪梅不再分配到这个窗口。');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    fireEvent.click(document.querySelector('#admin-window-0-clerk-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-window-0-done')).toContain('1号窗口已保存，由钱立负责'));
    expect(calls.find((c) => c.method === 'PATCH')?.data).toEqual({ clerkId: clerks[1]!.id });
  });
});
