// 我的预约 against a scripted BFF: the list (status in words, code, time, hall) with 我的候补 and its
// cancel; one appointment's check-in (typed on H5, scanned on WeChat) turning into the priority
// number with 查看排队号, the controls following the window as it opens and closes (fake clock) and
// the page asking again when shown; cancel and reschedule confirmed in the page; the entries from
// 我的, a hall and a service guide; 长辈版.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import * as taroModule from '@tarojs/taro';
import { useRouter } from '@tarojs/taro';
import AppointmentsPage from '../../src/pages/appointments/index';
import MePage from '../../src/pages/me/index';
import OfficePage from '../../src/pages/office/index';
import ServicePage from '../../src/pages/service/index';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, ok, resetAll, signIn, taro, type Reply } from '../helpers';
import { CHECK_IN_RECHECK_MS, nextCheckInCheck } from '../../src/pages/appointments/use-check-in-timer';
import {
  APPOINTMENT_ID,
  appointment,
  appointmentAsOf,
  bookingOffice,
  ID_RENEWAL,
  LATER_SLOT,
  slotDay,
  TICKET_ID,
  TODAY,
  todayAt,
  unbookableOffice,
  WAITLIST_ID,
  waitlistEntry,
  WINDOW_ONLY_OFFICE,
} from './appointment-fixtures';
import { office } from './fixtures';

type Call = { url: string; method: string; header: Record<string, string>; data: unknown };

const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });
const path = `/api/appointments/${APPOINTMENT_ID}`;
const scanCode = jest.fn();
Object.assign(taro, { scanCode });

const checkedIn = () => appointment({ status: 'CHECKED_IN', canCheckIn: false, canChange: false, checkedInAt: `${TODAY}T01:32:00.000Z`, ticket: { id: TICKET_ID, displayNumber: 'C012', status: 'WAITING' } });

function bff(overrides: (call: Call) => Reply | Error | undefined = () => undefined) {
  return answerRequests((call) => {
    const answer = overrides(call);
    if (answer !== undefined) return answer;
    const { url } = call;
    if (url === '/api/appointments') {
      return ok({ items: [appointment({ id: 'a9900001-0000-4000-8000-000000000009', code: 'P3Q4RS', status: 'CANCELLED', date: '2026-11-20', start: '10:00', end: '10:20', startsAt: '2026-11-20T02:00:00.000Z' }), appointment()] });
    }
    if (url === '/api/appointments/waitlist') return ok({ items: [waitlistEntry()] });
    if (url === `/api/appointments/waitlist/${WAITLIST_ID}/cancel`) return ok(waitlistEntry({ status: 'CANCELLED', position: null }));
    if (url === path) return ok(appointment());
    if (url === `${path}/check-in`) return ok(checkedIn());
    if (url === `${path}/cancel`) return ok(appointment({ status: 'CANCELLED', canChange: false, canCheckIn: false, cancelledAt: `${TODAY}T01:00:00.000Z` }));
    if (url === `${path}/reschedule`) return ok(appointment({ slotId: LATER_SLOT.id, start: '10:20', end: '10:40', startsAt: LATER_SLOT.startsAt, endsAt: LATER_SLOT.endsAt }));
    if (url.startsWith(`/api/offices/${office.id}/slots`)) {
      if (!url.includes(`serviceId=${ID_RENEWAL.id}`)) return fail(422, 'APPOINTMENT_NOT_OFFERED');
      return ok(slotDay(/date=([\d-]+)/.exec(url)?.[1] ?? TODAY));
    }
    if (url.startsWith(`/api/offices/${office.id}`)) return ok(bookingOffice);
    if (url.startsWith('/api/services/')) return ok(guide);
    if (url === '/api/me') return ok({});
    return fail(404, 'NOT_FOUND');
  });
}

const guide = {
  ...ID_RENEWAL,
  aliases: [],
  categoryLetter: 'C',
  conditions: [],
  process: [],
  materials: [],
  legalDays: 0,
  fee: { fen: 0, maxFen: null, display: '免费', note: null },
  channels: { window: true, online: false, proxy: true, appointmentRequired: false },
  meanHandlingMinutes: 20,
  legalBasis: [],
  offices: [
    { id: office.id, name: office.name, level: 'COUNTY_CENTER', levelLabel: '政务服务中心', address: office.address, distanceMeters: null, isOpen: true, hasOnlineBooking: true, takesTickets: true },
    { id: WINDOW_ONLY_OFFICE.id, name: WINDOW_ONLY_OFFICE.name, level: 'VILLAGE_STATION', levelLabel: '便民服务站', address: office.address, distanceMeters: null, isOpen: true, hasOnlineBooking: false, takesTickets: true },
  ],
};

