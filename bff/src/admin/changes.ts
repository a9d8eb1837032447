// What every admin console change shares: the office it concerns, loaded by id through the policy
// (a refusal answers as a missing id), and its audit entry with what the change found and left
// (`meta.before` / `meta.after`: only the fields it touched; never a clear phone or ID number —
// people appear by id and masked phone only).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient } from '@palm/db/client';
import type { Action } from '../policy';

export interface Change {
  action: Action;
  resourceType: string;
  resourceId: string;
  officeId: string | null;
  subjectId?: string | null;
  before: Prisma.InputJsonValue | null;
  after: Prisma.InputJsonValue | null;
  /** Anything else worth keeping (appointments a closure cancelled). */
  extra?: Record<string, Prisma.InputJsonValue>;
}

/** Writes the change's audit entry (in the change's transaction when given one). */
export function recordChange(app: FastifyInstance, request: FastifyRequest, change: Change, tx?: Pick<PrismaClient, 'auditLog'>): Promise<void> {
  return app.audit.record(
    {
      actorId: request.auth?.userId ?? null,
      subjectId: change.subjectId ?? null,
      action: change.action,
      resourceType: change.resourceType,
      resourceId: change.resourceId,
      officeId: change.officeId,
      result: 'OK',
      meta: { before: change.before, after: change.after, ...change.extra } as Prisma.InputJsonValue,
    },
    request,
    tx,
  );
}

/** The fields of `row` named in `fields`: the before/after of a partial change. */
export function pick<T extends object>(row: T, fields: readonly string[]): Record<string, Prisma.InputJsonValue | null> {
  const out: Record<string, Prisma.InputJsonValue | null> = {};
  for (const field of fields) out[field] = ((row as Record<string, unknown>)[field] ?? null) as Prisma.InputJsonValue | null;
  return out;
}

/**
 * The office `id` names, authorized for `action` (admins anywhere, a hall manager their own): its
 * id and region. An office one may not touch answers exactly as one that does not exist.
 */
export async function authorizeOffice(app: FastifyInstance, request: FastifyRequest, action: Action, id: string): Promise<{ id: string; regionCode: string }> {
  const row = await app.prisma.office.findUnique({ where: { id }, select: { id: true, regionCode: true } });
  return app.policy.authorizeFound(request, action, 'office', id, row, (o) => ({ officeId: o.id, officeRegionCode: o.regionCode }));
}
