// The queue pages against a scripted BFF and socket: 取号 (preview, reasons, Idempotency-Key, the
// subscription prompt), 我的排队号 (live, polling fallback, called, cancel, rejoin), 我的排队, in
// normal mode and 长辈版.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import MePage from '../../src/pages/me/index';
import TakeTicketPage from '../../src/pages/take-ticket/index';
import TicketPage from '../../src/pages/ticket/index';
import TicketsPage from '../../src/pages/tickets/index';
import { serverToday } from '../../src/lib/server-clock';
import { updateElderState } from '../../src/theme/elder-store';
import { sockets } from '../__mocks__/taro';
import { answerRequests, fail, ok, resetAll, signIn, taro, type Reply } from '../helpers';
import { office, officeDetail, services } from './fixtures';

const TICKET_ID = '7ac0a001-0000-4000-8000-000000000001';
const SERVICE = services[0]!;
const TODAY = serverToday();

const ticket = (patch: Record<string, unknown> = {}) => ({
  id: TICKET_ID,
  displayNumber: 'B007',
  status: 'WAITING',
  priority: 'NORMAL',
  channel: 'ONLINE',
  businessDate: TODAY,
  office: { id: office.id, name: office.name },
  service: { id: SERVICE.id, name: SERVICE.name },
  onBehalfOf: null,
  peopleAhead: 4,
  estimate: { lowMinutes: 12, highMinutes: 19 },
  isTurnNear: false,
  counter: null,
  canRejoin: false,
  issuedAt: `${TODAY}T01:30:00.000Z`,
  calledAt: null,
  finishedAt: null,
  ...patch,
});

const openPreview = { open: true, peopleAhead: 3, estimate: { lowMinutes: 8, highMinutes: 13 } };
const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });

type Call = { url: string; method: string; header: Record<string, string>; data: unknown };

/** The BFF of these pages; `overrides` answers first (return undefined to fall through). */
function bff(overrides: (call: Call) => Reply | Error | undefined = () => undefined) {
  return answerRequests((call) => {
    const answer = overrides(call);
    if (answer !== undefined) return answer;
    const { url, method } = call;
    if (url.startsWith(`/api/offices/${office.id}/queue/preview`)) return ok(openPreview);
    if (url.startsWith(`/api/offices/${office.id}`)) return ok(officeDetail);
    if (url.startsWith('/api/offices')) return ok({ items: [office] });
    if (url === '/api/tickets' && method === 'POST') return { status: 201, body: ticket({ peopleAhead: 3 }) };
    if (url === '/api/tickets') return ok({ items: [ticket(), ticket({ id: '7ac0a001-0000-4000-8000-000000000002', displayNumber: 'B002', status: 'DONE', peopleAhead: null, estimate: null })] });
    if (url === `/api/tickets/${TICKET_ID}`) return ok(ticket());
    if (url === `/api/tickets/${TICKET_ID}/cancel`) return ok(ticket({ status: 'CANCELLED', peopleAhead: null, estimate: null }));
    if (url === `/api/tickets/${TICKET_ID}/rejoin`) return ok(ticket({ peopleAhead: 3 }));
    if (url === '/api/me') return ok({});
    return fail(404, 'NOT_FOUND');
  });
}

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
});

