// 窗口工作台 and 大厅叫号屏 against a scripted BFF: who may open the panel, calling and the other
// steps (enabled only when legal), errors in words, walk-ins, 转办 in the page; the public board
// with live updates and the voice call-out. Live updates are a stand-in that the test drives.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import type { CounterDetail, QueueBoard } from '@palm/shared/server';
import BoardPage from '../../src/pages/board/index';
import CounterPage from '../../src/pages/counter/index';
import { setMe } from '../../src/api/session';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, me, ok, resetAll, signIn, taro, type Reply } from '../helpers';

type LiveHandlers = { onBoard?(b: QueueBoard): void; onStatus?(s: 'live' | 'polling'): void };
const live: { targets: unknown[]; handlers: LiveHandlers[] } = { targets: [], handlers: [] };
jest.mock('../../src/lib/live', () => ({
  subscribeLive: (target: unknown, handlers: LiveHandlers) => {
    live.targets.push(target);
    live.handlers.push(handlers);
    return () => undefined;
  },
}));

const OFFICE = '5eed0001-0000-4000-8000-000000000001';
const C1 = '5eed0002-0000-4000-8000-000000010001';
const C2 = '5eed0002-0000-4000-8000-000000010002';
const SERVICE = '5eed0003-0000-4000-8000-000000000001';
const clerkMe = { ...me, name: '赵雪梅', roles: ['CITIZEN' as const, 'CLERK' as const], officeId: OFFICE };
const supervisorMe = { ...me, roles: ['CITIZEN' as const, 'SUPERVISOR' as const], officeId: null };
const office = { id: OFFICE, name: '青石县政务服务中心' };
const service = { id: SERVICE, name: '社会保障卡申领', letter: 'B' };

const ticket = (status: 'CALLED' | 'SERVING', displayNumber = 'B001') => ({
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  displayNumber,
  status,
  priority: 'ELDERLY' as const,
  channel: 'ONLINE' as const,
  service: { id: SERVICE, name: '社会保障卡申领' },
  holder: '张**',
  recallCount: 0,
  calledAt: '2026-11-23T01:40:00.000Z',
  startedAt: null,
});

function detail(patch: Partial<CounterDetail> = {}): CounterDetail {
  return {
    id: C1,
    number: 1,
    name: '无差别综合受理',
    state: 'OPEN',
    office,
    categories: [{ letter: 'B', label: '社保医保' }],
    current: null,
    canOperate: true,
    services: [service],
    queue: [
      {
        letter: 'B',
        label: '社保医保',
        count: 2,
        next: [
          { id: 'bbbbbbbb-0000-4000-8000-000000000001', displayNumber: 'B002', priority: 'ELDERLY', channel: 'ONLINE', service: { id: SERVICE, name: '社会保障卡申领' }, waitedMinutes: 12, holder: '张**' },
          { id: 'bbbbbbbb-0000-4000-8000-000000000002', displayNumber: 'B003', priority: 'NORMAL', channel: 'WINDOW', service: { id: SERVICE, name: '社会保障卡申领' }, waitedMinutes: 3, holder: null },
        ],
      },
    ],
    transferTargets: { counters: [{ id: C2, number: 2, name: '无差别综合受理', state: 'OPEN' }], services: [service] },
    ...patch,
  };
}

const summary = (d: CounterDetail) => ({ id: d.id, number: d.number, name: d.name, state: d.state, office, categories: d.categories, current: d.current });

/** A clerk's BFF: GET /api/counters/:id answers `panel()` (changed by the test), plus `extra` for POSTs. */
function clerkBff(panel: () => CounterDetail, extra: (url: string, data: unknown) => Reply | undefined = () => undefined, who: object = clerkMe) {
  return answerRequests(({ url, data }) => {
    if (url === '/api/me') return ok(who);
    const answer = extra(url, data);
    if (answer) return answer;
    if (url.startsWith('/api/counters?') || url === '/api/counters') return ok({ items: [summary(panel())] });
    if (url === `/api/counters/${C1}`) return ok(panel());
    return fail(404, 'NOT_FOUND');
  });
}

function signInAs(who: object) {
  signIn();
  setMe(who as typeof me);
}

beforeEach(() => {
  resetAll();
  live.targets = [];
  live.handlers = [];
});