const openDetail = async (overrides?: (call: Call) => Reply | Error | undefined) => {
  signIn();
  routeTo({ id: APPOINTMENT_ID });
  const calls = bff(overrides);
  const view = render(<AppointmentsPage />);
  expect(await screen.findByText('K7M2QX')).toBeInTheDocument();
  return { calls, view };
};

beforeEach(() => {
  resetAll();
  scanCode.mockReset();
  process.env.TARO_ENV = 'h5';
});

describe('我的预约', () => {
  it('lists coming appointments with time, status in words, hall and code, then the past ones; a row opens it', async () => {
    signIn();
    bff();
    render(<AppointmentsPage />);
    await waitFor(() => expect(document.getElementById('appointment-item-0')).toHaveTextContent('11月23日 周一 09:40–10:00'));
    const row = document.getElementById('appointment-item-0')!;
    const first = row;
    expect(row).toHaveTextContent('待签到');
    expect(row).toHaveTextContent(`${ID_RENEWAL.name} · ${office.name} · 预约码 K7M2QX`);
    expect(document.getElementById('appointment-past-0')).toHaveTextContent('已取消');
    expect(document.getElementById('appointment-past-0')).toHaveTextContent('P3Q4RS');
    fireEvent.click(first);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/appointments/index?id=${APPOINTMENT_ID}` });
  });

  it('shows 我的候补 with the place in line, and cancels one after a confirmation in the page', async () => {
    signIn();
    const calls = bff();
    render(<AppointmentsPage />);
    const entry = await screen.findByText('候补中');
    expect(entry).toBeInTheDocument();
    expect(document.getElementById('waitlist-item-0')).toHaveTextContent('第 3 位');
    fireEvent.click(screen.getByRole('button', { name: '取消候补' }));
    fireEvent.click(screen.getByRole('button', { name: '不取消，继续候补' }));
    expect(calls.some((c) => c.url.endsWith('/cancel'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '取消候补' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确定取消候补' })));
    expect(calls.filter((c) => c.url === `/api/appointments/waitlist/${WAITLIST_ID}/cancel`).map((c) => c.method)).toEqual(['POST']);
    expect(document.getElementById('waitlist-item-0')).toHaveTextContent('已取消');
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('hides 我的候补 when the BFF cannot list it, and still lists the appointments', async () => {
    signIn();
    bff(({ url }) => (url === '/api/appointments/waitlist' ? fail(404, 'NOT_FOUND') : undefined));
    render(<AppointmentsPage />);
    await waitFor(() => expect(document.getElementById('appointment-item-0')).toHaveTextContent('11月23日 周一 09:40–10:00'));
    expect(document.getElementById('waitlist')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is one tap from 我的', () => {
    render(<MePage />);
    fireEvent.click(screen.getByText('我的预约'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/appointments/index' });
  });

  it('asks a signed-out person to sign in', () => {
    const calls = bff();
    render(<AppointmentsPage />);
    expect(screen.getByText('查看预约前请先登录')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

describe('预约详情: 签到', () => {
  it('on H5 checks in with the typed hall code, then shows the priority number and 查看排队号', async () => {
    const { calls } = await openDetail();
    expect(document.getElementById('appointment-status')).toHaveTextContent('待签到');
    expect(document.getElementById('checkin-window')).toHaveTextContent('签到时间：11月23日 周一 09:10–09:55');
    expect(document.getElementById('checkin-window-desk')).toHaveTextContent('也可以到窗口出示预约码 K7M2QX');
    expect(screen.queryByRole('button', { name: '扫码签到' })).toBeNull();
    // Never greyed out (grey alone would be colour alone): an empty tap says what is missing.
    expect(screen.getByRole('button', { name: '签到' })).toBeEnabled();
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请先输入大厅窗口显示的8位字母和数字');
    expect(document.getElementById('checkin-where')).toHaveTextContent('签到码在大厅窗口的屏幕上，每天更换。');
    expect(calls.some((c) => c.url.endsWith('/check-in'))).toBe(false);
    fireEvent.change(screen.getByLabelText('输入大厅签到码'), { target: { value: ' ab3k 7mq2 ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '签到' })));
    expect(calls.find((c) => c.url === `${path}/check-in`)).toMatchObject({ method: 'POST', data: { hallCode: 'AB3K7MQ2' } });
    expect(await screen.findByText('签到成功')).toBeInTheDocument();
    expect(document.getElementById('checkin-ticket-number')).toHaveTextContent('C012');
    expect(document.getElementById('checkin-done')).toHaveTextContent('预约优先');
    expect(document.getElementById('appointment-status')).toHaveTextContent('已签到');
    expect(document.getElementById('checkin')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '查看排队号' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/ticket/index?id=${TICKET_ID}` });
  });

  it('on WeChat offers 扫码签到 first, sends the scanned payload, and keeps typing as the fallback', async () => {
    process.env.TARO_ENV = 'weapp';
    scanCode.mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' }).mockResolvedValueOnce({ result: ` palm-checkin:${office.id}:${TODAY}:AB3K7MQ2 ` });
    const { calls } = await openDetail();
    // Cancelled scan: nothing sent, nothing said.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '扫码签到' })));
    expect(calls.some((c) => c.url.endsWith('/check-in'))).toBe(false);
    expect(screen.getByRole('button', { name: '扫不了？输入大厅签到码' })).toBeInTheDocument();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '扫码签到' })));
    expect(scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
    expect(calls.find((c) => c.url === `${path}/check-in`)?.data).toEqual({ hallCode: `palm-checkin:${office.id}:${TODAY}:AB3K7MQ2` });
    expect(await screen.findByText('C012')).toBeInTheDocument();
  });

  it('on WeChat says at once, sending nothing, when the scanned QR is no hall’s or another hall’s', async () => {
    process.env.TARO_ENV = 'weapp';
    scanCode.mockResolvedValueOnce({ result: 'https://qr.alipay.com/pay?x=1' }).mockResolvedValueOnce({ result: `palm-checkin:${WINDOW_ONLY_OFFICE.id}:${TODAY}:AB3K7MQ2` });
    const { calls } = await openDetail();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '扫码签到' })));
    expect(screen.getByRole('alert')).toHaveTextContent('这不是办事大厅的签到码，请扫描大厅窗口显示的签到二维码');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '扫码签到' })));
    expect(screen.getByRole('alert')).toHaveTextContent(`这是其他大厅的签到码。您预约的是${office.name}，请在该大厅扫码签到`);
    expect(calls.some((c) => c.url.endsWith('/check-in'))).toBe(false);
  });

  it('after too many wrong codes today offers only the window, with the appointment code', async () => {
    const { calls } = await openDetail(({ url }) => (url.endsWith('/check-in') ? fail(429, 'RATE_LIMITED', '签到码输错次数太多') : undefined));
    fireEvent.change(screen.getByLabelText('输入大厅签到码'), { target: { value: 'AB3K7MQ2' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '签到' })));
    expect(await screen.findByRole('alert')).toHaveTextContent('签到码输错次数太多，今天不能再用签到码签到了。请到窗口出示预约码 K7M2QX，由工作人员为您签到。');
    expect(screen.queryByLabelText('输入大厅签到码')).toBeNull();
    expect(screen.queryByRole('button', { name: '签到' })).toBeNull();
    expect(calls.filter((c) => c.url.endsWith('/check-in'))).toHaveLength(1);
  });

  it.each([
    ['CHECK_IN_NOT_OPEN', '还没到签到时间，请在预约开始前30分钟内签到'],
    ['CHECK_IN_CLOSED', '已过签到时间（预约开始后15分钟），请到窗口现场取号办理'],
    ['CHECK_IN_WRONG_HALL', '签到码不对，请核对后再试（今天还可以再试4次），或到窗口出示预约码签到'],
    ['CHECK_IN_CODE_EXPIRED', '这是昨天的签到码，已过期：签到码每天更换，请输入大厅窗口显示的今天的签到码'],
  ])('says %s in the page', async (code, words) => {
    // The BFF's words are shown as sent (they may say when check-in opens).
    await openDetail(({ url }) => (url.endsWith('/check-in') ? fail(422, code, words) : undefined));
    fireEvent.change(screen.getByLabelText('输入大厅签到码'), { target: { value: 'AB3K7MQ2' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '签到' })));
    expect(await screen.findByRole('alert')).toHaveTextContent(words);
  });

  it('refused because the window closed meanwhile: says so, asks again and takes the form away', async () => {
    let isClosed = false;
    const { calls } = await openDetail(({ url }) => {
      if (url.endsWith('/check-in')) {
        isClosed = true;
        return fail(422, 'CHECK_IN_CLOSED', '已过签到时间');
      }
      return url === path && isClosed ? ok(appointment({ canCheckIn: false, canChange: false })) : undefined;
    });
    fireEvent.change(screen.getByLabelText('输入大厅签到码'), { target: { value: 'AB3K7MQ2' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '签到' })));
    expect(await screen.findByText('现在不在签到时间内。请在上面的签到时间到大厅签到。')).toBeInTheDocument();
    expect(calls.filter((c) => c.url === path)).toHaveLength(2);
    expect(screen.getByRole('alert')).toHaveTextContent('已过签到时间');
    expect(screen.queryByLabelText('输入大厅签到码')).toBeNull();
  });

  it('outside the check-in window offers no form, and still points to the window', async () => {
    await openDetail(({ url }) => (url === path ? ok(appointment({ canCheckIn: false })) : undefined));
    expect(document.getElementById('checkin-not-open')).toHaveTextContent('现在不在签到时间内');
    expect(screen.queryByLabelText('输入大厅签到码')).toBeNull();
    expect(document.getElementById('checkin-window-desk')).toHaveTextContent('K7M2QX');
  });

  it('lists the materials of the guide it was booked under', async () => {
    await openDetail();
    const card = document.getElementById('appointment-guide')!;
    expect(within(card).getByText('1. 居民身份证')).toBeInTheDocument();
    expect(within(card).getByText('可用电子证照替代')).toBeInTheDocument();
    expect(within(card).getByText('20 元')).toBeInTheDocument();
    expect(document.getElementById('appointment-guide-changed')).toBeNull();
  });

  it('says the guide has changed since, and that the booking is handled by the one it was made under', async () => {
    const old = appointment();
    await openDetail(({ url }) => (url === path ? ok({ ...old, guide: { ...old.guide, version: 1, isCurrent: false } }) : undefined));
    expect(document.getElementById('appointment-guide-changed')).toHaveTextContent('办事指南已更新；您的预约按预约时的指南办理。');
  });

  it('after check-in the detail leads to the queue number', async () => {
    await openDetail(({ url }) => (url === path ? ok(checkedIn()) : undefined));
    expect(document.getElementById('checkin-ticket-number')).toHaveTextContent('C012');
    expect(screen.queryByRole('button', { name: '取消预约' })).toBeNull();
  });
});

