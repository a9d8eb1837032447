// 办事指南 against a scripted BFF: the action bar offers only the service's real channels (取号 /
// 预约 / 在线办 / 去哪办) with one main action, each leading where it says; 办理方式 says the same
// as the bar; a fee that depends on the case is a range with its basis; the nearest three halls and
// one link to all of them; 长辈版.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import ServicePage from '../../src/pages/service/index';
import { updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, ok, resetAll, taro } from '../helpers';

const SERVICE_ID = '5eed0003-0000-4000-8000-000000000004';

const hall = (n: number, facts: { hasOnlineBooking?: boolean; takesTickets?: boolean } = {}) => ({
  id: `5eed0001-0000-4000-8000-00000000001${n}`,
  name: `第${n}便民服务站`,
  level: 'VILLAGE_STATION',
  levelLabel: '便民服务站',
  address: `青石县某村${n}号`,
  distanceMeters: null,
  isOpen: n % 2 === 0,
  hasOnlineBooking: false,
  takesTickets: true,
  ...facts,
});

/** 社会保障卡申领 as the seeds have it: online and proxy allowed, numbers everywhere, no booking. */
const cardApply = {
  id: SERVICE_ID,
  code: '3612210000-SB-004',
  name: '社会保障卡申领',
  department: '青石县人力资源和社会保障局',
  category: 'SOCIAL_SECURITY',
  categoryLabel: '社会保险',
  summary: '本县参保人员可申领社会保障卡。',
  promisedDays: 10,
  onlineAllowed: true,
  appointmentRequired: false,
  popularity: 900,
  aliases: [],
  categoryLetter: 'B',
  conditions: ['已在本县参加社会保险'],
  process: ['提交申请'],
  materials: [],
  legalDays: 20,
  fee: { fen: 0, maxFen: null, display: '免费', note: '首次申领不收费' },
  channels: { window: true, online: true, proxy: true, appointmentRequired: false },
  meanHandlingMinutes: 12,
  legalBasis: [],
  // The nearest hall gives out no numbers for it: 取号 goes to the nearest that does.
  offices: [hall(1, { takesTickets: false }), hall(2), hall(3), hall(4), hall(5)],
};

/** 居民身份证换领: in person, no online channel, a fee range, bookable at some halls. */
const idRenewal = {
  ...cardApply,
  name: '居民身份证换领',
  onlineAllowed: false,
  fee: { fen: 2000, maxFen: 4000, display: '20–40 元', note: '有效期满或登记项目变更换领，工本费20元；严重损坏换领，工本费40元' },
  channels: { window: true, online: false, proxy: false, appointmentRequired: false },
  offices: [hall(1, { hasOnlineBooking: true }), hall(2, { hasOnlineBooking: true }), hall(3)],
};

/** 结婚登记: a booking first, at one hall. */
const marriage = {
  ...idRenewal,
  name: '内地居民结婚登记',
  fee: { fen: 0, maxFen: null, display: '免费', note: '不收费' },
  channels: { window: true, online: false, proxy: false, appointmentRequired: true },
  appointmentRequired: true,
  offices: [hall(1, { hasOnlineBooking: true })],
};

function open(guide: object) {
  (useRouter as jest.Mock).mockReturnValue({ params: { id: SERVICE_ID } });
  answerRequests(({ url }) => (url.startsWith(`/api/services/${SERVICE_ID}`) ? ok(guide) : fail(404, 'NOT_FOUND')));
  return render(<ServicePage />);
}

const bar = () => document.getElementById('service-actions')!;
const barLabels = () => within(bar()).getAllByRole('button').map((b) => b.textContent);
const mainActions = () => [...bar().querySelectorAll('.palm-button--primary')].map((b) => b.textContent);

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
});

