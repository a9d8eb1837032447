// Grant rows → the API's shape (GrantSchema), as one of its two people sees it: the other person
// masked ("张**", "138****0002"), the state in force now (a grant past its end is EXPIRED even
// before the job marks it), who must act next and what the caller may do.
import { maskName } from '@palm/shared';
import type { Grant } from '@palm/shared/server';
import type { Grant as GrantRow, Role } from '@palm/db/client';
import { answerWindowStart } from './statements';

export interface PersonFacts {
  name: string | null;
  phoneMasked: string | null;
  roles: Role[];
}

/** How one person is named to another: the masked name, else the masked phone. */
export const maskedNameOf = (person: Pick<PersonFacts, 'name' | 'phoneMasked'> | null | undefined): string =>
  person?.name ? maskName(person.name) : (person?.phoneMasked ?? '未实名用户');

export const PERSON_SELECT = { name: true, phoneMasked: true, roles: true } as const;
export const grantInclude = { grantor: { select: PERSON_SELECT }, grantee: { select: PERSON_SELECT } } as const;
export type GrantWithPeople = GrantRow & { grantor: PersonFacts; grantee: PersonFacts };

/** Its state now: PENDING or ACTIVE past its end is EXPIRED, whether or not the job has run. */
export function statusNow(grant: Pick<GrantRow, 'status' | 'validUntil'> & { createdAt?: Date }, now: Date): GrantRow['status'] {
  const ended = grant.validUntil <= now || (grant.status === 'PENDING' && grant.createdAt !== undefined && grant.createdAt <= answerWindowStart(now));
  return (grant.status === 'PENDING' || grant.status === 'ACTIVE') && ended ? 'EXPIRED' : grant.status;
}

export function toGrantView(row: GrantWithPeople, me: string, now: Date, serviceNames: ReadonlyMap<string, string>): Grant {
  const as = row.grantorId === me ? 'GRANTOR' : 'GRANTEE';
  const other = as === 'GRANTOR' ? row.grantee : row.grantor;
  const status = statusNow(row, now);
  const askedByMe = row.initiatedBy === as;
  const endedAt = status === 'REJECTED' ? row.rejectedAt : status === 'REVOKED' ? row.revokedAt : status === 'EXPIRED' ? row.validUntil : null;
  const revokedBy = status !== 'REVOKED' ? null : row.revokedById === me ? 'ME' : row.revokedById === row.grantorId || row.revokedById === row.granteeId ? 'OTHER' : 'STAFF';
  return {
    id: row.id,
    as,
    other: { name: maskedNameOf(other), phoneMasked: other.phoneMasked, isGridWorker: other.roles.includes('GRID_WORKER') },
    actFor: as === 'GRANTEE' && status === 'ACTIVE' ? row.grantorId : null,
    relation: row.relation,
    scopes: row.scopes,
    services: row.serviceIds.map((id) => ({ id, name: serviceNames.get(id) ?? '' })),
    status,
    consentMethod: row.consentMethod,
    initiatedBy: row.initiatedBy,
    awaiting: status === 'PENDING' ? (askedByMe ? 'OTHER' : 'ME') : null,
    actions: status === 'PENDING' ? (askedByMe ? ['revoke'] : ['accept', 'reject']) : status === 'ACTIVE' ? ['revoke'] : [],
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    createdAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    endedAt: endedAt?.toISOString() ?? null,
    revokedBy,
  };
}
