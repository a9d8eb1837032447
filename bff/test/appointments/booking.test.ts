// The booking service's own guarantees on real PostgreSQL (bff/src/appointments/booking.ts): codes,
// the database constraints behind the limits, and the quota staying equal to the active count.
import { APPOINTMENT_CODE_ALPHABET } from '@palm/shared';
import { OFFICE_IDS, SERVICE_IDS, USER_IDS } from '../../../seeds';
import { isCodeTaken, newAppointmentCode } from '../../src/appointments/booking';
import { build, closeTestDatabase, type TestApp } from '../helper';

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

  it('makes 6-character codes without look-alike characters', () => {
    const codes = Array.from({ length: 2000 }, newAppointmentCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(APPOINTMENT_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(new Set(codes.join('')).size).toBe(APPOINTMENT_CODE_ALPHABET.length);
  });

  it('lets the database refuse an overbooked slot, a 4th active appointment and a duplicate code', async () => {
    const now = t.resources.clock.now();
    const startsAt = new Date(now.getTime() + 86_400_000 + 17_000);
    const slot = await t.app.prisma.slot.create({
      data: { officeId: OFFICE, serviceId: SERVICE, date: new Date('2026-11-24T00:00:00Z'), startsAt, endsAt: new Date(startsAt.getTime() + 1_800_000), capacity: 1, releasedAt: now },
    });
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
});
