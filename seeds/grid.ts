// Loads the grid worker's demo (data/grid.ts): the residents' grants to grid worker 周海燕 and two
// door-to-door tasks. Insert-only, like the demo grants: once there they are the app's (a grant
// revoked, a task done), and a re-seed never brings one back or moves its dates.
import type { Prisma } from '@palm/db/client';
import type { TableSync } from '@palm/db';
import { GRID_GRANTS, GRID_TASKS } from './data/grid';
import { USER_IDS } from './data/ids';

type Tx = Prisma.TransactionClient;

const DAY_MS = 86_400_000;
/** Asia/Shanghai has no DST: its date is UTC + 8 h. */
const shanghaiDate = (at: Date, plusDays: number) => new Date(`${new Date(at.getTime() + 8 * 3_600_000 + plusDays * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000Z`);

export async function seedGridGrants(tx: Tx, now: Date): Promise<TableSync> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const have = new Set((await tx.grant.findMany({ where: { id: { in: GRID_GRANTS.map((g) => g.id) } }, select: { id: true } })).map((g) => g.id));
  const create = GRID_GRANTS.filter((g) => !have.has(g.id)).map(({ startedDaysAgo, validDays, revokedDaysAgo, scopes, ...g }) => {
    const validFrom = at(startedDaysAgo);
    return {
      ...g,
      granteeId: USER_IDS.gridWorker,
      scopes: [...scopes],
      serviceIds: [],
      validFrom,
      validUntil: new Date(validFrom.getTime() + validDays * DAY_MS),
      acceptedAt: g.status === 'PENDING' ? null : validFrom,
      revokedAt: revokedDaysAgo === undefined ? null : at(revokedDaysAgo),
      createdAt: validFrom,
      updatedAt: revokedDaysAgo === undefined ? validFrom : at(revokedDaysAgo),
    };
  });
  if (create.length) await tx.grant.createMany({ data: create });
  return { total: GRID_GRANTS.length, created: create.length, updated: 0, deleted: 0 };
}

export async function seedGridTasks(tx: Tx, now: Date): Promise<TableSync> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const have = new Set((await tx.gridTask.findMany({ where: { id: { in: GRID_TASKS.map((t) => t.id) } }, select: { id: true } })).map((t) => t.id));
  let inserted = 0;
  for (const t of GRID_TASKS.filter((task) => !have.has(task.id))) {
    // A task another run inserted meanwhile (two instances seeding at once) is left as it is.
    const created = await tx.gridTask.createMany({
      data: [
        {
          id: t.id,
          workerId: USER_IDS.gridWorker,
          residentId: t.residentId,
          serviceId: t.serviceId,
          plannedDate: shanghaiDate(now, t.plannedInDays),
          note: t.note,
          status: t.status,
          activeKey: `${USER_IDS.gridWorker}:${t.residentId}:${t.serviceId}`,
          createdAt: at(t.createdDaysAgo),
          updatedAt: t.visit ? at(t.visit.daysAgo) : at(t.createdDaysAgo),
          visitedAt: t.visit ? at(t.visit.daysAgo) : null,
        },
      ],
      skipDuplicates: true,
    });
    inserted += created.count;
    if (created.count === 1 && t.visit) await tx.gridTaskVisit.create({ data: { taskId: t.id, at: at(t.visit.daysAgo), note: t.visit.note } });
  }
  return { total: GRID_TASKS.length, created: inserted, updated: 0, deleted: 0 };
}
