// Where each action of the guide's bar leads. The halls come nearest first (the person's position,
// or the county centre's order when it is unknown), so "the nearest" is the first that fits.
import type { HandlingAction } from '@palm/shared';
import type { ServiceGuide } from '@palm/shared/server';
import { openPage, PAGES } from '../../lib/routes';

/** The page an action opens; 在线办 opens nothing (it explains the online channel in the page). */
export function openAction(action: Exclude<HandlingAction, 'ONLINE'>, guide: Pick<ServiceGuide, 'id' | 'offices'>): void {
  if (action === 'TICKET') {
    // 取号 at the nearest hall that gives out numbers for it, both chosen already (换一个 there).
    const hall = guide.offices.find((o) => o.takesTickets);
    openPage(PAGES.takeTicket, { officeId: hall?.id, serviceId: guide.id });
    return;
  }
  if (action === 'BOOK') {
    // 预约: with one hall that takes bookings it is chosen already; with several the person picks.
    const halls = guide.offices.filter((o) => o.hasOnlineBooking);
    openPage(PAGES.book, { serviceId: guide.id, officeId: halls.length === 1 ? halls[0]!.id : undefined });
    return;
  }
  openPage(PAGES.offices, { serviceId: guide.id });
}
