// The admin console's actions (issue 17; DESIGN.md §1 roles): an admin (`ADMIN`) may do all of
// them anywhere; a hall manager (`MANAGER`, posted to one office through User.officeId like a
// clerk) only the running of their own office — its hours and closures, windows, queue settings,
// slot rules and clerks; nobody else anything. Every action here is a staff action: the policy
// loads the actor's posting and audits it (views: refusals only). Which office an action concerns
// is the resource's `officeId`; a refusal of an object named by id answers as a missing id
// (policy/rules.ts refusalOf), so a manager cannot tell another hall's ids from none.
import { definePolicy, deny, type Rule, type RuleInput } from '../policy/kit';

const ok = { allow: true, via: 'STAFF' } as const;
const isAdmin = ({ actor }: RuleInput) => actor.roles.includes('ADMIN');
/** A hall manager posted to the office the resource belongs to. */
const isManagerOf = ({ actor, resource, staff }: RuleInput) =>
  actor.roles.includes('MANAGER') && Boolean(staff?.officeId) && Boolean(resource?.officeId) && staff?.officeId === resource?.officeId;

/** Admins anywhere; a hall manager in their own office. */
export const adminOrManagerOfTheOffice: Rule = (input) => {
  if (isAdmin(input) || isManagerOf(input)) return ok;
  return deny('FORBIDDEN', input.actor.roles.includes('MANAGER') ? 'hall manager of another office' : 'admins and hall managers only');
};

/** Platform settings (a hall's name and contact, the services it offers, other staff roles, the calendar, the services' guides): admins only. */
export const adminOnly: Rule = (input) => (isAdmin(input) ? ok : deny('FORBIDDEN', 'admins only'));

/** A console list (staff, audit) no object names: admins, and every hall manager posted to an office (their office's rows). */
export const anyManagerOrAdmin: Rule = (input) => {
  if (isAdmin(input)) return ok;
  if (input.actor.roles.includes('MANAGER') && input.staff?.officeId) return ok;
  return deny('FORBIDDEN', 'admins and hall managers only');
};

/**
 * A member of staff by id (revoking): admins anyone; a hall manager only a clerk of their own
 * office who holds no other staff role (`staffRoles`).
 */
export const staffMemberRule: Rule = (input) => {
  if (isAdmin(input)) return ok;
  const roles = input.resource?.staffRoles ?? [];
  const onlyClerk = roles.includes('CLERK') && roles.every((r) => r === 'CLERK' || r === 'CITIZEN');
  if (isManagerOf(input) && onlyClerk) return ok;
  return deny('FORBIDDEN', 'not a clerk of the hall manager’s office');
};

const staffAction = (allow: Rule) => ({ onBehalf: null, staff: true, allow }) as const;
const staffView = (allow: Rule) => ({ onBehalf: null, staff: true, auditRefusalsOnly: true, allow }) as const;

export const ADMIN_POLICY = definePolicy({
  objects: {
    officeException: '没有找到该特别安排',
    staffMember: '没有找到该工作人员',
    slotRule: '没有找到该预约规则',
  },
  actions: {
    /** A hall as the console shows it: its hours, closures, windows, queue settings. */
    'admin.office.read': staffView(adminOrManagerOfTheOffice),
    /** A hall's weekly hours and 节假日 opening; its dated closures and special hours. */
    'admin.office.hours': staffAction(adminOrManagerOfTheOffice),
    /** A hall's name, address, phone and the services it offers. */
    'admin.office.profile': staffAction(adminOnly),
    /** A hall's windows: add, rename, retire, categories served, clerk assignment. */
    'admin.counter.manage': staffAction(adminOrManagerOfTheOffice),
    /** A hall's slot rules (weekday templates, capacity, breaks, release time, horizon) and their preview. */
    'admin.slot-rule.manage': staffAction(adminOrManagerOfTheOffice),
    /** A hall's queue settings (near-turn thresholds, anti-starvation N, daily remote capacity). */
    'admin.queue-settings.update': staffAction(adminOrManagerOfTheOffice),
    /** The staff list: admins all of it; a hall manager their office's. */
    'admin.staff.read': staffView(anyManagerOrAdmin),
    /** Invite a clerk to an office: admins, and that office's hall manager. */
    'admin.staff.invite-clerk': staffAction(adminOrManagerOfTheOffice),
    /** Invite a supervisor, hall manager or admin: admins only. */
    'admin.staff.invite': staffAction(adminOnly),
    /** Revoke a member of staff's roles: admins; a hall manager a clerk of their office. */
    'admin.staff.revoke': staffAction(staffMemberRule),
    /** The working-day calendar: view and import a year. */
    'admin.calendar.read': staffView(adminOnly),
    'admin.calendar.import': staffAction(adminOnly),
    /** A service's guide (办事指南) and its versions; a new version of it, search synonyms included: the catalogue is platform-wide. */
    'admin.service.read': staffView(adminOnly),
    'admin.service.edit': staffAction(adminOnly),
    /** The audit log of administrative changes: admins all; a hall manager their office's. */
    'admin.audit.read': staffView(anyManagerOrAdmin),
  },
});
