// Grants as the BFF answers them (GrantSchema), for the acting and 亲友代办 tests.
import type { Grant } from '../../src/api/grants';

export const MOTHER_ID = '5eed0004-0000-4000-8000-000000000002';

export function grant(patch: Partial<Grant> = {}): Grant {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    as: 'GRANTEE',
    other: { name: '张**', phoneMasked: '138****0002', isGridWorker: false },
    actFor: MOTHER_ID,
    relation: '子女',
    scopes: ['APPOINTMENT', 'QUEUE'],
    services: [],
    status: 'ACTIVE',
    consentMethod: 'IN_APP',
    initiatedBy: 'GRANTOR',
    awaiting: null,
    actions: ['revoke'],
    validFrom: '2026-11-23T00:00:00.000Z',
    validUntil: '2027-11-23T16:00:00.000Z',
    createdAt: '2026-11-23T00:00:00.000Z',
    acceptedAt: '2026-11-23T01:00:00.000Z',
    endedAt: null,
    revokedBy: null,
    ...patch,
  };
}
