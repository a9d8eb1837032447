// The grid worker's actions (网格员 / 代办员, DESIGN.md §1): the roster of their grid, asking a
// resident for consent, and door-to-door tasks (上门帮办). Staff actions: the policy loads the
// worker's posting (their grid) for each, and audits every use — each one reads or touches a
// resident's personal data. None is ever done on someone's behalf: a grant lets a worker act for a
// resident, not reach the roster for them.
import { definePolicy, deny, type Decision, type Rule } from '../policy/kit';

const ALLOWED: Decision = { allow: true, via: 'STAFF' };

/**
 * A grid worker, for the residents of their own grid. The grid is one 村/社区 and is matched
 * exactly: a village is a leaf of the region tree (nothing lives "below" it), and a worker posted
 * to a wider code (a town) is a posting error that must not silently widen whose data they see.
 * By id, a resident outside the grid, the worker themself, or another worker's task is no object
 * at all — the same 404 as an id that names nothing (policy/rules.ts refusalOf).
 */
const workerOfTheGrid: Rule = ({ actor, resource, staff }) => {
  if (!actor.roles.includes('GRID_WORKER')) return deny('FORBIDDEN', 'grid workers only');
  const grid = staff?.gridRegionCode;
  if (!grid) return deny('FORBIDDEN', 'grid worker without a grid');
  // No object: a list, which only ever holds the worker's own grid.
  if (resource?.id === undefined) return ALLOWED;
  if (resource.homeRegionCode !== grid) return deny('NOT_FOUND', 'resident outside the grid');
  if (resource.personId === actor.userId) return deny('NOT_FOUND', 'the grid worker themself');
  if (resource.ownerIds && !resource.ownerIds.includes(actor.userId)) return deny('NOT_FOUND', 'another grid worker’s task');
  return ALLOWED;
};

export const GRID_POLICY = definePolicy({
  objects: {
    resident: '没有找到该居民',
    gridTask: '没有找到该上门帮办任务',
  },
  actions: {
    /** The roster of the worker's grid: masked identities, grant state, whether each has a phone. */
    'grid.roster': { onBehalf: null, staff: true, allow: workerOfTheGrid },
    /** Ask a resident of the grid to let the worker act for them (a PENDING grant the resident answers). */
    'grid.consentRequest': { onBehalf: null, staff: true, allow: workerOfTheGrid },
    /** The worker's own door-to-door tasks: list, plan, record a visit, finish, cancel. */
    'gridTask.read': { onBehalf: null, staff: true, allow: workerOfTheGrid },
    'gridTask.create': { onBehalf: null, staff: true, allow: workerOfTheGrid },
    'gridTask.visit': { onBehalf: null, staff: true, allow: workerOfTheGrid },
    'gridTask.finish': { onBehalf: null, staff: true, allow: workerOfTheGrid },
    'gridTask.cancel': { onBehalf: null, staff: true, allow: workerOfTheGrid },
  },
});
