// The hall's staff actions, which every domain's staff routes share (a window's calls, a hall's
// check-ins, its appeals and figures): who works a hall, who watches it and who supervises it.
// They belong to no one domain, so they are the policy module's own.
import { definePolicy, deny, regionContains, type Rule } from './kit';

/**
 * Working a window — calling, recalling, skipping, serving, transferring, walk-ins, checking
 * someone in, opening, pausing, closing — is the job of the clerks posted to that office, and of
 * nobody else: a supervisor watches (counter.read), an admin administers accounts and settings but
 * does not call numbers (a number called by someone not at the window is a person sent to an empty
 * desk). A hall manager (MANAGER) runs the hall's settings through the admin console
 * (admin/policy.ts) and, like an admin, does not work its windows.
 */
const clerkOfTheOffice: Rule = ({ actor, resource, staff }) => {
  if (!actor.roles.includes('CLERK')) return deny('FORBIDDEN', 'clerks only');
  if (!resource?.officeId || staff?.officeId !== resource.officeId) return deny('FORBIDDEN', 'clerk is posted to another office');
  return { allow: true, via: 'STAFF' };
};

/**
 * Watching windows (the panel, the day's appointments, the check-in poster), read only: clerks
 * their own office's, supervisors every office in their region, admins every office.
 */
const watcherOfTheOffice: Rule = ({ actor, resource, staff }) => {
  if (actor.roles.includes('ADMIN')) return { allow: true, via: 'STAFF' };
  const isOwnOffice = actor.roles.includes('CLERK') && Boolean(resource?.officeId) && staff?.officeId === resource?.officeId;
  const region = staff?.regionCode;
  const target = resource?.officeRegionCode;
  const isInRegion = actor.roles.includes('SUPERVISOR') && Boolean(region && target && regionContains(region, target));
  if (isOwnOffice || isInRegion) return { allow: true, via: 'STAFF' };
  return deny('FORBIDDEN', actor.roles.includes('CLERK') || actor.roles.includes('SUPERVISOR') ? 'outside the staff posting' : 'staff only');
};

/** Supervision (cases, figures): supervisors of the office's region, and admins. */
const supervisorOfTheRegion: Rule = ({ actor, resource, staff }) => {
  if (actor.roles.includes('ADMIN')) return { allow: true, via: 'STAFF' };
  if (!actor.roles.includes('SUPERVISOR')) return deny('FORBIDDEN', 'supervisors only');
  const region = staff?.regionCode;
  const target = resource?.officeRegionCode;
  if (!region || !target || !regionContains(region, target)) return deny('FORBIDDEN', 'outside the supervisor region');
  return { allow: true, via: 'STAFF' };
};

export const STAFF_POLICY = definePolicy({
  objects: {},
  actions: {
    /** Working a window of one office (calling numbers, walk-ins, check-in): its clerks only. */
    'office.operate': { onBehalf: null, staff: true, allow: clerkOfTheOffice },
    /**
     * Watch an office's windows and the queue they serve: its clerks, supervisors of its region,
     * admins. A panel re-reads on every queue change: only refusals are audited.
     */
    'counter.read': { onBehalf: null, staff: true, auditRefusalsOnly: true, allow: watcherOfTheOffice },
    /** Supervision of an office or region (cases, figures). */
    'office.supervise': { onBehalf: null, staff: true, allow: supervisorOfTheRegion },
  },
});
