// Loading one year's official holiday arrangement, as `npm run db:calendar` (calendar-cli.ts) and
// the admin console's import (admin/calendar.ts) both do it: the year's CalendarDay rows replaced by
// the notice's (seeds/calendar-file.ts loadCalendarYear), then the slot job once, so slots already
// released on a day that became a holiday are withdrawn (their bookings cancelled as the hall's
// doing and their people told) and a 调休 Saturday gets its slots.
import { loadCalendarYear, type CalendarLoadSummary, type CalendarYearFile } from '../../../seeds';
import { generateSlots, type GenerateSummary, type SlotJobDeps } from '../appointments/slots';

export async function importCalendarYear(deps: SlotJobDeps, file: CalendarYearFile): Promise<{ loaded: CalendarLoadSummary; slots: GenerateSummary }> {
  const loaded = await loadCalendarYear(deps.prisma, file);
  const slots = await generateSlots(deps);
  return { loaded, slots };
}
