// Acting for someone with a grant: from a grant I hold to the acting store, what the grant covers
// in words, and the check that runs when a request on someone's behalf is refused — is the grant
// still in force? If not, the app drops back to the person themself and says why.
import { GRANT_SCOPE_LABELS, type GrantScopeKey } from '@palm/shared';
import { getActingFor, onActingRefused, startActing, stopActing, type ActingFor } from './acting-store';
import { ApiError } from './errors';
import { getGrant, type Grant } from './grants';
import { getSession } from './session';

/** ActingFor from a grant I hold (ACTIVE, as grantee); null when it cannot be acted under. */
export function actingForOf(grant: Grant): ActingFor | null {
  if (grant.as !== 'GRANTEE' || grant.status !== 'ACTIVE' || !grant.actFor) return null;
  return {
    userId: grant.actFor,
    grantId: grant.id,
    name: grant.other.name,
    relation: grant.relation,
    scopes: grant.scopes as GrantScopeKey[],
    services: grant.services,
    validUntil: grant.validUntil,
    ownerId: getSession().me?.id ?? null,
  };
}

/** 代他/她办理. */
export function actFor(grant: Grant): boolean {
  const actingFor = actingForOf(grant);
  if (actingFor) startActing(actingFor);
  return actingFor !== null;
}

/** "预约、排队取号" (+ "，限：身份证换领" when it names services). */
export function coverageWords(actingFor: Pick<ActingFor, 'scopes' | 'services'>): string {
  const scopes = actingFor.scopes.map((s) => GRANT_SCOPE_LABELS[s] ?? s).join('、');
  const services = actingFor.services.map((s) => s.name).filter(Boolean);
  return services.length > 0 ? `${scopes}，限：${services.join('、')}` : scopes;
}

/** The words shown when the app drops back to oneself. */
export const endedWords = (name: string): string => `${name} 的代办授权已结束（已撤销或已到期），现在回到您本人办理。`;

let checking: Promise<void> | null = null;

/** The grant by id; null when the BFF says it is not there (404: not mine, or gone). */
async function grantNow(id: string): Promise<Grant | null> {
  try {
    return await getGrant(id, { isQuiet: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/**
 * Asks the BFF for the grant acted under, by id (a grid worker may hold hundreds: no list paging);
 * if it is not ACTIVE (or not there), drops back to oneself. A refusal of something the grant does
 * not cover, while it is in force, changes nothing. One check at a time.
 */
export function checkActingGrant(actingFor: ActingFor): Promise<void> {
  checking ??= (async () => {
    try {
      const grant = await grantNow(actingFor.grantId);
      const current = getActingFor();
      if (current?.grantId !== actingFor.grantId) return;
      const still = grant ? actingForOf(grant) : null;
      if (!still) stopActing(endedWords(actingFor.name));
      else startActing({ ...still, ownerId: actingFor.ownerId ?? still.ownerId });
    } catch {
      // No answer: keep the mode; the next refusal checks again.
    }
  })().finally(() => {
    checking = null;
  });
  return checking;
}

onActingRefused((actingFor) => void checkActingGrant(actingFor));
