// 我的网格 against a scripted BFF: only grid workers get it (and the entry in 我的); the roster's
// grant states in words and shape, no phone said in words; 请求授权 confirmed in the page; planning a
// visit from a roster row (resident, service, day); 记录走访 with a note, 完成 and 取消 confirmed in
// the page; refusals said inline; the same in 长辈版, with no pop-up anywhere.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { GridResident, GridTask } from '@palm/shared/server';
import GridPage from '../../src/pages/grid/index';
import MePage from '../../src/pages/me/index';
import { getActingFor, stopActing } from '../../src/api/acting-store';
import { setMe } from '../../src/api/session';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, me, MODES, ok, resetAll, signIn, taro, type Reply } from '../helpers';

type Call = { url: string; method: string; header: Record<string, string>; data: unknown };

const workerMe = { ...me, name: '周海燕', roles: ['CITIZEN' as const, 'GRID_WORKER' as const], offerElderMode: false };
const NOW = Date.parse('2026-11-23T01:30:00Z');
const grant = (state: GridResident['grant']['state'], extra: Partial<GridResident['grant']> = {}): GridResident['grant'] => ({
  state,
  id: state === 'NONE' ? null : `9a000000-0000-4000-8000-00000000000${state.length}`,
  scopes: state === 'NONE' ? [] : ['APPOINTMENT', 'QUEUE', 'APPLICATION'],
  validUntil: state === 'ACTIVE' || state === 'PENDING' ? '2027-02-21T01:30:00.000Z' : null,
  endedAt: state === 'EXPIRED' ? '2026-11-13T01:30:00.000Z' : null,
  consentMethod: state === 'NONE' ? null : 'IN_APP',
  relation: state === 'NONE' ? null : '网格员',
  ...extra,
});
const resident = (n: number, nameMasked: string, state: GridResident['grant']['state'], hasPhone = true): GridResident => ({
  id: `5eed0004-0000-4000-8000-00000000020${n}`,
  nameMasked,
  idNumberMasked: `3612**********00${n}9`,
  ageBand: '70–79岁',
  hasPhone,
  grant: grant(state),
});
const LI = resident(1, '李**', 'ACTIVE', false);
const CHEN = resident(3, '陈**', 'PENDING');
const ZHAO = resident(4, '赵**', 'EXPIRED', false);
const SUN = resident(5, '孙**', 'NONE');
const ZHENG = resident(8, '郑**', 'NONE', false);
const ROSTER = [LI, CHEN, ZHAO, SUN, ZHENG];
const SERVICE = { id: '5eed0003-0000-4000-8000-000000000025', name: '高龄津贴申领', category: 'ELDERLY' as const, aliases: ['高龄补贴'], department: '县民政局', popularity: 90 };
const task = (patch: Partial<GridTask> = {}): GridTask => ({
  id: '5eed0006-0000-4000-8000-000000000001',
  status: 'PLANNED',
  resident: LI,
  service: { id: SERVICE.id, name: SERVICE.name },
  plannedDate: '2026-11-24',
  note: '带户口本',
  visits: [],
  createdAt: '2026-11-21T01:30:00.000Z',
  visitedAt: null,
  doneAt: null,
  doneNote: null,
  cancelledAt: null,
  cancelReason: null,
  canVisit: true,
  canFinish: false,
  canCancel: true,
  tickets: [],
  appointments: [],
  ...patch,
});

