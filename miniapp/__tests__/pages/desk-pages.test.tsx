// 反映工作台 against a scripted BFF: staff only; the case list marks overdue and near-deadline cases
// in words (逾期 / 即将到期), filters are sent to the BFF; a case page offers only the steps this
// person may take in this state, confirms in the page, and says a 409 in words before reading the
// case again; a rectification cannot be closed before its callback (the button says why); the
// figures show numbers in text beside the bars; a clerk's ratings show no rater.
import { useRouter } from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me, Rectification, Report } from '@palm/shared/server';
import { setMe } from '../../src/api/session';
import CasePage from '../../src/pages/staff/case/index';
import DeskPage from '../../src/pages/staff/desk/index';
import { legalActions } from '../../src/pages/staff/model';
import { answerRequests, fail, me, ok, resetAll, signIn, taro } from '../helpers';
import { office } from './fixtures';

const OFFICE = '5eed0001-0000-4000-8000-000000000001';
const OTHER_OFFICE = '5eed0001-0000-4000-8000-000000000002';
const clerkMe: Me = { ...me, name: '赵雪梅', roles: ['CITIZEN' as const, 'CLERK' as const], officeId: OFFICE };
const supervisorMe: Me = { ...me, name: '孙志强', roles: ['CITIZEN' as const, 'SUPERVISOR' as const], officeId: null };

const report = (patch: Partial<Report> = {}): Report => ({
  id: 'f1600000-0000-4000-8000-000000000003',
  status: 'TRIAGED',
  statusWords: '已分类',
  class: 'COMPLEX',
  classWords: '复杂问题',
  text: '窗口说这项业务要去市里办。',
  contactPreference: 'IN_APP',
  about: { service: { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: '社保卡申领' }, office: { id: OFFICE, name: '青石县政务服务中心' }, ticketId: null, appointmentId: null, ratingId: null },
  assignedOffice: null,
  reporter: '陈**',
  walkIn: false,
  deadline: { kind: 'RESOLVE', at: '2026-12-04T16:00:00.000Z', day: '2026-12-04', overdue: true, near: false, words: '已超期' },
  resolution: null,
  escalationLevel: 0,
  reopened: false,
  canReopen: false,
  createdAt: '2026-11-20T02:00:00.000Z',
  steps: [
    { at: '2026-11-20T02:00:00.000Z', action: 'received', words: '已受理', from: null, to: 'RECEIVED', note: null, by: '市民' },
    { at: '2026-11-20T06:00:00.000Z', action: 'triage', words: '已分类', from: 'RECEIVED', to: 'TRIAGED', note: '需核实', by: '工作人员' },
  ],
  photos: [],
  ...patch,
});

const rectification = (patch: Partial<Rectification> = {}): Rectification => ({
  id: 'bbbbbbbb-0000-4000-8000-000000000001',
  status: 'OPEN',
  office: { id: OFFICE, name: '青石县政务服务中心' },
  rating: { level: 2, levelWords: '不满意', reasons: [{ code: 'WAIT_LONG', label: '等候时间长' }], comment: '等了很久。', targetType: 'TICKET', serviceName: '社保卡申领' },
  dueAt: '2026-12-12T16:00:00.000Z',
  capAt: '2026-12-26T16:00:00.000Z',
  extended: false,
  overdue: false,
  callback: null,
  closedAt: null,
  createdAt: '2026-12-05T02:00:00.000Z',
  ...patch,
});

const routeTo = (route: { params: Record<string, string> }) => (useRouter as jest.Mock).mockReturnValue(route);

beforeEach(() => {
  resetAll();
});

describe('legal next steps', () => {
  it('follows the state × role table', () => {
    const at = (status: Report['status'], assigned: string | null = null) => ({ status, assignedOffice: assigned ? { id: assigned, name: 'x' } : null });
    expect(legalActions(at('RECEIVED'), supervisorMe)).toEqual(['triage']);
    expect(legalActions(at('RECEIVED'), clerkMe)).toEqual([]);
    expect(legalActions(at('TRIAGED'), supervisorMe)).toEqual(['assign']);
    expect(legalActions(at('ASSIGNED', OFFICE), clerkMe)).toEqual(['resolve']);
    expect(legalActions(at('ASSIGNED', OTHER_OFFICE), clerkMe)).toEqual([]);
    expect(legalActions(at('ASSIGNED', OFFICE), supervisorMe)).toEqual(['assign']);
    expect(legalActions(at('RESOLVED'), supervisorMe)).toEqual(['confirm']);
    expect(legalActions(at('RESOLVED'), clerkMe)).toEqual([]);
    expect(legalActions(at('CONFIRMED'), supervisorMe)).toEqual(['close']);
    expect(legalActions(at('CLOSED'), supervisorMe)).toEqual([]);
  });
});

