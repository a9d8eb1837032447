// Shared by the appointment tests: Slot rows made directly in the database, relative to the app's
// clock (pinned at Monday 2026-11-23 09:30 Asia/Shanghai by setup-env.ts, running forward).
import type { Slot } from '@palm/db/client';
import type { TestApp } from '../helper';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

// The slot key is office + service + start, so every start made here is its own instant: one
// second apart. One counter per test file (Jest's module registry is per file), whichever maker.
let lastSecond = 0;
/** 1, 2, 3, … — the next distinct second of this test file's slot starts. */
export const nextSecond = (): number => (lastSecond += 1);

export interface SlotDefaults {
  officeId: string;
  serviceId: string;
  /** Places (default 1). */
  capacity?: number;
  /** ms from now to the start, before the distinct second is added (default a day). */
  startsIn?: number;
  /** ms from now to the release (放号); default an hour ago. */
  releasedIn?: number;
}

export interface SlotOptions extends Partial<SlotDefaults> {
  /** The exact start (no distinct second added). */
  at?: Date;
  /** The exact release, instead of `releasedIn`. */
  releasedAt?: Date;
  /** Places already booked (default 0). */
  booked?: number;
  /** Withdrawn now. */
  withdrawn?: boolean;
}

/**
 * A maker of Slot rows: each starts `startsIn` from now plus the file's next distinct second (or at
 * `at`), on its Shanghai business date, for 30 minutes. `app` is read when a slot is made (tests
 * build their app in beforeAll).
 */
export function slotMaker(app: () => TestApp, defaults: SlotDefaults) {
  return async (opts: SlotOptions = {}): Promise<Slot> => {
    const t = app();
    const { clock } = t.resources;
    const now = clock.now().getTime();
    const startsAt = opts.at ?? new Date(now + (opts.startsIn ?? defaults.startsIn ?? DAY) + nextSecond() * 1000);
    return t.app.prisma.slot.create({
      data: {
        officeId: opts.officeId ?? defaults.officeId,
        serviceId: opts.serviceId ?? defaults.serviceId,
        date: new Date(`${clock.businessDate(startsAt)}T00:00:00Z`),
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * MIN),
        capacity: opts.capacity ?? defaults.capacity ?? 1,
        booked: opts.booked,
        releasedAt: opts.releasedAt ?? new Date(now + (opts.releasedIn ?? defaults.releasedIn ?? -60 * MIN)),
        withdrawnAt: opts.withdrawn ? new Date(now) : null,
      },
    });
  };
}
