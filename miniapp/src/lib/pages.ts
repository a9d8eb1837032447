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
  licences: '/pages/licences/index',
  licence: '/pages/licence/index',
  licenceUses: '/pages/licence-uses/index',
  licenceVerify: '/pages/licence-verify/index',
  licenceOffline: '/pages/licence-offline/index',
  // 办不成事 and 好差评: the sub-package pages/reports (SUB_PACKAGES), loaded when first opened.
  reportNew: '/pages/reports/new/index',
  reports: '/pages/reports/list/index',
  report: '/pages/reports/detail/index',
  rate: '/pages/reports/rate/index',
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

/**
 * The admin and hall-manager console (issue 17), a sub-package of its own: a hall's hours and
 * closures, its windows, the holiday calendar, the services' guides. Admins and hall managers only (the pages gate, the BFF decides).
 */
export const ADMIN_ROOT = 'pages/admin';
export const ADMIN_PAGES = {
  console: '/pages/admin/home/index',
  adminOffice: '/pages/admin/office/index',
  adminCalendar: '/pages/admin/calendar/index',
  adminWindows: '/pages/admin/windows/index',
  adminProfile: '/pages/admin/profile/index',
  adminQueue: '/pages/admin/queue/index',
  adminSlots: '/pages/admin/slots/index',
  adminStaff: '/pages/admin/staff/index',
  adminAudit: '/pages/admin/audit/index',
  adminServices: '/pages/admin/services/index',
  adminService: '/pages/admin/service/index',
} as const;

export type PagePath = (typeof PAGES)[keyof typeof PAGES] | (typeof STAFF_PAGES)[keyof typeof STAFF_PAGES] | (typeof ADMIN_PAGES)[keyof typeof ADMIN_PAGES];

/**
 * Pages built into H5 only: the offline 亮证 verifier runs in a window PC's browser (WebCrypto and
 * `jose`), so the mini-programs' packages do not carry it.
 */
export const H5_ONLY_PAGES: readonly PagePath[] = [PAGES.licenceOffline];

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

/**
 * Sub-packages: pages under each root are left out of the main package (the 2 MB / 1 MB limit,
 * DESIGN.md §4) and downloaded when one of them is first opened. H5 serves them like any page.
 */
export const SUB_PACKAGE_ROOTS = ['pages/reports', STAFF_ROOT, ADMIN_ROOT] as const;

/** A page as app.json names it: the same path without the leading slash. */
export const appJsonPath = (page: PagePath): string => page.slice(1);
