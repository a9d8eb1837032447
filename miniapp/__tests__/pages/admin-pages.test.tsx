// 管理后台 against a scripted BFF: admins and hall managers only (anyone else sees 无权限 with a way
// back, and nothing is read; 节假日安排 and 事项指南 admins only — the guide's own suite is admin-guide-page); a hall's weekly hours are checked as typed; a closure is checked as
// typed, says what it will do before saving, and sends what was typed; the BFF's refusal is shown
// in its words; the holiday calendar's parser and the import page check a pasted year as typed,
// show the warning, and import after a confirmation.
import { useRouter } from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AdminCalendar, AdminCounter, AdminOffice, Me } from '@palm/shared/server';
import { setMe } from '../../src/api/session';
import CalendarPage from '../../src/pages/admin/calendar/index';
import ConsolePage from '../../src/pages/admin/home/index';
import { calendarLines, counterProblems, coverageWords, exceptionProblems, lettersOf, parseCalendarText, parseDayHours, stretches } from '../../src/pages/admin/model';
import OfficePage from '../../src/pages/admin/office/index';
import ServicePage from '../../src/pages/admin/service/index';
import ServicesPage from '../../src/pages/admin/services/index';
import WindowsPage from '../../src/pages/admin/windows/index';
import MePage from '../../src/pages/me/index';
import { answerRequests, fail, me, ok, resetAll, signIn, taro } from '../helpers';
import { adminOffice, managerMe, OFFICE } from './admin-fixtures';

const adminMe: Me = { ...me, name: '管理员', roles: ['CITIZEN' as const, 'ADMIN' as const], officeId: null };
const clerkMe: Me = { ...me, name: '赵雪梅', roles: ['CITIZEN' as const, 'CLERK' as const], officeId: OFFICE };

const day = (offset: number): string => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const workday: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '17:30'],
];
const office = (patch: Partial<AdminOffice> = {}): AdminOffice =>
  adminOffice({ weeklyHours: { '1': workday, '2': workday, '3': workday, '4': workday, '5': workday, '6': [], '7': [] }, ...patch });

const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector)!, { target: { value } });
const textOf = (selector: string) => document.querySelector(selector)?.textContent ?? '';

beforeEach(() => {
  resetAll();
  routeTo({});
});

describe('管理后台: who may open it', () => {
  it.each([
    ['a citizen', me],
    ['a clerk', clerkMe],
  ])('tells %s 无权限 with a way back, and reads nothing of the console', async (_who, person) => {
    const calls = answerRequests(({ url }) => (url === '/api/me' ? ok(person) : fail(500, 'INTERNAL')));
    signIn();
    setMe(person);
    routeTo({ id: OFFICE });
    render(<OfficePage />);
    expect(await screen.findByText('无权限')).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/admin'))).toBe(false);
    fireEvent.click(document.querySelector('#admin-back')!);
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('asks a signed-out person to sign in', () => {
    render(<ConsolePage />);
    expect(document.querySelector('#admin-signed-out')?.textContent).toContain('请用工作账号登录');
  });

  it.each([
    ['节假日安排', CalendarPage],
    ['事项指南', ServicesPage],
    ['编辑办事指南', ServicePage],
  ])('%s is for admins only: a hall manager is told 无权限, and nothing is read', async (_page, Page) => {
    const calls = answerRequests(({ url }) => (url === '/api/me' ? ok(managerMe) : fail(500, 'INTERNAL')));
    signIn();
    setMe(managerMe);
    routeTo({ id: '5eed0003-0000-4000-8000-000000000017' });
    render(<Page />);
    expect(await screen.findByText('无权限')).toBeInTheDocument();
    expect(calls.some((c) => c.url !== '/api/me')).toBe(false);
  });

  it.each([
    ['管理后台 on 我的 to admins and hall managers, not to clerks', MePage, managerMe, clerkMe, '管理后台', '/pages/admin/home/index', '反映工作台'],
    ['事项指南 on 管理后台 to admins, not to hall managers', ConsolePage, adminMe, managerMe, '修改办事指南', '/pages/admin/services/index', '窗口管理'],
  ])('offers %s', async (_what, Page, allowed, refused, entry, url, refusedSees) => {
    let person = allowed;
    answerRequests(({ url: asked }) => (asked === '/api/me' ? ok(person) : ok({ items: [] })));
    signIn();
    setMe(person);
    const { unmount } = render(<Page />);
    fireEvent.click(await screen.findByText(entry));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url });
    unmount();
    person = refused;
    setMe(person);
    render(<Page />);
    expect(await screen.findByText(refusedSees)).toBeInTheDocument();
    expect(screen.queryByText(entry)).toBeNull();
  });

  it('takes a hall manager to their own hall', async () => {
    answerRequests(({ url }) => (url === '/api/me' ? ok(managerMe) : fail(500, 'INTERNAL')));
    signIn();
    setMe(managerMe);
    render(<ConsolePage />);
    fireEvent.click(await screen.findByText('办公时间和闭厅安排'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/admin/office/index?id=${OFFICE}` });
  });
});

describe('weekly hours', () => {
  it('reads ranges, and says what is wrong in words', () => {
    expect(parseDayHours('09:00-12:00，13:30-17:30')).toEqual({ hours: workday, problem: null });
    expect(parseDayHours('')).toEqual({ hours: [], problem: null });
    expect(parseDayHours('9:00-12:00').problem).toContain('不是正确的时间');
    expect(parseDayHours('12:00-09:00').problem).toBe('09:00 须晚于 12:00');
    expect(parseDayHours('09:00-12:00, 11:00-17:00').problem).toContain('重叠');
    expect(parseDayHours('09:00').problem).toContain('开始-结束');
  });

  it('checks as typed, and saves the week', async () => {
    const calls = answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}` && method === 'PATCH') return ok(office({ weeklyHours: { ...office().weeklyHours, '6': [['09:00', '12:00']] } }));
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office());
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(managerMe);
    render(<OfficePage />);
    await screen.findByText('青石县政务服务中心');
    expect((document.querySelector('#admin-hours-1') as HTMLInputElement).value).toBe('09:00-12:00，13:30-17:30');
    type('#admin-hours-6', '12:00-09:00');
    expect(textOf('#admin-hours-6-problem')).toContain('09:00 须晚于 12:00');
    expect(textOf('#admin-hours-save')).toContain('请先改正');
    type('#admin-hours-6', '09:00-12:00');
    expect(document.querySelector('#admin-hours-6-problem')).toBeNull();
    fireEvent.click(document.querySelector('#admin-hours-save')!);
    await waitFor(() => expect(textOf('#admin-hours-done')).toContain('每周办公时间已保存'));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.data).toEqual({ weeklyHours: { ...office().weeklyHours, '6': [['09:00', '12:00']] } });
  });
});

