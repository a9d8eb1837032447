// 办理中 (首页 and 我的) against a scripted BFF: active numbers with the people ahead and the hall,
// coming bookings with time and hall, one tap to each; nothing shown when signed out or idle; in
// normal mode and 长辈版.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import IndexPage from '../../src/pages/index/index';
import MePage from '../../src/pages/me/index';
import { InProgressCard, IN_PROGRESS_REFRESH_MS } from '../../src/features/in-progress/in-progress-card';
import { updateElderState } from '../../src/theme/elder-store';
import { clearSession } from '../../src/api/session';
import { answerRequests, fail, me, MODES, ok, renderInMode, resetAll, signIn, taro, type Reply } from '../helpers';
import { appointment, APPOINTMENT_ID } from '../pages/appointment-fixtures';
import { office, services } from '../pages/fixtures';

const TICKET_ID = '7ac0a001-0000-4000-8000-000000000001';
const ticket = (patch: Record<string, unknown> = {}) => ({
  id: TICKET_ID,
  displayNumber: 'B007',
  status: 'WAITING',
  priority: 'NORMAL',
  channel: 'ONLINE',
  businessDate: '2026-11-23',
  office: { id: office.id, name: office.name },
  service: { id: services[0]!.id, name: services[0]!.name },
  onBehalfOf: null,
  peopleAhead: 4,
  estimate: { lowMinutes: 12, highMinutes: 19 },
  isTurnNear: false,
  counter: null,
  canRejoin: false,
  issuedAt: '2026-11-23T01:30:00.000Z',
  calledAt: null,
  finishedAt: null,
  ...patch,
});

function bff(tickets: unknown[], appointments: unknown[]) {
  return answerRequests(({ url }) => {
    if (url === '/api/tickets') return ok({ items: tickets });
    if (url === '/api/appointments') return ok({ items: appointments });
    if (url === '/api/me') return ok(me);
    if (url.startsWith('/api/services')) return ok({ items: [] });
    if (url.startsWith('/api/offices')) return ok({ items: [] });
    return fail(404, 'NOT_FOUND');
  });
}

/** The element once it has appeared. */
const found = (id: string) =>
  waitFor(() => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`#${id} not shown`);
    return element;
  });

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
});

describe.each(MODES)('办理中 ($name)', ({ isElder }) => {
  it('lists an active number with the people ahead and its hall, and opens it in one tap', async () => {
    signIn();
    bff([ticket(), ticket({ id: '7ac0a001-0000-4000-8000-000000000002', displayNumber: 'B002', status: 'DONE', peopleAhead: null })], []);
    renderInMode(<InProgressCard idPrefix='t' />, isElder);
    const row = await found('t-in-progress-ticket-0');
    expect(row).toHaveTextContent('B007');
    expect(row).toHaveTextContent('排队中');
    expect(row).toHaveTextContent('前面还有 4 人');
    expect(row).toHaveTextContent(office.name);
    // A finished number is history, not in progress.
    expect(document.getElementById('t-in-progress-ticket-1')).toBeNull();
    fireEvent.click(row);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/ticket/index?id=${TICKET_ID}` });
  });

  it('lists a coming booking with its time and hall, and opens it in one tap', async () => {
    signIn();
    bff([], [appointment(), appointment({ id: 'a9900001-0000-4000-8000-000000000009', status: 'CANCELLED' })]);
    renderInMode(<InProgressCard idPrefix='t' />, isElder);
    const row = await found('t-in-progress-appointment-0');
    expect(row).toHaveTextContent('09:40–10:00');
    expect(row).toHaveTextContent('11月23日');
    expect(row).toHaveTextContent(office.name);
    expect(document.getElementById('t-in-progress-appointment-1')).toBeNull();
    fireEvent.click(row);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/appointments/index?id=${APPOINTMENT_ID}` });
  });

  it('says where a called number must go, in words', async () => {
    signIn();
    bff([ticket({ status: 'CALLED', peopleAhead: 0, counter: { id: 'c1', number: 3, name: '3号窗口' } })], []);
    renderInMode(<InProgressCard idPrefix='t' />, isElder);
    const row = await found('t-in-progress-ticket-0');
    expect(row).toHaveTextContent('正在叫号');
    expect(row).toHaveTextContent('请到 3 号窗口');
  });
});

