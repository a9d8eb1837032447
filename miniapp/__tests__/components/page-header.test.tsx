// The way back on H5 (DESIGN.md §4 Navigation): every page below the tabs starts with 返回, or
// 首页 when it was opened first (a shared link), in normal and 长辈版 mode; tab pages and the
// mini-programs (their own navigation bar) get none.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { PageShell } from '../../src/components/page-shell';
import { updateElderState } from '../../src/theme/elder-store';
import { MODES, renderInMode, resetAll, taro } from '../helpers';

const stackOf = (...routes: string[]) => taro.getCurrentPages.mockReturnValue(routes.map((route) => ({ route })));

beforeEach(() => {
  resetAll();
  process.env.TARO_ENV = 'h5';
});
afterAll(() => {
  process.env.TARO_ENV = 'h5';
});

describe.each(MODES)('page header on H5 in $name mode', ({ isElder }) => {
  it('offers 返回, named 返回上一页, on a page opened from another, and goes back one page', () => {
    stackOf('pages/index/index', 'pages/service/index');
    const { container } = renderInMode(<p>办事指南</p>, isElder);
    const back = screen.getByRole('button', { name: '返回上一页' });
    expect(back).toHaveTextContent('返回');
    expect(back).toHaveTextContent('‹');
    expect(screen.getByRole('navigation', { name: '页面导航' })).toContainElement(back);
    expect(container.querySelector('.palm-page')?.classList.contains('elder')).toBe(isElder);
    fireEvent.click(back);
    expect(taro.navigateBack).toHaveBeenCalledTimes(1);
    expect(taro.switchTab).not.toHaveBeenCalled();
  });

  it('offers 首页, named 回到首页, on a page opened by a link (alone in the stack), and opens the home tab', () => {
    stackOf('/pages/ticket/index');
    renderInMode(<p>我的号</p>, isElder);
    const home = screen.getByRole('button', { name: '回到首页' });
    expect(home).toHaveTextContent('首页');
    fireEvent.click(home);
    expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
    expect(taro.navigateBack).not.toHaveBeenCalled();
  });

  it.each(['pages/index/index', 'pages/services/index', 'pages/me/index'])('adds nothing to the tab page %s (the tab bar is its way around)', (route) => {
    stackOf('pages/service/index', route);
    renderInMode(<p>内容</p>, isElder);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

it.each(['weapp', 'alipay'] as const)('adds no header on %s, whose own navigation bar has back and home', (platform) => {
  process.env.TARO_ENV = platform;
  stackOf('pages/index/index', 'pages/service/index');
  render(<PageShell>内容</PageShell>);
  expect(screen.queryByRole('navigation')).toBeNull();
  expect(screen.queryByRole('button')).toBeNull();
});

it('adds none to a page that hides it (a wall screen nobody navigates from)', () => {
  stackOf('pages/board/index');
  render(<PageShell isHeaderHidden>叫号屏</PageShell>);
  expect(screen.queryByRole('navigation')).toBeNull();
});

it('keeps the choice made when the page opened, when it re-renders under a newer page', () => {
  stackOf('pages/ticket/index');
  render(<PageShell>我的号</PageShell>);
  // A page opened over the linked one is now on top; switching 长辈版 re-renders every page.
  stackOf('pages/ticket/index', 'pages/office/index');
  act(() => updateElderState({ elderMode: true }));
  expect(screen.getByRole('button', { name: '回到首页' })).toBeInTheDocument();
});