describe('a closure day', () => {
  const draft = { date: day(10), mode: 'closed' as const, opens: '', closes: '', reason: '停电检修' };

  it('is checked: a real date from today to a year ahead, hours in order, a reason', () => {
    expect(exceptionProblems(draft, day(0))).toEqual({});
    expect(exceptionProblems({ ...draft, date: '2026-02-30' }, day(0)).date).toContain('年-月-日');
    expect(exceptionProblems({ ...draft, date: day(-1) }, day(0)).date).toContain('到一年以内');
    expect(exceptionProblems({ ...draft, reason: '停' }, day(0)).reason).toContain('至少2个字');
    expect(exceptionProblems({ ...draft, mode: 'hours', opens: '14:00', closes: '10:00' }, day(0)).hours).toBe('10:00 须晚于 14:00');
  });

  it('says what saving will do, sends what was typed, and says how many bookings it cancelled', async () => {
    const date = day(10);
    const calls = answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url.endsWith('/exceptions/preview')) return ok({ date, appointmentsAffected: 3 });
      if (url.endsWith('/exceptions') && method === 'POST') return { status: 201, body: { exception: { id: 'e0000000-0000-4000-8000-000000000001', date, closed: true, hours: null, reason: '停电检修' }, appointmentsCancelled: 3 } };
      if (url === `/api/admin/offices/${OFFICE}`) {
        const added = calls.some((c) => c.method === 'POST' && c.url.endsWith('/exceptions'));
        return ok(office(added ? { exceptions: [{ id: 'e0000000-0000-4000-8000-000000000001', date, closed: true, hours: null, reason: '停电检修' }] } : {}));
      }
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(managerMe);
    render(<OfficePage />);
    await screen.findByText('今天以后没有特别安排。');
    type('#admin-exception-date', '2026-13-01');
    expect(textOf('#admin-exception-date-problem')).toContain('年-月-日');
    type('#admin-exception-date', date);
    expect(document.querySelector('#admin-exception-date-problem')).toBeNull();
    // 检查 with no reason yet: the problem shows and nothing is confirmed or sent.
    fireEvent.click(document.querySelector('#admin-exception-check')!);
    expect(textOf('#admin-exception-reason-problem')).toContain('请写明原因');
    expect(document.querySelector('#admin-exception-confirm')).toBeNull();
    type('#admin-exception-reason', '停电检修');
    fireEvent.click(document.querySelector('#admin-exception-check')!);
    // The count comes from the BFF's preview of that very body, before anything is saved.
    await waitFor(() => expect(document.querySelector('#admin-exception-consequence')).not.toBeNull());
    expect(calls.find((c) => c.url.endsWith('/exceptions/preview'))?.data).toEqual({ date, reason: '停电检修', closed: true });
    const consequence = textOf('#admin-exception-consequence');
    expect(consequence).toContain(`${date} 全天闭厅：市民在大厅页面看到“暂停服务”`);
    expect(consequence).toContain('“停电检修”');
    expect(consequence).toContain('该日已有 3 个预约将被取消，并逐一通知预约人');
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/exceptions'))).toBe(false);
    fireEvent.click(document.querySelector('#admin-exception-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-exception-done')).toContain('取消了该日 3 个预约，并已通知预约人'));
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/exceptions'))?.data).toEqual({ date, reason: '停电检修', closed: true });
    await waitFor(() => expect(document.querySelector(`[data-exception-date="${date}"]`)?.textContent).toContain('原因：停电检修'));
  });

  it('shows the BFF’s refusal in its words', async () => {
    answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url.endsWith('/exceptions/preview')) return ok({ date: day(3), appointmentsAffected: 0 });
      if (method === 'POST') return fail(409, 'CONFLICT', '这一天已有特别安排，请先删除原安排再添加');
      return ok(office());
    });
    signIn();
    setMe(managerMe);
    render(<OfficePage />);
    await screen.findByText('今天以后没有特别安排。');
    type('#admin-exception-date', day(3));
    fireEvent.click(document.querySelector('#admin-exception-mode-1')!);
    type('#admin-exception-opens', '09:00');
    type('#admin-exception-closes', '12:00');
    type('#admin-exception-reason', '调休延时服务');
    fireEvent.click(document.querySelector('#admin-exception-check')!);
    await waitFor(() => expect(textOf('#admin-exception-consequence')).toContain('只在 09:00-12:00 办公'));
    expect(textOf('#admin-exception-consequence')).toContain('无预约受影响');
    fireEvent.click(document.querySelector('#admin-exception-confirm-yes')!);
    expect(await screen.findByText('这一天已有特别安排，请先删除原安排再添加')).toBeInTheDocument();
  });

  it('is deleted after a confirmation', async () => {
    const exception = { id: 'e0000000-0000-4000-8000-000000000002', date: day(5), closed: true, hours: null, reason: '培训' };
    const calls = answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(managerMe);
      if (method === 'DELETE') return ok(exception);
      return ok(office({ exceptions: calls.some((c) => c.method === 'DELETE') ? [] : [exception] }));
    });
    signIn();
    setMe(managerMe);
    render(<OfficePage />);
    fireEvent.click(await screen.findByText('删除'));
    expect(textOf('#admin-exception-delete-consequence')).toContain('恢复平常的办公时间');
    fireEvent.click(document.querySelector('#admin-exception-delete-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-exceptions-done')).toContain(`已删除 ${exception.date}`));
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(`/api/admin/offices/${OFFICE}/exceptions/${exception.id}`);
  });
});

