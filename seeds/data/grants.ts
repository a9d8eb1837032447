// Demo grants (授权, DESIGN.md §3): the two ways someone acts for another person in the demo —
// family (亲友代办, accepted in the app) and a grid worker (帮代办, consent witnessed by a clerk for
// someone without a phone) — plus an invitation still waiting for its answer and a grant that has
// run out (the history a grantor sees). Grid-worker grants last 90 days, others a year (DESIGN.md §4).
import { GRANT_IDS, USER_IDS } from './ids';

export interface DemoGrant {
  id: string;
  grantorId: string;
  granteeId: string;
  relation: string;
  scopes: readonly ('APPOINTMENT' | 'QUEUE' | 'APPLICATION' | 'LICENCE_PRESENT' | 'REPORT')[];
  consentMethod: 'IN_APP' | 'WITNESSED';
  witnessedById: string | null;
  validDays: number;
  /**
   * ACTIVE: in force since a month before the seeding; PENDING: invited two days before, waiting
   * for the grantee; EXPIRED: ended two months before the seeding.
   */
  status: 'ACTIVE' | 'PENDING' | 'EXPIRED';
  /** Who asked: the grantor invites, the grantee requests. */
  initiatedBy: 'GRANTOR' | 'GRANTEE';
}

export const DEMO_GRANTS: readonly DemoGrant[] = [
  {
    id: GRANT_IDS.elderlyToCitizen,
    grantorId: USER_IDS.elderly,
    granteeId: USER_IDS.citizen,
    relation: '子女',
    scopes: ['APPOINTMENT', 'QUEUE'],
    consentMethod: 'IN_APP',
    witnessedById: null,
    validDays: 365,
    status: 'ACTIVE',
    initiatedBy: 'GRANTOR',
  },
  {
    id: GRANT_IDS.noPhoneElderToGridWorker,
    grantorId: USER_IDS.noPhoneElder,
    granteeId: USER_IDS.gridWorker,
    relation: '网格员',
    scopes: ['APPOINTMENT', 'QUEUE', 'APPLICATION'],
    consentMethod: 'WITNESSED',
    witnessedById: USER_IDS.clerk,
    validDays: 90,
    status: 'ACTIVE',
    initiatedBy: 'GRANTOR',
  },
  {
    id: GRANT_IDS.elderlyInvitesNiece,
    grantorId: USER_IDS.elderly,
    granteeId: USER_IDS.clerkHubinStation,
    relation: '其他亲属',
    scopes: ['QUEUE'],
    consentMethod: 'IN_APP',
    witnessedById: null,
    validDays: 365,
    status: 'PENDING',
    initiatedBy: 'GRANTOR',
  },
  {
    id: GRANT_IDS.elderlyToCitizenExpired,
    grantorId: USER_IDS.elderly,
    granteeId: USER_IDS.citizen,
    relation: '子女',
    scopes: ['APPOINTMENT'],
    consentMethod: 'IN_APP',
    witnessedById: null,
    validDays: 365,
    status: 'EXPIRED',
    initiatedBy: 'GRANTOR',
  },
];
