// The booking service's own guarantees on real PostgreSQL (bff/src/appointments/booking/): codes,
// the database constraints behind the limits, and the quota staying equal to the active count.
import { APPOINTMENT_CODE_ALPHABET } from '@palm/shared';
import { OFFICE_IDS, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { BookingService, isCodeTaken, newAppointmentCode } from '../../src/appointments/booking';
import { SlotGate } from '../../src/appointments/release-storm';
import { AppError } from '../../src/lib/errors';
import { build, closeTestDatabase, type TestApp } from '../helper';
import { slotMaker } from './fixtures';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;

describe('booking service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });
  const newSlot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE });

  it('makes 6-character codes without look-alike characters', () => {
    const codes = Array.from({ length: 2000 }, newAppointmentCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(APPOINTMENT_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(new Set(codes.join('')).size).toBe(APPOINTMENT_CODE_ALPHABET.length);
  });

  it('lets the database refuse an overbooked slot, a 4th active appointment and a duplicate code', async () => {
    const now = t.resources.clock.now();
    const startsAt = new Date(now.getTime() + 86_400_000 + 17_000);
    const slot = await newSlot({ at: startsAt, capacity: 1, releasedAt: now }); // on 2026-11-24
    await expect(t.app.prisma.slot.update({ where: { id: slot.id }, data: { booked: 2 } })).rejects.toThrow();
    await expect(t.app.prisma.appointmentQuota.create({ data: { subjectId: USER_IDS.citizen, active: 4 } })).rejects.toThrow();
    await expect(t.app.prisma.appointmentQuota.create({ data: { subjectId: USER_IDS.citizen, active: -1 } })).rejects.toThrow();
    const row = { slotId: slot.id, officeId: OFFICE, serviceId: SERVICE, date: slot.date, startsAt, subjectId: USER_IDS.citizen, actorId: USER_IDS.citizen };
    await t.app.prisma.appointment.create({ data: { ...row, code: 'ABC234' } });
    await expect(t.app.prisma.appointment.create({ data: { ...row, code: 'ABC10O' } })).rejects.toThrow(); // look-alikes
    const err = await t.app.prisma.$executeRaw`
      INSERT INTO "Appointment" ("id", "code", "slotId", "officeId", "serviceId", "date", "startsAt", "subjectId", "actorId", "updatedAt")
      VALUES (gen_random_uuid(), 'ABC234', ${slot.id}::uuid, ${OFFICE}::uuid, ${SERVICE}::uuid, ${slot.date}::date, ${startsAt}::timestamp(3),
              ${USER_IDS.citizen}::uuid, ${USER_IDS.citizen}::uuid, now())`.catch((e: unknown) => e);
    expect(isCodeTaken(err)).toBe(true);
  });

  it('lets PostgreSQL alone decide a race: 200 attempts at once on 20 places, with no turn-taking before the statement', async () => {
    // The route's process-wide SlotGate makes attempts at one slot take turns; this service lets
    // all 200 through at once, so each reads a free slot and only the statement's condition (and
    // the CHECK behind it) stands between them and an overbooking.
    const service = new BookingService(t.app, { gate: new SlotGate(Number.POSITIVE_INFINITY) });
    const now = t.resources.clock.now();
    const startsAt = new Date(now.getTime() + 2 * 86_400_000 + 23_000);
    const slot = await newSlot({ at: startsAt, capacity: 20, releasedAt: now });
    const people = await Promise.all(Array.from({ length: 200 }, (_, i) => t.app.prisma.user.create({ data: { name: `抢号${i}` }, select: { id: true } })));
    const outcomes = await Promise.all(
      people.map(({ id }) =>
        service.book({ slotId: slot.id, serviceId: SERVICE, subjectId: id, actorId: id }).then(
          () => 'BOOKED',
          (err: unknown) => (err instanceof AppError ? err.code : `unexpected: ${String(err)}`),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'BOOKED')).toHaveLength(20);
    expect(outcomes.filter((o) => o !== 'BOOKED')).toEqual(Array.from({ length: 180 }, () => 'SLOT_FULL'));
    expect((await t.app.prisma.slot.findUniqueOrThrow({ where: { id: slot.id } })).booked).toBe(20);
    expect(await t.app.prisma.appointment.count({ where: { slotId: slot.id } })).toBe(20);
  }, 120_000);
});