describe('窗口工作台', () => {
  it('asks a signed-out person to sign in', async () => {
    const calls = clerkBff(() => detail());
    render(<CounterPage />);
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(calls).toHaveLength(0);
  });

  it('tells a citizen in words that they have no access, and loads no window', async () => {
    const calls = clerkBff(() => detail(), undefined, me);
    signInAs(me);
    render(<CounterPage />);
    expect(await screen.findByText('无权限')).toBeInTheDocument();
    expect(screen.getByText(/仅供窗口工作人员和主管使用/)).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/counters'))).toBe(false);
  });

  it('lets a clerk pick one of several windows, and remembers it', async () => {
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok(clerkMe);
      if (url === `/api/counters?officeId=${OFFICE}`) return ok({ items: [summary(detail()), { ...summary(detail()), id: C2, number: 2 }] });
      if (url === `/api/counters/${C1}`) return ok(detail());
      return fail(404, 'NOT_FOUND');
    });
    signInAs(clerkMe);
    render(<CounterPage />);
    fireEvent.click(await screen.findByText('1号窗口 无差别综合受理'));
    expect(await screen.findByText('青石县政务服务中心 · 1号窗口 无差别综合受理')).toBeInTheDocument();
    expect(taro.setStorageSync).toHaveBeenCalledWith('palm.counterId', C1);
    expect(live.targets).toEqual([{ officeId: OFFICE }]);
  });

  it('calls the next number and shows it large, with the service and priority in words', async () => {
    let panel = detail();
    const calls = clerkBff(
      () => panel,
      (url) => {
        if (url !== `/api/counters/${C1}/call-next`) return undefined;
        panel = detail({ current: ticket('CALLED', 'B002') });
        return ok({ called: { displayNumber: 'B002' } });
      },
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    expect(await screen.findByText('暂无正在办理的号码，点“叫下一位”开始。')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '叫下一位' }));
    await waitFor(() => expect(document.getElementById('counter-now-number')).toHaveTextContent('B002'));
    expect(document.getElementById('counter-now-priority')).toHaveTextContent('老年人优先');
    expect(document.getElementById('counter-now-service')).toHaveTextContent('社会保障卡申领');
    expect(screen.getByRole('status')).toHaveTextContent('已叫号：请 B002 号到1号窗口');
    expect(calls.find((c) => c.url.endsWith('/call-next'))?.method).toBe('POST');
  });

  it('enables only the steps that are legal now', async () => {
    let panel = detail({ current: ticket('CALLED') });
    clerkBff(() => panel);
    signInAs(clerkMe);
    const view = render(<CounterPage />);
    const button = (name: string) => screen.getByRole('button', { name });
    await screen.findByText('B001');
    expect(button('叫下一位')).toBeDisabled();
    expect(screen.getByText('请先办结、过号或转办 B001，再叫下一位。')).toBeInTheDocument();
    ['重呼', '过号', '开始办理', '转办'].forEach((name) => expect(button(name)).toBeEnabled());
    expect(button('办结')).toBeDisabled();
    expect(button('开窗')).toBeDisabled();

    panel = detail({ current: ticket('SERVING') });
    act(() => live.handlers[0]!.onBoard?.({} as QueueBoard));
    await waitFor(() => expect(button('办结')).toBeEnabled());
    ['重呼', '过号', '开始办理'].forEach((name) => expect(button(name)).toBeDisabled());
    expect(button('转办')).toBeEnabled();

    panel = detail({ state: 'PAUSED' });
    act(() => live.handlers[0]!.onBoard?.({} as QueueBoard));
    await waitFor(() => expect(screen.getByText('窗口未开放：点“开窗”后才能叫号。')).toBeInTheDocument());
    ['叫下一位', '重呼', '过号', '开始办理', '办结', '转办', '暂停'].forEach((name) => expect(button(name)).toBeDisabled());
    expect(button('开窗')).toBeEnabled();
    view.unmount();
  });

  it('says a 409 in words in the page, without a pop-up', async () => {
    clerkBff(detail, (url) => (url.endsWith('/call-next') ? fail(409, 'COUNTER_BUSY', '请先办结或过号 B001，再叫下一位') : undefined));
    signInAs(clerkMe);
    render(<CounterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '叫下一位' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请先办结或过号当前号码，再叫下一位');
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('takes a number at the window for someone without a phone and shows it large', async () => {
    const calls = clerkBff(detail, (url) => (url.endsWith('/walk-in') ? ok({ id: 'cccccccc-0000-4000-8000-000000000001', displayNumber: 'B004', service: { id: SERVICE, name: '社会保障卡申领' } }) : undefined));
    signInAs(clerkMe);
    render(<CounterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '为现场群众取号' }));
    expect(screen.getByRole('button', { name: '取号' })).toBeDisabled();
    fireEvent.click(screen.getByText('B · 社会保障卡申领'));
    fireEvent.click(screen.getByRole('button', { name: '取号' }));
    await waitFor(() => expect(document.getElementById('counter-walkin-number')).toHaveTextContent('B004'));
    expect(calls.find((c) => c.url.endsWith('/walk-in'))?.data).toEqual({ serviceId: SERVICE });
    expect(calls.find((c) => c.url.endsWith('/walk-in'))?.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
  });

  it('transfers the current number to another window from a picker in the page', async () => {
    let panel = detail({ current: ticket('SERVING') });
    const calls = clerkBff(
      () => panel,
      (url) => {
        if (!url.endsWith('/transfer')) return undefined;
        panel = detail();
        return ok({ displayNumber: 'B005', service: { id: SERVICE, name: '社会保障卡申领' } });
      },
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '转办' }));
    const picker = screen.getByRole('group', { name: '转办 B001' });
    expect(within(picker).getByRole('button', { name: '确认转办' })).toBeDisabled();
    fireEvent.click(within(picker).getByText('2号窗口 无差别综合受理'));
    expect(within(picker).getByText('将转到2号窗口。')).toBeInTheDocument();
    fireEvent.click(within(picker).getByRole('button', { name: '确认转办' }));
    expect(await screen.findByText(/B001 已转办，新号码 B005/)).toBeInTheDocument();
    expect(calls.find((c) => c.url.endsWith('/transfer'))).toMatchObject({ url: '/api/tickets/aaaaaaaa-0000-4000-8000-000000000001/transfer', data: { counterId: C2 } });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('group', { name: '转办 B001' })).toBeNull();
  });

  it('lets a supervisor watch a hall’s window without working it', async () => {
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok(supervisorMe);
      if (url.startsWith('/api/offices')) return ok({ items: [{ id: OFFICE, name: '青石县政务服务中心', address: '民生大道168号' }] });
      if (url === `/api/counters?officeId=${OFFICE}`) return ok({ items: [summary(detail())] });
      if (url === `/api/counters/${C1}`) return ok(detail({ canOperate: false, current: ticket('CALLED') }));
      return fail(404, 'NOT_FOUND');
    });
    signInAs(supervisorMe);
    render(<CounterPage />);
    fireEvent.click(await screen.findByText('青石县政务服务中心'));
    expect(await screen.findByText('您可以查看本窗口，叫号等操作由窗口工作人员进行。')).toBeInTheDocument();
    ['叫下一位', '重呼', '过号', '开始办理', '转办', '开窗', '暂停', '关窗', '为现场群众取号'].forEach((name) => expect(screen.getByRole('button', { name })).toBeDisabled());
    expect(screen.getByText('B002')).toBeInTheDocument();
  });

  it('shows the queue per letter with priority in words, in 长辈版 too', async () => {
    clerkBff(detail);
    signInAs(clerkMe);
    updateElderState({ elderMode: true });
    const { container } = render(<CounterPage />);
    const queue = await screen.findByText('等候队列（共 2 人）');
    expect(queue).toBeInTheDocument();
    expect(document.getElementById('counter-queue-B-count')).toHaveTextContent('2 人');
    expect(screen.getByText('★ 老年人优先')).toBeInTheDocument();
    expect(container.querySelector('.palm-page.elder')).not.toBeNull();
  });

  it('says 预约优先 on a checked-in appointment’s number in the queue, and on it once called', async () => {
    const queue = detail().queue.map((g) => ({ ...g, next: [{ ...g.next[0]!, displayNumber: 'B004', priority: 'APPOINTMENT' as const, channel: 'APPOINTMENT' as const }, ...g.next.slice(1)] }));
    clerkBff(() => detail({ queue, current: { ...ticket('CALLED', 'B009'), priority: 'APPOINTMENT', channel: 'APPOINTMENT' } }));
    signInAs(clerkMe);
    render(<CounterPage />);
    const row = (await screen.findByText('B004')).parentElement!;
    expect(row).toHaveTextContent('★ 预约优先');
    expect(row).toHaveTextContent('预约签到');
    expect(document.getElementById('counter-now-priority')).toHaveTextContent('★ 预约优先');
  });
});

