// The wallet (DESIGN.md §3 Licence, §4 亮证): a holder's licences (masked; the number on request,
// logged), the sync from the issuer platform (on real-name binding and on demand), the purposes,
// presenting a licence for a purpose (a signed single-use token) and the holder's 使用记录.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IDENTITY_CHECK_PURPOSE, LICENCE_TOKEN_REFRESH_SECONDS, LICENCE_TYPES, maskName, type LicenceTypeKey } from '@palm/shared';
import type { LicenceCapture, LicenceList, LicencePresentation, LicencePurposeView, LicenceUse, LicenceView } from '@palm/shared/server';
import type { Licence, LicenceType, PrismaClient } from '@palm/db/client';
import { UpstreamError } from '../integrations/http';
import type { IssuedLicence } from '../integrations/licence-issuer';
import { AppError } from '../lib/errors';
import { decodeKeyset, encodeKeyset } from '../grid/cursor';
import { newJti, signToken } from './tokens';
import { disclosedKeys, fieldList, statusOn, toCaptureUseView, toLicenceView, toUseView } from './view';

/** The wallet's order: the ID first, then as LICENCE_TYPES lists them. */
const typeRank = (type: LicenceType) => LICENCE_TYPES.indexOf(type as LicenceTypeKey);
const day = (d: string | null) => (d === null ? null : new Date(`${d}T00:00:00.000Z`));
export const USES_PAGE = 50;

