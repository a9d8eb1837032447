// Pages against a scripted BFF: what a person sees and can do on 首页, 办事, 大厅详情, 我的 and 登录.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useRouter } from '@tarojs/taro';
import IndexPage from '../../src/pages/index/index';
import LoginPage from '../../src/pages/login/index';
import MePage from '../../src/pages/me/index';
import OfficePage from '../../src/pages/office/index';
import RealNamePage from '../../src/pages/real-name/index';
import ServicesPage from '../../src/pages/services/index';
import { listOffices } from '../../src/api/offices';
import { setMe } from '../../src/api/session';
import { getElderState, updateElderState } from '../../src/theme/elder-store';
import { answerRequests, fail, me, ok, resetAll, signIn, taro } from '../helpers';
import { office, officeDetail, services } from './fixtures';

beforeEach(resetAll);

function bff(methods = { wechat: false, alipay: false, sms: true, devLogin: false }) {
  return answerRequests(({ url, data }) => {
    if (url === '/api/auth/methods') return ok(methods);
    if (url === '/api/auth/dev-login') return ok({ accessToken: 'a', refreshToken: 'refresh-token-0000000001', expiresIn: 900, user: { ...me, phoneMasked: `${String((data as { phone: string }).phone).slice(0, 3)}****` } });
    if (url === '/api/me/real-name') return ok({ ...me, realNameVerified: true });
    if (url.startsWith('/api/services')) return ok({ items: url.includes('q=') && !url.includes('q=%E7%A4%BE') ? [] : services });
    if (url.startsWith('/api/offices/')) return ok(officeDetail);
    if (url.startsWith('/api/offices')) return ok({ items: [office] });
    if (url === '/api/me') return ok(me);
    if (url === '/api/auth/sms/send') return ok({ sent: true, expiresInSeconds: 300, resendAfterSeconds: 60, devCode: '123456' });
    if (url === '/api/auth/sms/verify') return ok({ accessToken: 'a', refreshToken: 'refresh-token-0000000001', expiresIn: 900, user: me });
    return fail(404, 'NOT_FOUND');
  });
}

