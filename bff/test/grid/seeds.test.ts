// The grid worker's demo seeds (issue 14 item 7): 上坊村's residents, their grants to the demo grid
// worker in every state the roster shows, two door-to-door tasks — loaded relative to the app's
// clock, and insert-only: a re-seed writes nothing and never undoes what the app did.
import { GRID_GRANTS, GRID_TASK_IDS, GRID_TASKS, seedAll, USER_IDS } from '../../../seeds';
import { build, closeTestDatabase, type TestApp } from '../helper';

describe('the grid demo seeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('holds the grants in force on the app’s clock, the pending request waiting, the expired one ended', async () => {
    const now = t.resources.clock.now();
    const rows = await t.app.prisma.grant.findMany({ where: { id: { in: GRID_GRANTS.map((g) => g.id) } } });
    expect(rows).toHaveLength(GRID_GRANTS.length);
    for (const row of rows) {
      expect(row.granteeId).toBe(USER_IDS.gridWorker);
      if (row.status === 'ACTIVE') expect([row.validFrom <= now, row.validUntil > now]).toEqual([true, true]);
      if (row.status === 'PENDING') expect([row.acceptedAt, row.validUntil > now]).toEqual([null, true]);
      if (row.status === 'EXPIRED') expect(row.validUntil <= now).toBe(true);
    }
    const tasks = await t.app.prisma.gridTask.findMany({ where: { id: { in: GRID_TASKS.map((x) => x.id) } }, include: { visits: true } });
    expect(tasks.map((x) => x.status).sort()).toEqual(['PLANNED', 'VISITED']);
    expect(tasks.find((x) => x.status === 'VISITED')!.visits).toHaveLength(1);
    expect(tasks.find((x) => x.status === 'PLANNED')!.plannedDate.toISOString().slice(0, 10) > t.resources.clock.businessDate()).toBe(true);
  });

  it('writes nothing when seeded again, and keeps a task the worker closed closed', async () => {
    const id = GRID_TASK_IDS.liXiuyingOldAgeAllowance;
    await t.app.prisma.gridTask.update({ where: { id }, data: { status: 'CANCELLED', cancelledAt: new Date(), activeKey: null } });
    const again = await seedAll(t.app.prisma, t.resources.pii, { now: t.resources.clock.now() });
    expect(again.changes).toBe(0);
    expect([again.gridGrants.created, again.gridTasks.created]).toEqual([0, 0]);
    expect((await t.app.prisma.gridTask.findUniqueOrThrow({ where: { id } })).status).toBe('CANCELLED');
  });
});
