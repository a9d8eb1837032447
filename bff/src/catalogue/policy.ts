// The catalogue's actions (policy/kit.ts): the public catalogue, and the hall as an object by id.
import { definePolicy, SELF } from '../policy/kit';

export const CATALOGUE_POLICY = definePolicy({
  objects: {
    // Offices are public, but a staff action on one outside one's posting answers the same way.
    office: '没有找到该办事大厅',
  },
  actions: {
    /** Public catalogue: services, guides, offices — anyone, signed in or not. */
    'catalogue.read': { onBehalf: null, public: true, allow: SELF },
  },
});
