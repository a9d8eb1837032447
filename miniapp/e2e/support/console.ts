// What the console suites (admin, admin-hall, admin-staff, admin-guide) share: the demo people who
// use the console and their sign-in buttons on the login page, the two viewports, and opening a page
// afresh by its path.
export { openFresh } from './browser';
export { DESKTOP, PHONE } from './report-pages';

export const CITIZEN_PHONE = '13800000001';
export const ADMIN_PHONE = '13800000006';
export const MANAGER_PHONE = '13800000007';
export const CITIZEN_BUTTON = '#dev-login-0';
export const ADMIN_BUTTON = '#dev-login-5';
/** 马晓慧, the county centre's hall manager. */
export const MANAGER_BUTTON = '#dev-login-6';
