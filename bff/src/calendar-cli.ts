// `npm run db:calendar -- <file.json>`: loads one year's official holiday arrangement (shape:
// seeds/calendar-file.ts, README "Holiday calendar") into the database the app would use, then runs
// the appointment slot job once so slots already released on a day that became a holiday are
// withdrawn and a 调休 Saturday gets its slots. Safe to run again: a second run writes nothing.
import { readFile } from 'node:fs/promises';
import { openDatabase } from '@palm/db';
import { CalendarFileError, parseCalendarYear } from '../../seeds';
import { importCalendarYear } from './catalogue/calendar-import';
import { clockFromEnv } from './lib/clock';

async function main(path: string | undefined): Promise<void> {
  if (!path) throw new CalendarFileError('usage: npm run db:calendar -- <file.json>');
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CalendarFileError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const file = parseCalendarYear(doc);
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDataDir: process.env.PALM_DATA_DIR || undefined, migrate: true });
  try {
    const { loaded, slots } = await importCalendarYear({ prisma: db.prisma, resources: { clock: clockFromEnv(process.env) } }, file);
    console.log(`calendar ${loaded.year}: ${file.days.length} days in the file, ${loaded.created} created, ${loaded.updated} updated, ${loaded.deleted} deleted`);
    console.log(`slots: ${slots.rules} rules, ${slots.created} created, ${slots.updated} updated, ${slots.withdrawn} withdrawn`);
  } finally {
    await db.close();
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
