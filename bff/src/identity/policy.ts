// The identity domain's actions (policy/kit.ts): one's own profile, and an admin's block.
import { adminsOnly, definePolicy, SELF } from '../policy/kit';

export const IDENTITY_POLICY = definePolicy({
  objects: {},
  actions: {
    /** The subject's own profile and preferences. */
    'profile.read': { onBehalf: null, allow: SELF, words: '查看个人资料' },
    'profile.update': { onBehalf: null, allow: SELF, words: '修改个人设置' },
    /** Real-name binding: only ever by the person themself. */
    'profile.verify': { onBehalf: null, allow: SELF, words: '实名认证' },
    /** Block or unblock a person's account (which ends all their sessions): admins only. */
    'user.block': { onBehalf: null, allow: adminsOnly },
  },
});
