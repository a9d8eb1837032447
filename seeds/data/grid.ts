// The grid worker's demo (我的网格, issue 14): the grants the residents of 上坊村 gave (or did not
// give) grid worker 周海燕, one of each state the roster shows, and two door-to-door tasks. The
// residents are in data/people.ts (GRID_RESIDENTS); 刘福根's witnessed grant is in data/grants.ts.
// Times are days relative to the seeding's clock, so a demo clock sees the same picture.
import { SERVICE_IDS, USER_IDS } from './ids';

/** K = 5 (grants), 01xx: the grid's; K = 6: door-to-door tasks. */
export const GRID_GRANT_IDS = {
  liXiuying: '5eed0005-0000-4000-8000-000000000101',
  wangDeming: '5eed0005-0000-4000-8000-000000000102',
  chenGuifang: '5eed0005-0000-4000-8000-000000000103',
  zhaoGensheng: '5eed0005-0000-4000-8000-000000000104',
  zhouJianguo: '5eed0005-0000-4000-8000-000000000105',
} as const;

export const GRID_TASK_IDS = {
  liXiuyingOldAgeAllowance: '5eed0006-0000-4000-8000-000000000001',
  wangDemingEligibilityCheck: '5eed0006-0000-4000-8000-000000000002',
} as const;

export interface GridDemoGrant {
  id: string;
  grantorId: string;
  relation: '网格员' | '代办员';
  scopes: readonly ('APPOINTMENT' | 'QUEUE' | 'APPLICATION')[];
  status: 'ACTIVE' | 'PENDING' | 'EXPIRED' | 'REVOKED';
  /** Who asked: the worker (GRANTEE, a consent request) or the resident at a window (GRANTOR). */
  initiatedBy: 'GRANTOR' | 'GRANTEE';
  consentMethod: 'IN_APP' | 'WITNESSED';
  witnessedById: string | null;
  /** When it started (or was asked for), in days before the seeding. */
  startedDaysAgo: number;
  validDays: number;
  /** REVOKED: when, in days before the seeding. */
  revokedDaysAgo?: number;
}

const WORKER_SCOPES = ['APPOINTMENT', 'QUEUE', 'APPLICATION'] as const;

export const GRID_GRANTS: readonly GridDemoGrant[] = [
  // No phone: consented at 上坊村's station, witnessed by its clerk.
  { id: GRID_GRANT_IDS.liXiuying, grantorId: USER_IDS.residentLiXiuying, relation: '网格员', scopes: WORKER_SCOPES, status: 'ACTIVE', initiatedBy: 'GRANTOR', consentMethod: 'WITNESSED', witnessedById: USER_IDS.clerkShangfangStation, startedDaysAgo: 20, validDays: 90 },
  // The worker asked; he accepted on his phone.
  { id: GRID_GRANT_IDS.wangDeming, grantorId: USER_IDS.residentWangDeming, relation: '网格员', scopes: ['APPOINTMENT', 'QUEUE'], status: 'ACTIVE', initiatedBy: 'GRANTEE', consentMethod: 'IN_APP', witnessedById: null, startedDaysAgo: 12, validDays: 90 },
  // The worker asked yesterday; she has not answered yet.
  { id: GRID_GRANT_IDS.chenGuifang, grantorId: USER_IDS.residentChenGuifang, relation: '网格员', scopes: WORKER_SCOPES, status: 'PENDING', initiatedBy: 'GRANTEE', consentMethod: 'IN_APP', witnessedById: null, startedDaysAgo: 1, validDays: 90 },
  // Witnessed 100 days ago for 90 days: ended 10 days ago.
  { id: GRID_GRANT_IDS.zhaoGensheng, grantorId: USER_IDS.residentZhaoGensheng, relation: '网格员', scopes: WORKER_SCOPES, status: 'EXPIRED', initiatedBy: 'GRANTOR', consentMethod: 'WITNESSED', witnessedById: USER_IDS.clerkShangfangStation, startedDaysAgo: 100, validDays: 90 },
  // Accepted 40 days ago, revoked by him 5 days ago.
  { id: GRID_GRANT_IDS.zhouJianguo, grantorId: USER_IDS.residentZhouJianguo, relation: '代办员', scopes: ['QUEUE'], status: 'REVOKED', initiatedBy: 'GRANTEE', consentMethod: 'IN_APP', witnessedById: null, startedDaysAgo: 40, validDays: 90, revokedDaysAgo: 5 },
];

export interface GridDemoTask {
  id: string;
  residentId: string;
  serviceId: string;
  status: 'PLANNED' | 'VISITED';
  /** Days from the seeding's business date. */
  plannedInDays: number;
  note: string | null;
  /** Days before the seeding it was planned. */
  createdDaysAgo: number;
  /** VISITED: the visit, days before the seeding, and what was noted. */
  visit?: { daysAgo: number; note: string };
}

export const GRID_TASKS: readonly GridDemoTask[] = [
  {
    id: GRID_TASK_IDS.liXiuyingOldAgeAllowance,
    residentId: USER_IDS.residentLiXiuying,
    serviceId: SERVICE_IDS.oldAgeAllowance,
    status: 'PLANNED',
    plannedInDays: 1,
    note: '帮李奶奶申请高龄津贴，带上户口本和银行卡',
    createdDaysAgo: 2,
  },
  {
    id: GRID_TASK_IDS.wangDemingEligibilityCheck,
    residentId: USER_IDS.residentWangDeming,
    serviceId: SERVICE_IDS.benefitEligibilityCheck,
    status: 'VISITED',
    plannedInDays: -1,
    note: '养老金资格认证',
    createdDaysAgo: 4,
    visit: { daysAgo: 1, note: '已上门，老人在家；认证须本人刷脸，约好下周再来' },
  },
];
