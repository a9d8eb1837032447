// 授权 use cases (DESIGN.md §3 Grant, §4 Grants): invite someone to act for me or ask to act for
// someone (by phone), answer, list, revoke or step down, and the expiry job. Each creation counts
// the limits under both people's locks; each transition is one conditional UPDATE
// (statements.ts). The other side is told in the same transaction (notices.ts). Decorated as
// `app.grants` (./index.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays, GRID_DEFAULT_SCOPES, isGridRelation, isValidMobile, MAX_FAMILY_GRANTEES, MAX_GRANTORS_PER_CITIZEN, MAX_GRANTORS_PER_GRID_WORKER, normalizeMobile } from '@palm/shared';
import type { Grant, GrantCreateBody, GrantList } from '@palm/shared/server';
import type { GrantScope, Prisma, PrismaClient } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { perDayLimit } from '../plugins/external/rate-limit';
import { noticeGrant } from './notices';
import { acceptGrant, answerable, answerWindowStart, expireDue, expireStalePair, insertGrant, LIVE, liveCounts, lockPeople, rejectGrant, rejectedAskSince, revokeGrants, withdrawnOnlyByInitiator, type GrantDraft, type Tx } from './statements';
import { checkLimits, cooldownRefusal, grantKindOf, REJECTION_COOLDOWN_MS, stateRefusal, validUntilOf } from './terms';
import { grantInclude, toGrantView, type GrantWithPeople } from './view';

export const GRANTS_PAGE_SIZE = 50;

/** A grid worker's 请求授权 (askAsGridWorker). */
export interface GridConsentAsk {
  workerId: string;
  residentId: string;
  relation?: '网格员' | '代办员';
  scopes?: readonly GrantScope[];
  /** 1–90 (default 90): how long the grant runs; it ends at the close of its last day. */
  validDays?: number;
}

type Transition = 'accept' | 'reject' | 'revoke';

export class GrantService {
  /**
   * Counts an invitation or request naming a phone, per person and business day (Redis when
   * configured, so every instance counts together): each answer tells whether the phone uses Palm
   * (GRANT_PHONE_NOT_REGISTERED), so beyond the per-minute limit a day's sweep is bounded too.
   */
  private readonly countPhoneRequest: (request: FastifyRequest, key: string) => Promise<void>;

  constructor(private readonly app: FastifyInstance) {
    const perDay = app.config.GRANT_PHONE_REQUESTS_PER_DAY;
    this.countPhoneRequest = perDayLimit(
      app,
      'grant-phone',
      perDay,
      (retryAfterSeconds) => new AppError('GRANT_DAILY_LIMIT', `今天发起的代办邀请和申请已达${perDay}次，请明天再试`, { retryAfterSeconds }),
    );
  }

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /**
   * An invitation (`granteePhone`: I am the grantor) or a request (`grantorPhone`: I am the
   * grantee), PENDING until the other side answers. The other person must have signed in once with
   * that phone: an unknown phone is refused (GRANT_PHONE_NOT_REGISTERED), nothing is kept for it.
   */
  async create(request: FastifyRequest, me: string, body: GrantCreateBody): Promise<Grant> {
    const asGrantor = 'granteePhone' in body;
    const phone = normalizeMobile(asGrantor ? body.granteePhone : body.grantorPhone);
    if (!isValidMobile(phone)) throw new AppError('PHONE_INVALID');
    // Counted before the phone is looked up: an unknown phone's answer is what a sweep is after.
    await this.countPhoneRequest(request, me);
    const other = await this.prisma.user.findUnique({ where: { phoneHash: this.app.resources.pii.lookupHash('phone', phone) }, select: { id: true, roles: true, disabled: true } });
    if (other?.id === me) throw new AppError('GRANT_SELF');
    if (!other || other.disabled) throw new AppError('GRANT_PHONE_NOT_REGISTERED');
    const self = await this.prisma.user.findUniqueOrThrow({ where: { id: me }, select: { roles: true } });
    const [grantorId, granteeId] = asGrantor ? [me, other.id] : [other.id, me];
    const kind = grantKindOf(body.relation, asGrantor ? other.roles : self.roles, asGrantor);
    const now = this.now();
    const validUntil = validUntilOf(this.app.resources.clock.businessDate(now), kind.days, body.validUntil);
    const serviceIds = [...new Set(body.serviceIds ?? [])];
    if (serviceIds.length > 0 && (await this.prisma.service.count({ where: { id: { in: serviceIds } } })) !== serviceIds.length) {
      throw new AppError('GRANT_SERVICE_UNKNOWN');
    }
    const draft: GrantDraft = {
      grantorId,
      granteeId,
      relation: body.relation,
      scopes: [...new Set(body.scopes)],
      serviceIds,
      initiatedBy: asGrantor ? 'GRANTOR' : 'GRANTEE',
      validFrom: now,
      validUntil,
      status: 'PENDING',
    };
    const grant = await this.prisma.$transaction(async (tx) => {
      const row = await this.insert(tx, draft, (counts) => checkLimits(counts, kind, asGrantor));
      await noticeGrant(this.app, tx, 'GRANT_REQUESTED', row, asGrantor ? 'GRANTEE' : 'GRANTOR', now);
      await this.audit(request, tx, 'grant.create', row.id);
      return row;
    });
    return this.view(grant, me);
  }