describe('取号', () => {
  it('shows people ahead and the wait range, and takes the number with an Idempotency-Key', async () => {
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    const calls = bff();
    render(<TakeTicketPage />);
    expect(await screen.findByText('现在可以取号')).toBeInTheDocument();
    expect(document.getElementById('take-people-ahead')).toHaveTextContent('3');
    expect(document.getElementById('take-estimate')).toHaveTextContent('8–13 分钟');
    expect(document.getElementById('take-service-name')).toHaveTextContent(SERVICE.name);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认取号' })));
    const post = calls.find((c) => c.url === '/api/tickets' && c.method === 'POST')!;
    expect(post.data).toEqual({ officeId: office.id, serviceId: SERVICE.id });
    expect(post.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/ticket/index?id=${TICKET_ID}` }));
    // H5 has no subscription prompt.
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('sends the same Idempotency-Key again when a take is retried after a lost answer', async () => {
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    let posts = 0;
    const calls = bff(({ url, method }) => (url === '/api/tickets' && method === 'POST' && (posts += 1) === 1 ? new Error('request:fail timeout') : undefined) || undefined);
    render(<TakeTicketPage />);
    const firstTap = await screen.findByRole('button', { name: '确认取号' });
    await act(async () => fireEvent.click(firstTap));
    expect(await screen.findByText(/网络太慢/)).toBeInTheDocument();
    const retryTap = await screen.findByRole('button', { name: '确认取号' });
    await act(async () => fireEvent.click(retryTap));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled());
    const keys = calls.filter((c) => c.url === '/api/tickets' && c.method === 'POST').map((c) => c.header['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('says in words why no number can be taken, and offers no confirm button', async () => {
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    bff(({ url }) => (url.includes('/queue/preview') ? ok({ open: false, code: 'OFFICE_CLOSED', reason: '大厅已下班，11月24日 09:00 开门后可取号', peopleAhead: 0, estimate: null }) : undefined));
    render(<TakeTicketPage />);
    expect(await screen.findByText('大厅已下班，11月24日 09:00 开门后可取号')).toBeInTheDocument();
    expect(screen.getByText('现在不能取号')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '确认取号' })).toBeNull();
  });

  it('links to the number already held for this service', async () => {
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    bff(({ url }) => (url.includes('/queue/preview') ? ok({ open: false, code: 'TICKET_ALREADY_ACTIVE', reason: '您在该大厅已有这项业务的排队号', activeTicketId: TICKET_ID, peopleAhead: 2, estimate: null }) : undefined));
    render(<TakeTicketPage />);
    fireEvent.click(await screen.findByRole('button', { name: '查看我的排队号' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/ticket/index?id=${TICKET_ID}` });
  });

  it('lets anyone look, and asks to sign in before taking', async () => {
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    bff();
    render(<TakeTicketPage />);
    expect(await screen.findByText('现在可以取号')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '确认取号' })).toBeNull();
    fireEvent.click(within(document.getElementById('take-sign-in')!).getByRole('button', { name: '登录' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('chooses the hall (nearest first) and then a service it offers', async () => {
    signIn();
    const calls = bff();
    render(<TakeTicketPage />);
    fireEvent.click(await screen.findByRole('radio', { name: /青石县政务服务中心/ }));
    const serviceOption = await screen.findByRole('radio', { name: new RegExp(SERVICE.name) });
    expect(serviceOption).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(serviceOption);
    expect(await screen.findByText('现在可以取号')).toBeInTheDocument();
    expect(calls.some((c) => c.url === `/api/offices/${office.id}/queue/preview?serviceId=${SERVICE.id}`)).toBe(true);
  });

  it('on WeChat asks for the subscription inside the tap, records the answer, and takes the number even if the prompt fails', async () => {
    process.env.TARO_ENV = 'weapp';
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    const calls = bff(({ url }) => {
      if (url === '/api/notifications/templates?platform=weapp&scene=ticket') return ok({ items: [{ kind: 'TICKET_NEAR', templateId: 'tpl-near' }, { kind: 'TICKET_CALLED', templateId: 'tpl-called' }] });
      if (url === '/api/notifications/subscriptions') return { status: 201, body: { items: [] } };
      return undefined;
    });
    taro.requestSubscribeMessage.mockImplementationOnce(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'tpl-near': 'accept', 'tpl-called': 'reject' }));
    const view = render(<TakeTicketPage />);
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/notifications/templates'))).toBe(true));
    const tap = await screen.findByRole('button', { name: '确认取号' });
    await act(async () => fireEvent.click(tap));
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-near', 'tpl-called'] });
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled());
    expect(calls.find((c) => c.url === '/api/notifications/subscriptions')?.data).toEqual({ platform: 'weapp', accepted: ['tpl-near'], rejected: ['tpl-called'] });
    view.unmount();

    taro.redirectTo.mockClear();
    taro.requestSubscribeMessage.mockImplementationOnce(() => Promise.reject({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }));
    render(<TakeTicketPage />);
    const tapAgain = await screen.findByRole('button', { name: '确认取号' });
    await act(async () => fireEvent.click(tapAgain));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled());
  });
});

