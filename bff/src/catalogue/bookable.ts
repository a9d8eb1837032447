// Which hall takes online bookings (预约) for which service, for a whole list in one query. The rule
// is the slot list's (appointments/slot-day.ts): a hall offering the service with an active slot
// rule that reads; a rule that does not read offers nothing there either (the slot job logs it).
// Callers list only offered pairs (OfficeService), so the offering half holds already.
import type { PrismaClient } from '@palm/db/client';
import { parseSlotRule } from '@palm/shared';

const RULE_FIELDS = {
  officeId: true,
  serviceId: true,
  weekTemplate: true,
  breaks: true,
  slotMinutes: true,
  capacityPerSlot: true,
  horizonDays: true,
  releaseTime: true,
  adjustedWorkdayWeekday: true,
} as const;

function isReadable(rule: Parameters<typeof parseSlotRule>[0]): boolean {
  try {
    parseSlotRule(rule);
    return true;
  } catch {
    return false;
  }
}

async function activeRules(prisma: PrismaClient, where: { officeId: string } | { serviceId: string }) {
  const rules = await prisma.slotRule.findMany({ where: { ...where, active: true }, select: RULE_FIELDS });
  return rules.filter(isReadable);
}

/** Ids of the services this hall takes bookings for. */
export async function bookableServiceIds(prisma: PrismaClient, officeId: string): Promise<Set<string>> {
  return new Set((await activeRules(prisma, { officeId })).map((r) => r.serviceId));
}

/** Ids of the halls that take bookings for this service. */
export async function bookableOfficeIds(prisma: PrismaClient, serviceId: string): Promise<Set<string>> {
  return new Set((await activeRules(prisma, { serviceId })).map((r) => r.officeId));
}
