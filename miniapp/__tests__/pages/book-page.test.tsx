// 预约办理 against a scripted BFF: hall → service → day → time → confirm → the code; 候补 on a full
// time; every refusal said in the page (full, the two limits, suspended with its reason, end date
// and an in-page appeal); the reminder prompt only on a tap; the same in 长辈版, with the no-show
// rule and the walk-in hint kept, and no button greyed out.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import { setMe } from '../../src/api/session';
import BookPage from '../../src/pages/book/index';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, me, MODES, ok, resetAll, signIn, taro, type Reply } from '../helpers';
import { appointment, bookingOffice, CARD_APPLY, FREE_SLOT, FULL_SLOT, ID_RENEWAL, officeList, slotDay, suspension, TODAY, unbookableOffice, waitlistEntry, WINDOW_ONLY_OFFICE } from './appointment-fixtures';
import { office } from './fixtures';

type Call = { url: string; method: string; header: Record<string, string>; data: unknown };

const pageScrollTo = jest.fn(() => Promise.resolve());
Object.assign(taro, { pageScrollTo });
const routeTo = (params: Record<string, string>) => (useRouter as jest.Mock).mockReturnValue({ params });
const slotsUrl = `/api/offices/${office.id}/slots`;

/** The BFF of the booking page; `overrides` answers first (undefined falls through). */
function bff(overrides: (call: Call) => Reply | Error | undefined = () => undefined) {
  return answerRequests((call) => {
    const answer = overrides(call);
    if (answer !== undefined) return answer;
    const { url, method } = call;
    if (url.startsWith(slotsUrl)) {
      if (!url.includes(`serviceId=${ID_RENEWAL.id}`)) return fail(422, 'APPOINTMENT_NOT_OFFERED');
      const date = /date=([\d-]+)/.exec(url)?.[1] ?? TODAY;
      return ok(slotDay(date));
    }
    if (url === `/api/offices/${office.id}`) return ok(bookingOffice);
    if (url.startsWith('/api/offices')) return ok(officeList(url));
    if (url === '/api/booking-suspensions') return ok({ items: [] });
    if (url === '/api/appointments' && method === 'POST') return { status: 201, body: appointment() };
    if (url === '/api/appointments/waitlist' && method === 'POST') return { status: 201, body: waitlistEntry() };
    return fail(404, 'NOT_FOUND');
  });
}

const radio = (name: RegExp) => screen.findByRole('radio', { name });
const posts = (calls: Call[], url: string) => calls.filter((c) => c.url === url && c.method === 'POST');

async function openAt(params: Record<string, string> = { officeId: office.id, serviceId: ID_RENEWAL.id }) {
  routeTo(params);
  render(<BookPage />);
  return radio(/09:40到10:00/);
}

beforeEach(() => {
  resetAll();
  pageScrollTo.mockClear();
  process.env.TARO_ENV = 'h5';
});

