// 见证授权 (issue 14 item 5, DESIGN.md §3 Grant "witnessed at a window by a clerk for people
// without phones"): at a window a clerk records a grant for a resident who has no phone. The
// resident is found by ID number through its HMAC (never listed, never returned unmasked); the
// family member or grid worker by phone. The clerk is the witness (never the grantee nor the
// resident) and keeps the number of the signed form. The grant is ACTIVE at once; every other rule
// — kind, length, limits, one live grant per pair — is the grants domain's own (GrantService.insert,
// terms.ts). Any clerk at any window may read the resident's grants and end a witnessed one at their
// request; a grant given in the app is ended in the app by the person who gave it.
// Decorated as `app.witnessed` (./index.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidMobile, isValidResidentId, maskName, normalizeMobile, normalizeResidentId } from '@palm/shared';
import type { WitnessedGrant, WitnessedGrantBody, WitnessGrant, WitnessRecord } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';
import { isUniqueViolation } from '../lib/constraints';
import { AppError } from '../lib/errors';
import { noticeGrant } from './notices';
import { revokeWitnessed, type GrantDraft, type Tx } from './statements';
import { checkLimits, grantKindOf, stateRefusal, validUntilOf } from './terms';
import { grantInclude, maskedNameOf, statusNow, type GrantWithPeople } from './view';

/** How many of the resident's grants a window shows (newest first; a resident gives a handful). */
export const WITNESS_RECORD_SIZE = 50;

const RESIDENT_SELECT = { id: true, name: true, idNumberMasked: true, phoneHash: true, disabled: true, _count: { select: { platformAccounts: true } } } as const;
interface ResidentRow {
  id: string;
  name: string | null;
  idNumberMasked: string | null;
  phoneHash: string | null;
  disabled: boolean;
  _count: { platformAccounts: number };
}

/** Signed in to Palm (a phone or a mini-program account): they can read messages, so they are told. */
const hasAccount = (r: ResidentRow): boolean => r.phoneHash !== null || r._count.platformAccounts > 0;