export class LicenceService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private today(): string {
    return this.app.resources.clock.businessDate();
  }

  /** Whose it is (for the policy): one narrow query, as cheap for a missing id as for a real one. */
  facts(id: string) {
    return this.prisma.licence.findUnique({ where: { id }, select: { holderId: true } });
  }

  private async accountName(holderId: string): Promise<string | null> {
    return (await this.prisma.user.findUnique({ where: { id: holderId }, select: { name: true } }))?.name ?? null;
  }

  async list(holderId: string): Promise<LicenceList> {
    const [rows, name] = await Promise.all([this.prisma.licence.findMany({ where: { holderId } }), this.accountName(holderId)]);
    rows.sort((a, b) => typeRank(a.type) - typeRank(b.type) || a.createdAt.getTime() - b.createdAt.getTime());
    return { items: rows.map((row) => toLicenceView(row, this.today(), name)) };
  }

  /** One licence; `reveal`: with its full number, which 使用记录 and the audit log record (the holder's act). */
  async get(request: FastifyRequest, id: string, reveal: boolean): Promise<LicenceView> {
    const row = await this.prisma.licence.findUniqueOrThrow({ where: { id } });
    const name = await this.accountName(row.holderId);
    if (!reveal) return toLicenceView(row, this.today(), name);
    // A row of the holder's 使用记录 (查看完整号码), as the app says, and an audit entry.
    await this.prisma.licenceCapture.create({ data: { kind: 'REVEAL', licenceId: id, subjectId: row.holderId, actorId: request.auth!.userId, createdAt: this.app.resources.clock.now() } });
    await this.app.audit.record(
      { actorId: request.auth!.userId, subjectId: row.holderId, action: 'licence.reveal', resourceType: 'licence', resourceId: id, result: 'OK', reason: 'number shown', meta: { type: row.type } },
      request,
    );
    return toLicenceView(row, this.today(), name, this.app.resources.pii.decrypt(row.numberEnc));
  }

  /**
   * Fetches the person's licences from the issuer platform and stores them: each upserted by
   * (holder, type, number HMAC); one the platform no longer reports is no longer valid there, so
   * it becomes REVOKED. Only for someone whose real name is verified (the platform is asked by
   * name and ID number): otherwise nothing is asked and `synced` is false, as it is when no
   * platform is configured (production without one).
   */
  async sync(request: FastifyRequest | null, holderId: string): Promise<LicenceList & { synced: boolean }> {
    const { prisma } = this;
    const { pii, integrations, clock } = this.app.resources;
    const user = await prisma.user.findUnique({ where: { id: holderId }, select: { name: true, idNumberEnc: true, realNameVerifiedAt: true } });
    const issuer = integrations.licenceIssuer;
    if (!issuer || !user?.name || !user.idNumberEnc || !user.realNameVerifiedAt) return { ...(await this.list(holderId)), synced: false };
    let issued: IssuedLicence[];
    try {
      issued = await issuer.licencesOf({ name: user.name, idNumber: pii.decrypt(user.idNumberEnc) });
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      (request?.log ?? this.app.log).warn({ err }, 'licence sync failed upstream');
      if (err.kind === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', '电子证照平台繁忙，请稍后再同步');
      throw new AppError('UPSTREAM_UNAVAILABLE', '电子证照平台暂时不可用，请稍后再同步');
    }
    const now = clock.now();
    const kept: string[] = [];
    for (const licence of issued) {
      const sealed = pii.protectLicenceNumber(licence.number);
      kept.push(`${licence.type}:${sealed.numberHash}`);
      const data = { issuer: licence.issuer, validFrom: day(licence.validFrom)!, validUntil: day(licence.validUntil), status: licence.status, fields: licence.fields, lastSyncedAt: now };
      const key = { holderId, type: licence.type, numberHash: sealed.numberHash };
      // Update first, insert when absent: a sync racing another for the same person leaves one
      // row (the unique key) and never fails on it (skipDuplicates).
      const updated = await prisma.licence.updateMany({ where: key, data });
      if (updated.count === 0) await prisma.licence.createMany({ data: [{ ...key, ...data, numberEnc: sealed.numberEnc, numberMasked: sealed.numberMasked }], skipDuplicates: true });
    }
    const held = await prisma.licence.findMany({ where: { holderId, status: { not: 'REVOKED' } }, select: { id: true, type: true, numberHash: true } });
    const gone = held.filter((l) => !kept.includes(`${l.type}:${l.numberHash}`)).map((l) => l.id);
    if (gone.length) await prisma.licence.updateMany({ where: { id: { in: gone } }, data: { status: 'REVOKED', lastSyncedAt: now } });
    await this.app.audit.record(
      { actorId: request?.auth?.userId ?? holderId, subjectId: holderId, action: 'licence.sync', resourceType: 'licence', result: 'OK', reason: `${issued.length} from the issuer`, meta: { count: issued.length, revoked: gone.length } },
      request ?? undefined,
    );
    return { ...(await this.list(holderId)), synced: true };
  }

  /** After a real-name binding: a sync whose failure never fails the binding (the holder can sync later). */
  async syncQuietly(request: FastifyRequest, holderId: string): Promise<void> {
    await this.sync(request, holderId).catch((err: unknown) => request.log.warn({ err }, 'licence sync after real-name binding failed'));
  }

  async purposes(licenceType?: LicenceType): Promise<{ items: LicencePurposeView[] }> {
    const rows = await this.prisma.licencePurpose.findMany({ where: licenceType ? { licenceTypes: { has: licenceType } } : {}, orderBy: [{ serviceId: { sort: 'asc', nulls: 'first' } }, { code: 'asc' }] });
    return { items: rows.map((p) => ({ code: p.code, name: p.name, serviceId: p.serviceId, licenceTypes: p.licenceTypes, fields: fieldList(p.fields) })) };
  }

  /** The service a purpose is (null for a named check, or a code that names no purpose: present() refuses that). */
  async serviceOfPurpose(code: string | undefined): Promise<string | null> {
    if (!code) return null;
    return (await this.prisma.licencePurpose.findUnique({ where: { code }, select: { serviceId: true } }))?.serviceId ?? null;
  }

  /** Refuses a licence that is not VALID today (revoked, or past its last day). */
  assertUsable(licence: Pick<Licence, 'status' | 'validUntil'>): void {
    const status = statusOn(licence, this.today());
    if (status === 'REVOKED') throw new AppError('LICENCE_REVOKED');
    if (status === 'EXPIRED') throw new AppError('LICENCE_EXPIRED');
  }

  /**
   * 亮证: a signed token for one licence and purpose, and its row (the single use the verification
   * consumes, and the holder's 使用记录). `actorId` ≠ the holder: a grantee presenting for them.
   */
  async present(request: FastifyRequest, licenceId: string, actorId: string, purposeCode: string | undefined): Promise<LicencePresentation> {
    const { prisma } = this;
    const { clock } = this.app.resources;
    const licence = await prisma.licence.findUniqueOrThrow({ where: { id: licenceId }, include: { holder: { select: { name: true } } } });
    this.assertUsable(licence);
    const purpose = await prisma.licencePurpose.findUnique({ where: { code: purposeCode ?? IDENTITY_CHECK_PURPOSE } });
    if (!purpose) throw new AppError('LICENCE_PURPOSE_UNKNOWN');
    if (!purpose.licenceTypes.includes(licence.type)) throw new AppError('LICENCE_PURPOSE_MISMATCH');
    const keys = disclosedKeys(purpose, licence.type as LicenceTypeKey);
    const key = await this.app.licenceKeys.current();
    const now = clock.now();
    const jti = newJti();
    const { token, expiresAt } = await signToken(key, { jti, lid: licence.id, pur: purpose.code }, this.app.config.JWT_ISSUER, now);
    const row = await prisma.licencePresentation.create({
      data: { jti, licenceId, subjectId: licence.holderId, actorId, purposeCode: purpose.code, fields: keys, createdAt: now, expiresAt },
      select: { id: true },
    });
    const onBehalf = actorId !== licence.holderId;
    await this.app.audit.record(
      {
        actorId,
        subjectId: licence.holderId,
        onBehalf: false,
        action: 'licence.present',
        resourceType: 'licencePresentation',
        resourceId: row.id,
        result: 'OK',
        reason: onBehalf ? 'presented on the holder’s behalf' : 'presented by the holder',
        meta: { licenceId, purpose: purpose.code, fields: keys, kid: key.kid },
      },
      request,
    );
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      refreshSeconds: LICENCE_TOKEN_REFRESH_SECONDS,
      purpose: { code: purpose.code, name: purpose.name },
      fields: fieldList(keys),
      onBehalfOf: onBehalf ? { nameMasked: licence.holder.name ? maskName(licence.holder.name) : '未实名用户' } : null,
    };
  }

  /**
   * A screen capture of the licence's page (the app hears it from the platform, e.g.
   * Taro.onUserCaptureScreen): a row of the holder's 使用记录 (截屏) and an audit entry. `actorId`
   * ≠ the holder: a grantee's phone captured it while showing the licence.
   */
  async capture(request: FastifyRequest, licenceId: string, actorId: string): Promise<LicenceCapture> {
    const licence = await this.prisma.licence.findUniqueOrThrow({ where: { id: licenceId }, select: { holderId: true, type: true } });
    const row = await this.prisma.licenceCapture.create({
      data: { licenceId, subjectId: licence.holderId, actorId, createdAt: this.app.resources.clock.now() },
      select: { id: true, createdAt: true },
    });
    const onBehalf = actorId !== licence.holderId;
    await this.app.audit.record(
      {
        actorId,
        subjectId: licence.holderId,
        onBehalf: false,
        action: 'licence.capture',
        resourceType: 'licenceCapture',
        resourceId: row.id,
        result: 'OK',
        reason: onBehalf ? 'screen captured on a grantee’s phone' : 'screen captured by the holder',
        meta: { licenceId, type: licence.type },
      },
      request,
    );
    return { id: row.id, capturedAt: row.createdAt.toISOString() };
  }

  /**
   * 使用记录: every presentation of the licence (with where and what a verifier saw) and every
   * screen capture (截屏), newest first, in keyset pages over both: each table is read past the
   * cursor in the same (createdAt, id) order, the two merged and cut to a page.
   */
  async uses(licenceId: string, cursor?: string): Promise<{ items: LicenceUse[]; nextCursor?: string }> {
    const after = cursor ? decodeKeyset('licence-uses', cursor) : null;
    const at = after?.value ? new Date(after.value) : null;
    const past = after && at && !Number.isNaN(at.getTime()) ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }] } : {};
    const order = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
    const [presented, captured] = await Promise.all([
      this.prisma.licencePresentation.findMany({
        where: { licenceId, ...past },
        orderBy: order,
        take: USES_PAGE + 1,
        include: {
          purpose: { select: { name: true } },
          actor: { select: { name: true, phoneMasked: true } },
          verifiedOffice: { select: { id: true, name: true } },
          verifiedCounter: { select: { number: true, name: true } },
        },
      }),
      this.prisma.licenceCapture.findMany({ where: { licenceId, ...past }, orderBy: order, take: USES_PAGE + 1, include: { actor: { select: { name: true, phoneMasked: true } } } }),
    ]);
    const rows = [...presented.map((r) => ({ at: r.createdAt, id: r.id, view: toUseView(r) })), ...captured.map((r) => ({ at: r.createdAt, id: r.id, view: toCaptureUseView(r) }))];
    rows.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const page = rows.slice(0, USES_PAGE);
    const last = page.at(-1);
    return { items: page.map((r) => r.view), ...(rows.length > USES_PAGE && last ? { nextCursor: encodeKeyset('licence-uses', { value: last.at.toISOString(), id: last.id }) } : {}) };
  }
}
