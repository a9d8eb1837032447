// 授权 (DESIGN.md §3 Grant, §4 Grants): the rules both the BFF and the mini-app need — the scopes
// and their words, the relations one may name, how long a grant lasts and how many one may hold.

/** What a grant lets the grantee do for the grantor. */
export const GRANT_SCOPES = ['APPOINTMENT', 'QUEUE', 'APPLICATION', 'LICENCE_PRESENT', 'REPORT'] as const;
export type GrantScopeKey = (typeof GRANT_SCOPES)[number];

export const GRANT_SCOPE_LABELS: Readonly<Record<GrantScopeKey, string>> = {
  APPOINTMENT: '预约',
  QUEUE: '排队取号',
  APPLICATION: '申办事项',
  LICENCE_PRESENT: '出示电子证照',
  REPORT: '反映问题',
};

/**
 * Who the grantee is to the grantor ("陈思远是张桂兰的子女"). 网格员 and 代办员 are the grid
 * workers' relations: only someone with the grid-worker role may be named so.
 */
export const FAMILY_RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他亲属', '朋友'] as const;
export const GRID_RELATIONS = ['网格员', '代办员'] as const;
export const GRANT_RELATIONS = [...FAMILY_RELATIONS, ...GRID_RELATIONS] as const;
export type GrantRelation = (typeof GRANT_RELATIONS)[number];

export const isGridRelation = (relation: string): boolean => (GRID_RELATIONS as readonly string[]).includes(relation);

/**
 * How long a grant lasts unless the person chooses a shorter time, and the longest it may be
 * (DESIGN.md §4): a year for family, 90 days for a grid worker (renewed with fresh consent).
 */
export const FAMILY_GRANT_DAYS = 365;
export const GRID_GRANT_DAYS = 90;
/**
 * How long an invitation or a request waits for its answer: a PENDING grant older than this can no
 * longer be accepted (or rejected) and the expiry job marks it EXPIRED.
 */
export const PENDING_GRANT_DAYS = 7;

/**
 * At most 5 family members act for one person at once. A creation counts the grants in force and
 * the pending ones its caller started (never someone else's invitation or request); an accept
 * counts the grants in force again, so an answer never breaks the limit. A grid-worker grant is
 * not family and does not count here.
 */
export const MAX_FAMILY_GRANTEES = 5;
/**
 * How many people one grantee may act for at once (counted as MAX_FAMILY_GRANTEES is): a citizen for 5 — a family
 * of parents and parents-in-law — and a grid worker for a grid's residents who need it.
 */
export const MAX_GRANTORS_PER_CITIZEN = 5;
export const MAX_GRANTORS_PER_GRID_WORKER = 500;
/** Services one grant may name (none: every service). */
export const MAX_GRANT_SERVICES = 20;