describe('预约详情: the check-in window opens and closes while the page is open', () => {
  const MINUTE = 60_000;
  /** Lets the fake clock run to `time` today (Shanghai), firing the timers due on the way. */
  const runTo = (time: string) => act(async () => void (await jest.advanceTimersByTimeAsync(todayAt(time) - Date.now())));
  const gets = (calls: Call[]) => calls.filter((c) => c.url === path && c.method === 'GET').length;
  /** A BFF whose clock is the (fake) phone clock plus `skew` ms. */
  const bffClock = (skew = 0) => ({ url }: Call) => (url === path ? ok(appointmentAsOf(Date.now() + skew)) : undefined);

  afterEach(() => jest.useRealTimers());

  it('opened 40 minutes early: 扫码签到 appears when the window opens and goes when it closes, as the BFF says', async () => {
    process.env.TARO_ENV = 'weapp';
    jest.useFakeTimers({ now: todayAt('08:30') });
    const { calls } = await openDetail(bffClock());
    expect(document.getElementById('checkin-not-open')).toHaveTextContent('到时这里会出现签到按钮');
    expect(screen.queryByRole('button', { name: '扫码签到' })).toBeNull();

    // Nothing is asked before the window opens.
    await act(async () => void (await jest.advanceTimersByTimeAsync(todayAt('09:10') - 1000 - Date.now())));
    expect(gets(calls)).toBe(1);
    expect(screen.queryByRole('button', { name: '扫码签到' })).toBeNull();

    await runTo('09:10');
    expect(gets(calls)).toBe(2);
    expect(screen.getByRole('button', { name: '扫码签到' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '扫不了？输入大厅签到码' })).toBeInTheDocument();
    expect(document.getElementById('checkin-not-open')).toBeNull();

    await runTo('09:55');
    expect(gets(calls)).toBe(3);
    expect(screen.queryByRole('button', { name: '扫码签到' })).toBeNull();
    expect(document.getElementById('checkin-not-open')).toHaveTextContent('现在不在签到时间内');
    expect(document.getElementById('checkin-not-open')).not.toHaveTextContent('到时这里会出现签到按钮');
    expect(document.getElementById('checkin-window-desk')).toHaveTextContent('K7M2QX');

    // The window is over: nothing more is asked.
    await act(async () => void (await jest.advanceTimersByTimeAsync(3 * 60 * MINUTE)));
    expect(gets(calls)).toBe(3);
  });

  it('with the phone a minute fast, asks again every 30 s until the BFF opens the window', async () => {
    jest.useFakeTimers({ now: todayAt('09:00') });
    const { calls } = await openDetail(bffClock(-MINUTE));
    await runTo('09:10');
    expect(gets(calls)).toBe(2);
    expect(screen.queryByLabelText('输入大厅签到码')).toBeNull();
    await act(async () => void (await jest.advanceTimersByTimeAsync(CHECK_IN_RECHECK_MS)));
    expect(screen.queryByLabelText('输入大厅签到码')).toBeNull();
    await act(async () => void (await jest.advanceTimersByTimeAsync(CHECK_IN_RECHECK_MS)));
    expect(gets(calls)).toBe(4);
    expect(screen.getByLabelText('输入大厅签到码')).toBeInTheDocument();
    // Open now: the next question is at the close.
    await act(async () => void (await jest.advanceTimersByTimeAsync(10 * MINUTE)));
    expect(gets(calls)).toBe(4);
  });

  it('with the phone a day behind, offers check-in when the window opens by the BFF\'s clock, learned from its answers', async () => {
    const DAY = 24 * 60 * MINUTE;
    jest.useFakeTimers({ now: todayAt('09:00') - DAY });
    const { calls } = await openDetail(({ url }) => {
      if (url !== path) return undefined;
      const serverTime = Date.now() + DAY;
      return { ...ok(appointmentAsOf(serverTime)), header: { 'x-server-time': String(serverTime) } };
    });
    expect(screen.queryByLabelText('输入大厅签到码')).toBeNull();
    await act(async () => void (await jest.advanceTimersByTimeAsync(10 * MINUTE)));
    expect(gets(calls)).toBe(2);
    expect(screen.getByLabelText('输入大厅签到码')).toBeInTheDocument();
  });

  it('sets no runaway timer for a window weeks away or long past', async () => {
    jest.useFakeTimers({ now: todayAt('09:00') - 60 * 24 * 60 * MINUTE });
    const timeouts = jest.spyOn(globalThis, 'setTimeout');
    const { calls } = await openDetail(bffClock());
    // 60 days is past setTimeout's longest delay (2³¹ − 1 ms), which phones and browsers fire at
    // once (fake timers do not): it is capped, and the capped timer only plans again.
    const longest = 0x7fffffff;
    expect(timeouts.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms > MINUTE)).toEqual([longest]);
    await act(async () => void (await jest.advanceTimersByTimeAsync(longest)));
    expect(gets(calls)).toBe(1);
    timeouts.mockRestore();
    // A phone clock past the window, or an appointment no longer waiting for check-in: no timer.
    const far = appointmentAsOf(0);
    expect(nextCheckInCheck(todayAt('09:00') + 60 * MINUTE, far)).toBeNull();
    expect(nextCheckInCheck(todayAt('09:00'), { ...far, status: 'CHECKED_IN' })).toBeNull();
  });

  it('asks again when the page is shown again, and shows what the BFF says now', async () => {
    const shows: Array<() => void> = [];
    const realUseDidShow = taroModule.useDidShow;
    const spy = jest.spyOn(taroModule, 'useDidShow').mockImplementation((callback) => {
      shows.splice(0, shows.length, callback);
      realUseDidShow(callback);
    });
    let now = appointment({ canCheckIn: false });
    const { calls } = await openDetail(({ url }) => (url === path ? ok(now) : undefined));
    expect(document.getElementById('checkin-not-open')).toBeInTheDocument();
    // Back from another app after the clerk checked the person in at the window.
    now = checkedIn();
    await act(async () => shows[0]!());
    expect(await screen.findByText('C012')).toBeInTheDocument();
    expect(document.getElementById('checkin')).toBeNull();
    expect(calls.filter((c) => c.url === path)).toHaveLength(2);
    expect(screen.queryByText('正在加载…')).toBeNull();
    spy.mockRestore();
  });
});

