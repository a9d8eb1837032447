// Who may open the admin console (issue 17): admins, and hall managers posted to a hall. 我的 shows
// its entry by this; the console's pages gate by it; the BFF decides again on every call.
import type { Me } from '@palm/shared/server';

type Person = Pick<Me, 'roles' | 'officeId'> | null | undefined;

export const isAdmin = (me: Person): boolean => me?.roles.includes('ADMIN') ?? false;
/** A hall manager posted to a hall (MANAGER with officeId). */
export const isHallManager = (me: Person): boolean => (me?.roles.includes('MANAGER') ?? false) && !!me?.officeId;
export const mayUseConsole = (me: Person): boolean => isAdmin(me) || isHallManager(me);
