// 窗口工作台 and 大厅叫号屏 against a scripted BFF: who may open the panel, calling and the other
// steps (enabled only when legal), errors in words, walk-ins, 转办 in the page, 预约签到 by code and
// from 今日预约 with the hall's check-in code; the public board with live updates and the voice
// call-out. Live updates are a stand-in that the test drives.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import type { CounterDetail, QueueBoard } from '@palm/shared/server';
import BoardPage from '../../src/pages/board/index';
import { isWallScreen } from '../../src/pages/board/wall';
import CounterPage from '../../src/pages/counter/index';
import { windowToOpen } from '../../src/pages/counter/workbench';
import { setMe } from '../../src/api/session';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, me, ok, resetAll, signIn, taro, type Reply } from '../helpers';
import { appointment } from './appointment-fixtures';

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
    isMine: false,
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

const summary = (d: CounterDetail) => ({ id: d.id, number: d.number, name: d.name, state: d.state, office, categories: d.categories, current: d.current, isMine: d.isMine });

const TODAY = '2026-11-23';
const QR_IMAGE = 'data:image/png;base64,iVBORw0KGgo=';
const HALL_CODE = {
  officeId: OFFICE,
  officeName: office.name,
  date: TODAY,
  validUntil: '2026-11-23T16:00:00.000Z',
  expiresInSeconds: 52_200,
  code: 'K7M2QXPA',
  qr: `palm-checkin:${OFFICE}:${TODAY}:K7M2QXPA`,
  qrImage: QR_IMAGE,
};

/** GET /api/offices/:id/appointments and /check-in-code of the hall: today's `appointments` (none by default). */
function hallAnswers(url: string, appointments: () => unknown[] = () => []): Reply | undefined {
  if (url === `/api/offices/${OFFICE}/appointments`) return ok({ date: TODAY, items: appointments() });
  if (url === `/api/offices/${OFFICE}/check-in-code`) return ok(HALL_CODE);
  return undefined;
}

/** A clerk's BFF: GET /api/counters/:id answers `panel()` (changed by the test), plus `extra` for POSTs. */
function clerkBff(panel: () => CounterDetail, extra: (url: string, data: unknown) => Reply | undefined = () => undefined, who: object = clerkMe) {
  return answerRequests(({ url, data }) => {
    if (url === '/api/me') return ok(who);
    const answer = extra(url, data) ?? hallAnswers(url);
    if (answer) return answer;
    if (url.startsWith('/api/counters?') || url === '/api/counters') return ok({ items: [summary(panel())] });
    if (url === `/api/counters/${C1}`) return ok(panel());
    return fail(404, 'NOT_FOUND');
  });
}

