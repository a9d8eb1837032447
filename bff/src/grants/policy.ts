// The grants domain's actions (policy/kit.ts). Grants are only ever personal: nobody gives, answers
// or ends a grant on someone else's behalf (a grantee cannot re-delegate), and the log of acts is
// its own person's. A grant is its two people's; to anyone else it does not exist.
import { definePolicy, ownersOnly, SELF } from '../policy/kit';

const partiesOnly = ownersOnly('neither the grantor nor the grantee of this grant');
const personActedFor = ownersOnly('not the person this act was done for');

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
    /** Accept or reject: either side may ask; only the side that did not create it may answer (the service's rule). */
    'grant.respond': { onBehalf: null, allow: partiesOnly, words: '处理授权' },
    /** End it: the grantor at any time, the grantee to step down. */
    'grant.revoke': { onBehalf: null, allow: partiesOnly, words: '撤销授权' },
    /** My activity log: acts done on my behalf and by me for others. */
    'activity.read': { onBehalf: null, allow: SELF, words: '查看授权记录' },
    /** 这不是我授权的: only the person the act was done for. */
    'activity.dispute': { onBehalf: null, allow: personActedFor, words: '申报非本人授权' },
  },
});
