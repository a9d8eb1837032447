// The audit log is append-only in the database itself (DESIGN.md §3 AuditLog, §6): whoever
// connects, an entry once written cannot be changed or removed, nor the table emptied — except by
// a superuser's maintenance session (session_replication_role = 'replica'), as the test reset does.
import { build, closeTestDatabase, type TestApp } from '../helper';
import { truncateTables } from '../db';

describe('AuditLog is append-only', () => {
  let t: TestApp;
  let id: bigint;
  beforeAll(async () => {
    t = await build();
    ({ id } = await t.app.prisma.auditLog.create({ data: { actorId: null, action: 'test.entry', resourceType: 'test', result: 'OK' }, select: { id: true } }));
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  const refused = async (run: () => Promise<unknown>) => {
    const outcome = await run().then(
      () => 'done',
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/AuditLog is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
  };

  it('refuses UPDATE, through Prisma and in plain SQL', async () => {
    await refused(() => t.app.prisma.auditLog.update({ where: { id }, data: { result: 'DENY' } }));
    await refused(() => t.app.prisma.$executeRawUnsafe(`UPDATE "AuditLog" SET "result" = 'DENY' WHERE "id" = ${id}`));
    await refused(() => t.app.prisma.auditLog.updateMany({ data: { reason: 'rewritten' } }));
  });

  it('refuses DELETE, of one entry or all', async () => {
    await refused(() => t.app.prisma.auditLog.delete({ where: { id } }));
    await refused(() => t.app.prisma.$executeRawUnsafe('DELETE FROM "AuditLog"'));
  });

  it('refuses TRUNCATE, with its disputes or cascading to them', async () => {
    await refused(() => t.app.prisma.$executeRawUnsafe('TRUNCATE "AuditLog" CASCADE'));
    await refused(() => t.app.prisma.$executeRawUnsafe('TRUNCATE "AuditLog", "ActivityDispute"'));
  });

  it('keeps the entry exactly as written, and still takes new ones', async () => {
    expect(await t.app.prisma.auditLog.findUniqueOrThrow({ where: { id } })).toMatchObject({ action: 'test.entry', result: 'OK', reason: null });
    await t.app.prisma.auditLog.create({ data: { action: 'test.second', resourceType: 'test', result: 'OK' } });
    expect(await t.app.prisma.auditLog.count({ where: { resourceType: 'test' } })).toBe(2);
  });

  it('is emptied only by a superuser’s maintenance session (the test reset)', async () => {
    await truncateTables(t.app.prisma, '"AuditLog"', 'CASCADE');
    expect(await t.app.prisma.auditLog.count()).toBe(0);
    // The setting was local to that statement: the next TRUNCATE is refused again.
    await t.app.prisma.auditLog.create({ data: { action: 'test.third', resourceType: 'test', result: 'OK' } });
    await refused(() => t.app.prisma.$executeRawUnsafe('TRUNCATE "AuditLog" CASCADE'));
  });
});