const board = (calling: string | null, waiting = 4, recalls = 0): QueueBoard => ({
  office,
  businessDate: '2026-11-23',
  counters: [
    { number: 1, name: '无差别综合受理', state: 'OPEN', calling: 'A001', recalls: 0 },
    { number: 3, name: '社保', state: 'OPEN', calling, recalls },
    { number: 9, name: '公积金', state: 'CLOSED', calling: null, recalls: 0 },
  ],
  waiting: [
    { letter: 'A', label: '综合受理', count: 1 },
    { letter: 'B', label: '社保医保', count: waiting },
  ],
});

describe('大厅叫号屏', () => {
  const speech = { speak: jest.fn(), cancel: jest.fn() };
  beforeAll(() => {
    Object.assign(window, {
      speechSynthesis: speech,
      SpeechSynthesisUtterance: class {
        lang = '';
        rate = 1;
        constructor(readonly text: string) {}
      },
    });
  });
  beforeEach(() => {
    speech.speak.mockReset();
    (useRouter as jest.Mock).mockReturnValue({ params: { officeId: OFFICE } });
  });

  it('shows each window’s number and the waiting per letter with no sign-in', async () => {
    const calls = answerRequests(({ url }) => (url === `/api/offices/${OFFICE}/queue` ? ok(board('B012')) : fail(401, 'UNAUTHENTICATED')));
    render(<BoardPage />);
    await waitFor(() => expect(document.getElementById('board-call-3')).toHaveTextContent('B012→3号窗口'));
    expect(document.getElementById('board-waiting-B')).toHaveTextContent('B社保医保4 人');
    expect(document.getElementById('board-call-9')).toBeNull();
    expect(document.getElementById('board-clock')?.textContent).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(calls.map((c) => c.url)).toEqual([`/api/offices/${OFFICE}/queue`]);
    expect(calls[0]!.header.Authorization).toBeUndefined();
    expect(taro.navigateTo).not.toHaveBeenCalled();
    expect(live.targets).toEqual([{ officeId: OFFICE }]);
  });

  it('updates on a live board message, marks the new call and says it aloud once voice is on', async () => {
    answerRequests(() => ok(board('B012')));
    render(<BoardPage />);
    await screen.findByText('B012');
    fireEvent.click(screen.getByRole('button', { name: '开启语音播报' }));
    expect(speech.speak).toHaveBeenCalledTimes(1);
    act(() => live.handlers[0]!.onBoard?.(board('B013', 3)));
    expect(document.getElementById('board-call-3')).toHaveTextContent('▶ B013');
    expect(document.getElementById('board-call-3')).toHaveTextContent('正在呼叫');
    expect(document.getElementById('board-call-1')).not.toHaveTextContent('正在呼叫');
    expect(document.getElementById('board-waiting-B')).toHaveTextContent('3 人');
    expect(screen.getByRole('status')).toHaveTextContent('请 B013 号到 3 号窗口');
    expect(speech.speak).toHaveBeenCalledTimes(2);
    const said = speech.speak.mock.calls[1]![0] as { text: string; lang: string };
    expect(said).toMatchObject({ text: '请 B013 号到 3 号窗口', lang: 'zh-CN' });
    // The same state again says nothing more.
    act(() => live.handlers[0]!.onBoard?.(board('B013', 3)));
    expect(speech.speak).toHaveBeenCalledTimes(2);
    // A 重呼 of the same number is said again.
    act(() => live.handlers[0]!.onBoard?.(board('B013', 3, 1)));
    expect(speech.speak).toHaveBeenCalledTimes(3);
    expect((speech.speak.mock.calls[2]![0] as { text: string }).text).toBe('请 B013 号到 3 号窗口');
  });

  it('stays silent until voice is switched on, and keeps working when speech fails', async () => {
    answerRequests(() => ok(board('B012')));
    render(<BoardPage />);
    await screen.findByText('B012');
    act(() => live.handlers[0]!.onBoard?.(board('B013')));
    expect(speech.speak).not.toHaveBeenCalled();
    speech.speak.mockImplementation(() => {
      throw new Error('not allowed');
    });
    fireEvent.click(screen.getByRole('button', { name: '开启语音播报' }));
    act(() => live.handlers[0]!.onBoard?.(board('B014')));
    expect(document.getElementById('board-call-3')).toHaveTextContent('▶ B014');
    expect(screen.getByRole('button', { name: '关闭语音播报' })).toBeInTheDocument();
  });
});
