// Deadlines of 办不成事 in working days (DESIGN.md §4): the region's SLA (the nearest ReportSlaSetting
// up the region tree, else the defaults) on the 调休-aware calendar (catalogue/calendar.ts).
import type { FastifyInstance } from 'fastify';
import { DEFAULT_REPORT_SLA, slaDaysOf, workingDeadline, type ReportClassKey, type ReportSla, type WorkingCalendar } from '@palm/shared';
import { calendarCacheFor } from '../catalogue/calendar';

export const endOfWorkingDays = (calendar: WorkingCalendar, from: string, n: number): Date => workingDeadline(calendar, from, n).dueAt;

/** The codes from a region up to the root: [own, parent, grandparent, …]. */
export async function regionChain(app: FastifyInstance, regionCode: string): Promise<string[]> {
  const chain: string[] = [];
  let code: string | null = regionCode;
  while (code && chain.length < 8) {
    chain.push(code);
    const row: { parentCode: string | null } | null = await app.prisma.region.findUnique({ where: { code }, select: { parentCode: true } });
    code = row?.parentCode ?? null;
  }
  return chain;
}

export async function slaOf(app: FastifyInstance, regionCode: string): Promise<ReportSla> {
  const chain = await regionChain(app, regionCode);
  const rows = await app.prisma.reportSlaSetting.findMany({ where: { regionCode: { in: chain } } });
  for (const code of chain) {
    const row = rows.find((r) => r.regionCode === code);
    if (row) return { ackDays: row.ackDays, generalDays: row.generalDays, complexDays: row.complexDays, legallyImpossibleDays: row.legallyImpossibleDays, staffFaultDays: row.staffFaultDays };
  }
  return { ...DEFAULT_REPORT_SLA };
}

export const calendarOf = (app: FastifyInstance): Promise<WorkingCalendar> => calendarCacheFor(app.resources).get();

/** The acknowledge deadline of a report received on business day `day`. */
export async function ackDeadline(app: FastifyInstance, regionCode: string, day: string): Promise<Date> {
  const [sla, calendar] = await Promise.all([slaOf(app, regionCode), calendarOf(app)]);
  return endOfWorkingDays(calendar, day, sla.ackDays);
}

/** The resolve deadline of a report of class `cls` counted from business day `day`. */
export async function resolveDeadline(app: FastifyInstance, regionCode: string, cls: ReportClassKey, day: string): Promise<Date> {
  const [sla, calendar] = await Promise.all([slaOf(app, regionCode), calendarOf(app)]);
  return endOfWorkingDays(calendar, day, slaDaysOf(sla, cls));
}

/**
 * A job step's reading of every row it concerns, `size` at a time in id order: `read(after)` gives
 * the next batch (ids above `after`), `each` handles it; a batch shorter than `size` is the last.
 */
export async function inBatches<T extends { id: string }>(size: number, read: (after: string | undefined) => Promise<T[]>, each: (batch: T[]) => Promise<void>): Promise<void> {
  for (let after: string | undefined; ; ) {
    const batch = await read(after);
    await each(batch);
    if (batch.length < size) return;
    after = batch[batch.length - 1]!.id;
  }
}
