// Append-only audit log (DESIGN.md §6): every act on someone's behalf, every staff action and
// every refused attempt to act for someone. Entries carry the request id to tie them to logs.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient } from '@palm/db/client';

export interface AuditEntry {
  actorId?: string | null;
  subjectId?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  result: 'ALLOW' | 'DENY' | 'OK' | 'FAIL';
  reason?: string;
  meta?: Prisma.InputJsonValue;
}

export interface Audit {
  record(entry: AuditEntry, request?: FastifyRequest, tx?: Pick<PrismaClient, 'auditLog'>): Promise<void>;
}

export default fp(
  async (app) => {
    const audit: Audit = {
      async record(entry, request, tx) {
        await (tx ?? app.prisma).auditLog.create({
          data: { ...entry, requestId: request?.id ?? null },
        });
      },
    };
    app.decorate('audit', audit);
  },
  { name: 'audit' },
);