describe('到号提醒 in 长辈版', () => {
  const templates = ({ url }: Call): Reply | undefined => {
    if (url === '/api/notifications/templates?platform=weapp&scene=ticket') return ok({ items: [{ kind: 'TICKET_NEAR', templateId: 'tpl-near' }, { kind: 'TICKET_CALLED', templateId: 'tpl-called' }] });
    if (url === '/api/notifications/subscriptions') return { status: 201, body: { items: [] } };
    return undefined;
  };

  it('takes the number without any pop-up, and asks for reminders only when the button is tapped', async () => {
    process.env.TARO_ENV = 'weapp';
    updateElderState({ elderMode: true });
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    const calls = bff(templates);
    const take = render(<TakeTicketPage />);
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/notifications/templates'))).toBe(true));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: '确认取号' })));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalled());
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
    take.unmount();

    routeTo({ id: TICKET_ID });
    taro.requestSubscribeMessage.mockImplementationOnce(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'tpl-near': 'accept', 'tpl-called': 'accept' }));
    render(<TicketPage />);
    const button = await screen.findByRole('button', { name: '开启微信到号提醒' });
    await act(async () => fireEvent.click(button));
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-near', 'tpl-called'] });
    await waitFor(() => expect(document.getElementById('ticket-reminder-done')).toHaveTextContent('微信会提醒您'));
    await waitFor(() => expect(calls.find((c) => c.url === '/api/notifications/subscriptions')?.data).toEqual({ platform: 'weapp', accepted: ['tpl-near', 'tpl-called'], rejected: [] }));
  });
});