describe('预约详情: 取消与改约', () => {
  it('cancels after a confirmation in the page (no pop-up)', async () => {
    const { calls } = await openDetail();
    fireEvent.click(screen.getByRole('button', { name: '取消预约' }));
    expect(screen.getByText('确定取消这个预约吗？')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '不取消' }));
    expect(calls.some((c) => c.url.endsWith('/cancel'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '取消预约' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确定取消预约' })));
    expect(calls.filter((c) => c.url === `${path}/cancel`).map((c) => c.method)).toEqual(['POST']);
    expect(await screen.findByText('预约已取消。')).toBeInTheDocument();
    expect(document.getElementById('appointment-status')).toHaveTextContent('已取消');
    expect(taro.showModal).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '再次预约' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/book/index?officeId=${office.id}&serviceId=${ID_RENEWAL.id}` });
  });

  it('reschedules to another time of the same service, the current one shown but not choosable', async () => {
    const { calls } = await openDetail();
    fireEvent.click(screen.getByRole('button', { name: '改约到其他时间' }));
    const current = await screen.findByRole('radio', { name: /09:40到10:00/ });
    expect(current).toHaveTextContent('当前预约');
    expect(current).toHaveAttribute('aria-disabled', 'true');
    // A full time cannot be moved to (候补 is for new bookings).
    expect(screen.getByRole('radio', { name: /10:00到10:20/ })).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(screen.getByRole('radio', { name: /10:20到10:40/ }));
    expect(document.getElementById('reschedule-new')).toHaveTextContent('11月23日 周一 10:20–10:40');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认改约' })));
    expect(calls.find((c) => c.url === `${path}/reschedule`)).toMatchObject({ method: 'POST', data: { slotId: LATER_SLOT.id } });
    expect(await screen.findByText('已改约到 11月23日 周一 10:20–10:40。')).toBeInTheDocument();
    expect(document.getElementById('appointment-when')).toHaveTextContent('10:20–10:40');
  });

  it('says a refused move in the page and keeps the booking', async () => {
    await openDetail(({ url }) => (url.endsWith('/reschedule') ? fail(409, 'APPOINTMENT_CHANGE_CLOSED', '距预约开始已不足30分钟，不能在线取消或改约，如有需要请联系大厅') : undefined));
    fireEvent.click(screen.getByRole('button', { name: '改约到其他时间' }));
    fireEvent.click(await screen.findByRole('radio', { name: /10:20到10:40/ }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认改约' })));
    expect(await screen.findByRole('alert')).toHaveTextContent('距预约开始已不足30分钟');
    expect(document.getElementById('appointment-when')).toHaveTextContent('09:40–10:00');
  });

  it('within 30 minutes of the start says why it can no longer be changed online', async () => {
    await openDetail(({ url }) => (url === path ? ok(appointment({ canChange: false })) : undefined));
    expect(document.getElementById('appointment-change-closed')).toHaveTextContent('距开始已不足30分钟');
    expect(screen.queryByRole('button', { name: '取消预约' })).toBeNull();
    expect(screen.queryByRole('button', { name: '改约到其他时间' })).toBeNull();
  });
});

describe('预约 entries', () => {
  it('a hall offers 预约办理 naming the services it takes bookings for, from its own page data', async () => {
    routeTo({ id: office.id });
    const calls = bff();
    render(<OfficePage />);
    fireEvent.click(await screen.findByRole('button', { name: '预约办理' }));
    expect(document.getElementById('office-bookable')).toHaveTextContent(`可以网上预约：${ID_RENEWAL.name}`);
    expect(document.getElementById('office-bookable')).not.toHaveTextContent(bookingOffice.services[0]!.name);
    expect(calls.some((c) => c.url.includes('/slots'))).toBe(false);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/book/index?officeId=${office.id}&serviceId=${ID_RENEWAL.id}` });
  });

  it('a service guide offers 预约 when a hall takes bookings for it, that hall chosen already', async () => {
    routeTo({ id: ID_RENEWAL.id });
    const calls = bff();
    render(<ServicePage />);
    fireEvent.click(await screen.findByRole('button', { name: '预约' }));
    expect(document.getElementById('service-ways')).toHaveTextContent('也可网上预约，签到后优先叫号');
    expect(calls.some((c) => c.url.includes('/slots'))).toBe(false);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/book/index?serviceId=${ID_RENEWAL.id}&officeId=${office.id}` });
  });

  it('no 预约办理 on a hall without bookings', async () => {
    routeTo({ id: office.id });
    const calls = bff(({ url }) => (url.startsWith(`/api/offices/${office.id}`) ? ok(unbookableOffice) : undefined));
    render(<OfficePage />);
    expect(await screen.findByRole('button', { name: '取号排队' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '预约办理' })).toBeNull();
    expect(calls.some((c) => c.url.includes('/slots'))).toBe(false);
  });

  it('no 预约 on a service guide when no hall takes bookings for it', async () => {
    routeTo({ id: ID_RENEWAL.id });
    bff(({ url }) => (url.startsWith('/api/services/') ? ok({ ...guide, offices: guide.offices.map((o) => ({ ...o, hasOnlineBooking: false })) }) : undefined));
    render(<ServicePage />);
    expect(await screen.findByText(ID_RENEWAL.name, { selector: '#service-name' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '取号' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '预约' })).toBeNull();
    expect(screen.queryByRole('button', { name: '预约办理' })).toBeNull();
  });
});

describe('我的预约 in 长辈版', () => {
  it('renders the detail larger, errors inline and no pop-up', async () => {
    updateElderState({ elderMode: true });
    const { view } = await openDetail(({ url }) => (url.endsWith('/cancel') ? fail(409, 'APPOINTMENT_CHANGE_CLOSED', '距预约开始已不足30分钟，不能在线取消或改约，如有需要请联系大厅') : undefined));
    expect(view.container.firstElementChild).toHaveClass('palm-page', 'elder');
    fireEvent.click(screen.getByRole('button', { name: '取消预约' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确定取消预约' })));
    expect(await screen.findByRole('alert')).toHaveTextContent('不能在线取消或改约');
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('in 长辈版 the 签到 button is never greyed out: an early tap says in words what is missing, with no pop-up', async () => {
    updateElderState({ elderMode: true });
    const { calls } = await openDetail();
    const submit = screen.getByRole('button', { name: '签到' });
    expect(submit).toBeEnabled();
    expect(submit).not.toHaveClass('palm-button--inactive');
    fireEvent.change(screen.getByLabelText('输入大厅签到码'), { target: { value: 'AB' } });
    fireEvent.click(submit);
    expect(screen.getByRole('alert')).toHaveTextContent('请先输入大厅窗口显示的8位字母和数字');
    expect(document.getElementById('checkin-where')).toHaveTextContent('签到码在大厅窗口的屏幕上，每天更换。');
    expect(calls.some((c) => c.url.endsWith('/check-in'))).toBe(false);
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('lists fewer past appointments in 长辈版', async () => {
    updateElderState({ elderMode: true });
    signIn();
    const past = Array.from({ length: 6 }, (_, i) => appointment({ id: `a9900001-0000-4000-8000-00000000010${i}`, status: 'DONE', startsAt: `2026-11-1${i}T02:00:00.000Z`, date: `2026-11-1${i}` }));
    bff(({ url }) => (url === '/api/appointments' ? ok({ items: past }) : undefined));
    const { container } = render(<AppointmentsPage />);
    expect(await screen.findByText('您现在没有待办理的预约。')).toBeInTheDocument();
    expect(container.firstElementChild).toHaveClass('elder');
    expect(within(document.getElementById('appointment-history')!).getAllByRole('button')).toHaveLength(3);
  });
});