describe('预约办理', () => {
  it('books a time: the BFF’s today chosen, places left in words, the facts and rules, then the code large', async () => {
    signIn();
    setMe(me);
    const calls = bff();
    const free = await openAt();
    expect(document.getElementById('book-office-name')).toHaveTextContent(office.name);
    expect(document.getElementById('book-service-name')).toHaveTextContent(ID_RENEWAL.name);
    // Today is the BFF's business date, with its weekday, chosen because it has places.
    expect(document.getElementById('book-day-0')).toHaveAttribute('aria-checked', 'true');
    expect(document.getElementById('book-day-0')).toHaveTextContent('今天');
    expect(document.getElementById('book-day-title')).toHaveTextContent('11月23日 周一');
    expect(calls.some((c) => c.url === `${slotsUrl}?serviceId=${ID_RENEWAL.id}&date=2026-11-29`)).toBe(true);
    // Which services take bookings is the hall's own answer: no slot list is asked to find out.
    expect(calls.filter((c) => c.url.startsWith(slotsUrl)).every((c) => c.url.includes(`serviceId=${ID_RENEWAL.id}`))).toBe(true);
    expect(free).toHaveTextContent('余2');
    expect(await radio(/10:00到10:20/)).toHaveTextContent('已约满 · 2人候补');
    // A time already gone is not offered.
    expect(screen.queryByRole('radio', { name: /09:00到09:20/ })).toBeNull();
    expect(screen.getByText('已过去的时段不再显示。')).toBeInTheDocument();

    fireEvent.click(free);
    expect(free).toHaveAttribute('aria-checked', 'true');
    expect(free).toHaveTextContent('✓ 已选');
    expect(free).toHaveTextContent('余2');
    // The confirm panel is below the list: it is brought into view.
    await waitFor(() => expect(pageScrollTo).toHaveBeenCalledWith({ selector: '#book-confirm-panel', duration: 300 }));
    const panel = document.getElementById('book-confirm-panel')!;
    expect(within(panel).getByText('11月23日 周一 09:40–10:00')).toBeInTheDocument();
    expect(within(panel).getByText(office.address)).toBeInTheDocument();
    expect(within(panel).getByText('本人（张桂兰）')).toBeInTheDocument();
    expect(within(panel).getByText(/开始前30分钟以前，可以在线取消或改约/)).toBeInTheDocument();
    expect(within(panel).getByText(/开始前30分钟到开始后15分钟内到大厅签到/)).toBeInTheDocument();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    const [post] = posts(calls, '/api/appointments');
    expect(post!.data).toEqual({ slotId: FREE_SLOT.id, serviceId: ID_RENEWAL.id });
    expect(post!.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    expect(await screen.findByText('预约成功')).toBeInTheDocument();
    expect(document.getElementById('booked-code')).toHaveTextContent('K7M2QX');
    expect(document.getElementById('booked-check-in')).toHaveTextContent('09:10–09:55');
    fireEvent.click(screen.getByRole('button', { name: '去我的预约' }));
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/appointments/index' });
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('sends the same Idempotency-Key when a booking is retried after a lost answer', async () => {
    signIn();
    let tries = 0;
    const calls = bff(({ url, method }) => (url === '/api/appointments' && method === 'POST' && (tries += 1) === 1 ? new Error('request:fail timeout') : undefined));
    fireEvent.click(await openAt());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText(/网络太慢/)).toBeInTheDocument();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText('预约成功')).toBeInTheDocument();
    const keys = posts(calls, '/api/appointments').map((c) => c.header['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('says why a day has no times: 节假日, not offered that weekday, not released yet with when', async () => {
    bff();
    await openAt();
    expect(document.getElementById('book-day-3')).toHaveTextContent('节假日');
    expect(document.getElementById('book-day-5')).toHaveTextContent('不开放');
    expect(document.getElementById('book-day-4')).toHaveTextContent('未放号');
    fireEvent.click(document.getElementById('book-day-3')!);
    expect(await screen.findByText('法定节假日不开放预约，急办事项可到大厅现场办理')).toBeInTheDocument();
    fireEvent.click(document.getElementById('book-day-4')!);
    expect(await screen.findByText('明天 08:00 放号')).toBeInTheDocument();
    const notYet = await radio(/09:00到09:20/);
    expect(notYet).toHaveTextContent('08:00放号');
    expect(notYet).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(notYet);
    expect(document.getElementById('book-confirm-panel')).toBeNull();
  });

  it('chooses the hall, then only the services it takes bookings for', async () => {
    signIn();
    const calls = bff();
    routeTo({});
    render(<BookPage />);
    // Without a service every hall is offered; which services each takes bookings for comes next.
    expect(await radio(/青石县政务服务中心/)).toBeInTheDocument();
    expect(calls.some((c) => c.url.startsWith('/api/offices?') && c.url.includes('serviceId='))).toBe(false);
    fireEvent.click(await radio(/青石县政务服务中心/));
    const idRenewal = await radio(new RegExp(ID_RENEWAL.name));
    expect(screen.queryByRole('radio', { name: new RegExp(CARD_APPLY.name) })).toBeNull();
    expect(calls.some((c) => c.url.startsWith(slotsUrl))).toBe(false);
    fireEvent.click(idRenewal);
    expect(await radio(/09:40到10:00/)).toHaveTextContent('余2');
  });

  it('offers the halls that take bookings for a service when it comes from the service guide', async () => {
    const calls = bff();
    routeTo({ serviceId: ID_RENEWAL.id });
    render(<BookPage />);
    const hall = await radio(/青石县政务服务中心/);
    // A hall offering the service at the window only is not a booking choice.
    expect(screen.queryByRole('radio', { name: new RegExp(WINDOW_ONLY_OFFICE.name) })).toBeNull();
    expect(calls.some((c) => c.url.includes('/slots'))).toBe(false);
    fireEvent.click(hall);
    expect(await radio(/09:40到10:00/)).toBeInTheDocument();
    expect(document.getElementById('book-service-name')).toHaveTextContent(ID_RENEWAL.name);
  });

  it('with a service the hall does not book, says so and offers the ones it does', async () => {
    bff();
    routeTo({ officeId: office.id, serviceId: CARD_APPLY.id });
    render(<BookPage />);
    expect(await screen.findByText('这个大厅暂不提供您选的事项的网上预约，请选择下面的事项，或换一个大厅。')).toBeInTheDocument();
    expect(await radio(new RegExp(ID_RENEWAL.name))).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: new RegExp(CARD_APPLY.name) })).toBeNull();
    expect(document.getElementById('book-slots')).toBeNull();
  });

  it('says when no hall takes bookings for the service, and points to the window', async () => {
    bff();
    routeTo({ serviceId: CARD_APPLY.id });
    render(<BookPage />);
    expect(await screen.findByText('附近暂时没有可以网上预约这项业务的大厅，可以直接到大厅窗口办理。')).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: /青石县政务服务中心/ })).toBeNull();
  });

  it('says when a hall takes no bookings, and points to the window', async () => {
    bff(({ url }) => (url === `/api/offices/${office.id}` ? ok(unbookableOffice) : undefined));
    routeTo({ officeId: office.id });
    render(<BookPage />);
    expect(await screen.findByText('这个大厅暂不提供网上预约，不用预约也可以到窗口办理。')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '直接取号排队' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/take-ticket/index?officeId=${office.id}` });
  });

  it('offers 候补 on a full time, with how many wait, and joins the list', async () => {
    signIn();
    const calls = bff();
    await openAt();
    fireEvent.click(await radio(/10:00到10:20/));
    expect(screen.getByText('4. 这个时段已约满')).toBeInTheDocument();
    expect(document.getElementById('book-waitlist-note')).toHaveTextContent('现在已有 2 人候补');
    expect(screen.queryByRole('button', { name: '确认预约' })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '候补这个时段' })));
    const [post] = posts(calls, '/api/appointments/waitlist');
    expect(post!.data).toEqual({ slotId: FULL_SLOT.id, serviceId: ID_RENEWAL.id });
    expect(await screen.findByText('已加入候补')).toBeInTheDocument();
    expect(screen.getByText('候补第 3 位')).toBeInTheDocument();
  });

  it('when the time fills up meanwhile: says so, shows the times again, and offers 候补 for it', async () => {
    signIn();
    let isFull = false;
    const calls = bff(({ url, method }) => {
      if (url === '/api/appointments' && method === 'POST') {
        isFull = true;
        return fail(409, 'SLOT_FULL', '该时段已约满');
      }
      if (isFull && url === `${slotsUrl}?serviceId=${ID_RENEWAL.id}`) {
        const today = slotDay(TODAY);
        return ok({ ...today, items: today.items.map((s) => (s.id === FREE_SLOT.id ? { ...s, remaining: 0, isBookable: false, unavailableReason: 'FULL' } : s)) });
      }
      return undefined;
    });
    fireEvent.click(await openAt());
    const before = calls.filter((c) => c.url.startsWith(slotsUrl)).length;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText('这个时段刚刚被约满了。请选择其他时段，或候补这个时段。')).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.url.startsWith(slotsUrl)).length).toBeGreaterThan(before));
    expect(await screen.findByRole('button', { name: '候补这个时段' })).toBeInTheDocument();
    expect(await radio(/09:40到10:00/)).toHaveTextContent('✓ 已选');
  });

  it.each([
    ['APPOINTMENT_LIMIT_SERVICE_DAY', '当天已约过这项业务', '您当天已预约过这项业务，每人每天每项业务只能预约一次'],
    ['APPOINTMENT_LIMIT_TOTAL', '预约数量已满', '您已有3个未完成的预约，请办理或取消后再预约'],
  ])('refused with %s: says why in the page and leads to 我的预约', async (code, title, message) => {
    signIn();
    bff(({ url, method }) => (url === '/api/appointments' && method === 'POST' ? fail(409, code, message) : undefined));
    fireEvent.click(await openAt());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    const refusal = await screen.findByText(title);
    expect(refusal).toBeInTheDocument();
    expect(document.getElementById('book-refusal-message')).toHaveTextContent(message);
    fireEvent.click(screen.getByRole('button', { name: '查看我的预约' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/appointments/index' });
  });

  it('refused as suspended: the reason and end date plainly, 现场办理不受影响, and an appeal in the page', async () => {
    signIn();
    let isSuspended = false;
    const calls = bff(({ url, method, data }) => {
      if (url === '/api/appointments' && method === 'POST') {
        isSuspended = true;
        return fail(422, 'APPOINTMENT_SUSPENDED', '因30天内3次预约未到，网上预约已暂停7天；可到大厅现场办理，或提出申诉');
      }
      if (url === '/api/booking-suspensions') return ok({ items: isSuspended ? [suspension()] : [] });
      if (url.endsWith('/appeal')) return ok(suspension({ appealStatus: 'PENDING', canAppeal: false, appealText: (data as { text: string }).text }));
      return undefined;
    });
    fireEvent.click(await openAt());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText('原因：30天内3次预约未按时签到')).toBeInTheDocument();
    expect(document.getElementById('suspension-until')).toHaveTextContent('暂停到：11月26日 周四（含当天）');
    expect(document.getElementById('suspension-offline')).toHaveTextContent('现场办理不受影响');
    expect(screen.queryByRole('button', { name: '确认预约' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '我要申诉' }));
    // Not greyed out (colour alone): a tap without a reason says what is missing, and sends nothing.
    const send = screen.getByRole('button', { name: '提交申诉' });
    expect(send).toBeEnabled();
    fireEvent.click(send);
    expect(document.getElementById('suspension-appeal-error')).toHaveTextContent('请写下申诉理由，至少5个字');
    expect(posts(calls, `/api/booking-suspensions/${suspension().id}/appeal`)).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('申诉理由（至少5个字，例如当天因病未能到场）'), { target: { value: '那几天住院了，有病历' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '提交申诉' })));
    expect(posts(calls, `/api/booking-suspensions/${suspension().id}/appeal`)[0]!.data).toEqual({ text: '那几天住院了，有病历' });
    expect(await screen.findByText('已提交申诉，正在处理')).toBeInTheDocument();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('shows an active suspension before anyone tries, with the appeal’s outcome', async () => {
    signIn();
    bff(({ url }) => (url === '/api/booking-suspensions' ? ok({ items: [suspension({ appealStatus: 'UPHELD', canAppeal: false, decisionNote: '记录核实无误' })] }) : undefined));
    await openAt();
    expect(await screen.findByText('网上预约已暂停')).toBeInTheDocument();
    expect(screen.getByText('申诉未通过：记录核实无误')).toBeInTheDocument();
  });

  it('falls back to the BFF’s words for a suspension when the list is not available', async () => {
    signIn();
    bff(({ url, method }) => {
      if (url === '/api/booking-suspensions') return fail(404, 'NOT_FOUND');
      if (url === '/api/appointments' && method === 'POST') return fail(422, 'APPOINTMENT_SUSPENDED', '网上预约已暂停至11月30日');
      return undefined;
    });
    fireEvent.click(await openAt());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText('网上预约已暂停')).toBeInTheDocument();
    expect(document.getElementById('suspension-reason')).toHaveTextContent(/网上预约已暂停7天|暂停至/);
    expect(document.getElementById('suspension-offline')).toHaveTextContent('现场办理不受影响');
  });

  it('lets anyone look, and asks to sign in before booking', async () => {
    bff();
    fireEvent.click(await openAt());
    expect(screen.queryByRole('button', { name: '确认预约' })).toBeNull();
    fireEvent.click(within(document.getElementById('book-sign-in')!).getByRole('button', { name: '登录' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});

describe('预约提醒', () => {
  const templates = ({ url }: Call): Reply | undefined => {
    if (url === '/api/notifications/templates?platform=weapp&scene=appointment') return ok({ items: [{ kind: 'APPOINTMENT_REMINDER', templateId: 'tpl-remind' }] });
    if (url === '/api/notifications/subscriptions') return { status: 201, body: { items: [] } };
    return undefined;
  };

  it('on WeChat asks inside the 确认预约 tap, then books whatever the answer', async () => {
    process.env.TARO_ENV = 'weapp';
    signIn();
    const calls = bff(templates);
    fireEvent.click(await openAt());
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/notifications/templates'))).toBe(true));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-remind'] });
    expect(await screen.findByText('预约成功')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '开启微信预约提醒' })).toBeNull();
  });

  it('asks nothing where the BFF has no reminder template yet', async () => {
    process.env.TARO_ENV = 'weapp';
    signIn();
    bff(({ url }) => (url.startsWith('/api/notifications/templates') ? fail(400, 'VALIDATION_FAILED') : undefined));
    fireEvent.click(await openAt());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText('预约成功')).toBeInTheDocument();
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /预约提醒/ })).toBeNull();
  });

  it('in 长辈版 books with no pop-up, and offers the reminder as a button afterwards', async () => {
    process.env.TARO_ENV = 'weapp';
    updateElderState({ elderMode: true });
    signIn();
    const calls = bff(templates);
    fireEvent.click(await openAt());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByText('预约成功')).toBeInTheDocument();
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: '开启微信预约提醒' })));
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-remind'] });
    await waitFor(() => expect(document.getElementById('booked-reminder-done')).toHaveTextContent('微信会提醒您'));
    await waitFor(() => expect(calls.find((c) => c.url === '/api/notifications/subscriptions')?.data).toEqual({ platform: 'weapp', accepted: ['tpl-remind'], rejected: [] }));
  });
});

describe('预约办理 in 长辈版', () => {
  it('is the same page, larger, keeps the no-show rule and the walk-in hint in plain words, and errors inline without any pop-up', async () => {
    updateElderState({ elderMode: true });
    signIn();
    setMe({ ...me, age: 66 });
    bff(({ url, method }) => (url === '/api/appointments' && method === 'POST' ? fail(409, 'APPOINTMENT_LIMIT_TOTAL', '您已有3个未完成的预约，请办理或取消后再预约') : undefined));
    routeTo({ officeId: office.id, serviceId: ID_RENEWAL.id });
    const { container } = render(<BookPage />);
    // The window needs no booking: said before anything is chosen.
    expect(document.getElementById('book-walk-in')).toHaveTextContent('不预约也可以到大厅现场取号办理。');
    fireEvent.click(await radio(/09:40到10:00/));
    expect(container.firstElementChild).toHaveClass('palm-page', 'elder');
    expect([...document.querySelectorAll('#book-rules .book__rule')].map((rule) => rule.textContent)).toEqual([
      '· 开始前30分钟以前，可以在线取消或改约',
      '· 请在开始前30分钟到开始后15分钟内到大厅签到，签到后优先叫号',
      '· 30天内3次预约未到，网上预约会暂停7天（到大厅现场办理不受影响）',
    ]);
    expect(document.getElementById('book-walk-in')).toHaveTextContent('不预约也可以到大厅现场取号办理。');
    expect(screen.getByRole('button', { name: '确认预约' })).toHaveClass('palm-button--block');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
    expect(await screen.findByRole('alert')).toHaveTextContent('您已有3个未完成的预约');
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('says the no-show rule in full in normal mode to a person it applies to', async () => {
    signIn();
    setMe({ ...me, age: 45 });
    bff();
    fireEvent.click(await openAt());
    expect(document.getElementById('book-rules')).toHaveTextContent('未签到算作爽约；30天内爽约3次，网上预约将暂停7天（到大厅现场办理不受影响）');
    expect(document.getElementById('book-walk-in')).toHaveTextContent('不预约也可以到大厅窗口取号办理；预约的人签到后优先叫号。');
  });

  it.each(MODES)('does not warn a person aged 70+ of a suspension the BFF never applies to them ($name)', async ({ isElder }) => {
    updateElderState({ elderMode: isElder });
    signIn();
    setMe({ ...me, age: 75 });
    bff();
    fireEvent.click(await openAt());
    expect(document.querySelectorAll('#book-rules .book__rule')).toHaveLength(2);
    expect(document.getElementById('book-rules')).not.toHaveTextContent('暂停');
    expect(document.getElementById('book-walk-in')).toHaveTextContent('不预约也可以');
  });

  it('in 长辈版 a suspension and its appeal stay in the page, and 提交申诉 says what is missing instead of being greyed out', async () => {
    updateElderState({ elderMode: true });
    signIn();
    const calls = bff(({ url }) => (url === '/api/booking-suspensions' ? ok({ items: [suspension()] }) : undefined));
    await openAt();
    expect(await screen.findByText('网上预约已暂停')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '确认预约' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '我要申诉' }));
    const send = screen.getByRole('button', { name: '提交申诉' });
    expect(send).toBeEnabled();
    expect(send).not.toHaveClass('palm-button--inactive');
    fireEvent.change(screen.getByLabelText('申诉理由（至少5个字，例如当天因病未能到场）'), { target: { value: '住院' } });
    fireEvent.click(send);
    expect(document.getElementById('suspension-appeal-error')).toHaveTextContent('请写下申诉理由，至少5个字');
    expect(posts(calls, `/api/booking-suspensions/${suspension().id}/appeal`)).toHaveLength(0);
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  describe('免证办', () => {
    const ID_LICENCE = 'b1c00001-0000-4000-8000-000000000001';
    const HH_LICENCE = 'b1c00001-0000-4000-8000-000000000002';
    const guide = {
      id: ID_RENEWAL.id,
      name: ID_RENEWAL.name,
      offices: [],
      materials: [
        { position: 1, name: '居民身份证', required: true, originals: 1, copies: 0, licenceType: 'RESIDENT_ID', licenceLabel: '居民身份证', note: null },
        { position: 2, name: '近期免冠彩色证件照', required: false, originals: 1, copies: 0, licenceType: null, licenceLabel: null, note: null },
        { position: 3, name: '居民户口簿', required: false, originals: 1, copies: 1, licenceType: 'HOUSEHOLD_REGISTER', licenceLabel: '居民户口簿', note: null },
        { position: 4, name: '社会保障卡', required: false, originals: 1, copies: 0, licenceType: 'SOCIAL_SECURITY_CARD', licenceLabel: '社会保障卡', note: null },
      ],
    };
    const licence = (id: string, type: string, numberMasked: string, status = 'VALID') => ({ id, type, typeLabel: type, numberMasked, status, issuer: '青石县公安局', validFrom: '2020-01-01', validUntil: null, holderNameMasked: '张**', fields: [], lastSyncedAt: '2026-11-23T00:00:00.000Z' });
    const licences = [
      licence(ID_LICENCE, 'RESIDENT_ID', '3601**********1234'),
      licence(HH_LICENCE, 'HOUSEHOLD_REGISTER', 'HH36*******0123'),
      // Revoked: its material is not offered.
      licence('b1c00001-0000-4000-8000-000000000003', 'SOCIAL_SECURITY_CARD', '3601**********1234', 'REVOKED'),
    ];
    const withLicences = () =>
      bff(({ url }) => {
        if (url.startsWith(`/api/services/${ID_RENEWAL.id}`)) return ok(guide);
        if (url === '/api/licences') return ok({ items: licences });
        return undefined;
      });

    it.each(MODES)('offers 用电子证照 for each material a valid licence covers, ticked, in words; an unticked one is brought on paper ($name)', async ({ isElder }) => {
      updateElderState({ elderMode: isElder });
      signIn();
      setMe(me);
      const calls = withLicences();
      fireEvent.click(await openAt());
      const idRow = await screen.findByRole('checkbox', { name: '居民身份证：用电子证照（居民身份证 3601**********1234）' });
      expect(idRow).toHaveAttribute('aria-checked', 'true');
      expect(idRow).toHaveTextContent('用电子证照（居民身份证 3601**********1234）');
      const hhRow = screen.getByRole('checkbox', { name: /^居民户口簿：/ });
      expect(hhRow).toHaveAttribute('aria-checked', 'true');
      // Neither the photo (no licence replaces it) nor the card (its licence is revoked).
      expect(screen.getAllByRole('checkbox')).toHaveLength(2);
      expect(document.getElementById('book-licences')).not.toHaveTextContent('社会保障卡');
      expect(document.getElementById('book-licences-note')).toHaveTextContent(isElder ? '打勾的2项不用带' : '打勾的2项不用带纸质材料');

      fireEvent.click(hhRow);
      expect(hhRow).toHaveAttribute('aria-checked', 'false');
      expect(hhRow).toHaveTextContent('带纸质材料');
      await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
      const [post] = posts(calls, '/api/appointments');
      expect(post!.data).toEqual({ slotId: FREE_SLOT.id, serviceId: ID_RENEWAL.id, licenceMaterials: [{ position: 1, licenceId: ID_LICENCE }] });
      expect(taro.showModal).not.toHaveBeenCalled();
    });

    it('shows the covered materials on 预约成功', async () => {
      signIn();
      const covered = [
        {
          position: 1,
          name: '居民身份证',
          licence: { id: ID_LICENCE, type: 'RESIDENT_ID', typeLabel: '居民身份证', numberMasked: '3601**********1234' },
          trustLevel: 'A',
          trustLabel: 'A级：当日经发证机关核验',
          words: '用电子证照（居民身份证 3601**********1234）',
          checkedAt: '2026-11-23T01:00:00.000Z',
        },
      ];
      bff(({ url, method }) => {
        if (url === '/api/appointments' && method === 'POST') return { status: 201, body: appointment({ licenceMaterials: covered }) };
        if (url.startsWith(`/api/services/${ID_RENEWAL.id}`)) return ok(guide);
        if (url === '/api/licences') return ok({ items: licences });
        return undefined;
      });
      fireEvent.click(await openAt());
      await screen.findByRole('checkbox', { name: /^居民身份证：/ });
      await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
      expect(await screen.findByText('预约成功')).toBeInTheDocument();
      expect(document.getElementById('booked-licences')).toHaveTextContent('免证办（不用带）居民身份证用电子证照（居民身份证 3601**********1234）');
    });

    it('offers nothing, and books as before, when the licences cannot be had; a refused licence is said in the page', async () => {
      signIn();
      const calls = bff(({ url, method }) => {
        if (url.startsWith(`/api/services/${ID_RENEWAL.id}`)) return ok(guide);
        if (url === '/api/licences') return fail(503, 'SERVICE_UNAVAILABLE');
        if (url === '/api/appointments' && method === 'POST') return fail(422, 'LICENCE_NOT_VALID', '所选证照已注销或已过期，不能用来免交材料，请带上纸质材料');
        return undefined;
      });
      fireEvent.click(await openAt());
      await waitFor(() => expect(calls.some((c) => c.url === '/api/licences')).toBe(true));
      expect(screen.queryByRole('checkbox')).toBeNull();
      await act(async () => fireEvent.click(screen.getByRole('button', { name: '确认预约' })));
      expect(posts(calls, '/api/appointments')[0]!.data).toEqual({ slotId: FREE_SLOT.id, serviceId: ID_RENEWAL.id });
      expect(await screen.findByText(/所选证照已注销或已过期/)).toBeInTheDocument();
      expect(taro.showToast).not.toHaveBeenCalled();
    });
  });
});