describe('办理中', () => {
  it('shows no card at all when nothing is in progress', async () => {
    signIn();
    const calls = bff([ticket({ status: 'DONE', peopleAhead: null })], [appointment({ status: 'CANCELLED' })]);
    render(<InProgressCard idPrefix='t' />);
    await waitFor(() => expect(calls.some((c) => c.url === '/api/appointments')).toBe(true));
    await act(async () => undefined);
    expect(document.getElementById('t-in-progress')).toBeNull();
    expect(screen.queryByText('办理中')).toBeNull();
  });

  it('asks nothing and shows nothing when signed out', async () => {
    const calls = bff([ticket()], [appointment()]);
    render(<InProgressCard idPrefix='t' />);
    await act(async () => undefined);
    expect(document.getElementById('t-in-progress')).toBeNull();
    expect(calls.filter((c) => c.url === '/api/tickets' || c.url === '/api/appointments')).toHaveLength(0);
  });

  it('forgets the list on sign-out, so the next person signing in never sees it', async () => {
    signIn();
    const calls = bff([ticket()], []);
    render(<InProgressCard idPrefix='t' />);
    await found('t-in-progress-ticket-0');
    await act(async () => clearSession());
    expect(document.getElementById('t-in-progress')).toBeNull();
    let answer: (reply: Reply) => void = () => undefined;
    answerRequests(() => new Promise<Reply>((resolve) => (answer = resolve)));
    await act(async () => signIn('access-2', 'refresh-token-0000000002'));
    // The next person's lists are still on their way: nothing of the last person's shows meanwhile.
    expect(document.getElementById('t-in-progress')).toBeNull();
    answer(ok({ items: [] }));
    expect(calls.length).toBeGreaterThan(0);
  });

  it('leaves out a booking already checked in (its number is listed instead)', async () => {
    signIn();
    bff([ticket()], [appointment({ status: 'CHECKED_IN', ticket: { id: TICKET_ID, displayNumber: 'B007', status: 'WAITING' } })]);
    render(<InProgressCard idPrefix='t' />);
    await waitFor(() => expect(document.getElementById('t-in-progress-ticket-0')).not.toBeNull());
    expect(document.getElementById('t-in-progress-appointment-0')).toBeNull();
  });

  it('shows fewer rows in 长辈版 and says how many more there are', async () => {
    signIn();
    const many = [0, 1, 2].map((i) => ticket({ id: `7ac0a001-0000-4000-8000-00000000001${i}`, displayNumber: `B01${i}` }));
    bff(many, []);
    updateElderState({ elderMode: true });
    render(<InProgressCard idPrefix='t' />);
    await waitFor(() => expect(document.getElementById('t-in-progress-ticket-1')).not.toBeNull());
    expect(document.getElementById('t-in-progress-ticket-2')).toBeNull();
    expect(document.getElementById('t-in-progress-more')).toHaveTextContent('另有 1 项');
  });

  it('reads the people ahead again while the page is shown, keeping the card up meanwhile', async () => {
    jest.useFakeTimers();
    try {
      signIn();
      let ahead = 4;
      answerRequests(({ url }) => (url === '/api/tickets' ? ok({ items: [ticket({ peopleAhead: ahead })] }) : ok({ items: [] })));
      render(<InProgressCard idPrefix='t' />);
      await act(async () => undefined);
      expect(document.getElementById('t-in-progress-ticket-0')).toHaveTextContent('前面还有 4 人');
      ahead = 2;
      await act(async () => {
        jest.advanceTimersByTime(IN_PROGRESS_REFRESH_MS);
      });
      expect(document.getElementById('t-in-progress-ticket-0')).toHaveTextContent('前面还有 2 人');
    } finally {
      jest.useRealTimers();
    }
  });

  it('is the first card on 首页 and the top of 我的', async () => {
    signIn();
    bff([ticket()], [appointment()]);
    const home = render(<IndexPage />);
    const homeCard = await found('home-in-progress');
    const cards = [...home.container.querySelectorAll('.palm-card')];
    expect(cards[0]).toBe(homeCard);
    home.unmount();
    const mine = render(<MePage />);
    const meCard = await found('me-in-progress');
    expect(mine.container.querySelectorAll('.palm-card')[0]).toBe(meCard);
  });
});

describe('长辈版 offer and switch', () => {
  it('shows one control: the offer while it is up, the switch once answered', async () => {
    signIn();
    answerRequests(({ url }) => {
      if (url === '/api/me') return ok({ ...me, offerElderMode: true });
      if (url === '/api/me/preferences') return ok({ ...me, offerElderMode: false, elderMode: true });
      return ok({ items: [] });
    });
    render(<MePage />);
    await waitFor(() => expect(document.getElementById('me-elder-offer')).not.toBeNull());
    expect(document.getElementById('me-elder-switch')).toBeNull();
    await act(async () => fireEvent.click(document.getElementById('me-elder-offer-accept')!));
    expect(await found('me-elder-switch')).toHaveAttribute('aria-checked', 'true');
    expect(document.getElementById('me-elder-offer')).toBeNull();
  });
});
