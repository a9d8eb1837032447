// `npm run db:seed`: opens the database the app would use (DATABASE_URL, else embedded PGlite in
// PALM_DATA_DIR), applies pending migrations so a fresh database can be seeded in one step, loads
// the seeds and prints what changed. Safe to run again: a second run writes nothing.
//
// Demo accounts never reach production (DESIGN.md §2): with NODE_ENV=production only places,
// catalogue and calendar are loaded. Afterwards the appointment slot job runs once (on PALM_CLOCK's
// day when set), so the seeded slot rules have slots before any BFF has started; that job is the
// BFF's, so this entry point is too (seeds/ imports nothing from bff/src).
import { openDatabase, Pii, piiKeysFromSecret } from '@palm/db';
import { seedAll } from '../../seeds';
import { generateSlots } from './appointments/slots';
import { clockFromEnv } from './lib/clock';

async function main(): Promise<void> {
  const production = process.env.NODE_ENV === 'production';
  const db = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDataDir: process.env.PALM_DATA_DIR || undefined,
    migrate: true,
  });
  try {
    if (db.kind === 'pglite' && !process.env.PALM_DATA_DIR) {
      console.warn('db:seed: no DATABASE_URL and no PALM_DATA_DIR — seeding an in-memory database that vanishes on exit');
    }
    const pii = new Pii(piiKeysFromSecret(process.env.PALM_PII_KEY ?? 'palm-dev-only-pii-key'));
    const clock = clockFromEnv(process.env);
    await seedAll(db.prisma, pii, { log: (msg) => console.log(msg), demoUsers: !production, now: clock.now() });
    const slots = await generateSlots({ prisma: db.prisma, resources: { clock } });
    console.log(`slots: ${slots.rules} rules, ${slots.created} created, ${slots.updated} updated, ${slots.withdrawn} withdrawn`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