describe('办事指南: the action bar', () => {
  it('offers 取号, 在线办 and 去哪办 for 社会保障卡申领 — no 预约 where no hall books it — with 取号 the one main action', async () => {
    open(cardApply);
    await screen.findByText('社会保障卡申领', { selector: '#service-name' });
    expect(barLabels()).toEqual(['取号', '在线办', '去哪办']);
    expect(mainActions()).toEqual(['取号']);
    expect(bar()).toHaveClass('guide-bar');
  });

  it('取号 opens 取号 at the nearest hall that gives out numbers, the service chosen already', async () => {
    open(cardApply);
    fireEvent.click(await screen.findByRole('button', { name: '取号' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/take-ticket/index?officeId=${cardApply.offices[1]!.id}&serviceId=${SERVICE_ID}` });
  });

  it('去哪办 opens the halls list for the service', async () => {
    open(cardApply);
    fireEvent.click(await screen.findByRole('button', { name: '去哪办' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/offices/index?serviceId=${SERVICE_ID}` });
  });

  it('在线办 explains the online channel in the page (Palm takes no online application), and 收起 hides it', async () => {
    open(cardApply);
    const online = await screen.findByRole('button', { name: '在线办' });
    expect(online).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(online);
    expect(online).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('region', { name: '网上办理' });
    expect(panel).toHaveTextContent('搜索“社会保障卡申领”');
    expect(panel).toHaveTextContent('掌上办暂时不能直接提交申请；要到大厅办理，可以点下方的“取号”。');
    expect(taro.navigateTo).not.toHaveBeenCalled();
    fireEvent.click(within(panel).getByRole('button', { name: '收起' }));
    expect(screen.queryByRole('region', { name: '网上办理' })).toBeNull();
    expect(online).toHaveAttribute('aria-expanded', 'false');
  });

  it('offers 取号 and 预约 for 身份证换领 (no 在线办: it cannot be done online); 预约 with several booking halls lets the person choose', async () => {
    open(idRenewal);
    await screen.findByText('居民身份证换领', { selector: '#service-name' });
    expect(barLabels()).toEqual(['取号', '预约', '去哪办']);
    expect(mainActions()).toEqual(['取号']);
    fireEvent.click(screen.getByRole('button', { name: '预约' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/book/index?serviceId=${SERVICE_ID}` });
  });

  it('makes 预约 the main action of a service that needs a booking, with its one hall chosen already, and offers no 取号', async () => {
    open(marriage);
    await screen.findByText('内地居民结婚登记', { selector: '#service-name' });
    expect(barLabels()).toEqual(['预约', '去哪办']);
    expect(mainActions()).toEqual(['预约']);
    fireEvent.click(screen.getByRole('button', { name: '预约' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/book/index?serviceId=${SERVICE_ID}&officeId=${marriage.offices[0]!.id}` });
  });
});

describe('办事指南: 办理方式 and the fee', () => {
  it('says for 身份证换领 what the bar offers: no booking needed, 取号, and 预约 as a choice — never 预约 above 无需预约', async () => {
    open(idRenewal);
    const ways = await screen.findByText('办理方式');
    const row = document.getElementById('service-ways')!;
    expect(ways).toBeInTheDocument();
    expect(row).toHaveTextContent('到大厅办理');
    expect(row).toHaveTextContent('无需预约，可网上取号或到大厅取号；也可网上预约，签到后优先叫号');
    expect(row).toHaveTextContent('须本人到场办理');
    expect(row).not.toHaveTextContent('网上办理');
  });

  it('says 需先网上预约 for a service that needs a booking', async () => {
    open(marriage);
    await screen.findByText('办理方式');
    expect(document.getElementById('service-ways')).toHaveTextContent('需先网上预约，按预约时间到大厅签到办理');
    expect(document.getElementById('service-ways')).not.toHaveTextContent('无需预约');
  });

  it('shows a fee that depends on the case as a range, with the note that says which case costs what', async () => {
    open(idRenewal);
    await screen.findByText('收费');
    const fee = document.getElementById('service-fee')!;
    expect(fee).toHaveTextContent('20–40 元');
    expect(fee).toHaveTextContent('工本费20元；严重损坏换领，工本费40元');
    // Each amount is one piece a line never breaks inside.
    expect([...fee.querySelectorAll('.guide__keep')].map((el) => el.textContent)).toEqual(['20元', '40元', '20–40 元']);
  });

  it('shows 免费 and 到大厅办理、网上办理 for 社会保障卡申领', async () => {
    open(cardApply);
    await screen.findByText('收费');
    expect(document.getElementById('service-fee')).toHaveTextContent('免费');
    expect(document.getElementById('service-ways')).toHaveTextContent('到大厅办理、网上办理');
    expect(document.getElementById('service-ways')).toHaveTextContent('可委托他人代办');
  });
});

describe('办事指南: halls', () => {
  it('shows the nearest three halls, each one tap from its page, then one link to all of them', async () => {
    open(cardApply);
    await screen.findByText('社会保障卡申领', { selector: '#service-name' });
    const cells = document.querySelectorAll('[id^=guide-office-]');
    expect([...cells].map((c) => c.id)).toEqual(['guide-office-0', 'guide-office-1', 'guide-office-2']);
    expect(document.getElementById('service-offices-order')).toHaveTextContent('未获得您的位置，先列出离县政务服务中心近的 3 个');
    fireEvent.click(cells[1]!);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/pages/office/index?id=${cardApply.offices[1]!.id}` });
    const all = document.getElementById('service-all-offices')!;
    expect(all).toHaveTextContent('查看全部 5 个大厅');
    fireEvent.click(all);
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/pages/offices/index?serviceId=${SERVICE_ID}` });
  });

  it('lists the halls by the person’s position when it is known, with distances', async () => {
    // On a mini-program where the person has already allowed their location.
    const withSetting = taro as typeof taro & { getSetting?: jest.Mock };
    withSetting.getSetting = jest.fn(() => Promise.resolve({ authSetting: { 'scope.userLocation': true } }));
    process.env.TARO_ENV = 'weapp';
    try {
      taro.getLocation.mockImplementation(() => Promise.resolve({ latitude: 27.9, longitude: 115.0 }));
      (useRouter as jest.Mock).mockReturnValue({ params: { id: SERVICE_ID } });
      const calls = answerRequests(({ url }) => (url.startsWith('/api/services/') ? ok({ ...cardApply, offices: cardApply.offices.map((o, i) => ({ ...o, distanceMeters: 800 * (i + 1) })) }) : fail(404, 'NOT_FOUND')));
      render(<ServicePage />);
      expect(await screen.findByText('离您最近的 3 个')).toBeInTheDocument();
      expect(calls[0]!.url).toBe(`/api/services/${SERVICE_ID}?lat=27.9&lng=115`);
      expect(document.getElementById('guide-office-0')).toHaveTextContent('800米');
    } finally {
      delete withSetting.getSetting;
    }
  });

  it('with three halls or fewer shows them all and no link', async () => {
    open(idRenewal);
    await screen.findByText('居民身份证换领', { selector: '#service-name' });
    expect(document.querySelectorAll('[id^=guide-office-]')).toHaveLength(3);
    expect(document.getElementById('service-all-offices')).toBeNull();
  });
});

describe('办事指南 in 长辈版', () => {
  it('keeps the same bar and words, on the 长辈版 page', async () => {
    updateElderState({ elderMode: true });
    const view = open(idRenewal);
    await screen.findByText('居民身份证换领', { selector: '#service-name' });
    expect(view.container.firstElementChild).toHaveClass('palm-page', 'elder');
    expect(barLabels()).toEqual(['取号', '预约', '去哪办']);
    expect(mainActions()).toEqual(['取号']);
    expect(document.getElementById('service-ways')).toHaveTextContent('无需预约，可网上取号或到大厅取号');
  });
});
