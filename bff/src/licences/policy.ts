// The e-licence domain's actions (policy/kit.ts). A licence is its holder's: to anyone else it does
// not exist. A grantee with a LICENCE_PRESENT grant may list, open and present the grantor's
// licences (代 X 出示, and the grantor is told) and read their 使用记录 — but never see the full
// number, nor sync for them. Checking a token is a window's work: a clerk posted to a hall.
import { definePolicy, deny, ownersOnly, SELF, type Rule } from '../policy/kit';

const holderOnly = ownersOnly('not the holder of this licence');

const clerkAtAWindow: Rule = ({ actor, staff }) => {
  if (!actor.roles.includes('CLERK')) return deny('FORBIDDEN', 'clerks only');
  if (!staff?.officeId) return deny('FORBIDDEN', 'clerk is not posted to a hall');
  return { allow: true, via: 'STAFF' };
};

export const LICENCE_POLICY = definePolicy({
  objects: {
    licence: '没有找到该证照',
  },
  actions: {
    /** 我的证照: the list. */
    'licence.read': { onBehalf: 'LICENCE_PRESENT', allow: SELF, words: '查看电子证照' },
    /** One licence, masked. */
    'licence.view': { onBehalf: 'LICENCE_PRESENT', allow: holderOnly, words: '查看电子证照' },
    /** Its full number (?reveal=true): the holder only, logged. Decided after licence.view, on no object. */
    'licence.reveal': { onBehalf: null, allow: SELF, words: '查看完整证照号码' },
    /** 亮证: a signed token for a purpose. */
    'licence.present': { onBehalf: 'LICENCE_PRESENT', allow: holderOnly, words: '出示电子证照', tellsGrantor: true },
    /** 使用记录. */
    'licence.uses': { onBehalf: 'LICENCE_PRESENT', allow: holderOnly, words: '查看证照使用记录' },
    /**
     * 免证办: a booking names the person's licences for guide materials. Acting for the person
     * (booking under an APPOINTMENT grant) needs a LICENCE_PRESENT grant as well: it uses their licences.
     */
    'licence.cover': { onBehalf: 'LICENCE_PRESENT', allow: SELF, words: '用电子证照免交材料' },
    /** A screen capture of a licence page, noted in the holder's 使用记录 (the holder, or a grantee showing it). */
    'licence.capture': { onBehalf: 'LICENCE_PRESENT', allow: holderOnly, words: '截屏电子证照' },
    /** Sync from the issuer platform: one's own only (it asks by one's own name and ID number). */
    'licence.sync': { onBehalf: null, allow: SELF, words: '同步电子证照' },
    /** The purposes and what each discloses: public data. */
    'licence.purposes': { onBehalf: null, public: true, allow: SELF },
    /** 核验: a clerk at a window scans a token (staff: audited). */
    'licence.verify': { onBehalf: null, staff: true, allow: clerkAtAWindow, words: '核验电子证照' },
  },
});