describe('反映工作台: case list', () => {
  it('is for staff: a citizen is told in words and no case is read', async () => {
    const calls = answerRequests(({ url }) => (url === '/api/me' ? ok(me) : fail(500, 'INTERNAL')));
    signIn();
    setMe(me);
    render(<DeskPage />);
    expect(await screen.findByText('无权限')).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/staff'))).toBe(false);
  });

  it('marks overdue and near-deadline cases in words, and sends the filters', async () => {
    const near = report({ id: 'f1600000-0000-4000-8000-000000000001', text: '材料清单不一样。', status: 'RECEIVED', statusWords: '已受理', class: null, classWords: null, deadline: { kind: 'ACK', at: '2026-12-07T16:00:00.000Z', day: '2026-12-07', overdue: false, near: true, words: '即将到期' } });
    const calls = answerRequests(({ url }) => {
      if (url === '/api/me') return ok(supervisorMe);
      if (url.startsWith('/api/staff/cases')) return ok({ items: url.includes('due=overdue') ? [report()] : [report(), near] });
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(supervisorMe);
    render(<DeskPage />);
    const first = await screen.findByText('窗口说这项业务要去市里办。');
    const overdueRow = first.closest('#desk-case-0') as HTMLElement;
    expect(within(overdueRow).getByText(/逾期/)).toBeInTheDocument();
    expect(overdueRow.textContent).toContain('已超期');
    expect(document.querySelector('#desk-case-0-due')?.className).toContain('desk-due--overdue');
    expect(document.querySelector('#desk-case-1-due')?.textContent).toContain('即将到期');
    // A clerk's section is not offered to a supervisor.
    expect(document.querySelector('#desk-tab-ratings')).toBeNull();

    fireEvent.click(document.querySelector('#desk-due-overdue')!);
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/staff/cases') && c.url.includes('due=overdue'))).toBe(true));
    fireEvent.click(document.querySelector('#desk-state-TRIAGED')!);
    await waitFor(() => expect(calls.some((c) => c.url.includes('state=TRIAGED') && c.url.includes('due=overdue'))).toBe(true));
    fireEvent.click(document.querySelector('#desk-class-COMPLEX')!);
    await waitFor(() => expect(calls.some((c) => c.url.includes('class=COMPLEX'))).toBe(true));

    fireEvent.click(document.querySelector('#desk-case-0')!);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/staff/case/index?id=${report().id}` });
  });
});

describe('反映案件: one case', () => {
  const openCase = (who: Me, handler: Parameters<typeof answerRequests>[0]) => {
    routeTo({ params: { id: report().id } });
    const calls = answerRequests((call) => (call.url === '/api/me' ? ok(who) : handler(call)));
    signIn();
    setMe(who);
    render(<CasePage />);
    return calls;
  };

  it('offers a supervisor only 转办 on a triaged case, with its timeline and the deadline in words', async () => {
    openCase(supervisorMe, ({ url }) => (url === `/api/reports/${report().id}` ? ok(report()) : fail(404, 'NOT_FOUND')));
    expect(await screen.findByText('转办')).toBeInTheDocument();
    const buttons = Array.from(document.querySelectorAll('[id^="case-action-"]')).map((b) => b.id);
    expect(buttons).toEqual(['case-action-assign']);
    expect(document.querySelector('#case-due')?.textContent).toContain('逾期');
    expect(document.querySelector('#case-timeline')?.textContent).toContain('需核实');
    expect(document.querySelector('#case-contact')?.textContent).toBe('告知方式：在掌上办告知');
  });

  it('shows staff that the reporter asked to be phoned', async () => {
    openCase(supervisorMe, ({ url }) => (url === `/api/reports/${report().id}` ? ok(report({ contactPreference: 'PHONE' })) : fail(404, 'NOT_FOUND')));
    await waitFor(() => expect(document.querySelector('#case-contact')?.textContent).toBe('告知方式：希望电话告知'));
  });

  it('assigns to a hall and, optionally, a named clerk of it: the clerks of the hall chosen are offered', async () => {
    const halls = [
      { id: OTHER_OFFICE, name: '青云镇便民服务中心' },
      { id: OFFICE, name: '青石县政务服务中心' },
    ];
    const clerkOf = (officeId: string, id: string, name: string) => ({ id, name, office: { id: officeId, name: 'x' } });
    const calls = openCase(supervisorMe, ({ url, method }) => {
      if (url === `/api/reports/${report().id}` && method === 'GET') return ok(report());
      if (url === '/api/staff/assignees') return ok({ items: [], offices: halls });
      if (url === `/api/staff/assignees?officeId=${OFFICE}`) return ok({ items: [clerkOf(OFFICE, 'c1000000-0000-4000-8000-000000000001', '赵雪梅')], offices: halls });
      if (url === `/api/staff/assignees?officeId=${OTHER_OFFICE}`) return ok({ items: [clerkOf(OTHER_OFFICE, 'c1000000-0000-4000-8000-000000000002', '林晓梅')], offices: halls });
      if (url.endsWith('/assign')) return ok(report({ status: 'ASSIGNED', statusWords: '已转办', assignedOffice: { id: OTHER_OFFICE, name: '青云镇便民服务中心' }, assignedStaff: { id: 'c1000000-0000-4000-8000-000000000002', name: '林晓梅' } }));
      return fail(404, 'NOT_FOUND');
    });
    fireEvent.click(await screen.findByText('转办'));
    // The case's own hall first and chosen; its clerks offered, none named by default.
    await waitFor(() => expect(document.querySelector('#case-office-0')?.textContent).toContain('青石县政务服务中心'));
    const staff = await waitFor(() => within(document.querySelector<HTMLElement>('#case-staff')!));
    expect(staff.getByText('赵雪梅')).toBeInTheDocument();
    expect(document.querySelector('#case-staff-0')?.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(document.querySelector('#case-office-1')!);
    fireEvent.click(await screen.findByText('林晓梅'));
    expect(screen.queryByText('赵雪梅')).toBeNull();
    fireEvent.click(document.querySelector('#case-submit')!);
    await waitFor(() => expect(document.querySelector('#case-assigned')?.textContent).toBe('转办至：青云镇便民服务中心（承办人：林晓梅）'));
    expect(calls.find((c) => c.url.endsWith('/assign'))?.data).toEqual({ officeId: OTHER_OFFICE, staffId: 'c1000000-0000-4000-8000-000000000002' });
  });

  it('offers 转办 only the halls the supervisor may assign to (their region’s), never every hall', async () => {
    const outside = { ...office, id: 'f1000000-0000-4000-8000-000000000009', name: '外县政务服务中心' };
    const region = [{ id: OFFICE, name: '青石县政务服务中心' }];
    const calls = openCase(supervisorMe, ({ url, method }) => {
      if (url === `/api/reports/${report().id}` && method === 'GET') return ok(report());
      // The citizen's hall list has every hall; the desk must not offer it.
      if (url.startsWith('/api/offices')) return ok({ items: [outside, { ...office, id: OFFICE, name: '青石县政务服务中心' }] });
      if (url.startsWith('/api/staff/assignees')) return ok({ items: [], offices: region });
      return fail(404, 'NOT_FOUND');
    });
    fireEvent.click(await screen.findByText('转办'));
    await waitFor(() => expect(document.querySelector('#case-office-0')?.textContent).toContain('青石县政务服务中心'));
    expect(document.querySelectorAll('[id^="case-office-"]')).toHaveLength(1);
    expect(screen.queryByText('外县政务服务中心')).toBeNull();
    expect(calls.some((c) => c.url.startsWith('/api/offices'))).toBe(false);
    expect(calls.some((c) => c.url === '/api/staff/assignees')).toBe(true);
  });

  it('offers a clerk nothing on a case assigned to another hall', async () => {
    openCase(clerkMe, ({ url }) => (url === `/api/reports/${report().id}` ? ok(report({ status: 'ASSIGNED', statusWords: '已转办', assignedOffice: { id: OTHER_OFFICE, name: '别的大厅' } })) : fail(404, 'NOT_FOUND')));
    expect(await screen.findByText('当前状态下您没有可办理的步骤。')).toBeInTheDocument();
    expect(document.querySelectorAll('[id^="case-action-"]')).toHaveLength(0);
  });

  it('resolves after an in-page confirmation with the resolution, and a 409 is said in words and the case read again', async () => {
    let reads = 0;
    const calls = openCase(clerkMe, ({ url, method }) => {
      if (url === `/api/reports/${report().id}` && method === 'GET') {
        reads += 1;
        return ok(reads === 1 ? report({ status: 'ASSIGNED', statusWords: '已转办', assignedOffice: { id: OFFICE, name: '青石县政务服务中心' } }) : report({ status: 'RESOLVED', statusWords: '已办结', resolution: '已办好' }));
      }
      if (url.endsWith('/resolve')) return fail(409, 'REPORT_STATE', '该反映已办结，不能办结');
      return fail(404, 'NOT_FOUND');
    });
    fireEvent.click(await screen.findByText('办结'));
    expect(document.querySelector('#case-confirm')).not.toBeNull();
    fireEvent.click(document.querySelector('#case-submit')!);
    expect(await screen.findByText('请填写办理结果')).toBeInTheDocument();
    expect(calls.some((c) => c.url.endsWith('/resolve'))).toBe(false);
    fireEvent.input(document.querySelector('#case-resolution')!, { target: { value: '已补录预约记录' } });
    fireEvent.click(document.querySelector('#case-submit')!);
    await waitFor(() => expect(document.querySelector('#case-refusal')?.textContent).toContain('已为您刷新案件'));
    const sent = calls.find((c) => c.url.endsWith('/resolve'));
    expect(sent?.data).toEqual({ resolution: '已补录预约记录' });
    await waitFor(() => expect(reads).toBe(2));
    expect(await screen.findByText('当前状态下您没有可办理的步骤。')).toBeInTheDocument();
  });
});

describe('整改回访', () => {
  it('keeps close disabled before a callback and says why; records the callback with its outcome', async () => {
    let item = rectification();
    const calls = answerRequests(({ url, data }) => {
      if (url === '/api/me') return ok(supervisorMe);
      if (url.startsWith('/api/rectifications?') || url === '/api/rectifications') return ok({ items: [item] });
      if (url.endsWith('/callback')) {
        item = rectification({ callback: { at: '2026-12-06T02:00:00.000Z', outcome: 'SATISFIED', outcomeWords: '满意', note: (data as { note?: string }).note ?? null, by: '孙**' } });
        return ok(item);
      }
      return fail(404, 'NOT_FOUND');
    });
    routeTo({ params: { tab: 'rectifications' } });
    signIn();
    setMe(supervisorMe);
    render(<DeskPage />);
    await screen.findByText('须先记录回访，才能结束整改');
    expect(document.querySelector('#desk-rect-0-close-open')?.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(document.querySelector('#desk-rect-0-close-open')!);
    expect(document.querySelector('#desk-rect-form')).toBeNull();

    fireEvent.click(document.querySelector('#desk-rect-0-callback-open')!);
    fireEvent.click(document.querySelector('#desk-rect-submit')!);
    expect(await screen.findByText('请选择回访结果')).toBeInTheDocument();
    fireEvent.click(document.querySelector('#desk-rect-outcome-SATISFIED')!);
    fireEvent.click(document.querySelector('#desk-rect-submit')!);
    await waitFor(() => expect(document.querySelector('#desk-rect-0-callback')?.textContent).toContain('满意'));
    expect(calls.find((c) => c.url.endsWith('/callback'))?.data).toEqual({ outcome: 'SATISFIED' });
    expect(document.querySelector('#desk-rect-0-close-why')).toBeNull();
  });
});

describe('统计 and 我的窗口评价', () => {
  it('shows the figures as numbers beside the bars', async () => {
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok(supervisorMe);
      if (url === '/api/staff/figures')
        return ok({ items: [{ office: { id: OFFICE, name: '青石县政务服务中心' }, byState: { RECEIVED: 1, TRIAGED: 1, ASSIGNED: 1, RESOLVED: 1, CLOSED: 1 }, onTime: { resolved: 2, onTime: 1, rate: 0.5 }, callback: { bad: 1, calledBack: 0, rate: 0 }, ratings: { '5': 1, '4': 1, '3': 1, '2': 1 } }] });
      return fail(404, 'NOT_FOUND');
    });
    routeTo({ params: { tab: 'figures' } });
    signIn();
    setMe(supervisorMe);
    render(<DeskPage />);
    await screen.findByText('按期办结率：50%');
    expect(document.querySelector('#desk-figures-0-callback')?.textContent).toContain('目标 100%，未达标');
    expect(document.querySelector('#desk-figures-0-states')?.textContent).toContain('已受理1件');
    expect(document.querySelector('#desk-figures-0-ratings')?.textContent).toContain('不满意1条（25%）');
  });

  it('shows a clerk the ratings about their window without who rated', async () => {
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok(clerkMe);
      if (url.startsWith('/api/ratings/about-me')) return ok({ items: [{ level: 2, levelWords: '不满意', reasons: [{ code: 'WAIT_LONG', label: '等候时间长' }], comment: '等了很久。', serviceName: '社保卡申领', day: '2026-12-05', defaulted: false }] });
      return fail(404, 'NOT_FOUND');
    });
    routeTo({ params: { tab: 'ratings' } });
    signIn();
    setMe(clerkMe);
    render(<DeskPage />);
    const row = await screen.findByText(/等了很久/);
    expect(row.closest('#desk-rating-0')?.textContent).toContain('等候时间长');
    expect(document.querySelector('#desk-ratings')?.textContent).toContain('不显示评价人');
  });
});