describe('首页', () => {
  it('shows 8 常用服务 and the nearest open hall, from the county centre when location is refused', async () => {
    const calls = bff();
    render(<IndexPage />);
    expect(await screen.findByText('社会保障卡申领')).toBeInTheDocument();
    expect(document.querySelectorAll('[id^=home-service-]')).toHaveLength(8);
    expect(await screen.findByText('青石县政务服务中心')).toBeInTheDocument();
    expect(screen.getByText('营业中')).toBeInTheDocument();
    expect(screen.getByText(/未获得您的位置/)).toBeInTheDocument();
    expect(calls.some((c) => c.url === '/api/offices?lat=27.8135&lng=115.1208')).toBe(true);
    // Nobody was asked: a permission prompt is a pop-up (DESIGN.md §4).
    expect(taro.getLocation).not.toHaveBeenCalled();
  });

  it('asks for the position only on a tap of 使用我的位置, then lists from there', async () => {
    const calls = bff();
    render(<IndexPage />);
    fireEvent.click(await screen.findByRole('button', { name: '使用我的位置' }));
    expect(taro.getLocation).toHaveBeenCalledTimes(1);
    taro.getLocation.mockClear();
    taro.getLocation.mockImplementation(() => Promise.resolve({ latitude: 27.83, longitude: 115.13 }));
    fireEvent.click(screen.getByRole('button', { name: '使用我的位置' }));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/offices?lat=27.83&lng=115.13')).toBe(true));
    await waitFor(() => expect(screen.queryByText(/未获得您的位置/)).toBeNull());
  });

  it('offers fewer choices in 长辈版: 4 services and no side links', async () => {
    bff();
    updateElderState({ elderMode: true });
    render(<IndexPage />);
    await screen.findByText('社会保障卡申领');
    expect(document.querySelectorAll('[id^=home-service-]')).toHaveLength(4);
    expect(screen.queryByText('全部大厅')).toBeNull();
    expect(await screen.findByRole('button', { name: '查看全部大厅' })).toBeInTheDocument();
  });

  it('offers 长辈版 once, inline, to someone the server says to offer it to', async () => {
    bff();
    signIn();
    setMe(me);
    render(<IndexPage />);
    fireEvent.click(await screen.findByRole('button', { name: '开启长辈版' }));
    expect(getElderState().elderMode).toBe(true);
    await waitFor(() => expect(screen.queryByText('试试长辈版？')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('办事', () => {
  it('searches by keyword and lists results that open the guide', async () => {
    const calls = bff();
    render(<ServicesPage />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '社保' } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    fireEvent.click(await screen.findByText('社会保障卡申领'));
    expect(calls[0]!.url).toBe(`/api/services?q=${encodeURIComponent('社保')}&limit=50`);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/service/index?id=${services[0]!.id}` });
  });

  it('browses by category', async () => {
    const calls = bff();
    render(<ServicesPage />);
    SERVICE_LABELS.forEach((label) => expect(screen.getByText(label)).toBeInTheDocument());
    fireEvent.click(screen.getByText('医疗保障'));
    expect(await screen.findByText('✓ 医疗保障')).toBeInTheDocument();
    expect(calls[0]!.url).toBe('/api/services?category=MEDICAL_INSURANCE&limit=50');
  });

  it.each(['长辈版', '关怀版', '老年模式'])('finds the 长辈版 switch when searching “%s”, and one tap turns it on', async (query) => {
    bff();
    render(<ServicesPage />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: query } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    fireEvent.click(await screen.findByRole('switch', { name: '长辈版' }));
    expect(getElderState().elderMode).toBe(true);
    expect(screen.queryByText(/没有找到相关服务/)).toBeNull();
  });

  it('shows an offline error inline with 重试, and recovers', async () => {
    let isOnline = false;
    answerRequests(() => (isOnline ? ok({ items: services }) : new Error('request:fail')));
    updateElderState({ elderMode: true });
    render(<ServicesPage />);
    fireEvent.click(screen.getByText('社会保险'));
    expect(await screen.findByRole('alert')).toHaveTextContent('网络连接不上');
    expect(taro.showToast).not.toHaveBeenCalled();
    isOnline = true;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('社会保障卡申领')).toBeInTheDocument();
  });
});

const SERVICE_LABELS = ['社会保险', '医疗保障', '户籍证件', '民政婚姻', '老年人服务', '残疾人服务', '住房公积金', '企业开办', '其他服务'];

describe('大厅详情', () => {
  it('shows address, status in words, hours, and calls the hall with one tap', async () => {
    bff();
    (useRouter as jest.Mock).mockReturnValue({ params: { id: office.id } });
    render(<OfficePage />);
    expect(await screen.findByText('云溪市青石县青云街道民生大道168号')).toBeInTheDocument();
    expect(screen.getByText('营业中')).toBeInTheDocument();
    expect(screen.getByText('12 个')).toBeInTheDocument();
    fireEvent.click(screen.getByText('0702-6212345'));
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0702-6212345' });
    expect(screen.getByRole('button', { name: '路线导航（高德地图）' })).toBeInTheDocument();
  });

  it('shows no distance when the county centre stands in for an unknown position (no "0米" for the centre)', async () => {
    const calls = bff();
    (useRouter as jest.Mock).mockReturnValue({ params: { id: office.id } });
    render(<OfficePage />);
    expect(await screen.findByText('云溪市青石县青云街道民生大道168号')).toBeInTheDocument();
    expect(calls.find((c) => c.url.startsWith('/api/offices/'))?.url).toContain('lat=27.8135');
    expect(screen.queryByText('距离')).toBeNull();
    expect(screen.queryByText(/^0米$/)).toBeNull();
  });

  it('keeps the distance from a real position', async () => {
    answerRequests(({ url }) => (url.startsWith('/api/offices') ? ok({ items: [{ ...office, distanceMeters: 850 }] }) : fail(404, 'NOT_FOUND')));
    const list = await listOffices({ position: { lat: 27.82, lng: 115.13, isFallback: false } });
    expect(list.items[0]?.distanceMeters).toBe(850);
    const standIn = await listOffices({ position: { lat: 27.8135, lng: 115.1208, isFallback: true } });
    expect(standIn.items[0]?.distanceMeters).toBeNull();
  });
});

describe('我的 and 登录', () => {
  it('signed out: offers 登录 and the 长辈版 switch', () => {
    render(<MePage />);
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(screen.getByRole('switch', { name: '长辈版' })).toBeInTheDocument();
  });

  it('signed in: shows the masked phone and ID number and 退出登录', async () => {
    bff();
    signIn();
    render(<MePage />);
    expect(await screen.findByText('138****0002')).toBeInTheDocument();
    expect(screen.getByText('3612**********0225')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '退出登录' })).toBeInTheDocument();
  });

  it('signs in with phone and SMS code, showing the development code, and goes back', async () => {
    const calls = bff();
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/me/index' }, { route: 'pages/login/index' }]);
    render(<LoginPage />);
    fireEvent.click(screen.getByRole('checkbox', { name: '同意用户协议和隐私政策' }));
    const [phone, code] = screen.getAllByRole('textbox');
    fireEvent.change(phone!, { target: { value: '13800000002' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('开发环境验证码：123456')).toBeInTheDocument();
    fireEvent.change(code!, { target: { value: '123456' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '登录' })));
    expect(calls.map((c) => c.url).filter((url) => url !== '/api/auth/methods')).toEqual(['/api/auth/sms/send', '/api/auth/sms/verify']);
    expect(taro.navigateBack).toHaveBeenCalled();
  });

  it('reports a wrong phone number on the page before sending anything', async () => {
    const calls = bff();
    render(<LoginPage />);
    await waitFor(() => expect(calls).toHaveLength(1));
    fireEvent.click(screen.getByRole('checkbox', { name: '同意用户协议和隐私政策' }));
    fireEvent.change(screen.getAllByRole('textbox')[0]!, { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(screen.getByRole('alert')).toHaveTextContent('手机号码格式不正确');
    expect(calls.filter((c) => c.url !== '/api/auth/methods')).toHaveLength(0);
  });

  it('sends no code and signs no one in until 用户协议 and 隐私政策 are ticked, and shows both texts on the page', async () => {
    const calls = bff();
    render(<LoginPage />);
    await waitFor(() => expect(calls).toHaveLength(1));
    const box = screen.getByRole('checkbox', { name: '同意用户协议和隐私政策' });
    expect(box).toHaveAttribute('aria-checked', 'false');
    fireEvent.change(screen.getAllByRole('textbox')[0]!, { target: { value: '13800000002' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请先阅读并勾选同意《用户协议》和《隐私政策》');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(calls.filter((c) => c.url !== '/api/auth/methods')).toHaveLength(0);

    fireEvent.click(screen.getByText('《隐私政策》'));
    expect(screen.getByText(/手机号用于登录和通知/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('《用户协议》'));
    expect(screen.getByText(/请使用本人手机号登录/)).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-checked', 'false');

    fireEvent.click(box);
    expect(box).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '获取验证码' })));
    expect(calls.map((c) => c.url)).toContain('/api/auth/sms/send');
  });

  it('offers the demo accounts only when the BFF says it has a dev login', async () => {
    bff({ wechat: false, alipay: false, sms: true, devLogin: true });
    const view = render(<LoginPage />);
    fireEvent.click(await screen.findByRole('button', { name: '演示：70岁以上市民' }));
    await waitFor(() => expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
    view.unmount();

    const calls = bff();
    render(<LoginPage />);
    await waitFor(() => expect(calls.some((c) => c.url === '/api/auth/methods')).toBe(true));
    expect(screen.queryByText(/演示/)).toBeNull();
  });

  it('offers real-name binding to someone not yet verified', async () => {
    bff();
    signIn();
    setMe({ ...me, realNameVerified: false, idNumberMasked: null });
    taro.request.mockImplementation(async ({ url }: { url: string }) => ({ statusCode: 200, data: url === '/api/me' ? { ...me, realNameVerified: false, idNumberMasked: null } : {}, header: {} }));
    render(<MePage />);
    fireEvent.click(await screen.findByText('实名认证'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/real-name/index' });
  });
});

describe('实名认证', () => {
  const fill = (name: string, idNumber: string) => {
    fireEvent.change(screen.getByRole('textbox', { name: '姓名' }), { target: { value: name } });
    fireEvent.change(screen.getByRole('textbox', { name: '身份证号' }), { target: { value: idNumber } });
    fireEvent.click(screen.getByRole('button', { name: '提交认证' }));
  };

  it.each([
    ['a short number', '1101051949123100', '应为18位'],
    ['an impossible birth date', '110105194913310021', '出生日期不正确'],
    ['a wrong check character', '110105194912310021', '校验码不对'],
  ])('names %s before sending anything', (_case, idNumber, copy) => {
    const calls = bff();
    render(<RealNamePage />);
    fill('王芳', idNumber);
    expect(screen.getByRole('alert')).toHaveTextContent(copy);
    expect(calls).toHaveLength(0);
  });

  it('sends a valid name and number (a lower-case x is accepted) and goes back', async () => {
    const calls = bff();
    signIn();
    taro.getCurrentPages.mockReturnValue([{ route: 'pages/me/index' }, { route: 'pages/real-name/index' }]);
    render(<RealNamePage />);
    await act(async () => fill(' 王芳 ', '11010519491231002x'));
    expect(calls.map((c) => [c.url, c.data])).toEqual([['/api/me/real-name', { name: '王芳', idNumber: '11010519491231002X' }]]);
    expect(taro.navigateBack).toHaveBeenCalled();
  });

  it('says before anything is sent that a number bound to another account moves to this one', () => {
    render(<RealNamePage />);
    expect(screen.getByText(/已绑定在其他账号上/)).toHaveTextContent('核验通过后将改绑到当前账号，原账号的实名认证随之解除，并会收到通知');
  });

  it.each([
    ['a pair the identity platform does not confirm', 422, 'REAL_NAME_MISMATCH', '姓名与身份证号码未通过核验，请对照身份证逐字核对后重试'],
    ['the identity platform being down or not offered', 503, 'UPSTREAM_UNAVAILABLE', '实名核验服务暂时无法使用，请稍后再试，或带身份证到任一大厅窗口办理'],
    ['too many checks', 429, 'RATE_LIMITED', '核验次数太多，请稍后再试；也可以带身份证到任一大厅窗口办理'],
    ['an account verified already', 409, 'ALREADY_VERIFIED', '您已完成实名认证'],
  ])('shows %s in words on the page', async (_case, status, code, copy) => {
    answerRequests(() => fail(status, code));
    signIn();
    render(<RealNamePage />);
    await act(async () => fill('王芳', '11010519491231002X'));
    expect(screen.getByRole('alert')).toHaveTextContent(copy);
    expect(taro.navigateBack).not.toHaveBeenCalled();
  });
});
