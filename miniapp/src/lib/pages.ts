// Every page of the app, in one place: app.config.ts registers them (the first opens at launch)
// and lib/routes.ts navigates by them, so a new page is its folder under pages/ and one line here.
// Taro evaluates app.config.ts at build time, outside the app: this file imports nothing.
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
  witness: '/pages/witness/index',
  board: '/pages/board/index',
  book: '/pages/book/index',
  appointments: '/pages/appointments/index',
  grants: '/pages/grants/index',
  activity: '/pages/activity/index',
  grid: '/pages/grid/index',
} as const;

/**
 * Staff pages outside the main package (a sub-package, so the citizens' main package does not grow
 * with them): the 办不成事 / 好差评 desk. Its root holds them; app.config.ts lists them under it.
 */
export const STAFF_ROOT = 'pages/staff';
export const STAFF_PAGES = {
  desk: '/pages/staff/desk/index',
  deskCase: '/pages/staff/case/index',
} as const;

export type PagePath = (typeof PAGES)[keyof typeof PAGES] | (typeof STAFF_PAGES)[keyof typeof STAFF_PAGES];

/**
 * The tab bar, in its order (首页 / 办事 / 我的). Tab pages are opened with switchTab. Each icon is
 * assets/<icon>.png, filled when selected (assets/<icon>-selected.png): the shape says which tab is
 * selected, not only the colour (scripts/draw-icons.mjs).
 */
export const TAB_BAR = [
  { page: PAGES.index, text: '首页', icon: 'tab-home' },
  { page: PAGES.services, text: '办事', icon: 'tab-services' },
  { page: PAGES.me, text: '我的', icon: 'tab-me' },
] as const;

/** A page as app.json names it: the same path without the leading slash. */
export const appJsonPath = (page: PagePath): string => page.slice(1);
