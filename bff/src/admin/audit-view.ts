// The audit log of administrative changes as the console shows it (issue 17): admins every entry
// the console wrote (optionally one office's); a hall manager their own office's only, whatever
// they ask for. Newest first, paged by the entry's id. Entries hold no clear phone or ID number.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma } from '@palm/db/client';

const PAGE = 50;

export class AuditView {
  constructor(private readonly app: FastifyInstance) {}

  async list(request: FastifyRequest, query: { officeId?: string; cursor?: string; limit?: number }) {
    await this.app.policy.authorize(request, 'admin.audit.read');
    const isAdmin = request.auth!.roles.includes('ADMIN');
    const own = isAdmin ? null : (await this.app.users.posting(request.auth!.userId)).officeId;
    const officeId = own ?? query.officeId;
    const take = query.limit ?? PAGE;
    const where: Prisma.AuditLogWhereInput = {
      action: { startsWith: 'admin.' },
      result: 'OK',
      ...(officeId ? { officeId } : {}),
      ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
    };
    const rows = await this.app.prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: take + 1 });
    const items = rows.slice(0, take).map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      officeId: r.officeId,
      result: r.result,
      reason: r.reason,
      meta: r.meta,
    }));
    return { items, ...(rows.length > take ? { nextCursor: items[items.length - 1]!.id } : {}) };
  }
}
