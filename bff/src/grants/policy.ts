// The grants domain's actions (policy/kit.ts). Grants are only ever personal: nobody gives, answers
// or ends a grant on someone else's behalf (a grantee cannot re-delegate), and the log of acts is
// its own person's. A grant is its two people's; to anyone else it does not exist.
import { definePolicy, deny, ownersOnly, SELF, type Rule } from '../policy/kit';

const partiesOnly = ownersOnly('neither the grantor nor the grantee of this grant');
const personActedFor = ownersOnly('not the person this act was done for');

/**
 * Witnessing consent at a window (见证授权) is a window's work: a clerk posted to a hall — any hall,
 * for the resident may come to any window, and any window may end such a grant at their request.
 * Not supervisors (they watch windows) nor admins (they administer accounts): neither sits at a
 * window with the resident and the signed form in front of them.
 */
const clerkAtAWindow: Rule = ({ actor, staff }) => {
  if (!actor.roles.includes('CLERK')) return deny('FORBIDDEN', 'clerks only');
  if (!staff?.officeId) return deny('FORBIDDEN', 'clerk is not posted to a hall');
  return { allow: true, via: 'STAFF' };
};

export const GRANT_POLICY = definePolicy({
  objects: {
    grant: '没有找到该授权',
    activity: '没有找到该记录',
  },
  actions: {
    /** Invite someone to act for me, or ask someone to let me act for them. */
    'grant.create': { onBehalf: null, allow: SELF, words: '设置授权' },
    /** My grants, either side. */
    'grant.read': { onBehalf: null, allow: SELF, words: '查看授权' },
    /** One grant by id (what it is now): only its two people; to anyone else the same 404 as a missing one. */
    'grant.view': { onBehalf: null, allow: partiesOnly, words: '查看授权' },
    /** Accept or reject: either side may ask; only the side that did not create it may answer (the service's rule). */
    'grant.respond': { onBehalf: null, allow: partiesOnly, words: '处理授权' },
    /** End it: the grantor at any time, the grantee to step down. */
    'grant.revoke': { onBehalf: null, allow: partiesOnly, words: '撤销授权' },
    /** My activity log: acts done on my behalf and by me for others. */
    'activity.read': { onBehalf: null, allow: SELF, words: '查看授权记录' },
    /** A clerk records a grant a resident without a phone consents to at the window (staff: audited). */
    'grant.witness': { onBehalf: null, staff: true, allow: clerkAtAWindow, words: '见证授权' },
    /** A clerk finds a resident by ID number and reads the grants they gave (staff: audited). */
    'grant.witness-lookup': { onBehalf: null, staff: true, allow: clerkAtAWindow, words: '查询居民授权' },
    /**
     * A clerk ends a witnessed grant at the resident's request, at any window. To a clerk only a
     * WITNESSED grant exists (the route loads no other): one given in the app its grantor ends there.
     */
    'grant.witness-revoke': { onBehalf: null, staff: true, allow: clerkAtAWindow, words: '窗口撤销授权' },
    /** 这不是我授权的: only the person the act was done for. */
    'activity.dispute': { onBehalf: null, allow: personActedFor, words: '申报非本人授权' },
  },
});