beforeEach(() => {
  resetAll();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

/** The BFF as a grid worker meets it; `answer` overrides a call. */
function bff(answer: (call: Call) => Reply | undefined = () => undefined, tasks: GridTask[] = [task()]): Call[] {
  return answerRequests((call) => {
    const special = answer(call);
    if (special) return special;
    if (call.url === '/api/me') return ok(workerMe);
    if (call.url.startsWith('/api/grid/residents?')) return ok({ items: ROSTER });
    if (call.url === '/api/grid/tasks/services') return ok({ items: [SERVICE] });
    if (call.url.startsWith('/api/grid/tasks?state=open')) return ok({ items: tasks });
    if (call.url.startsWith('/api/grid/tasks?state=closed')) return ok({ items: [] });
    return fail(404, 'NOT_FOUND');
  });
}

const asWorker = () => {
  signIn();
  setMe(workerMe);
};
const row = (n: number) => document.getElementById(`grid-resident-${n}`)!;
/** The element once it is there (the roster and tasks load after the first render). */
const shown = (id: string) =>
  waitFor(() => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`#${id} not shown yet`);
    return element;
  });

describe('我的网格', () => {
  it('is for grid workers only: signed out it asks to sign in; a citizen is told in words', async () => {
    bff();
    const { unmount } = render(<GridPage />);
    expect(screen.getByText('查看网格前请先登录')).toBeInTheDocument();
    unmount();
    signIn();
    setMe(me);
    bff((call) => (call.url === '/api/me' ? ok(me) : undefined));
    render(<GridPage />);
    expect(await screen.findByText(/仅供网格员和代办员使用/)).toBeInTheDocument();
    expect(screen.queryByText('居民名单')).toBeNull();
  });

  it('is one tap from 我的 for a grid worker, and not there for anyone else', async () => {
    asWorker();
    bff();
    const { unmount } = render(<MePage />);
    fireEvent.click(await screen.findByText('我的网格'));
    expect(taro.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/grid/index' }));
    unmount();
    setMe(me);
    bff((call) => (call.url === '/api/me' ? ok(me) : undefined));
    render(<MePage />);
    await screen.findByText('我的预约');
    expect(screen.queryByText('我的网格')).toBeNull();
  });

  for (const mode of MODES) {
    it(`shows the roster with each grant in words and shape, and no phone in words (${mode.name})`, async () => {
      asWorker();
      bff();
      updateElderState({ elderMode: mode.isElder });
      render(<GridPage />);
      await shown('grid-resident-0');
      expect(within(row(0)).getByText('李** · 70–79岁')).toBeInTheDocument();
      expect(within(row(0)).getByText('已授权')).toBeInTheDocument();
      expect(within(row(0)).getByText('●')).toBeInTheDocument();
      expect(within(row(0)).getByText('至2月21日')).toBeInTheDocument();
      expect(within(row(0)).getByText(/无手机/)).toBeInTheDocument();
      expect(within(row(0)).getByText('可代办：预约、排队取号、申办事项')).toBeInTheDocument();
      expect(within(row(1)).getByText('待居民确认')).toBeInTheDocument();
      expect(within(row(1)).getByText('!')).toBeInTheDocument();
      expect(within(row(2)).getByText('授权已过期')).toBeInTheDocument();
      expect(within(row(2)).getByText('○')).toBeInTheDocument();
      expect(within(row(2)).getByText(/到窗口办理见证授权/)).toBeInTheDocument();
      expect(within(row(3)).getByText('未授权')).toBeInTheDocument();
      // 请求授权 only where it can work: a phone and nothing in force or waiting.
      expect(within(row(3)).getByRole('button', { name: '请求授权' })).toBeInTheDocument();
      for (const n of [0, 1, 2, 4]) expect(within(row(n)).queryByRole('button', { name: '请求授权' })).toBeNull();
      expect(within(row(0)).getByRole('button', { name: '安排上门' })).toBeInTheDocument();
      expect(within(row(2)).queryByRole('button', { name: '安排上门' })).toBeNull();
      // The task list, its state in words and shape.
      const card = document.getElementById('grid-task-0')!;
      expect(within(card).getByText('待上门')).toBeInTheDocument();
      expect(within(card).getByText('计划上门：明天 11月24日 周二')).toBeInTheDocument();
      expect(screen.queryByRole('dialog')).toBeNull();
    });
  }

  it('asks a resident for consent after a confirm in the page, and shows the request waiting', async () => {
    asWorker();
    const calls = bff((call) => (call.url.endsWith('/consent-request') ? ok({ ...SUN, grant: grant('PENDING') }) : undefined));
    render(<GridPage />);
    fireEvent.click(await within(await shown('grid-resident-3')).findByRole('button', { name: '请求授权' }));
    const confirm = document.getElementById('grid-resident-3-ask-confirm')!;
    expect(within(confirm).getByText('向孙**请求授权吗？')).toBeInTheDocument();
    expect(within(confirm).getByText(/请求代办：预约、排队取号、申办事项，有效期90天/)).toBeInTheDocument();
    expect(calls.some((c) => c.url.endsWith('/consent-request'))).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: '确认发送请求' }));
    expect(await within(row(3)).findByText('已发送授权请求，等待孙**在自己的手机上确认。')).toBeInTheDocument();
    expect(within(row(3)).getByText('待居民确认')).toBeInTheDocument();
    const sent = calls.find((c) => c.url.endsWith('/consent-request'))!;
    expect([sent.method, sent.url, sent.data]).toEqual(['POST', `/api/grid/residents/${SUN.id}/consent-request`, {}]);
  });

  it('puts the whole app into acting for a resident with a grant in force (代李**办理), and only for those', async () => {
    asWorker();
    bff(() => undefined);
    render(<GridPage />);
    const act = await screen.findByRole('button', { name: '代李**办理' });
    expect(screen.getAllByRole('button', { name: /^代.+办理$/ })).toHaveLength(1);
    fireEvent.click(act);
    expect(getActingFor()).toMatchObject({ userId: LI.id, grantId: LI.grant.id, name: '李**', scopes: ['APPOINTMENT', 'QUEUE', 'APPLICATION'] });
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
    stopActing();
  });

  it('says a refusal of the request in the row, and 先不发送 sends nothing', async () => {
    asWorker();
    const calls = bff((call) => (call.url.endsWith('/consent-request') ? fail(422, 'GRID_RESIDENT_NO_PHONE', '该居民没有手机') : undefined));
    render(<GridPage />);
    fireEvent.click(await within(await shown('grid-resident-3')).findByRole('button', { name: '请求授权' }));
    fireEvent.click(screen.getByRole('button', { name: '先不发送' }));
    expect(calls.filter((c) => c.url.endsWith('/consent-request'))).toHaveLength(0);
    fireEvent.click(within(row(3)).getByRole('button', { name: '请求授权' }));
    fireEvent.click(screen.getByRole('button', { name: '确认发送请求' }));
    expect(await within(row(3)).findByRole('alert')).toHaveTextContent('不能在手机上确认授权');
    expect(taro.showToast).not.toHaveBeenCalled();
  });

  it('plans a visit from a roster row: the resident chosen, then the service and the day, then one confirm', async () => {
    asWorker();
    const planned = task({ id: '5eed0006-0000-4000-8000-000000000009', resident: CHEN, plannedDate: '2026-11-25' });
    let tasks = [task()];
    const calls = bff(
      (call) => {
        if (call.url === '/api/grid/tasks' && call.method === 'POST') {
          tasks = [task(), planned];
          return { status: 201, body: planned };
        }
        if (call.url.startsWith('/api/grid/tasks?state=open')) return ok({ items: tasks });
        return undefined;
      },
      tasks,
    );
    render(<GridPage />);
    fireEvent.click(await within(await shown('grid-resident-1')).findByRole('button', { name: '安排上门' }));
    const panel = document.getElementById('grid-plan')!;
    expect(within(panel).getByText('陈** · 70–79岁（待居民确认）')).toBeInTheDocument();
    const confirm = within(panel).getByRole('button', { name: '确认安排' });
    expect(confirm).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(await within(panel).findByText('高龄津贴申领'));
    fireEvent.click(within(panel).getByText('后天 11月25日 周三'));
    fireEvent.input(document.getElementById('grid-plan-note')!, { target: { value: '带户口本' } });
    fireEvent.click(within(panel).getByRole('button', { name: '确认安排' }));
    expect(await screen.findByText('已安排：后天 11月25日 周三上门，为陈**办理高龄津贴申领。')).toBeInTheDocument();
    const sent = calls.find((c) => c.url === '/api/grid/tasks' && c.method === 'POST')!;
    expect(sent.data).toEqual({ residentId: CHEN.id, serviceId: SERVICE.id, plannedDate: '2026-11-25', note: '带户口本' });
    expect(sent.header['Idempotency-Key']).toMatch(/^plan-/);
    await waitFor(() => expect(document.getElementById('grid-task-1')).not.toBeNull());
    expect(document.getElementById('grid-plan')).toBeNull();
  });

  it('records a visit with a note, then finishes; cancels after a confirm; a refused step is said in the card', async () => {
    asWorker();
    let current = task();
    const calls = bff((call) => {
      if (call.url.endsWith('/visit')) {
        current = task({ status: 'VISITED', visits: [{ at: '2026-11-23T01:35:00.000Z', note: (call.data as { note?: string }).note ?? null }], canFinish: true });
        return ok(current);
      }
      if (call.url.endsWith('/done')) return fail(409, 'GRID_TASK_STATE', '该任务已取消，不能再操作');
      if (call.url.startsWith('/api/grid/tasks?state=open')) return ok({ items: [current] });
      return undefined;
    });
    render(<GridPage />);
    const card = () => document.getElementById('grid-task-0')!;
    fireEvent.click(await within(await shown('grid-task-0')).findByRole('button', { name: '记录走访' }));
    fireEvent.input(document.getElementById('grid-task-0-visit-note')!, { target: { value: '材料已收齐' } });
    fireEvent.click(within(card()).getByRole('button', { name: '确认记录走访' }));
    expect(await screen.findByText('已记录走访。')).toBeInTheDocument();
    await waitFor(() => expect(within(card()).getByText('已走访')).toBeInTheDocument());
    expect(within(card()).getByText('走访 11月23日 09:35：材料已收齐')).toBeInTheDocument();
    expect(calls.find((c) => c.url.endsWith('/visit'))!.data).toEqual({ note: '材料已收齐' });

    fireEvent.click(within(card()).getByRole('button', { name: '完成' }));
    expect(within(card()).getByText('确定办结这项任务吗？')).toBeInTheDocument();
    fireEvent.click(within(card()).getByRole('button', { name: '确认办结' }));
    expect(await within(card()).findByRole('alert')).toHaveTextContent('该任务当前状态不能进行此操作');
    fireEvent.click(within(card()).getByRole('button', { name: '不办结' }));
    fireEvent.click(within(card()).getByRole('button', { name: '取消' }));
    expect(within(card()).getByText('确定取消这项任务吗？')).toBeInTheDocument();
    expect(calls.filter((c) => c.url.endsWith('/cancel'))).toHaveLength(0);
    await act(async () => undefined);
  });

  it('shows what a task led to: the number taken and the booking made for the resident', async () => {
    asWorker();
    bff(undefined, [
      task({
        status: 'VISITED',
        canFinish: true,
        tickets: [{ id: 'aaaaaaaa-0000-4000-8000-000000000001', displayNumber: 'A007', status: 'WAITING', officeName: '上坊村便民服务站', date: '2026-11-23' }],
        appointments: [{ id: 'bbbbbbbb-0000-4000-8000-000000000001', code: 'K7M2QX', status: 'BOOKED', officeName: '上坊村便民服务站', date: '2026-11-25', start: '09:00' }],
      }),
    ]);
    render(<GridPage />);
    expect(await screen.findByText('代取号 A007 · 上坊村便民服务站 · 排队中')).toBeInTheDocument();
    expect(screen.getByText('代预约 11月25日 周三 09:00 · 上坊村便民服务站 · 预约码 K7M2QX · 待签到')).toBeInTheDocument();
  });
});
