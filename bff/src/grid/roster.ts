// The roster of a grid (网格花名册): the residents whose home is the worker's grid, each masked —
// name, ID number, an age band — with whether they have a phone and their grant toward this worker.
// The worker themself is not on it. Decorated as `app.gridRoster` (./index.ts).
import { ageBandOf, ageOn, maskName } from '@palm/shared';
import type { GridResident } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GridConsentAsk } from '../grants/service';
import type { Prisma, PrismaClient } from '@palm/db/client';
import { decodeKeyset, encodeKeyset } from './cursor';
import { GRANT_FACTS, grantsByResident } from './grant-state';

/** The columns a roster row is built from: never the encrypted values. */
export const RESIDENT_FACTS = { id: true, name: true, idNumberMasked: true, birthDate: true, phoneHash: true, homeRegionCode: true } as const;
export type ResidentRow = Prisma.UserGetPayload<{ select: typeof RESIDENT_FACTS }>;

/** 1–4 last characters of an ID number (digits, X): searched in the masked number's visible tail. */
const ID_TAIL = /^[0-9Xx]{1,4}$/;
const DEFAULT_LIMIT = 20;
const CURSOR_KIND = 'roster';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function residentView(row: ResidentRow, grant: GridResident['grant'], today: string): GridResident {
  const birth = row.birthDate ? isoDate(row.birthDate) : null;
  return {
    id: row.id,
    nameMasked: row.name ? maskName(row.name) : null,
    idNumberMasked: row.idNumberMasked,
    ageBand: birth && birth <= today ? ageBandOf(ageOn(birth, today)) : null,
    hasPhone: row.phoneHash !== null,
    grant,
  };
}

export interface RosterQuery {
  q?: string;
  cursor?: string;
  limit?: number;
}

export class GridRoster {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  /** The worker's grid (their posting). */
  async gridOf(workerId: string): Promise<string | null> {
    const user = await this.prisma.user.findUnique({ where: { id: workerId }, select: { gridRegionCode: true } });
    return user?.gridRegionCode ?? null;
  }

  /**
   * What the policy needs of a person named by id — where they live — in one narrow query, so an
   * id that names nobody costs the same. Null when it names nobody.
   */
  residentFacts(id: string): Promise<{ id: string; homeRegionCode: string | null } | null> {
    return this.prisma.user.findUnique({ where: { id }, select: { id: true, homeRegionCode: true } });
  }

  /** The grid's residents by name (then id), a page at a time; `q` narrows by name or ID-number tail. */
  async list(workerId: string, query: RosterQuery): Promise<{ items: GridResident[]; nextCursor?: string }> {
    const grid = await this.gridOf(workerId);
    if (!grid) return { items: [] };
    const limit = query.limit ?? DEFAULT_LIMIT;
    const q = query.q?.trim();
    const filters: Prisma.UserWhereInput[] = [{ homeRegionCode: grid, id: { not: workerId } }];
    if (q) filters.push(ID_TAIL.test(q) ? { idNumberMasked: { endsWith: q.toUpperCase() } } : { name: { contains: q } });
    if (query.cursor) {
      const after = decodeKeyset(CURSOR_KIND, query.cursor);
      // ORDER BY name ASC NULLS LAST, id: after a name come greater names, then the nameless.
      filters.push(
        after.value === null
          ? { name: null, id: { gt: after.id } }
          : { OR: [{ name: { gt: after.value } }, { name: after.value, id: { gt: after.id } }, { name: null }] },
      );
    }
    const rows = await this.prisma.user.findMany({
      where: { AND: filters },
      select: RESIDENT_FACTS,
      orderBy: [{ name: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = await this.views(workerId, page);
    const last = page.at(-1);
    return rows.length > limit && last ? { items, nextCursor: encodeKeyset(CURSOR_KIND, { value: last.name, id: last.id }) } : { items };
  }

  /** One resident's row (after the policy has let the worker see them). */
  async one(workerId: string, residentId: string): Promise<GridResident> {
    const row = await this.prisma.user.findUniqueOrThrow({ where: { id: residentId }, select: RESIDENT_FACTS });
    return (await this.views(workerId, [row]))[0]!;
  }

  /**
   * 请求授权 (the grants domain's askAsGridWorker): the resident's row with the PENDING request —
   * made now (`created`), or the one already waiting.
   */
  async requestConsent(request: FastifyRequest, ask: GridConsentAsk): Promise<{ resident: GridResident; created: boolean }> {
    const { created } = await this.app.grants.askAsGridWorker(request, ask);
    return { resident: await this.one(ask.workerId, ask.residentId), created };
  }

  /** Rows with their grant toward the worker: one query for the page's grants. */
  async views(workerId: string, rows: readonly ResidentRow[]): Promise<GridResident[]> {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.id))];
    const grants = await this.prisma.grant.findMany({ where: { granteeId: workerId, grantorId: { in: ids } }, select: GRANT_FACTS });
    const now = this.app.resources.clock.now();
    const states = grantsByResident(grants, ids, now);
    const today = this.app.resources.clock.businessDate(now);
    return rows.map((row) => residentView(row, states.get(row.id)!, today));
  }
}