describe('我的排队号', () => {
  beforeEach(() => {
    (window as unknown as { speechSynthesis: unknown }).speechSynthesis = { speak: jest.fn(), cancel: jest.fn() };
    (global as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
      lang = '';
      constructor(readonly text: string) {}
    };
  });

  const openTicket = async () => {
    signIn();
    routeTo({ id: TICKET_ID });
    const calls = bff();
    render(<TicketPage />);
    expect(await screen.findByText('B007')).toBeInTheDocument();
    await waitFor(() => expect(sockets).toHaveLength(1));
    return calls;
  };

  it('shows the number, state in words, people ahead, progress and the wait range, live', async () => {
    await openTicket();
    expect(document.getElementById('ticket-status')).toHaveTextContent('排队中');
    expect(document.getElementById('ticket-people-ahead')).toHaveTextContent('4');
    expect(document.getElementById('ticket-estimate')).toHaveTextContent('12–19 分钟');
    expect(document.getElementById('ticket-office')).toHaveTextContent(office.name);
    expect(document.getElementById('ticket-service')).toHaveTextContent(SERVICE.name);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
    // Even empty, the bar is labelled as progress (it is not mistaken for a text box).
    expect(screen.getByText('排队进度')).toBeInTheDocument();
    expect(screen.getByText('0%')).toBeInTheDocument();
    expect(document.getElementById('ticket-live-status')).toHaveTextContent('正在连接');
    expect(sockets[0]!.url).toBe(`ws://localhost/api/live?ticketId=${TICKET_ID}&access_token=access-1`);

    act(() => sockets[0]!.open());
    expect(document.getElementById('ticket-live-status')).toHaveTextContent('实时更新中');
    act(() => sockets[0]!.receive({ type: 'ticket.updated', data: ticket({ peopleAhead: 2, estimate: { lowMinutes: 6, highMinutes: 10 }, isTurnNear: true }) }));
    expect(document.getElementById('ticket-people-ahead')).toHaveTextContent('2');
    expect(document.getElementById('ticket-estimate')).toHaveTextContent('6–10 分钟');
    // The bar keeps the first count seen (4) as its start.
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('50%')).toBeInTheDocument();
    expect(screen.getByText('取号时前面 4 人，已前进 2 人')).toBeInTheDocument();
    expect(screen.getByText('快到您了，请回到大厅等候叫号')).toBeInTheDocument();
  });

  it.each([
    ['APPOINTMENT', '预约优先'],
    ['ELDERLY', '长者优先'],
  ])('says a %s ticket’s lane in words beside its state: %s', async (priority, words) => {
    signIn();
    routeTo({ id: TICKET_ID });
    bff(({ url }) => (url === `/api/tickets/${TICKET_ID}` ? ok(ticket({ priority, channel: priority === 'APPOINTMENT' ? 'APPOINTMENT' : 'ONLINE' })) : undefined));
    render(<TicketPage />);
    expect(await screen.findByText('B007')).toBeInTheDocument();
    expect(document.getElementById('ticket-status')).toHaveTextContent(`排队中${words}`);
  });

  it('says no lane for a normal ticket', async () => {
    await openTicket();
    expect(document.getElementById('ticket-status')).toHaveTextContent('排队中');
    expect(document.getElementById('ticket-status')).not.toHaveTextContent('优先');
  });

  it('falls back to polling every 5 s when the socket fails, and says so', async () => {
    const calls = await openTicket();
    const gets = () => calls.filter((c) => c.url === `/api/tickets/${TICKET_ID}`).length;
    expect(gets()).toBe(1);
    act(() => sockets[0]!.fail());
    expect(document.getElementById('ticket-live-status')).toHaveTextContent('每5秒刷新');
    await waitFor(() => expect(gets()).toBe(2));
  });

  it('shows 请到 N 号窗口 large when called, vibrates once per call and reads it aloud on H5', async () => {
    await openTicket();
    act(() => sockets[0]!.open());
    const called = ticket({ status: 'CALLED', peopleAhead: null, estimate: null, isTurnNear: true, counter: { number: 3, name: '综合窗口' }, calledAt: `${TODAY}T02:00:00.000Z` });
    act(() => sockets[0]!.receive({ type: 'ticket.updated', data: called }));
    expect(document.getElementById('ticket-window')).toHaveTextContent('请到 3 号窗口');
    expect(document.getElementById('ticket-status')).toHaveTextContent('正在叫号');
    await waitFor(() => expect(taro.vibrateLong).toHaveBeenCalledTimes(1));
    const synth = (window as unknown as { speechSynthesis: { speak: jest.Mock } }).speechSynthesis;
    expect(synth.speak).toHaveBeenCalledTimes(1);
    expect(synth.speak.mock.calls[0][0]).toMatchObject({ text: '请 B007 号到 3 号窗口', lang: 'zh-CN' });
    // The same call again (another update) does not vibrate again; a recall does.
    act(() => sockets[0]!.receive({ type: 'ticket.updated', data: called }));
    act(() => sockets[0]!.receive({ type: 'ticket.updated', data: { ...called, calledAt: `${TODAY}T02:03:00.000Z` } }));
    await waitFor(() => expect(taro.vibrateLong).toHaveBeenCalledTimes(2));
  });

  it('never breaks when the browser cannot speak', async () => {
    (window as unknown as { speechSynthesis: unknown }).speechSynthesis = {
      speak: () => {
        throw new Error('not allowed');
      },
      cancel: () => undefined,
    };
    await openTicket();
    act(() => sockets[0]!.receive({ type: 'ticket.updated', data: ticket({ status: 'CALLED', peopleAhead: null, counter: { number: 5, name: '' }, calledAt: `${TODAY}T02:00:00.000Z` }) }));
    expect(document.getElementById('ticket-window')).toHaveTextContent('请到 5 号窗口');
  });

  it('cancels after a confirmation in the page (no pop-up)', async () => {
    const calls = await openTicket();
    fireEvent.click(screen.getByRole('button', { name: '取消排队' }));
    expect(screen.getByText('确定取消 B007 号吗？')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '不取消，继续排队' }));
    expect(calls.some((c) => c.url.endsWith('/cancel'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '取消排队' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确定取消' })));
    expect(calls.filter((c) => c.url === `/api/tickets/${TICKET_ID}/cancel`).map((c) => c.method)).toEqual(['POST']);
    expect(document.getElementById('ticket-status')).toHaveTextContent('已取消');
    expect(taro.showModal).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '重新取号' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/take-ticket/index?officeId=${office.id}&serviceId=${SERVICE.id}` });
  });

  it('offers 重新排队 once after 过号', async () => {
    signIn();
    routeTo({ id: TICKET_ID });
    const calls = bff(({ url }) => (url === `/api/tickets/${TICKET_ID}` ? ok(ticket({ status: 'SKIPPED', peopleAhead: null, estimate: null, canRejoin: true })) : undefined));
    render(<TicketPage />);
    expect(await screen.findByText('已过号')).toBeInTheDocument();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '重新排队' })));
    expect(calls.some((c) => c.url === `/api/tickets/${TICKET_ID}/rejoin` && c.method === 'POST')).toBe(true);
    expect(document.getElementById('ticket-status')).toHaveTextContent('排队中');
    expect(document.getElementById('ticket-people-ahead')).toHaveTextContent('3');
  });

  it('in 长辈版: the same page, larger, errors inline and no pop-up anywhere', async () => {
    updateElderState({ elderMode: true });
    signIn();
    routeTo({ id: TICKET_ID });
    bff(({ url }) => (url.endsWith('/cancel') ? fail(409, 'TICKET_STATE') : undefined));
    const { container } = render(<TicketPage />);
    expect(await screen.findByText('B007')).toBeInTheDocument();
    expect(container.firstElementChild).toHaveClass('palm-page', 'elder');
    fireEvent.click(screen.getByRole('button', { name: '取消排队' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确定取消' })));
    expect(await screen.findByRole('alert')).toHaveTextContent('该号码当前状态不能进行此操作');
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('asks a signed-out person to sign in', () => {
    routeTo({ id: TICKET_ID });
    const calls = bff();
    render(<TicketPage />);
    expect(screen.getByText('查看排队号前请先登录')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    expect(sockets).toHaveLength(0);
  });
});

describe('我的排队', () => {
  it('lists today’s numbers, active first, and opens one', async () => {
    signIn();
    bff();
    render(<TicketsPage />);
    const first = await screen.findByText('B007');
    expect(screen.getByText('B002')).toBeInTheDocument();
    expect(document.getElementById('ticket-item-0')).toHaveTextContent('排队中');
    expect(document.getElementById('ticket-item-0')).toHaveTextContent('前面还有 4 人');
    expect(document.getElementById('ticket-item-1')).toHaveTextContent('已办结');
    fireEvent.click(first);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/ticket/index?id=${TICKET_ID}` });
  });

  it('says 预约优先 on a number from a booking, in words, and nothing on a normal one', async () => {
    signIn();
    bff(({ url }) =>
      url === '/api/tickets'
        ? ok({ items: [ticket({ displayNumber: 'C012', priority: 'APPOINTMENT', channel: 'APPOINTMENT' }), ticket({ id: '7ac0a001-0000-4000-8000-000000000002', peopleAhead: 6 })] })
        : undefined,
    );
    render(<TicketsPage />);
    expect(await screen.findByText('C012')).toBeInTheDocument();
    expect(document.getElementById('ticket-item-0')).toHaveTextContent('排队中预约优先');
    expect(document.getElementById('ticket-item-1')).toHaveTextContent('排队中');
    expect(document.getElementById('ticket-item-1')).not.toHaveTextContent('优先');
  });

  it('is one tap from 我的', () => {
    render(<MePage />);
    fireEvent.click(screen.getByText('我的排队'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/tickets/index' });
  });

  it('in 长辈版 renders the take-number page with its choices as large whole-row targets', async () => {
    updateElderState({ elderMode: true });
    signIn();
    routeTo({ officeId: office.id, serviceId: SERVICE.id });
    bff();
    const { container } = render(<TakeTicketPage />);
    expect(await screen.findByText('现在可以取号')).toBeInTheDocument();
    expect(container.firstElementChild).toHaveClass('elder');
    expect(screen.getByRole('button', { name: '确认取号' })).toHaveClass('palm-button--block');
    // Fewer words in 长辈版: the side note is left out.
    expect(screen.queryByText(/没有手机也可以/)).toBeNull();
  });
});
