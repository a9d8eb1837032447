// A clerk's check of a 亮证 token (DESIGN.md §4): the token (tokens.ts: form, algorithm, typ, kid,
// signature, aud, expiry ±30 s), then the database — the presentation it names, the licence's
// state now, and its single use — and the answer: only the purpose's fields, the holder masked.
// Every check, refused or not, is in the audit log; a success is also the holder's 使用记录 row
// (the presentation, now verified, with the hall and window) and an in-app message to the holder.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LICENCE_TYPE_LABELS, maskName, type LicenceTypeKey } from '@palm/shared';
import type { LicenceVerification } from '@palm/shared/server';
import { Prisma } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { writeOutbox } from '../notify/outbox';
import type { LicenceVerifiedFacts } from './notifications';
import { checkToken, type TokenClaims } from './tokens';
import { disclose, statusOn } from './view';

export class LicenceVerifier {
  constructor(private readonly app: FastifyInstance) {}

  async verify(request: FastifyRequest, token: string): Promise<LicenceVerification> {
    const clerkId = request.auth!.userId;
    let claims: TokenClaims | null = null;
    // What the checks learnt before a refusal: the presentation the token names and whose it is.
    const named: { id: string | null; subjectId: string | null } = { id: null, subjectId: null };
    try {
      claims = await checkToken(this.app.licenceKeys, token, this.app.resources.clock.now());
      const result = await this.consume(clerkId, claims, (id, subjectId) => Object.assign(named, { id, subjectId }));
      await this.audit(request, clerkId, result.subjectId, named.id, 'OK', 'verified', claims);
      return result.answer;
    } catch (err) {
      if (err instanceof AppError) await this.audit(request, clerkId, named.subjectId, named.id, 'FAIL', err.code, claims);
      throw err;
    }
  }

  private async consume(clerkId: string, claims: TokenClaims, seen: (id: string, subjectId: string) => void): Promise<{ answer: LicenceVerification; subjectId: string }> {
    const { prisma } = this.app;
    const { clock } = this.app.resources;
    const row = await prisma.licencePresentation.findUnique({
      where: { jti: claims.jti },
      include: { licence: true, purpose: { select: { name: true } }, subject: { select: { name: true, idNumberMasked: true } } },
    });
    // Signed by our key but never issued (or issued for something else): not a token of ours to honour.
    if (!row || row.licenceId !== claims.lid || row.purposeCode !== claims.pur) throw new AppError('LICENCE_TOKEN_INVALID');
    seen(row.id, row.subjectId);
    const today = clock.businessDate();
    const status = statusOn(row.licence, today);
    if (row.verifiedAt === null && status === 'REVOKED') throw new AppError('LICENCE_REVOKED');
    if (row.verifiedAt === null && status === 'EXPIRED') throw new AppError('LICENCE_EXPIRED');
    const [clerk, counter] = await Promise.all([
      prisma.user.findUnique({ where: { id: clerkId }, select: { officeId: true } }),
      prisma.counter.findFirst({ where: { clerkId }, select: { id: true, officeId: true } }),
    ]);
    const now = clock.now();
    // Single use, decided by the database: one conditional UPDATE. Of two scans at once — on one
    // instance or two — one finds verifiedAt NULL and sets it; the other waits on the row lock,
    // re-reads it set, and changes nothing.
    const consumed = await prisma.licencePresentation.updateMany({
      where: { id: row.id, verifiedAt: null },
      data: {
        verifiedAt: now,
        verifiedById: clerkId,
        verifiedOfficeId: clerk?.officeId ?? null,
        verifiedCounterId: counter && counter.officeId === clerk?.officeId ? counter.id : null,
      },
    });
    if (consumed.count === 0) throw new AppError('LICENCE_TOKEN_USED');
    const answer: LicenceVerification = {
      purpose: { code: row.purposeCode, name: row.purpose.name },
      fields: disclose(row.licence, row.fields, today),
      holder: { nameMasked: row.subject.name ? maskName(row.subject.name) : '未实名用户', idNumberMasked: row.subject.idNumberMasked },
      licence: { type: row.licence.type, typeLabel: LICENCE_TYPE_LABELS[row.licence.type as LicenceTypeKey], status },
      presentedOnBehalf: row.actorId !== row.subjectId,
      verifiedAt: now.toISOString(),
    };
    await this.tellHolder(row.id, row.subjectId, row.licence.type as LicenceTypeKey, row.purpose.name, row.fields, clerk?.officeId ?? null, now);
    return { answer, subjectId: row.subjectId };
  }

  /** LICENCE_VERIFIED to the holder, in-app at once (keyed by the presentation: one per use). */
  private async tellHolder(presentationId: string, holderId: string, type: LicenceTypeKey, purposeName: string, fields: string[], officeId: string | null, now: Date): Promise<void> {
    const office = officeId ? await this.app.prisma.office.findUnique({ where: { id: officeId }, select: { name: true } }) : null;
    const facts: LicenceVerifiedFacts = { presentationId, licenceType: type, purposeName, officeName: office?.name ?? null, fieldCount: fields.length, at: now.toISOString() };
    const source = Prisma.sql`
      src AS (
        SELECT ${holderId}::uuid AS "userId", NULL::uuid AS "ticketId", NULL::uuid AS "appointmentId",
               ${`LICENCE_VERIFIED:${presentationId}`}::text AS key, ${JSON.stringify(facts)}::jsonb AS payload),`;
    await writeOutbox(this.app.prisma, this.app.notify.templates, 'LICENCE_VERIFIED', source, now).catch((err: unknown) =>
      this.app.log.warn({ err, presentationId }, 'licence verification notice not written'),
    );
  }

  private audit(request: FastifyRequest, clerkId: string, subjectId: string | null, presentationId: string | null, result: 'OK' | 'FAIL', reason: string, claims: TokenClaims | null): Promise<void> {
    return this.app.audit.record(
      {
        actorId: clerkId,
        subjectId,
        action: 'licence.verify',
        resourceType: 'licencePresentation',
        resourceId: presentationId,
        result,
        reason,
        ...(claims ? { meta: { purpose: claims.pur, licenceId: claims.lid } } : {}),
      },
      request,
    );
  }
}