  /**
   * 请求授权 from a grid worker's roster (grid/): the worker asks a resident of their grid, who
   * answers on their own phone (`initiatedBy` GRANTEE: only the resident may accept). Asking again
   * while a request waits returns it (`created: false`); a grant in force is refused
   * (GRID_CONSENT_ACTIVE); a resident without a phone consents at a window instead
   * (GRID_RESIDENT_NO_PHONE). The locks, limits and duplicate rule are every creation's (insert).
   */
  async askAsGridWorker(request: FastifyRequest, ask: GridConsentAsk): Promise<{ grantId: string; created: boolean }> {
    const { workerId, residentId } = ask;
    const now = this.now();
    const today = this.app.resources.clock.businessDate(now);
    return this.prisma.$transaction(async (tx) => {
      await lockPeople(tx, [workerId, residentId]);
      const live = await tx.grant.findMany({
        where: { grantorId: residentId, granteeId: workerId, status: { in: [...LIVE] }, validUntil: { gt: now } },
        orderBy: { createdAt: 'desc' },
        select: { id: true, status: true },
      });
      if (live.some((g) => g.status === 'ACTIVE')) throw new AppError('GRID_CONSENT_ACTIVE');
      const waiting = live.find((g) => g.status === 'PENDING');
      if (waiting) return { grantId: waiting.id, created: false };
      const [resident, worker] = await Promise.all([
        tx.user.findUniqueOrThrow({ where: { id: residentId }, select: { phoneHash: true } }),
        tx.user.findUniqueOrThrow({ where: { id: workerId }, select: { roles: true } }),
      ]);
      if (!resident.phoneHash) throw new AppError('GRID_RESIDENT_NO_PHONE');
      const relation = ask.relation ?? '网格员';
      const kind = grantKindOf(relation, worker.roles, false);
      const draft: GrantDraft = {
        grantorId: residentId,
        granteeId: workerId,
        relation,
        scopes: [...new Set(ask.scopes ?? GRID_DEFAULT_SCOPES)],
        serviceIds: [],
        initiatedBy: 'GRANTEE',
        validFrom: now,
        validUntil: validUntilOf(today, kind.days, ask.validDays ? addDays(today, Math.min(ask.validDays, kind.days)) : undefined),
        status: 'PENDING',
      };
      const row = await this.insert(tx, draft, (counts) => checkLimits(counts, kind, false));
      await noticeGrant(this.app, tx, 'GRANT_REQUESTED', row, 'GRANTOR', now);
      await this.audit(request, tx, 'grant.create', row.id);
      return { grantId: row.id, created: true };
    });
  }

  /**
   * Under both people's locks: a stale live grant of the pair expires, the limits are counted
   * (`check` refuses what they do not allow), the grant is inserted. The witnessed grants of a
   * window (witness.ts) come through here too.
   */
  async insert(tx: Tx, draft: GrantDraft, check: (counts: Awaited<ReturnType<typeof liveCounts>>) => void): Promise<GrantWithPeople> {
    await lockPeople(tx, [draft.grantorId, draft.granteeId]);
    // Its time is up already (the policy refuses it), so its end is told even if this rolls back:
    // the expiry job, which would have told it, will not see it again.
    if ((await expireStalePair(tx, draft.grantorId, draft.granteeId, draft.validFrom)).count > 0) this.app.grantEnds.ended([draft]);
    // Pending grants count only when the one creating this one started them (statements.ts liveCounts).
    const callerId = draft.initiatedBy === 'GRANTOR' ? draft.grantorId : draft.granteeId;
    if (draft.status === 'PENDING') {
      // The other side said no within a day: the same asker waits before asking them again (a
      // window's witnessed grant is the resident's own consent, in person: never held back).
      const otherId = callerId === draft.grantorId ? draft.granteeId : draft.grantorId;
      const rejectedAt = await rejectedAskSince(tx, callerId, otherId, new Date(draft.validFrom.getTime() - REJECTION_COOLDOWN_MS));
      if (rejectedAt) throw cooldownRefusal(rejectedAt, draft.validFrom);
    }
    check(await liveCounts(tx, draft.grantorId, draft.granteeId, draft.validFrom, callerId));
    const { id } = await insertGrant(tx, draft);
    return tx.grant.findUniqueOrThrow({ where: { id }, include: grantInclude });
  }

