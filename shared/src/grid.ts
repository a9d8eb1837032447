// 网格员 / 代办员 (DESIGN.md §1, §4 Grants; issue 14 item 4): what the BFF and the mini-app share
// about a grid worker's roster and door-to-door tasks (上门帮办) — the words of each state, the
// age bands the roster shows instead of a birth date, and the few numbers the rules use.

/**
 * A resident's grant toward the grid worker asking, as the roster shows it: none ever, asked and
 * waiting for the resident, in force (until a date), or ended (expired, revoked, refused).
 */
export const GRID_GRANT_STATES = ['NONE', 'PENDING', 'ACTIVE', 'EXPIRED', 'REVOKED', 'REJECTED'] as const;
export type GridGrantState = (typeof GRID_GRANT_STATES)[number];

export const GRID_GRANT_STATE_LABELS: Readonly<Record<GridGrantState, string>> = {
  NONE: '未授权',
  PENDING: '待居民确认',
  ACTIVE: '已授权',
  EXPIRED: '授权已过期',
  REVOKED: '授权已撤销',
  REJECTED: '居民已拒绝',
};

/** 上门帮办: planned, visited (one or more visits recorded), done; or cancelled before done. */
export const GRID_TASK_STATUSES = ['PLANNED', 'VISITED', 'DONE', 'CANCELLED'] as const;
export type GridTaskStatus = (typeof GRID_TASK_STATUSES)[number];

export const GRID_TASK_STATUS_LABELS: Readonly<Record<GridTaskStatus, string>> = {
  PLANNED: '待上门',
  VISITED: '已走访',
  DONE: '已办结',
  CANCELLED: '已取消',
};

/** A grid worker's consent request lasts this long once accepted unless shorter is chosen (DESIGN.md §4). */
export { GRID_GRANT_DAYS as GRID_CONSENT_DAYS } from './grants';
/** What a grid worker asks for unless they choose: booking, queueing and applying for the resident. */
export const GRID_DEFAULT_SCOPES = ['APPOINTMENT', 'QUEUE', 'APPLICATION'] as const;
/** How far ahead a visit may be planned (days from today, Asia/Shanghai). */
export const GRID_TASK_MAX_DAYS_AHEAD = 180;

/**
 * The roster shows an age band, not the age: with a masked name and the last digits of the ID
 * number an exact age would give the birth year back. Ten-year bands from 20; one band from 80.
 */
export function ageBandOf(age: number | null): string | null {
  if (age === null || !Number.isFinite(age) || age < 0) return null;
  if (age >= 80) return '80岁及以上';
  if (age < 20) return '20岁以下';
  const from = Math.floor(age / 10) * 10;
  return `${from}–${from + 9}岁`;
}