export class WitnessService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /**
   * The resident an ID number names, or RESIDENT_NOT_FOUND — the same answer whether no one holds
   * the number, the account is disabled or it holds no masked identity. A number that breaks the
   * GB 11643 rule is ID_NUMBER_INVALID (the number alone tells that; nothing about anyone).
   */
  private async resident(raw: string): Promise<ResidentRow> {
    const idNumber = normalizeResidentId(raw);
    if (!isValidResidentId(idNumber, this.app.resources.clock.businessDate())) throw new AppError('ID_NUMBER_INVALID');
    const row = await this.prisma.user.findUnique({ where: { idNumberHash: this.app.resources.pii.lookupHash('id', idNumber) }, select: RESIDENT_SELECT });
    if (!row || row.disabled || !row.idNumberMasked) throw new AppError('RESIDENT_NOT_FOUND');
    return row;
  }

  /** Records the grant the resident consented to before the clerk `clerkId`: ACTIVE at once. */
  async create(request: FastifyRequest, clerkId: string, body: WitnessedGrantBody): Promise<WitnessedGrant> {
    const resident = await this.resident(body.residentIdNumber);
    const phone = normalizeMobile(body.granteePhone);
    if (!isValidMobile(phone)) throw new AppError('PHONE_INVALID');
    const grantee = await this.prisma.user.findUnique({ where: { phoneHash: this.app.resources.pii.lookupHash('phone', phone) }, select: { id: true, roles: true, disabled: true } });
    if (!grantee || grantee.disabled) throw new AppError('GRANT_PHONE_NOT_REGISTERED');
    if (grantee.id === resident.id) throw new AppError('GRANT_SELF');
    if (clerkId === grantee.id || clerkId === resident.id) throw new AppError('GRANT_WITNESS_PARTY');

    const kind = grantKindOf(body.relation, grantee.roles, true);
    const now = this.now();
    const validUntil = validUntilOf(this.app.resources.clock.businessDate(now), kind.days, body.validUntil);
    const serviceIds = [...new Set(body.serviceIds ?? [])];
    if (serviceIds.length > 0 && (await this.prisma.service.count({ where: { id: { in: serviceIds } } })) !== serviceIds.length) {
      throw new AppError('GRANT_SERVICE_UNKNOWN');
    }
    const formNumber = body.formNumber.toUpperCase();
    const draft: GrantDraft = {
      grantorId: resident.id,
      granteeId: grantee.id,
      relation: body.relation,
      scopes: [...new Set(body.scopes)],
      serviceIds,
      initiatedBy: 'GRANTOR',
      validFrom: now,
      validUntil,
      status: 'ACTIVE',
      consentMethod: 'WITNESSED',
      witnessedById: clerkId,
      consentFormNumber: formNumber,
      acceptedAt: now,
    };
    const grant = await this.prisma.$transaction(async (tx) => {
      // One signed form, one grant: a form number already recorded is a mistyped or reused form. The
      // unique index (Grant_consentFormNumber_key) decides when two windows record it at once.
      if ((await tx.grant.count({ where: { consentFormNumber: formNumber } })) > 0) throw new AppError('GRANT_FORM_NUMBER_USED');
      const row = await this.app.grants.insert(tx, draft, (counts) => checkLimits(counts, kind, true));
      await noticeGrant(this.app, tx, 'GRANT_ACCEPTED', row, 'GRANTEE', now, { witnessed: true });
      if (hasAccount(resident)) await noticeGrant(this.app, tx, 'GRANT_ACCEPTED', row, 'GRANTOR', now, { witnessed: true });
      await this.audit(request, tx, 'grant.witness', row.id, resident.id, { formNumber });
      return row;
    }).catch((err: unknown) => {
      throw isUniqueViolation(err, 'consentFormNumber') ? new AppError('GRANT_FORM_NUMBER_USED') : err;
    });
    return { resident: this.residentView(resident), grant: await this.view(grant) };
  }

  /** The resident's record at a window: masked, with the grants they gave, newest first. */
  async lookup(request: FastifyRequest, rawIdNumber: string): Promise<WitnessRecord> {
    const resident = await this.resident(rawIdNumber);
    const rows = await this.prisma.grant.findMany({
      where: { grantorId: resident.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: WITNESS_RECORD_SIZE,
      include: grantInclude,
    });
    // Who read whose record, kept like every staff action (the number itself is never written).
    await this.app.audit.record({ actorId: request.auth!.userId, subjectId: resident.id, action: 'grant.witness-lookup', resourceType: 'user', resourceId: resident.id, result: 'OK' }, request);
    const names = await this.serviceNames(rows.flatMap((g) => g.serviceIds));
    const now = this.now();
    return { resident: this.residentView(resident), items: rows.map((row) => toWitnessView(row, now, names)) };
  }

  /** For the policy: the grant if it is a witnessed one (to a clerk no other exists), else null. */
  facts(id: string): Promise<{ grantorId: string } | null> {
    return this.prisma.grant.findFirst({ where: { id, consentMethod: 'WITNESSED' }, select: { grantorId: true } });
  }

  /** Ends a witnessed grant at the resident's request (one conditional UPDATE); both sides are told. */
  async revoke(request: FastifyRequest, id: string, clerkId: string, formNumber: string | undefined): Promise<WitnessGrant> {
    const now = this.now();
    const changed = await this.prisma.$transaction(async (tx) => {
      if ((await revokeWitnessed(tx, id, clerkId, now)).count === 0) return false;
      const grant = await tx.grant.findUniqueOrThrow({ where: { id }, include: grantInclude });
      await noticeGrant(this.app, tx, 'GRANT_REVOKED', grant, 'GRANTEE', now, { atWindow: true });
      const grantor = await tx.user.findUniqueOrThrow({ where: { id: grant.grantorId }, select: RESIDENT_SELECT });
      if (hasAccount(grantor)) await noticeGrant(this.app, tx, 'GRANT_REVOKED', grant, 'GRANTOR', now, { atWindow: true });
      await this.audit(request, tx, 'grant.witness-revoke', id, grant.grantorId, formNumber ? { formNumber: formNumber.toUpperCase() } : undefined);
      return grant;
    });
    if (changed) this.app.grantEnds.ended([changed]);
    const grant = await this.prisma.grant.findUniqueOrThrow({ where: { id }, include: grantInclude });
    if (!changed) throw stateRefusal(grant, now);
    return this.view(grant);
  }

  private residentView(r: ResidentRow): WitnessedGrant['resident'] {
    return { name: r.name ? maskName(r.name) : '未实名居民', idNumberMasked: r.idNumberMasked ?? '', hasPhone: hasAccount(r) };
  }

  private async view(grant: GrantWithPeople): Promise<WitnessGrant> {
    return toWitnessView(grant, this.now(), await this.serviceNames(grant.serviceIds));
  }

  private async serviceNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.service.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  private async audit(request: FastifyRequest, tx: Tx, action: string, grantId: string, residentId: string, meta?: Record<string, string>): Promise<void> {
    await this.app.audit.record(
      { actorId: request.auth!.userId, subjectId: residentId, action, resourceType: 'grant', resourceId: grantId, result: 'OK', ...(meta ? { meta } : {}) },
      request,
      tx,
    );
  }
}

/** A grant as a clerk sees it: the grantee masked, the form's number, whether the window may end it. */
export function toWitnessView(row: GrantWithPeople, now: Date, serviceNames: ReadonlyMap<string, string>): WitnessGrant {
  const status = statusNow(row, now);
  const endedAt = status === 'REJECTED' ? row.rejectedAt : status === 'REVOKED' ? row.revokedAt : status === 'EXPIRED' ? row.validUntil : null;
  const revokedBy = status !== 'REVOKED' ? null : row.revokedById === row.grantorId ? 'GRANTOR' : row.revokedById === row.granteeId ? 'GRANTEE' : 'STAFF';
  return {
    id: row.id,
    grantee: { name: maskedNameOf(row.grantee), phoneMasked: row.grantee.phoneMasked, isGridWorker: row.grantee.roles.includes('GRID_WORKER') },
    relation: row.relation,
    scopes: row.scopes,
    services: row.serviceIds.map((id) => ({ id, name: serviceNames.get(id) ?? '' })),
    status,
    consentMethod: row.consentMethod,
    formNumber: row.consentFormNumber,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    createdAt: row.createdAt.toISOString(),
    endedAt: endedAt?.toISOString() ?? null,
    revokedBy,
    canRevoke: row.consentMethod === 'WITNESSED' && (status === 'ACTIVE' || status === 'PENDING'),
  };
}