  /** My grants on one side, newest first, `GRANTS_PAGE_SIZE` a page (a grid worker may hold hundreds). */
  async list(me: string, as: 'grantor' | 'grantee', state: 'live' | 'ended' | undefined, cursor: string | undefined): Promise<GrantList> {
    const now = this.now();
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    // Live: in force, or waiting for its answer within the answer window.
    const live: Prisma.GrantWhereInput = { status: { in: [...LIVE] }, validUntil: { gt: now }, NOT: { status: 'PENDING', createdAt: { lte: answerWindowStart(now) } } };
    const rows = await this.prisma.grant.findMany({
      where: {
        ...(as === 'grantor' ? { grantorId: me } : { granteeId: me }),
        ...(state === 'live' ? live : state === 'ended' ? { NOT: live } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: GRANTS_PAGE_SIZE + 1,
      include: grantInclude,
    });
    const page = rows.slice(0, GRANTS_PAGE_SIZE);
    const names = await this.serviceNames(page.flatMap((g) => g.serviceIds));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toGrantView(row, me, now, names)),
      ...(rows.length > GRANTS_PAGE_SIZE && last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  /** One grant as `me` (one of its two people, the policy has checked) sees it now. */
  async get(id: string, me: string): Promise<Grant> {
    return this.view(await this.prisma.grant.findUniqueOrThrow({ where: { id }, include: grantInclude }), me);
  }

  /** Who the grant is between, for the policy to judge (one narrow query), or null. */
  facts(id: string): Promise<{ grantorId: string; granteeId: string } | null> {
    return this.prisma.grant.findUnique({ where: { id }, select: { grantorId: true, granteeId: true } });
  }

  /** Whether a grant from `grantorId` to `granteeId` is in force now (a live socket's second look). */
  async inForce({ grantorId, granteeId }: { grantorId: string; granteeId: string }): Promise<boolean> {
    const now = this.now();
    return (await this.prisma.grant.count({ where: { grantorId, granteeId, status: 'ACTIVE', validFrom: { lte: now }, validUntil: { gt: now }, grantor: { disabled: false }, grantee: { disabled: false } } })) > 0;
  }

  /** The grants `grantorId` gave that are in force now (whose grantees' sockets a block ends). */
  pairsInForce(grantorId: string): Promise<Array<{ grantorId: string; granteeId: string }>> {
    const now = this.now();
    return this.prisma.grant.findMany({ where: { grantorId, status: 'ACTIVE', validUntil: { gt: now } }, select: { grantorId: true, granteeId: true } });
  }

  accept(request: FastifyRequest, id: string, me: string): Promise<Grant> {
    return this.transition(request, 'accept', id, me);
  }

  reject(request: FastifyRequest, id: string, me: string): Promise<Grant> {
    return this.transition(request, 'reject', id, me);
  }

  revoke(request: FastifyRequest, id: string, me: string): Promise<Grant> {
    return this.transition(request, 'revoke', id, me);
  }

  /**
   * One conditional UPDATE (statements.ts; a revoke: one per state it may end, PENDING first) and, when it changed the grant, the other side's
   * message and the audit entry, in one transaction. When it changed nothing the grant is read
   * again and the refusal says why: the initiator cannot answer their own invitation or request
   * (GRANT_AWAITING_OTHER_SIDE), anything else is GRANT_STATE in words.
   */
  private async transition(request: FastifyRequest, step: Transition, id: string, me: string): Promise<Grant> {
    const now = this.now();
    const changed = await this.prisma.$transaction(async (tx) => {
      if (step === 'accept') await this.checkLimitsToAccept(tx, id, me, now);
      // What a revocation ended (pending or in force) is what its UPDATE changed, never a read
      // before it: a concurrent accept cannot make the message say the wrong thing.
      const ended = step === 'revoke' ? await revokeGrants(tx, { id, ...withdrawnOnlyByInitiator(me) }, me, now) : null;
      const count = ended ? ended.count : step === 'accept' ? (await acceptGrant(tx, id, me, now)).count : (await rejectGrant(tx, id, me, now)).count;
      if (count === 0) return false;
      const grant = await tx.grant.findUniqueOrThrow({ where: { id }, include: grantInclude });
      const other = grant.grantorId === me ? 'GRANTEE' : 'GRANTOR';
      if (ended) await noticeGrant(this.app, tx, 'GRANT_REVOKED', grant, other, now, { wasPending: ended.wasPending });
      else await noticeGrant(this.app, tx, step === 'accept' ? 'GRANT_ACCEPTED' : 'GRANT_REJECTED', grant, other, now);
      await this.audit(request, tx, `grant.${step}`, id);
      return grant;
    });
    if (changed && step === 'revoke') this.app.grantEnds.ended([changed]);
    const grant = await this.prisma.grant.findUniqueOrThrow({ where: { id }, include: grantInclude });
    if (!changed) {
      const asked = grant.initiatedBy === 'GRANTOR' ? grant.grantorId : grant.granteeId;
      const waiting = grant.status === 'PENDING' && grant.validUntil > now && grant.createdAt > answerWindowStart(now);
      if (step !== 'revoke' && waiting && asked === me) throw new AppError('GRANT_AWAITING_OTHER_SIDE');
      if (step === 'revoke' && grant.status === 'PENDING' && grant.validUntil > now && asked !== me) {
        throw new AppError('GRANT_STATE', grant.initiatedBy === 'GRANTOR' ? '这是对方发来的代办邀请，请选择接受或拒绝' : '这是对方发来的代办申请，请选择同意或拒绝');
      }
      throw stateRefusal(grant, now);
    }
    return this.view(grant, me);
  }

  /**
   * Before an accept: under both people's locks, the grants in force are counted again (pending
   * ones made by others do not count when they are made, so the answer is where the limits hold):
   * a full side refuses with the limit's code. Nothing to check when `me` cannot accept it (the
   * conditional UPDATE then refuses in words).
   */
  private async checkLimitsToAccept(tx: Tx, id: string, me: string, now: Date): Promise<void> {
    const pending = await tx.grant.findFirst({ where: answerable(id, me, now), select: { grantorId: true, granteeId: true, relation: true, grantee: { select: { roles: true } } } });
    if (!pending) return;
    await lockPeople(tx, [pending.grantorId, pending.granteeId]);
    const counts = await liveCounts(tx, pending.grantorId, pending.granteeId, now, null);
    const granteeLimit = pending.grantee.roles.includes('GRID_WORKER') ? MAX_GRANTORS_PER_GRID_WORKER : MAX_GRANTORS_PER_CITIZEN;
    const asGrantor = pending.grantorId === me;
    if (!isGridRelation(pending.relation) && counts.family >= MAX_FAMILY_GRANTEES) {
      throw new AppError('GRANT_FAMILY_LIMIT', asGrantor ? `您已授权${MAX_FAMILY_GRANTEES}位亲友代办，请先撤销不再需要的授权再同意` : `对方已授权${MAX_FAMILY_GRANTEES}位亲友代办，暂时不能接受这个邀请`);
    }
    if (counts.held >= granteeLimit) {
      throw new AppError('GRANT_GRANTEE_LIMIT', asGrantor ? `对方可代办的人数已满（最多${granteeLimit}人），暂时不能同意` : `您可代办的人数已满（最多${granteeLimit}人），请先退出不再需要的代办`);
    }
  }

  /**
   * The expiry job's step: every live grant past its end becomes EXPIRED (one statement), and what
   * their grantees keep open for the grantors ends (ends.ts).
   */
  async expire(): Promise<{ expired: number }> {
    const ended = await expireDue(this.prisma, this.now());
    this.app.grantEnds.ended(ended);
    return { expired: ended.length };
  }

  private async view(grant: GrantWithPeople, me: string): Promise<Grant> {
    return toGrantView(grant, me, this.now(), await this.serviceNames(grant.serviceIds));
  }

  private async serviceNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.service.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  private async audit(request: FastifyRequest, tx: Tx, action: string, grantId: string): Promise<void> {
    await this.app.audit.record({ actorId: request.auth!.userId, action, resourceType: 'grant', resourceId: grantId, result: 'OK' }, request, tx);
  }
}

const encodeCursor = (row: { createdAt: Date; id: string }): string => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Grants were made between these years; a cursor's time outside them is forged (PG would refuse some). */
const CURSOR_YEARS = { from: 2000, to: 9999 } as const;

/** Opaque to clients: anything that is not exactly what encodeCursor wrote is a 400, never a SQL error. */
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  const [at = '', id = ''] = parts;
  const createdAt = new Date(at);
  const year = createdAt.getUTCFullYear();
  const exact = parts.length === 2 && CURSOR_AT.test(at) && !Number.isNaN(createdAt.getTime()) && createdAt.toISOString() === at;
  if (!exact || year < CURSOR_YEARS.from || year > CURSOR_YEARS.to || !CURSOR_ID.test(id)) {
    throw new AppError('VALIDATION_FAILED', '分页参数不正确', [{ field: 'querystring.cursor', rule: 'cursor' }]);
  }
  return { createdAt, id };
}
