// A resident's grant toward one grid worker, as the roster and the tasks show it (GRID_GRANT_STATES).
// Read straight from the Grant table: the one in force, else the one waiting for the resident, else
// the one that ended last — so "授权已过期" shows until a new request replaces it.
import type { GridGrant } from '@palm/shared/server';
import type { Grant } from '@palm/db/client';

export type GrantFacts = Pick<Grant, 'id' | 'grantorId' | 'status' | 'scopes' | 'validFrom' | 'validUntil' | 'revokedAt' | 'updatedAt' | 'createdAt' | 'consentMethod' | 'relation'>;

/** The columns `grantOf` reads, as a Prisma `select`. */
export const GRANT_FACTS = {
  id: true,
  grantorId: true,
  status: true,
  scopes: true,
  validFrom: true,
  validUntil: true,
  revokedAt: true,
  updatedAt: true,
  createdAt: true,
  consentMethod: true,
  relation: true,
} as const;

export const NO_GRANT: GridGrant = { state: 'NONE', id: null, scopes: [], validUntil: null, endedAt: null, consentMethod: null, relation: null };

/** In force now: the policy's own test (ACTIVE, started, not ended), whatever the expiry job has done yet. */
const isInForce = (g: GrantFacts, now: Date) => g.status === 'ACTIVE' && g.validFrom <= now && g.validUntil > now;
/** Waiting for the resident, and not past its end (a request nobody answered in time has lapsed). */
const isWaiting = (g: GrantFacts, now: Date) => g.status === 'PENDING' && g.validUntil > now;

function ended(g: GrantFacts): { state: GridGrant['state']; at: Date } {
  if (g.status === 'REVOKED') return { state: 'REVOKED', at: g.revokedAt ?? g.updatedAt };
  if (g.status === 'REJECTED') return { state: 'REJECTED', at: g.updatedAt };
  // EXPIRED, or ACTIVE / PENDING past its end that the expiry job has not reached yet.
  return { state: 'EXPIRED', at: g.validUntil };
}

const view = (g: GrantFacts, state: GridGrant['state'], endedAt: Date | null): GridGrant => ({
  state,
  id: g.id,
  scopes: [...g.scopes],
  validUntil: state === 'ACTIVE' || state === 'PENDING' ? g.validUntil.toISOString() : null,
  endedAt: endedAt?.toISOString() ?? null,
  consentMethod: g.consentMethod,
  relation: g.relation,
});

/** The state of one resident's grants (all toward the same worker). */
export function grantOf(grants: readonly GrantFacts[], now: Date): GridGrant {
  const active = grants.filter((g) => isInForce(g, now)).sort((a, b) => b.validUntil.getTime() - a.validUntil.getTime())[0];
  if (active) return view(active, 'ACTIVE', null);
  const pending = grants.filter((g) => isWaiting(g, now)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (pending) return view(pending, 'PENDING', null);
  const last = grants
    .filter((g) => g.status !== 'ACTIVE' || g.validUntil <= now)
    .filter((g) => g.status !== 'PENDING' || g.validUntil <= now)
    .map((g) => ({ g, ...ended(g) }))
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return last ? view(last.g, last.state, last.at) : NO_GRANT;
}

/** Each resident's state, from the grants of many residents toward one worker. */
export function grantsByResident(grants: readonly GrantFacts[], residentIds: readonly string[], now: Date): Map<string, GridGrant> {
  const byResident = new Map<string, GrantFacts[]>();
  for (const g of grants) byResident.set(g.grantorId, [...(byResident.get(g.grantorId) ?? []), g]);
  return new Map(residentIds.map((id) => [id, grantOf(byResident.get(id) ?? [], now)]));
}
