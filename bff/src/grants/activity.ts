// 授权记录 (DESIGN.md §4 "each use is in the grantor's log"): the acts done — or tried — on my
// behalf and those I did for others, read from the audit log the policy writes on every on-behalf
// request (`onBehalf`), newest first, each allowed act with how it ended (done, or refused after
// the decision: a full slot), a replayed booking once. The other person is masked; an object is shown only when it
// is the caller's own and the act was allowed (a refused attempt may name anybody's id). A dispute
// (这不是我授权的) revokes the caller's grant to whoever acted, at once, and leaves a row for staff:
// the audit entry itself is never changed (the database refuses). Decorated as `app.activity`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Activity, ActivityDispute, ActivityList } from '@palm/shared/server';
import type { AuditLog, Prisma, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { isUniqueViolation } from '../lib/constraints';
import { ON_BEHALF_SCOPE, ruleOf, type Action } from '../policy';
import { noticeGrant } from './notices';
import { LIVE, revokeGrants } from './statements';
import { grantInclude, maskedNameOf, PERSON_SELECT } from './view';

export const ACTIVITY_PAGE_SIZE = 20;
/** The other side of an entry with no grant between the two (an entry from before refusals without one left the log). */
const UNRELATED_NAME = '无授权关系的用户';
/** Ids are the audit log's (bigint): anything else names nothing. */
const ACTIVITY_ID = /^[1-9][0-9]{0,17}$/;

/** Actions that change something for someone (`tellsGrantor`): the log's default leaves views out. */
const CHANGES = (Object.keys(ON_BEHALF_SCOPE) as Action[]).filter((action) => ruleOf(action).tellsGrantor);
const wordsOf = (action: string): string => (Object.hasOwn(ON_BEHALF_SCOPE, action) ? ruleOf(action as Action).words : undefined) ?? '办理事项';

type Entry = AuditLog & { dispute: { createdAt: Date; grantId: string | null } | null };

export interface ActivityQuery {
  direction?: 'for_me' | 'by_me';
  include?: 'acts' | 'all';
  cursor?: string;
}

export class ActivityService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  async list(me: string, query: ActivityQuery): Promise<ActivityList> {
    if (query.cursor !== undefined && !ACTIVITY_ID.test(query.cursor)) {
      throw new AppError('VALIDATION_FAILED', '分页参数不正确', [{ field: 'querystring.cursor', rule: 'cursor' }]);
    }
    const sides: Prisma.AuditLogWhereInput[] = [
      ...(query.direction !== 'by_me' ? [{ subjectId: me }] : []),
      ...(query.direction !== 'for_me' ? [{ actorId: me }] : []),
    ];
    const rows = await this.prisma.auditLog.findMany({
      where: {
        onBehalf: true,
        AND: [{ OR: sides }, ...(query.include === 'all' ? [] : [{ OR: [{ result: 'DENY' }, { action: { in: CHANGES } }] }])],
        ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
      },
      orderBy: { id: 'desc' },
      take: ACTIVITY_PAGE_SIZE + 1,
      include: { dispute: { select: { createdAt: true, grantId: true } } },
    });
    const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
    // A replayed creation (the same Idempotency-Key) is the earlier act again: shown once. The
    // cursor still follows the log, so a page may hold fewer than 20.
    const items = (await this.views(me, page)).filter((item): item is Activity => item !== null);
    const last = page[page.length - 1];
    return { items, ...(rows.length > ACTIVITY_PAGE_SIZE && last ? { nextCursor: String(last.id) } : {}) };
  }

  /** The entry for the policy to judge: an act done on someone's behalf, or null. */
  async find(id: string): Promise<{ id: bigint; subjectId: string | null } | null> {
    if (!ACTIVITY_ID.test(id)) return null;
    return this.prisma.auditLog.findFirst({ where: { id: BigInt(id), onBehalf: true }, select: { id: true, subjectId: true } });
  }

  /**
   * 这不是我授权的, by the person the act was done for (the policy has checked): their live grant to
   * whoever acted is revoked (one conditional UPDATE) and that person told; the dispute row flags
   * the act for staff. Once only: a second dispute of the same act answers as the first did. An act
   * that was not done (its outcome FAIL) changed nothing for her: ACTIVITY_NOT_DISPUTABLE, nothing
   * changes (the page shows no button for it either).
   */
  async dispute(request: FastifyRequest, id: bigint, me: string): Promise<ActivityDispute> {
    const now = this.app.resources.clock.now();
    const entry = await this.prisma.auditLog.findUniqueOrThrow({ where: { id }, include: { dispute: { select: { createdAt: true, grantId: true } } } });
    if (!entry.dispute && (await this.views(me, [entry], true))[0]?.result === 'FAILED') throw new AppError('ACTIVITY_NOT_DISPUTABLE');
    if (!entry.dispute && entry.actorId) {
      const actorId = entry.actorId;
      try {
        const ended = await this.prisma.$transaction(async (tx) => {
          const live = await tx.grant.findFirst({ where: { grantorId: me, granteeId: actorId, status: { in: [...LIVE] } }, select: { id: true } });
          // Whether it was pending or in force is what the UPDATE ended, not what was read above.
          const revoked = live ? await revokeGrants(tx, { id: live.id }, me, now) : null;
          const grantId = live && revoked && revoked.count > 0 ? live.id : null;
          await tx.activityDispute.create({ data: { auditLogId: id, subjectId: me, actorId, grantId, createdAt: now } });
          const grant = grantId ? await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: grantInclude }) : null;
          if (grant) await noticeGrant(this.app, tx, 'GRANT_REVOKED', grant, 'GRANTEE', now, { wasPending: revoked!.wasPending, disputed: true });
          await this.app.audit.record({ actorId: me, action: 'activity.dispute', resourceType: 'activity', resourceId: String(id), result: 'OK', meta: { grantRevoked: grant !== null } }, request, tx);
          return grant;
        });
        if (ended) this.app.grantEnds.ended([ended]);
      } catch (err) {
        // The same act disputed twice at once: the other request's dispute stands (and did the rest).
        if (!isUniqueViolation(err, 'auditLogId')) throw err;
      }
    }
    const [row] = await this.prisma.auditLog.findMany({ where: { id }, include: { dispute: { select: { createdAt: true, grantId: true } } } });
    const activity = (await this.views(me, [row!], true))[0]!;
    return { activity, grantRevoked: activity.grantRevoked };
  }

  /**
   * Entries → the API's shape: the other people masked, their relation to the grantor, the services
   * named, and how each allowed act ended (its outcome row, policy `actsDone`): OK → ALLOWED (已办理),
   * FAIL → FAILED (未办成: nothing was done, nothing to dispute), a replay → null (left out unless
   * `keepReplays`). An allowed entry without an outcome (written before outcomes were) reads as ALLOWED.
   */
  private async views(me: string, rows: Entry[], keepReplays = false): Promise<(Activity | null)[]> {
    const others = new Set(rows.map((r) => (r.subjectId === me ? r.actorId : r.subjectId)).filter((id): id is string => id !== null));
    const serviceIds = new Set(rows.map(serviceIdOf).filter((id): id is string => id !== null));
    const requestIds = rows.filter((r) => r.result === 'ALLOW' && r.requestId !== null).map((r) => r.requestId!);
    const [people, services, grants, outcomeRows] = await Promise.all([
      this.prisma.user.findMany({ where: { id: { in: [...others] } }, select: { id: true, ...PERSON_SELECT } }),
      this.prisma.service.findMany({ where: { id: { in: [...serviceIds] } }, select: { id: true, name: true } }),
      // Who the grantee is to the grantor, from their latest grant (either direction of the log).
      this.prisma.grant.findMany({
        where: { OR: [{ grantorId: me, granteeId: { in: [...others] } }, { granteeId: me, grantorId: { in: [...others] } }] },
        orderBy: { createdAt: 'desc' },
        select: { grantorId: true, granteeId: true, relation: true },
      }),
      requestIds.length === 0
        ? Promise.resolve([])
        : this.prisma.auditLog.findMany({ where: { requestId: { in: requestIds }, onBehalf: false, result: { in: ['OK', 'FAIL'] } }, select: { result: true, meta: true } }),
    ]);
    const outcomes = new Map<string, { ok: boolean; replay: boolean }>();
    for (const o of outcomeRows) {
      const meta = o.meta as { outcomeOf?: unknown; replay?: unknown } | null;
      if (typeof meta?.outcomeOf === 'string') outcomes.set(meta.outcomeOf, { ok: o.result === 'OK', replay: meta.replay === true });
    }
    const person = new Map(people.map((p) => [p.id, p]));
    const service = new Map(services.map((s) => [s.id, s]));
    return rows.map((row) => {
      const forMe = row.subjectId === me;
      const otherId = forMe ? row.actorId : row.subjectId;
      const grant = grants.find((g) => (forMe ? g.grantorId === me && g.granteeId === otherId : g.granteeId === me && g.grantorId === otherId));
      const relation = grant?.relation ?? null;
      const serviceId = serviceIdOf(row);
      const outcome = row.result === 'ALLOW' ? outcomes.get(String(row.id)) : undefined;
      if (outcome?.replay && !keepReplays) return null;
      const failed = outcome?.ok === false;
      const allowed = row.result === 'ALLOW' && !failed;
      return {
        id: String(row.id),
        at: row.at.toISOString(),
        direction: forMe ? 'FOR_ME' : 'BY_ME',
        // Without a grant between the two, the other side's name (masked or not) is not the caller's to learn.
        person: { name: grant ? maskedNameOf(otherId ? person.get(otherId) : null) : UNRELATED_NAME, relation },
        action: row.action,
        words: wordsOf(row.action),
        result: failed ? 'FAILED' : allowed ? 'ALLOWED' : 'DENIED',
        service: serviceId && service.has(serviceId) ? service.get(serviceId)! : null,
        resource: forMe && allowed && row.resourceId ? { type: row.resourceType, id: row.resourceId } : null,
        disputedAt: row.dispute?.createdAt.toISOString() ?? null,
        grantRevoked: row.dispute?.grantId != null,
        canDispute: forMe && row.dispute === null && !failed,
      };
    });
  }
}

function serviceIdOf(row: Pick<AuditLog, 'meta'>): string | null {
  const meta = row.meta as { serviceId?: unknown } | null;
  return typeof meta?.serviceId === 'string' ? meta.serviceId : null;
}
