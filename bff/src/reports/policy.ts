// The 办不成事 / 好差评 domain's actions (policy/kit.ts). A report is its reporter's (acting for them
// needs a REPORT grant) and its hall's: the clerks of the hall it is about or assigned to, the
// supervisors of the region, admins. Ratings are given by the person served (or under a REPORT
// grant for them); the rated clerk reads ratings about their window without the rater.
import { definePolicy, deny, regionContains, SELF, type Rule, type RuleInput } from '../policy/kit';

const isAdmin = ({ actor }: RuleInput) => actor.roles.includes('ADMIN');
const isSupervisorOf = ({ actor, resource, staff }: RuleInput) =>
  actor.roles.includes('SUPERVISOR') && Boolean(staff?.regionCode && resource?.officeRegionCode && regionContains(staff.regionCode, resource.officeRegionCode));
/** Clerk of the hall the object is about, or of the hall (or the named clerk) it is assigned to. */
const isClerkOf = ({ actor, resource, staff }: RuleInput) =>
  actor.roles.includes('CLERK') && Boolean(staff?.officeId) && (staff?.officeId === resource?.officeId || staff?.officeId === resource?.assignedOfficeId);
const isOwner = ({ actor, resource }: RuleInput) => Boolean(resource?.ownerIds?.includes(actor.userId));

const ok = { allow: true, via: 'STAFF' } as const;

/** The reporter; the hall's clerks (its own or the one it is assigned to); the region's supervisors; admins. */
const reporterOrHall: Rule = (input) => {
  if (isOwner(input)) return { allow: true, via: 'SELF' };
  if (isAdmin(input) || isSupervisorOf(input) || isClerkOf(input)) return ok;
  return deny('NOT_FOUND', 'neither the reporter nor staff of the report’s hall or region');
};

/** 分类, 转办, 回访: supervisors of the region the hall is in, and admins. */
const supervisorOfRegion: Rule = (input) => (isAdmin(input) || isSupervisorOf(input) ? ok : deny('NOT_FOUND', 'not a supervisor of the report’s region'));

/** 办结: the clerks of the hall it is assigned to (any of them: a named clerk may be away). */
const assignedHall: Rule = ({ actor, resource, staff }) => {
  const assigned = resource?.assignedOfficeId;
  if (actor.roles.includes('CLERK') && staff?.officeId && assigned && staff.officeId === assigned) return ok;
  return deny('NOT_FOUND', 'not a clerk of the hall the report is assigned to');
};

/** Reopen: the reporter only. */
const reporterOnly: Rule = (input) => (isOwner(input) ? { allow: true, via: 'SELF' } : deny('NOT_FOUND', 'not the reporter'));

/** Close: the reporter (satisfied) or a supervisor of the region after 回访. */
const reporterOrSupervisor: Rule = (input) => (isOwner(input) ? { allow: true, via: 'SELF' } : supervisorOfRegion(input));

/** Creating a report or a rating about an object: the object must be the actor's own (or none named). */
const ownObjectOrNone: Rule = (input) => (input.resource?.ownerIds === undefined || isOwner(input) ? { allow: true, via: 'SELF' } : deny('NOT_FOUND', 'not the person’s own object'));

const clerkAtAWindow: Rule = ({ actor, staff }) => (actor.roles.includes('CLERK') && staff?.officeId ? ok : deny('FORBIDDEN', 'clerks posted to a hall only'));

/** The desk, rectification lists and figures: clerks of a hall, supervisors of a region, admins. */
const deskStaff: Rule = ({ actor, staff }) => {
  if (actor.roles.includes('ADMIN')) return ok;
  if (actor.roles.includes('SUPERVISOR') && staff?.regionCode) return ok;
  if (actor.roles.includes('CLERK') && staff?.officeId) return ok;
  return deny('FORBIDDEN', 'staff only');
};

/**
 * 转办's list of named clerks: supervisors (of a region) and admins; naming a hall, only one in the
 * supervisor's region (another region's hall is the office's 404). Clerks never assign.
 */
const assigner: Rule = (input) => {
  if (input.resource?.id !== undefined) return supervisorOfRegion(input);
  const { actor, staff } = input;
  return isAdmin(input) || (actor.roles.includes('SUPERVISOR') && staff?.regionCode) ? ok : deny('FORBIDDEN', 'supervisors and admins only');
};

/** A rectification: supervisors of its region and admins work it; the hall's clerks read it. */
const rectificationWorker: Rule = supervisorOfRegion;

export const REPORT_POLICY = definePolicy({
  objects: {
    report: '没有找到该反映',
    rating: '没有找到该评价',
    rectification: '没有找到该整改',
    photo: '没有找到该照片',
  },
  actions: {
    'report.create': { onBehalf: 'REPORT', allow: ownObjectOrNone, words: '反映办不成事', tellsGrantor: true },
    'report.read': { onBehalf: 'REPORT', allow: SELF, words: '查看反映' },
    // Staff views and views on someone's behalf are audited; a reporter reading their own case is not.
    'report.view': { onBehalf: 'REPORT', staff: true, auditOwnUsesNot: true, allow: reporterOrHall, words: '查看反映' },
    'report.triage': { onBehalf: null, staff: true, allow: supervisorOfRegion },
    'report.assign': { onBehalf: null, staff: true, allow: supervisorOfRegion },
    'report.resolve': { onBehalf: null, staff: true, allow: assignedHall },
    'report.confirm': { onBehalf: null, staff: true, allow: supervisorOfRegion },
    'report.reopen': { onBehalf: 'REPORT', allow: reporterOnly, words: '重新打开反映', tellsGrantor: true },
    'report.close': { onBehalf: 'REPORT', staff: true, allow: reporterOrSupervisor, words: '结束反映', tellsGrantor: true },
    // A photo for a report to come: uploaded (and discarded while unattached) by whoever will file
    // the report — the person, their REPORT grantee, a clerk for a walk-in. Reading one is 'report.view'.
    'report.photo': { onBehalf: 'REPORT', allow: ownObjectOrNone, words: '上传反映照片' },
    'report.walk-in': { onBehalf: null, staff: true, allow: clerkAtAWindow },
    'rating.create': { onBehalf: 'REPORT', allow: ownObjectOrNone, words: '评价', tellsGrantor: true },
    'rating.pending': { onBehalf: 'REPORT', allow: SELF, words: '查看待评价' },
    'rating.reasons': { onBehalf: null, public: true, allow: SELF },
    'rating.about-me': { onBehalf: null, staff: true, auditRefusalsOnly: true, allow: clerkAtAWindow },
    'rectification.read': { onBehalf: null, staff: true, auditRefusalsOnly: true, allow: deskStaff },
    'rectification.work': { onBehalf: null, staff: true, allow: rectificationWorker },
    'desk.assignees': { onBehalf: null, staff: true, auditRefusalsOnly: true, allow: assigner },
    'desk.read': { onBehalf: null, staff: true, auditRefusalsOnly: true, allow: deskStaff },
  },
});
