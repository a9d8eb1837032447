// The one test of "which constraint refused this write" (bff/src/lib/constraints.ts), on errors
// real PostgreSQL raises through Prisma: a typed query's unique violation (P2002), a raw
// statement's (P2010 carrying 23505) and a raw statement's CHECK violation (23514).
import { randomUUID } from 'node:crypto';
import { isCheckViolation, isUniqueViolation } from '../../src/lib/constraints';
import { closeTestDatabase, testDatabase } from '../helper';

jest.setTimeout(60_000);

const failureOf = async (write: () => Promise<unknown>): Promise<unknown> => {
  try {
    await write();
  } catch (err) {
    return err;
  }
  throw new Error('the write succeeded');
};

describe('constraint violations', () => {
  const day = new Date('2099-01-01T00:00:00Z');

  beforeAll(async () => {
    const { prisma } = await testDatabase();
    await prisma.calendarDay.deleteMany({ where: { date: day } });
    await prisma.calendarDay.create({ data: { date: day, kind: 'HOLIDAY', name: 'constraint test' } });
  });

  afterAll(async () => {
    const { prisma } = await testDatabase();
    await prisma.calendarDay.deleteMany({ where: { date: day } });
    await closeTestDatabase();
  });

  it('tells a unique violation of a typed query, by the constraint’s name', async () => {
    const { prisma } = await testDatabase();
    const err = await failureOf(() => prisma.calendarDay.create({ data: { date: day, kind: 'HOLIDAY', name: 'again' } }));
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, 'CalendarDay_pkey')).toBe(true);
    expect(isUniqueViolation(err, 'activeKey')).toBe(false);
    expect(isCheckViolation(err)).toBe(false);
  });

  it('tells a unique violation of a raw statement, by the constraint’s name', async () => {
    const { prisma } = await testDatabase();
    const err = await failureOf(() => prisma.$executeRaw`INSERT INTO "CalendarDay" ("date", "kind", "name") VALUES (${day}::date, 'HOLIDAY', 'again')`);
    expect(isUniqueViolation(err, 'CalendarDay_pkey')).toBe(true);
    expect(isUniqueViolation(err, 'Appointment_code_key')).toBe(false);
    expect(isCheckViolation(err)).toBe(false);
  });

  it('tells a CHECK violation of a raw statement, by the constraint’s name', async () => {
    const { prisma } = await testDatabase();
    const err = await failureOf(
      () => prisma.$executeRaw`INSERT INTO "AppointmentQuota" ("subjectId", "active", "updatedAt") VALUES (${randomUUID()}::uuid, 4, now())`,
    );
    expect(isCheckViolation(err, 'AppointmentQuota_active_within_limit')).toBe(true);
    expect(isCheckViolation(err, 'Slot_booked_within_capacity')).toBe(false);
    expect(isUniqueViolation(err)).toBe(false);
  });

  it('is false for anything that is no constraint violation', async () => {
    const { prisma } = await testDatabase();
    const err = await failureOf(() => prisma.$executeRaw`SELECT 1 / 0`);
    expect([isUniqueViolation(err), isCheckViolation(err)]).toEqual([false, false]);
    expect([isUniqueViolation(new Error('23505')), isUniqueViolation(null), isCheckViolation('23514')]).toEqual([false, false, false]);
  });
});
