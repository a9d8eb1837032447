// Append-only audit log (DESIGN.md §6): every act on someone's behalf, every staff action and
// every refused attempt to act for someone. Entries carry the request id to tie them to logs. The
// database refuses to change or remove an entry (a trigger on "AuditLog"); the acts done for
// someone are that person's activity log (grants/activity.ts).
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient } from '@palm/db/client';

export interface AuditEntry {
  actorId?: string | null;
  subjectId?: string | null;
  /** The actor acted for the subject (X-On-Behalf-Of): the entry is in the subject's activity log. */
  onBehalf?: boolean;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  result: 'ALLOW' | 'DENY' | 'OK' | 'FAIL';
  reason?: string;
  meta?: Prisma.InputJsonValue;
  /** The hall an administrative change concerns (admin console): a hall manager's audit view lists it. */
  officeId?: string | null;
}

export interface Audit {
  record(entry: AuditEntry, request?: FastifyRequest, tx?: Pick<PrismaClient, 'auditLog'>): Promise<void>;
  /** As `record`, returning the entry's id (a number, as text). */
  append(entry: AuditEntry, request?: FastifyRequest, tx?: Pick<PrismaClient, 'auditLog'>): Promise<string>;
}

export default fp(
  async (app) => {
    const audit: Audit = {
      async append(entry, request, tx) {
        const row = await (tx ?? app.prisma).auditLog.create({
          // The app's clock, as every other time shown to people (a pinned demo clock included).
          data: { at: app.resources.clock.now(), ...entry, requestId: request?.id ?? null },
          select: { id: true },
        });
        return String(row.id);
      },
      async record(entry, request, tx) {
        await audit.append(entry, request, tx);
      },
    };
    app.decorate('audit', audit);
  },
  { name: 'audit' },
);
