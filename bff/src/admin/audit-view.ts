// The audit log of administrative changes as the console shows it (issue 17): admins every entry
// the console wrote (optionally one office's); a hall manager their own office's only, whatever
// they ask for. Newest first, paged by the entry's id. Entries hold no clear phone or ID number:
// who made the change (`actor`) and whom it concerns (`subject`, a member of staff) appear by name
// and masked phone.
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
    const found = await this.app.prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: take + 1 });
    const more = found.length > take;
    const rows = found.slice(0, take);
    const ids = [...new Set(rows.flatMap((r) => [r.actorId, r.subjectId]).filter((id): id is string => !!id))];
    const people = new Map((await this.app.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, phoneMasked: true } })).map((u) => [u.id, { name: u.name, phoneMasked: u.phoneMasked }]));
    const person = (id: string | null) => (id ? people.get(id) ?? null : null);
    const items = rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actor: person(r.actorId),
      subject: person(r.subjectId),
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      officeId: r.officeId,
      result: r.result,
      reason: r.reason,
      meta: r.meta,
    }));
    return { items, ...(more ? { nextCursor: items[items.length - 1]!.id } : {}) };
  }
}
