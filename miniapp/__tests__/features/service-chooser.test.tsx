// The service chooser of 取号 and 预约办理, in normal mode and 长辈版: search over names and aliases
// (the catalogue's rule), 常办 (the person's recent services here, then the most popular), the
// categories opening their services, an empty search said in words with a way to clear; and the
// two pages using it — a number taken by searching, the recent services first, a booking chosen
// by category among the hall's bookable services only.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import type { ServiceCategoryKey } from '@palm/shared/server';
import { ServiceChooser } from '../../src/features/service-chooser/service-chooser';
import { groupServices, MOST_USED_COUNT } from '../../src/features/service-chooser/groups';
import { recentServiceIds } from '../../src/features/service-chooser/recent';
import BookPage from '../../src/pages/book/index';
import TakeTicketPage from '../../src/pages/take-ticket/index';
import { answerRequests, fail, MODES, ok, renderInMode, resetAll, signIn } from '../helpers';
import { officeDetail } from '../pages/fixtures';

const HALL = officeDetail.id;
const OTHER_HALL = '5eed0001-0000-4000-8000-000000000011';
const HR = '青石县人力资源和社会保障局';

// A hall's services as GET /api/offices/:id lists them (the seeded names, aliases and figures).
const row = (n: number, name: string, category: ServiceCategoryKey, aliases: string[], popularity: number, department = HR, hasOnlineBooking = false) => ({
  id: `5eed0003-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  name,
  category,
  categoryLabel: '',
  aliases,
  department,
  popularity,
  hasOnlineBooking,
});
const SERVICES = [
  row(1, '城乡居民基本养老保险参保登记', 'SOCIAL_SECURITY', ['社保', '养老保险', '参保'], 620),
  row(2, '社会保障卡申领', 'SOCIAL_SECURITY', ['社保卡', '办社保卡', '社保', '医保卡'], 900),
  row(3, '社会保障卡补领、换领', 'SOCIAL_SECURITY', ['社保卡', '补社保卡', '社保'], 760),
  row(4, '社会保险待遇领取资格认证', 'SOCIAL_SECURITY', ['社保', '资格认证', '刷脸认证'], 820),
  row(5, '城乡居民基本医疗保险参保登记', 'MEDICAL_INSURANCE', ['医保', '居民医保', '参保'], 880, '青石县医疗保障局'),
  row(6, '异地就医备案', 'MEDICAL_INSURANCE', ['医保', '异地就医', '外地看病'], 700, '青石县医疗保障局'),
  row(7, '居民身份证换领', 'HOUSEHOLD', ['身份证', '换身份证', '身份证到期'], 850, '青石县公安局', true),
  row(8, '居民身份证补领', 'HOUSEHOLD', ['身份证', '补身份证', '身份证丢了'], 610, '青石县公安局'),
  row(9, '内地居民结婚登记', 'CIVIL_AFFAIRS', ['结婚', '领证', '结婚证'], 360, '青石县民政局', true),
  row(10, '高龄津贴申领', 'ELDERLY', ['高龄补贴', '老人补贴', '补贴'], 470, '青石县民政局'),
  row(11, '住房公积金个人住房贷款', 'HOUSING_FUND', ['公积金', '公积金贷款', '房贷'], 310, '云溪市住房公积金中心青石管理部', true),
  row(12, '有限责任公司设立登记', 'BUSINESS', ['营业执照', '注册公司', '开公司'], 420, '青石县市场监督管理局', true),
];
const byName = (name: string) => SERVICES.find((s) => s.name === name)!;
const ids = (list: ReadonlyArray<{ id: string }>) => list.map((s) => s.id);
const rowNames = (prefix: string) =>
  [...document.querySelectorAll(`[id^="${prefix}-"][role="radio"]`)].map((el) => el.querySelector('span')?.textContent ?? '');

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
  (useRouter as jest.Mock).mockReturnValue({ params: {} });
});

describe('groupServices', () => {
  it('puts the person’s recent services first, then the most popular, as many as the mode shows', () => {
    const recent = [byName('高龄津贴申领').id, byName('内地居民结婚登记').id];
    const { mostUsed } = groupServices(SERVICES, recent, MOST_USED_COUNT.normal);
    expect(mostUsed.map((m) => m.service.name)).toEqual(['高龄津贴申领', '内地居民结婚登记', '社会保障卡申领', '城乡居民基本医疗保险参保登记', '居民身份证换领']);
    expect(mostUsed.map((m) => m.isRecent)).toEqual([true, true, false, false, false]);
    expect(groupServices(SERVICES, [], MOST_USED_COUNT.elder).mostUsed.map((m) => m.service.name)).toEqual(['社会保障卡申领', '城乡居民基本医疗保险参保登记', '居民身份证换领']);
  });

  it('passes over recent services the hall does not list here', () => {
    const { mostUsed } = groupServices(SERVICES, ['5eed0003-0000-4000-8000-000000000999'], 2);
    expect(mostUsed.map((m) => m.service.name)).toEqual(['社会保障卡申领', '城乡居民基本医疗保险参保登记']);
  });

  it('groups every service under its category in the catalogue’s order, most popular first, leaving out empty ones', () => {
    const { categories } = groupServices(SERVICES, [], 5);
    expect(categories.map((c) => c.label)).toEqual(['社会保险', '医疗保障', '户籍证件', '民政婚姻', '老年人服务', '住房公积金', '企业开办']);
    expect(categories[0]!.services.map((s) => s.name)).toEqual(['社会保障卡申领', '社会保险待遇领取资格认证', '社会保障卡补领、换领', '城乡居民基本养老保险参保登记']);
    expect(categories.flatMap((c) => ids(c.services)).sort()).toEqual(ids(SERVICES).sort());
  });
});

describe('recentServiceIds', () => {
  it('takes the numbers and bookings at this hall, newest first, each service once', () => {
    const visit = (officeId: string, serviceId: string) => ({ office: { id: officeId, name: '' }, service: { id: serviceId, name: '' } });
    const tickets = [
      { ...visit(HALL, 'a'), issuedAt: '2026-11-20T01:00:00.000Z' },
      { ...visit(OTHER_HALL, 'b'), issuedAt: '2026-11-22T01:00:00.000Z' },
      { ...visit(HALL, 'c'), issuedAt: '2026-11-02T01:00:00.000Z' },
    ];
    const appointments = [
      { ...visit(HALL, 'd'), bookedAt: '2026-11-21T08:00:00.000Z' },
      { ...visit(HALL, 'a'), bookedAt: '2026-11-01T08:00:00.000Z' },
    ];
    expect(recentServiceIds(HALL, tickets, appointments)).toEqual(['d', 'a', 'c']);
    expect(recentServiceIds(HALL, [], [])).toEqual([]);
  });
});

describe.each(MODES)('ServiceChooser ($name)', ({ isElder }) => {
  const choose = jest.fn();
  const open = (recentIds: string[] = []) => renderInMode(<ServiceChooser idPrefix='pick' services={SERVICES} chosenId={undefined} recentIds={recentIds} onChoose={choose} />, isElder);
  const search = (text: string) => fireEvent.change(screen.getByRole('textbox', { name: '搜索要办的事项' }), { target: { value: text } });

  beforeEach(() => choose.mockClear());

  it('starts with a named search field, then 常办, then the categories — not the whole list', () => {
    open();
    expect(screen.getByRole('textbox', { name: '搜索要办的事项' })).toBeInTheDocument();
    const mostUsed = screen.getByRole('radiogroup', { name: '常办事项' });
    expect(within(mostUsed).getAllByRole('radio')).toHaveLength(isElder ? MOST_USED_COUNT.elder : MOST_USED_COUNT.normal);
    expect(rowNames('pick-most-used')[0]).toBe('社会保障卡申领');
    const categories = screen.getByRole('group', { name: '按分类查找' });
    expect(within(categories).getByRole('button', { name: '社会保险，4项' })).toBeInTheDocument();
    expect(within(categories).getAllByRole('button')).toHaveLength(7);
    expect(screen.getAllByRole('radio').length).toBeLessThan(SERVICES.length);
  });

  it('finds services by an alias (社保 → 社会保障卡…), ranked as the catalogue search ranks them', () => {
    open();
    search('社保');
    expect(screen.getByRole('heading', { name: '找到4项' })).toBeInTheDocument();
    expect(rowNames('pick-result')).toEqual(['社会保障卡申领', '社会保险待遇领取资格认证', '社会保障卡补领、换领', '城乡居民基本养老保险参保登记']);
    // While searching, 常办 and the categories step aside for the results.
    expect(screen.queryByRole('radiogroup', { name: '常办事项' })).toBeNull();
    search('身份证');
    expect(rowNames('pick-result')).toEqual(['居民身份证换领', '居民身份证补领']);
    search('营业执照');
    fireEvent.click(screen.getByRole('radio', { name: /有限责任公司设立登记/ }));
    expect(choose).toHaveBeenCalledWith(byName('有限责任公司设立登记').id);
  });

  it('says so in words when nothing matches, and clears the search with one tap', () => {
    open();
    search('护照');
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('没有找到与“护照”有关的事项');
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    fireEvent.click(within(status).getByRole('button', { name: '清除搜索' }));
    expect(screen.getByRole('textbox', { name: '搜索要办的事项' })).toHaveValue('');
    expect(screen.getByRole('radiogroup', { name: '常办事项' })).toBeInTheDocument();
  });

  it('opens a category in place of the tiles, and goes back to all of them', () => {
    open();
    fireEvent.click(screen.getByRole('button', { name: '户籍证件，2项' }));
    expect(screen.getByRole('heading', { name: '户籍证件（2项）' })).toBeInTheDocument();
    expect(within(screen.getByRole('radiogroup', { name: '户籍证件' })).getAllByRole('radio').map((r) => r.textContent)).toEqual(['居民身份证换领', '居民身份证补领']);
    expect(screen.queryByRole('group', { name: '按分类查找' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '居民身份证补领' }));
    expect(choose).toHaveBeenCalledWith(byName('居民身份证补领').id);
    fireEvent.click(screen.getByRole('button', { name: '全部分类' }));
    expect(screen.getByRole('group', { name: '按分类查找' })).toBeInTheDocument();
  });

  it('marks the person’s recent services in 常办 in words', () => {
    open([byName('异地就医备案').id]);
    const first = screen.getAllByRole('radio')[0]!;
    expect(first).toHaveTextContent('异地就医备案');
    expect(first).toHaveTextContent('最近办过');
    expect(screen.getAllByRole('radio')[1]).not.toHaveTextContent('最近办过');
  });

  it('shows no choices while the person’s history is on its way, so 常办 cannot reorder under a tap', () => {
    renderInMode(<ServiceChooser idPrefix='pick' services={SERVICES} chosenId={undefined} recentIds={null} onChoose={choose} />, isElder);
    expect(screen.getByText('正在加载…')).toBeInTheDocument();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });
});

describe('the pages choosing with it', () => {
  const hall = { ...officeDetail, services: SERVICES };
  const ticketAt = (officeId: string, serviceId: string, issuedAt: string) => ({
    id: `7ac0a001-0000-4000-8000-0000000000${serviceId.slice(-2)}`,
    displayNumber: 'B002',
    status: 'DONE',
    priority: 'NORMAL',
    channel: 'ONLINE',
    businessDate: issuedAt.slice(0, 10),
    office: { id: officeId, name: '' },
    service: { id: serviceId, name: '' },
    onBehalfOf: null,
    peopleAhead: null,
    estimate: null,
    isTurnNear: false,
    counter: null,
    canRejoin: false,
    issuedAt,
    calledAt: null,
    finishedAt: null,
  });

  it('取号: the person’s recent services at this hall come first; a search and one tap choose, and the queue is shown', async () => {
    signIn();
    (useRouter as jest.Mock).mockReturnValue({ params: { officeId: HALL } });
    const calls = answerRequests(({ url }) => {
      if (url.startsWith(`/api/offices/${HALL}/queue/preview`)) return ok({ open: true, peopleAhead: 3, estimate: { lowMinutes: 8, highMinutes: 13 } });
      if (url.startsWith(`/api/offices/${HALL}`)) return ok(hall);
      if (url === '/api/tickets') return ok({ items: [ticketAt(OTHER_HALL, byName('异地就医备案').id, '2026-11-22T01:00:00.000Z'), ticketAt(HALL, byName('高龄津贴申领').id, '2026-11-20T01:00:00.000Z')] });
      if (url === '/api/appointments') return fail(503, 'SERVICE_UNAVAILABLE');
      return fail(404, 'NOT_FOUND');
    });
    render(<TakeTicketPage />);
    await waitFor(() => expect(rowNames('take-service-most-used')[0]).toBe('高龄津贴申领'));
    expect(rowNames('take-service-most-used')).not.toContain('异地就医备案');
    // 常办 is a convenience: a list that cannot be read stops nothing, and says nothing.
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.change(screen.getByRole('textbox', { name: '搜索要办的事项' }), { target: { value: '社保卡' } });
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: /社会保障卡补领、换领/ })));
    expect(document.getElementById('take-service-name')).toHaveTextContent('社会保障卡补领、换领');
    expect(await screen.findByText('现在可以取号')).toBeInTheDocument();
    expect(calls.some((c) => c.url === `/api/offices/${HALL}/queue/preview?serviceId=${byName('社会保障卡补领、换领').id}`)).toBe(true);
    // 换一个 opens the chooser again with the choice marked.
    fireEvent.click(document.getElementById('take-change-service')!);
    fireEvent.change(screen.getByRole('textbox', { name: '搜索要办的事项' }), { target: { value: '社保卡' } });
    expect(screen.getByRole('radio', { name: /社会保障卡补领、换领/ })).toHaveAttribute('aria-checked', 'true');
  });

  it('预约: only the services the hall takes bookings for, chosen by category', async () => {
    (useRouter as jest.Mock).mockReturnValue({ params: { officeId: HALL } });
    answerRequests(({ url }) => {
      if (url.startsWith(`/api/offices/${HALL}/slots`)) return fail(422, 'APPOINTMENT_NOT_OFFERED');
      if (url.startsWith(`/api/offices/${HALL}`)) return ok(hall);
      return fail(404, 'NOT_FOUND');
    });
    render(<BookPage />);
    const categories = await screen.findByRole('group', { name: '按分类查找' });
    expect(within(categories).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['户籍证件，1项', '民政婚姻，1项', '住房公积金，1项', '企业开办，1项']);
    fireEvent.click(within(categories).getByRole('button', { name: '民政婚姻，1项' }));
    await act(async () => fireEvent.click(within(screen.getByRole('radiogroup', { name: '民政婚姻' })).getByRole('radio', { name: '内地居民结婚登记' })));
    expect(document.getElementById('book-service-name')).toHaveTextContent('内地居民结婚登记');
    expect(screen.queryByRole('radio', { name: /社会保障卡申领/ })).toBeNull();
  });
});
