// Page paths in one place (app.config.ts registers the same list).
import Taro from '@tarojs/taro';

export const PAGES = {
  index: '/pages/index/index',
  services: '/pages/services/index',
  me: '/pages/me/index',
  service: '/pages/service/index',
  offices: '/pages/offices/index',
  office: '/pages/office/index',
  login: '/pages/login/index',
  settings: '/pages/settings/index',
  realName: '/pages/real-name/index',
  takeTicket: '/pages/take-ticket/index',
  ticket: '/pages/ticket/index',
  tickets: '/pages/tickets/index',
  counter: '/pages/counter/index',
  board: '/pages/board/index',
  book: '/pages/book/index',
  appointments: '/pages/appointments/index',
} as const;

const TAB_PAGES: readonly string[] = [PAGES.index, PAGES.services, PAGES.me];

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

/** Back where the person came from; a first page opened directly goes to 首页 instead. */
export function goBack(fallback: string = PAGES.index): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else openPage(fallback);
}