/** The panel's heading (the hall, the window's number and name, each kept whole in its own piece). */
const expectTitle = (text: string) => waitFor(() => expect(document.getElementById('counter-title')).toHaveTextContent(text));

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
    await expectTitle('青石县政务服务中心 · 1号窗口 无差别综合受理');
    expect(taro.setStorageSync).toHaveBeenCalledWith('palm.counterId', C1);
    expect(live.targets).toEqual([{ officeId: OFFICE }]);
  });

  it('goes straight to the clerk’s own window among twelve, and 换窗口 lists them with 我的窗口 first', async () => {
    const C3 = '5eed0002-0000-4000-8000-000000010003';
    const windows = Array.from({ length: 12 }, (_, i) => ({ ...summary(detail()), id: i === 2 ? C3 : `5eed0002-0000-4000-8000-0000000100${String(i + 11)}`, number: i + 1, isMine: i === 2 }));
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok(clerkMe);
      if (url === `/api/counters?officeId=${OFFICE}`) return ok({ items: windows });
      if (url === `/api/counters/${C3}`) return ok(detail({ id: C3, number: 3, isMine: true }));
      if (url === `/api/counters/${windows[6]!.id}`) return ok(detail({ id: windows[6]!.id, number: 7 }));
      return hallAnswers(url) ?? fail(404, 'NOT_FOUND');
    });
    signInAs(clerkMe);
    render(<CounterPage />);
    await expectTitle('青石县政务服务中心 · 3号窗口 无差别综合受理');
    expect(screen.queryByText(/选择窗口/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '换窗口' }));
    const picker = await screen.findByText(/选择窗口/);
    const rows = within(picker.closest('#counter-picker') as HTMLElement).getAllByRole('button');
    expect(rows).toHaveLength(12);
    expect(rows[0]).toHaveTextContent('3号窗口');
    expect(rows[0]).toHaveTextContent('我的窗口 · 开放中');
    expect(rows.filter((row) => row.textContent?.includes('我的窗口'))).toHaveLength(1);

    // Another window, chosen by a tap, is opened and remembered; 换窗口 again brings the own one back first.
    fireEvent.click(screen.getByText('7号窗口 无差别综合受理'));
    await expectTitle('青石县政务服务中心 · 7号窗口 无差别综合受理');
    expect(taro.setStorageSync).toHaveBeenCalledWith('palm.counterId', windows[6]!.id);
    fireEvent.click(screen.getByRole('button', { name: '换窗口' }));
    fireEvent.click(await screen.findByText('3号窗口 无差别综合受理'));
    await expectTitle('青石县政务服务中心 · 3号窗口 无差别综合受理');
  });

  it('opens, without asking, a window chosen by link or tap, else the own one, else the one remembered here, else the only one', () => {
    const w = (id: string, isMine = false) => ({ ...summary(detail()), id, isMine });
    const hall = [w('a'), w('b', true), w('c', true), w('d')];
    expect(windowToOpen(hall, { id: 'd', isExplicit: true })).toBe('d');
    expect(windowToOpen(hall, { id: 'd', isExplicit: false })).toBe('b');
    expect(windowToOpen(hall, { id: 'c', isExplicit: false })).toBe('c');
    expect(windowToOpen(hall, null)).toBe('b');
    expect(windowToOpen(hall, { id: 'elsewhere', isExplicit: true })).toBe('b');
    const watched = [w('a'), w('d')];
    expect(windowToOpen(watched, { id: 'd', isExplicit: false })).toBe('d');
    expect(windowToOpen(watched, { id: 'elsewhere', isExplicit: false })).toBeNull();
    expect(windowToOpen([w('a')], null)).toBe('a');
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

  it('brings 当前号码 back into view after a step, and says the live state in words in 营业中 green', async () => {
    const pageScrollTo = jest.fn(() => Promise.resolve());
    Object.assign(taro, { pageScrollTo });
    let panel = detail();
    clerkBff(
      () => panel,
      (url) => {
        if (url !== `/api/counters/${C1}/call-next`) return undefined;
        panel = detail({ current: ticket('CALLED', 'B002') });
        return ok({ called: { displayNumber: 'B002' } });
      },
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText('暂无正在办理的号码，点“叫下一位”开始。');
    act(() => live.handlers.at(-1)?.onStatus?.('live'));
    const status = document.getElementById('counter-live-status')!;
    expect(status).toHaveTextContent('实时更新中');
    expect(status).toHaveClass('palm-status-tag--open');
    fireEvent.click(screen.getByRole('button', { name: '叫下一位' }));
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith({ selector: '#counter-now', duration: 300 }));
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
      if (url === '/api/offices') return ok({ items: [{ id: OFFICE, name: '青石县政务服务中心', address: '民生大道168号' }] });
      if (url === `/api/counters?officeId=${OFFICE}`) return ok({ items: [summary(detail())] });
      if (url === `/api/counters/${C1}`) return ok(detail({ canOperate: false, current: ticket('CALLED') }));
      return hallAnswers(url) ?? fail(404, 'NOT_FOUND');
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

/** A row of GET /api/offices/:id/appointments (names masked by the BFF), 20 minutes from `start`. */
function officeAppointment(code: string, status: string, start: string, patch: Record<string, unknown> = {}) {
  const end = new Date(Date.parse(`${TODAY}T${start}:00Z`) + 20 * 60_000).toISOString().slice(11, 16);
  return {
    // One id per code: its six characters in hex.
    id: `a9900002-0000-4000-8000-${[...code].map((ch) => ch.charCodeAt(0).toString(16)).join('')}`,
    code,
    status,
    name: '张**',
    service: { id: SERVICE, name: '社会保障卡申领' },
    start,
    end,
    startsAt: new Date(`${TODAY}T${start}:00+08:00`).toISOString(),
    checkedInAt: null,
    checkInMethod: null,
    ticket: null,
    licenceMaterials: [],
    ...patch,
  };
}

const CHECK_IN_URL = `/api/offices/${OFFICE}/appointments/check-in`;
const LIST_URL = `/api/offices/${OFFICE}/appointments`;
const checkedIn = (displayNumber = 'B007') =>
  appointment({ status: 'CHECKED_IN', service: { id: SERVICE, name: '社会保障卡申领' }, start: '09:40', end: '10:00', ticket: { id: 'cccccccc-0000-4000-8000-000000000007', displayNumber, status: 'WAITING' } });

/** A clerk's BFF with today's `rows` (changed by the test) and `checkIn` answering the check-in POST. */
function checkInBff(rows: () => unknown[], checkIn: (data: unknown) => Reply, who: object = clerkMe, panel = detail()) {
  return answerRequests(({ url, data }) => {
    if (url === '/api/me') return ok(who);
    if (url === CHECK_IN_URL) return checkIn(data);
    const hall = hallAnswers(url, rows);
    if (hall) return hall;
    if (url === '/api/offices') return ok({ items: [{ id: OFFICE, name: office.name, address: '民生大道168号' }] });
    if (url.startsWith('/api/counters?') || url === '/api/counters') return ok({ items: [summary(panel)] });
    if (url === `/api/counters/${C1}`) return ok(panel);
    return fail(404, 'NOT_FOUND');
  });
}

const typeCode = (value: string) => fireEvent.change(screen.getByLabelText('预约码'), { target: { value } });
const row = (code: string) => document.getElementById(`counter-appt-${code}`)!;
/** 签到 under the code field (each 待签到 row has its own). */
const submitCode = () => fireEvent.click(within(document.getElementById('counter-checkin')!).getByRole('button', { name: '签到' }));

describe('窗口工作台 · 预约签到', () => {
  it('shows, per appointment and on check-in, which materials an e-licence covers (masked) and how trusted: the person brings nothing for those', async () => {
    const covered = [
      {
        position: 1,
        name: '居民身份证',
        licence: { id: 'b1c00001-0000-4000-8000-000000000001', type: 'RESIDENT_ID', typeLabel: '居民身份证', numberMasked: '3601**********1234' },
        trustLevel: 'A',
        trustLabel: 'A级：当日经发证机关核验',
        words: '用电子证照（居民身份证 3601**********1234）',
        checkedAt: '2026-11-23T00:10:00.000Z',
      },
      {
        position: 3,
        name: '居民户口簿',
        licence: { id: 'b1c00001-0000-4000-8000-000000000002', type: 'HOUSEHOLD_REGISTER', typeLabel: '居民户口簿', numberMasked: 'HH36*******0123' },
        trustLevel: 'B',
        trustLabel: 'B级：发证机关数据，此前同步',
        words: '用电子证照（居民户口簿 HH36*******0123）',
        checkedAt: '2026-11-23T00:10:00.000Z',
      },
    ];
    checkInBff(
      () => [officeAppointment('K7M2QX', 'BOOKED', '09:40', { licenceMaterials: covered }), officeAppointment('A3B4C5', 'BOOKED', '10:00')],
      () => ok({ ...checkedIn(), licenceMaterials: covered }),
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText(/今日预约（/);
    const licences = document.getElementById('counter-appt-K7M2QX-licences')!;
    expect(licences).toHaveTextContent('免证办：2项材料不用带纸质件');
    expect(licences).toHaveTextContent('居民身份证：用电子证照（居民身份证 3601**********1234） · A级：当日经发证机关核验');
    expect(licences).toHaveTextContent('居民户口簿：用电子证照（居民户口簿 HH36*******0123） · B级：发证机关数据，此前同步');
    // An appointment without 免证办 says nothing of it.
    expect(document.getElementById('counter-appt-A3B4C5-licences')).toBeNull();
    expect(row('A3B4C5')).not.toHaveTextContent('免证办');

    typeCode('K7M2QX');
    submitCode();
    await waitFor(() => expect(document.getElementById('counter-checkin-number')).toHaveTextContent('B007'));
    expect(document.getElementById('counter-checkin-licences')).toHaveTextContent('居民身份证：用电子证照（居民身份证 3601**********1234） · A级：当日经发证机关核验');
  });

  it('checks in by the code read out, in any case, and shows the number large with 预约优先', async () => {
    let rows = [officeAppointment('K7M2QX', 'BOOKED', '09:40')];
    const calls = checkInBff(
      () => rows,
      () => {
        rows = [officeAppointment('K7M2QX', 'CHECKED_IN', '09:40', { ticket: { id: 'cccccccc-0000-4000-8000-000000000007', displayNumber: 'B007', status: 'WAITING' } })];
        return ok(checkedIn());
      },
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText('今日预约（11月23日 周一，共 1 个，待签到 1 个）');
    typeCode(' k7m2qx');
    expect(screen.getByLabelText('预约码')).toHaveValue('K7M2QX');
    const lists = () => calls.filter((c) => c.url === LIST_URL).length;
    const listsBefore = lists();
    const panelsBefore = calls.filter((c) => c.url === `/api/counters/${C1}`).length;
    submitCode();

    await waitFor(() => expect(document.getElementById('counter-checkin-number')).toHaveTextContent('B007'));
    expect(calls.find((c) => c.url === CHECK_IN_URL)).toMatchObject({ method: 'POST', data: { code: 'K7M2QX' } });
    const result = screen.getByRole('status');
    expect(result).toHaveTextContent('签到成功，排队号');
    expect(document.getElementById('counter-checkin-priority')).toHaveTextContent('★ 预约优先');
    expect(document.getElementById('counter-checkin-service')).toHaveTextContent('社会保障卡申领');
    // Booked for oneself: the appointment carries no name, so the masked name comes from today's list.
    expect(document.getElementById('counter-checkin-slot')).toHaveTextContent('预约时段 09:40–10:00 · 张**');
    expect(screen.getByLabelText('预约码')).toHaveValue('');
    // Both the list and the queue are read again: the row now says 已签到 with the number.
    await waitFor(() => expect(row('K7M2QX')).toHaveTextContent('已签到B007 等候中'));
    expect(lists()).toBeGreaterThan(listsBefore);
    expect(calls.filter((c) => c.url === `/api/counters/${C1}`).length).toBeGreaterThan(panelsBefore);
    expect(taro.showToast).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '完成' }));
    expect(document.getElementById('counter-checkin-result')).toBeNull();
  });

  it('shows the masked name of someone booked for by another, and says so when they were already checked in', async () => {
    checkInBff(
      () => [officeAppointment('K7M2QX', 'CHECKED_IN', '09:40', { name: '李**' })],
      () => ok({ ...checkedIn('B003'), onBehalfOf: '王**' }),
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText(/今日预约（/);
    typeCode('K7M2QX');
    submitCode();
    await waitFor(() => expect(document.getElementById('counter-checkin-number')).toHaveTextContent('B003'));
    expect(screen.getByRole('status')).toHaveTextContent('该预约此前已签到');
    expect(document.getElementById('counter-checkin-slot')).toHaveTextContent('· 王**');
  });

  it('says a character no code can have while it is typed, and sends nothing', async () => {
    const calls = checkInBff(() => [], () => ok(checkedIn()));
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText('今天没有预约。');
    typeCode('k0m2ql');
    expect(screen.getByLabelText('预约码')).toHaveValue('K0M2QL');
    expect(screen.getByRole('alert')).toHaveTextContent('预约码里没有 0、O、1、I、L 这几个易混字符，不会有“0”“L”');
    submitCode();
    typeCode('K7M');
    expect(screen.queryByRole('alert')).toBeNull();
    submitCode();
    expect(screen.getByRole('alert')).toHaveTextContent('预约码是6位，现在只输入了3位');
    typeCode('K7M-2Q#');
    expect(screen.getByRole('alert')).toHaveTextContent('预约码只有字母和数字，不会有“#”');
    expect(calls.some((c) => c.url === CHECK_IN_URL)).toBe(false);
  });

  it.each([
    ['an unknown code or another hall’s', 404, 'NOT_FOUND', '没有找到该预约码（请确认是本大厅的预约）'],
    ['before the check-in window', 422, 'CHECK_IN_NOT_OPEN', '还没到签到时间，今天 09:10 起可以签到（预约开始前30分钟）'],
    ['after the check-in window', 422, 'CHECK_IN_CLOSED', '已过签到时间（预约开始后15分钟），请到窗口现场取号办理'],
    ['a cancelled or finished appointment', 409, 'APPOINTMENT_STATE', '该预约已取消，不能签到'],
    ['a person who already holds a number for the service', 409, 'TICKET_ALREADY_ACTIVE', '您今天已取了该业务的排队号 B003，请凭该号办理，或取消该号后再签到'],
  ])('refuses %s in words in the page, without a pop-up (%s %s)', async (_what, status, code, words) => {
    // The BFF's own words are shown as sent (they say when, or which number); a 404 is the page's.
    checkInBff(() => [officeAppointment('K7M2QX', 'BOOKED', '09:40')], () => fail(status, code, code === 'NOT_FOUND' ? undefined : words));
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText(/今日预约（/);
    typeCode('K7M2QX');
    submitCode();
    expect(await screen.findByRole('alert')).toHaveTextContent(words);
    // A code on today's list: the clerk also sees which appointment it is.
    expect(document.getElementById('counter-checkin-context')).toHaveTextContent('预约码 K7M2QX：09:40–10:00 社会保障卡申领 · 张** · 待签到');
    expect(document.getElementById('counter-checkin-result')).toBeNull();
    expect(screen.getByLabelText('预约码')).toHaveValue('K7M2QX');
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('says which appointment a refused code is, with its status as the list is read again', async () => {
    let rows = [officeAppointment('K7M2QX', 'BOOKED', '09:40')];
    checkInBff(
      () => rows,
      () => {
        rows = [officeAppointment('K7M2QX', 'CANCELLED', '09:40')];
        return fail(409, 'APPOINTMENT_STATE', '该预约已取消，不能签到');
      },
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    await waitFor(() => expect(row('K7M2QX')).toHaveTextContent('待签到'));
    typeCode('K7M2QX');
    submitCode();
    await waitFor(() => expect(document.getElementById('counter-checkin-context')).toHaveTextContent('预约码 K7M2QX：09:40–10:00 社会保障卡申领 · 张** · 已取消'));
    expect(screen.getByRole('alert')).toHaveTextContent('该预约已取消，不能签到');
    expect(within(row('K7M2QX')).queryByRole('button', { name: '签到' })).toBeNull();
  });

  it('lists today’s appointments with the status in words and a 签到 on each one waiting', async () => {
    let rows = [
      officeAppointment('K7M2QX', 'BOOKED', '09:40'),
      officeAppointment('A3B4C5', 'CHECKED_IN', '09:00', { checkedInAt: '2026-11-23T00:50:00.000Z', checkInMethod: 'SCAN', ticket: { id: 'cccccccc-0000-4000-8000-000000000005', displayNumber: 'B005', status: 'SERVING' } }),
      officeAppointment('D6E7F8', 'DONE', '08:40', { name: null }),
      officeAppointment('G9H2J3', 'CANCELLED', '10:00'),
      officeAppointment('M4N5P6', 'NO_SHOW', '08:20'),
    ];
    const calls = checkInBff(
      () => rows,
      () => {
        rows = [officeAppointment('K7M2QX', 'CHECKED_IN', '09:40', { ticket: { id: 'cccccccc-0000-4000-8000-000000000007', displayNumber: 'B007', status: 'WAITING' } }), ...rows.slice(1)];
        return ok(checkedIn());
      },
    );
    signInAs(clerkMe);
    render(<CounterPage />);
    expect(await screen.findByText('今日预约（11月23日 周一，共 5 个，待签到 1 个）')).toBeInTheDocument();
    expect(row('K7M2QX')).toHaveTextContent('09:40–10:00社会保障卡申领张** · 预约码 K7M2QX!待签到');
    expect(row('A3B4C5')).toHaveTextContent('已签到B005 正在办理');
    expect(row('D6E7F8')).toHaveTextContent('未登记姓名 · 预约码 D6E7F8');
    expect(row('D6E7F8')).toHaveTextContent('已办结');
    expect(row('G9H2J3')).toHaveTextContent('已取消');
    expect(row('M4N5P6')).toHaveTextContent('未到');
    const rowButtons = within(document.getElementById('counter-appointments')!).getAllByRole('button', { name: '签到' });
    expect(rowButtons).toHaveLength(1);
    expect(within(row('K7M2QX')).getByRole('button', { name: '签到' })).toBe(rowButtons[0]);

    fireEvent.click(rowButtons[0]!);
    await waitFor(() => expect(document.getElementById('counter-checkin-number')).toHaveTextContent('B007'));
    expect(calls.find((c) => c.url === CHECK_IN_URL)?.data).toEqual({ code: 'K7M2QX' });
    await waitFor(() => expect(row('K7M2QX')).toHaveTextContent('已签到B007 等候中'));
    expect(within(document.getElementById('counter-appointments')!).queryByRole('button', { name: '签到' })).toBeNull();
  });

  it('says a refusal from a row under that row', async () => {
    checkInBff(() => [officeAppointment('K7M2QX', 'BOOKED', '08:00'), officeAppointment('A3B4C5', 'BOOKED', '09:40')], () => fail(422, 'CHECK_IN_CLOSED', '已过签到时间（预约开始后15分钟），请到窗口现场取号办理'));
    signInAs(clerkMe);
    render(<CounterPage />);
    await screen.findByText(/今日预约（/);
    fireEvent.click(within(row('K7M2QX')).getByRole('button', { name: '签到' }));
    expect(await within(row('K7M2QX')).findByRole('alert')).toHaveTextContent('已过签到时间（预约开始后15分钟），请到窗口现场取号办理');
    expect(within(row('A3B4C5')).queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('re-reads today’s list when the queue changes (someone scanned the poster)', async () => {
    let rows = [officeAppointment('K7M2QX', 'BOOKED', '09:40')];
    checkInBff(() => rows, () => ok(checkedIn()));
    signInAs(clerkMe);
    render(<CounterPage />);
    await waitFor(() => expect(row('K7M2QX')).toHaveTextContent('待签到'));
    rows = [officeAppointment('K7M2QX', 'CHECKED_IN', '09:40', { checkInMethod: 'SCAN', ticket: { id: 'cccccccc-0000-4000-8000-000000000008', displayNumber: 'B008', status: 'WAITING' } })];
    act(() => live.handlers[0]!.onBoard?.({ waiting: [{ letter: 'B', count: 3 }] } as unknown as QueueBoard));
    await waitFor(() => expect(row('K7M2QX')).toHaveTextContent('已签到B008'));
  });

  it('shows the hall’s check-in code of the day: its QR to scan, the code in two groups to type, and until when', async () => {
    checkInBff(() => [], () => ok(checkedIn()));
    signInAs(clerkMe);
    render(<CounterPage />);
    await waitFor(() => expect(document.getElementById('counter-hall-code-value')).toHaveTextContent('K7M2 QXPA'));
    expect(screen.getByRole('img', { name: `${office.name}今天的签到二维码` })).toHaveAttribute('src', QR_IMAGE);
    expect(document.getElementById('counter-hall-code')).toHaveTextContent('请预约的群众用手机扫描上面的二维码签到；不能扫码的，在预约详情里输入这8位签到码。');
    expect(document.getElementById('counter-hall-code-date')).toHaveTextContent('仅11月23日当天有效，每天零点自动更换');
  });

  it('asks for the new code when the day’s one expires, by the BFF’s count of seconds', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-23T15:59:00.000Z'), doNotFake: ['nextTick', 'queueMicrotask'] });
    try {
      let hall = { ...HALL_CODE, expiresInSeconds: 60 };
      answerRequests(({ url }) => {
        if (url === `/api/offices/${OFFICE}/check-in-code`) return ok(hall);
        return hallAnswers(url) ?? (url === '/api/me' ? ok(clerkMe) : url === `/api/counters/${C1}` ? ok(detail()) : url.startsWith('/api/counters') ? ok({ items: [summary(detail())] }) : fail(404, 'NOT_FOUND'));
      });
      signInAs(clerkMe);
      render(<CounterPage />);
      await waitFor(() => expect(document.getElementById('counter-hall-code-value')).toHaveTextContent('K7M2 QXPA'));
      hall = { ...HALL_CODE, date: '2026-11-24', code: 'P3Q4RS7T', qr: `palm-checkin:${OFFICE}:2026-11-24:P3Q4RS7T`, expiresInSeconds: 86_398 };
      await act(async () => void (await jest.advanceTimersByTimeAsync(59_000)));
      expect(document.getElementById('counter-hall-code-value')).toHaveTextContent('K7M2 QXPA');
      await act(async () => void (await jest.advanceTimersByTimeAsync(4_000)));
      await waitFor(() => expect(document.getElementById('counter-hall-code-value')).toHaveTextContent('P3Q4 RS7T'));
      expect(document.getElementById('counter-hall-code-date')).toHaveTextContent('仅11月24日当天有效');
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets a supervisor see today’s appointments and the hall code, with no 签到', async () => {
    const calls = checkInBff(() => [officeAppointment('K7M2QX', 'BOOKED', '09:40'), officeAppointment('A3B4C5', 'BOOKED', '10:00')], () => ok(checkedIn()), supervisorMe, detail({ canOperate: false }));
    signInAs(supervisorMe);
    render(<CounterPage />);
    fireEvent.click(await screen.findByText('青石县政务服务中心'));
    await waitFor(() => expect(row('A3B4C5')).toHaveTextContent('待签到'));
    expect(row('K7M2QX')).toHaveTextContent('张** · 预约码 K7M2QX');
    expect(screen.queryByRole('button', { name: '签到' })).toBeNull();
    expect(screen.queryByLabelText('预约码')).toBeNull();
    expect(document.getElementById('counter-checkin-read-only')).toHaveTextContent('签到由窗口工作人员进行');
    expect(document.getElementById('counter-hall-code-value')).toHaveTextContent('K7M2 QXPA');
    expect(calls.some((c) => c.url === CHECK_IN_URL)).toBe(false);
  });

  it('works in 长辈版 with everything in the page and no pop-up', async () => {
    let answer: Reply = fail(409, 'APPOINTMENT_STATE', '该预约已取消，不能签到');
    checkInBff(() => [officeAppointment('K7M2QX', 'BOOKED', '09:40')], () => answer);
    signInAs(clerkMe);
    updateElderState({ elderMode: true });
    const { container } = render(<CounterPage />);
    await screen.findByText(/今日预约（/);
    expect(container.querySelector('.palm-page.elder')).not.toBeNull();
    typeCode('k7m2qx');
    submitCode();
    expect(await screen.findByRole('alert')).toHaveTextContent('该预约已取消，不能签到');
    answer = ok(checkedIn());
    submitCode();
    await waitFor(() => expect(document.getElementById('counter-checkin-number')).toHaveTextContent('B007'));
    expect(screen.getByText('★ 预约优先')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
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
  recent: [
    { displayNumber: calling ?? 'B011', counterNumber: 3, calledAt: '2026-11-23T01:30:00.000Z' },
    { displayNumber: 'A001', counterNumber: 1, calledAt: '2026-11-23T01:20:00.000Z' },
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
    await screen.findAllByText('B012');
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

  it('clears the banner when the called number is finished, and lists the latest calls in its place', async () => {
    answerRequests(() => ok(board('B012')));
    render(<BoardPage />);
    await screen.findAllByText('B012');
    act(() => live.handlers[0]!.onBoard?.(board('B013')));
    expect(screen.getByRole('status')).toHaveTextContent('请 B013 号到 3 号窗口');
    expect(document.getElementById('board-recent')).toBeNull();
    act(() => live.handlers[0]!.onBoard?.(board(null)));
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.getElementById('board-recent')).toHaveTextContent('最近叫号B0113号窗口A0011号窗口');
  });

  it('puts the windows with nobody at them on one line instead of a row each', async () => {
    answerRequests(() => ok(board(null)));
    render(<BoardPage />);
    await waitFor(() => expect(document.getElementById('board-idle')).toHaveTextContent('空闲窗口：3号'));
    expect(document.getElementById('board-call-3')).toBeNull();
    expect(document.getElementById('board-call-1')).toHaveTextContent('A001→1号窗口');
  });

  it('takes ?wall=1 for a wall screen, ?wall=0 for none, and otherwise the screen', () => {
    expect([isWallScreen('1', false), isWallScreen('0', true), isWallScreen(undefined, true), isWallScreen(undefined, false)]).toEqual([true, false, true, false]);
  });

  it('stays silent until voice is switched on, and keeps working when speech fails', async () => {
    answerRequests(() => ok(board('B012')));
    render(<BoardPage />);
    await screen.findAllByText('B012');
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
