// The facts a guide's 办理方式 is said from (@palm/shared describeHandling), worked out from the
// seed data alone: which halls offer each service, which of them book it (an active slot rule) and
// which give out numbers for it (a quota and a window calling its letter). The route test holds
// the API to these; the handling test names the words for every combination they contain.
import type { HandlingFacts } from '@palm/shared';
import { OFFICES, SLOT_RULES, type SERVICES } from '../../../seeds';

type SeedService = (typeof SERVICES)[number];

export function seedHandlingFacts(service: SeedService): HandlingFacts {
  const offering = OFFICES.filter((o) => o.services.some((s) => s.serviceId === service.id));
  const ticketing = offering.filter(
    (o) => o.services.some((s) => s.serviceId === service.id && s.dailyTicketCapacity > 0) && o.counters.some((c) => c.categories.includes(service.categoryLetter)),
  );
  const booking = new Set(SLOT_RULES.filter((r) => r.serviceId === service.id).map((r) => r.officeId));
  return {
    name: service.name,
    appointmentRequired: service.appointmentRequired,
    onlineAllowed: service.onlineAllowed,
    proxyAllowed: service.proxyAllowed,
    halls: offering.length,
    bookableHalls: offering.filter((o) => booking.has(o.id)).length,
    ticketHalls: ticketing.length,
  };
}

/** What decides the words and actions: each flag, and whether any hall books / gives numbers. */
export function combinationOf(facts: HandlingFacts): string {
  const flag = (name: string, on: boolean) => `${on ? '' : 'no '}${name}`;
  return [
    flag('appointment required', facts.appointmentRequired),
    flag('online', facts.onlineAllowed),
    flag('proxy', facts.proxyAllowed),
    flag('bookable hall', facts.bookableHalls > 0),
    flag('ticket hall', facts.ticketHalls > 0),
    flag('hall', facts.halls > 0),
  ].join(', ');
}
