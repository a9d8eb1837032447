// Opening pages: tab pages by switchTab, the others by navigateTo with their query. The paths are
// lib/pages.ts.
import Taro from '@tarojs/taro';
import { ADMIN_PAGES, PAGES, STAFF_PAGES, TAB_BAR } from './pages';

export { ADMIN_PAGES, PAGES, STAFF_PAGES };

const TAB_PAGES: readonly string[] = TAB_BAR.map((tab) => tab.page);

export function openPage(path: string, query: Record<string, string | undefined> = {}): void {
  if (TAB_PAGES.includes(path)) {
    void Taro.switchTab({ url: path });
    return;
  }
  const pairs = Object.entries(query)
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  void Taro.navigateTo({ url: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path });
}

/** Opens a page in place of this one (a form once sent: 返回 then skips it). */
export function replacePage(path: string, query: Record<string, string | undefined> = {}): void {
  const pairs = Object.entries(query)
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  void Taro.redirectTo({ url: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path });
}

/** Back where the person came from; a first page opened directly goes to 首页 instead. */
export function goBack(fallback: string = PAGES.index): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else openPage(fallback);
}