describe('the holiday calendar', () => {
  const LINES = ['2027-01-01 HOLIDAY 元旦', '2027-02-06 休 春节', '2027-02-07 休 春节', '2027-02-14 班 春节'].join('\n');

  it('reads lines and JSON alike', () => {
    const fromLines = parseCalendarText(LINES);
    expect(fromLines.problems).toEqual([]);
    expect(fromLines.year).toBe(2027);
    expect(fromLines.days).toEqual([
      { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-02-06', kind: 'HOLIDAY', name: '春节' },
      { date: '2027-02-07', kind: 'HOLIDAY', name: '春节' },
      { date: '2027-02-14', kind: 'WORKDAY', name: '春节' },
    ]);
    expect(parseCalendarText(JSON.stringify({ year: 2027, days: fromLines.days }))).toEqual(fromLines);
    expect(stretches(fromLines.days).map((s) => [s.name, s.kind, s.from, s.to, s.count])).toEqual([
      ['元旦', 'HOLIDAY', '2027-01-01', '2027-01-01', 1],
      ['春节', 'HOLIDAY', '2027-02-06', '2027-02-07', 2],
      ['春节', 'WORKDAY', '2027-02-14', '2027-02-14', 1],
    ]);
  });

  it('names each problem with its line', () => {
    const messages = (text: string) => parseCalendarText(text).problems.map((p) => p.message);
    expect(messages('2027-01-01 HOLIDAY 元旦\n2027-02-30 休 春节')).toEqual(['第2行：“2027-02-30”不是日期，应写成 2027-01-01']);
    expect(messages('2027-01-01 HOLIDAY 元旦\n2028-01-02 休 元旦')).toEqual(['第2行：2028-01-02 不在 2027 年内']);
    expect(messages('2027-01-01 HOLIDAY 元旦\n2027-01-01 HOLIDAY 元旦')).toEqual(['第2行：2027-01-01 重复出现']);
    expect(messages('2027-01-01 HOLIDAY 元旦\n2027-02-10 班 春节')).toEqual(['第2行：2027-02-10 本来就是工作日，不能作为调休上班日']);
    expect(messages('2027-01-01 X 元旦')[0]).toContain('类别须为 HOLIDAY（休）或 WORKDAY（班）');
    expect(messages('2027-01-01 HOLIDAY')).toEqual(['第1行：2027-01-01 缺少名称（例如 元旦、春节）']);
    expect(messages('2027-02-06 休 春节')).toEqual(['缺少 2027-01-01 元旦：没有它，这一年不算已导入']);
    expect(messages('{"year": 2027, "days": [')).toEqual(['JSON 格式有误（括号、引号或逗号不完整）']);
    expect(messages('{"year": 2027, "days": [{"date": "2027-1-1", "kind": "HOLIDAY", "name": "元旦"}]}')[0]).toBe('第1天：“2027-1-1”不是日期，应写成 2027-01-01');
  });

  const uncovered: AdminCalendar = {
    year: 2027,
    covered: false,
    days: [],
    coverage: { coveredYears: [2025, 2026], horizon: { from: '2026-12-07', to: '2027-02-05' }, uncoveredFrom: '2027-01-01', warning: '2027年的节假日安排尚未导入：2027-01-01 起按固定节日放假' },
  };

  it('shows the warning, checks the paste as typed, previews, confirms and imports', async () => {
    const calls = answerRequests(({ url, method }) => {
      if (url === '/api/me') return ok(adminMe);
      if (url === '/api/admin/calendar/import' && method === 'POST') {
        const body = parseCalendarText(LINES);
        return ok({ ...uncovered, covered: true, days: body.days, coverage: { ...uncovered.coverage, coveredYears: [2025, 2026, 2027], uncoveredFrom: null, warning: null }, created: 4, updated: 0, deleted: 0 });
      }
      if (url.startsWith('/api/admin/calendar')) {
        const imported = calls.some((c) => c.method === 'POST');
        return ok(imported ? { ...uncovered, covered: true, days: parseCalendarText(LINES).days, coverage: { ...uncovered.coverage, uncoveredFrom: null, warning: null } } : uncovered);
      }
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(adminMe);
    render(<CalendarPage />);
    expect(await screen.findByText(coverageWords(uncovered.coverage)!)).toBeInTheDocument();
    expect(textOf('#admin-calendar-warning')).toContain(`从 ${uncovered.coverage.uncoveredFrom} 起`);
    expect(textOf('#admin-calendar-warning')).not.toMatch(/[A-Za-z]{4,}/);
    expect(textOf('#admin-calendar-state')).toContain('尚未导入');
    type('#admin-calendar-text', '2027-02-06 休 春节');
    expect(textOf('#admin-calendar-counts')).toContain('1处问题');
    expect(textOf('#admin-calendar-problem-0')).toContain('缺少 2027-01-01 元旦');
    expect(document.querySelector('#admin-calendar-import-check')?.getAttribute('aria-disabled')).toBe('true');
    type('#admin-calendar-text', LINES);
    expect(textOf('#admin-calendar-counts')).toBe('2027年：放假3天，调休上班1天，没有发现问题');
    expect(textOf('#admin-calendar-preview')).toContain('春节：放假2027-02-06 至 2027-02-07（2天）');
    fireEvent.click(document.querySelector('#admin-calendar-import-check')!);
    expect(textOf('#admin-calendar-import-consequence')).toContain('2027年的安排换成这4天');
    fireEvent.click(document.querySelector('#admin-calendar-import-confirm-yes')!);
    await waitFor(() => expect(textOf('#admin-calendar-import-done')).toContain('提醒已消除'));
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ year: 2027, days: parseCalendarText(LINES).days });
    await waitFor(() => expect(document.querySelector('#admin-calendar-warning')).toBeNull());
    expect(document.querySelector('#admin-calendar-covered')).not.toBeNull();
  });
});

describe('windows', () => {
  const services = [
    { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: '社保卡申领', categoryLetter: 'A', dailyTicketCapacity: 100, waitingToday: 0 },
    { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: '身份证换领', categoryLetter: 'B', dailyTicketCapacity: 100, waitingToday: 0 },
    { id: 'aaaaaaaa-0000-4000-8000-000000000003', name: '养老保险', categoryLetter: 'A', dailyTicketCapacity: 100, waitingToday: 0 },
  ];
  const counter = (patch: Partial<AdminCounter> = {}): AdminCounter => ({ id: 'c0000000-0000-4000-8000-000000000001', number: 1, name: '综合受理', categories: ['A', 'B'], state: 'OPEN', clerkId: null, clerkName: '赵雪梅', retired: false, ...patch });

  it('names each letter by its services, and checks a window as typed', () => {
    expect(lettersOf(services)).toEqual([
      { letter: 'A', names: '社保卡申领、养老保险' },
      { letter: 'B', names: '身份证换领' },
    ]);
    expect(counterProblems({ name: ' ', letters: [] })).toEqual({ name: '请填写窗口名称，例如 综合受理', letters: '请至少选择一类业务' });
    expect(counterProblems({ name: '社保', letters: ['A'] })).toEqual({});
  });

  it('lists the windows, adds one with its letters, and retires one after saying what that does', async () => {
    let items = [counter(), counter({ id: 'c0000000-0000-4000-8000-000000000002', number: 2, name: '社保专窗', categories: ['A'], clerkName: null, state: 'CLOSED' })];
    const calls = answerRequests(({ url, method, data }) => {
      if (url === '/api/me') return ok(managerMe);
      if (url === `/api/admin/offices/${OFFICE}`) return ok(office({ services }));
      if (url === `/api/admin/offices/${OFFICE}/counters` && method === 'POST') {
        const made = counter({ id: 'c0000000-0000-4000-8000-000000000003', number: 3, name: (data as { name: string }).name, categories: (data as { categories: string[] }).categories, clerkName: null, state: 'CLOSED' });
        items = [...items, made];
        return { status: 201, body: made };
      }
      if (url === `/api/admin/offices/${OFFICE}/counters`) return ok({ items });
      if (url.startsWith('/api/admin/staff')) return ok({ items: [] });
      if (url.startsWith('/api/admin/counters/') && method === 'PATCH') return fail(409, 'COUNTER_BUSY', '窗口正在办理 A012，请办完后再停用');
      return fail(404, 'NOT_FOUND');
    });
    signIn();
    setMe(managerMe);
    routeTo({ id: OFFICE });
    render(<WindowsPage />);
    expect(await screen.findByText('1号窗口（综合受理）')).toBeInTheDocument();
    expect(textOf('#admin-window-0')).toContain('全科窗口（办理所有类别）');
    expect(textOf('#admin-window-1')).toContain('办理：A类');
    expect(textOf('#admin-window-1')).toContain('未分配工作人员');

    fireEvent.click(document.querySelector('#admin-add-window-save')!);
    expect(textOf('#admin-add-window-letters-problem')).toContain('请至少选择一类业务');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    type('#admin-add-window-name', '身份证专窗');
    fireEvent.click(document.querySelector('#admin-add-window-letter-B')!);
    expect(document.querySelector('#admin-add-window-letter-B')?.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(document.querySelector('#admin-add-window-save')!);
    await waitFor(() => expect(textOf('#admin-add-window-done')).toContain('已新增3号窗口“身份证专窗”'));
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({ name: '身份证专窗', categories: ['B'] });
    expect(await screen.findByText('3号窗口（身份证专窗）')).toBeInTheDocument();

    fireEvent.click(document.querySelector('#admin-window-0-retire')!);
    expect(textOf('#admin-window-0-retire-consequence')).toContain('以后不能再开启');
    fireEvent.click(document.querySelector('#admin-window-0-retire-confirm-yes')!);
    expect(await screen.findByText('窗口正在办理 A012，请办完后再停用')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.data).toEqual({ retired: true });
  });
});

describe('节假日安排: correcting a loaded year', () => {
  it('puts its days back as lines the import reads as they were', () => {
    const days = [
      { date: '2027-01-01', kind: 'HOLIDAY' as const, name: '元旦' },
      { date: '2027-02-14', kind: 'WORKDAY' as const, name: '春节' },
    ];
    const text = calendarLines(days);
    expect(text).toBe('2027-01-01 休 元旦\n2027-02-14 班 春节');
    expect(parseCalendarText(text)).toMatchObject({ year: 2027, days, problems: [] });
  });
});
