// Demo grants (授权, DESIGN.md §3): the two ways someone acts for another person in the demo —
// family (亲友代办, accepted in the app) and a grid worker (帮代办, consent witnessed by a clerk for
// someone without a phone). Grid-worker grants last 90 days, others a year (DESIGN.md §4).
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
  },
];
