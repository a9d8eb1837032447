// The one policy module (DESIGN.md §6, OWASP API1): every route that touches an object by id asks
// `authorize(request, action, resource)`. It resolves who acts (the token), for whom
// (`X-On-Behalf-Of`), loads only the facts a rule needs, decides, writes the audit log for acting-for
// and staff actions and for refusals to act for someone, and throws the refusal as an AppError.
import type { FastifyRequest, FastifySchema } from 'fastify';
import type { PrismaClient } from '@palm/db/client';
import type { Clock } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Audit } from '../plugins/app/audit';
import { decide, NOT_FOUND_MESSAGES, ON_BEHALF_SCOPE, refusalOf, ruleOf, type Action, type Actor, type ObjectType, type OwnerFacts, type PersonalObjects, type Resource, type StaffScope } from './rules';

export * from './rules';

export interface Authorization {
  actor: Actor | null;
  /** Whose data the action concerns (the actor unless acting on behalf). */
  subjectId: string | null;
  onBehalf: boolean;
  /** Acting for someone under grants that name services: only those (absent: every service). */
  grantServiceIds?: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which personal objects (tickets, appointments, waitlist entries) a list shows: those for the
 * subject — in one's own mode, those for oneself (what one took or booked for someone else is
 * theirs: it shows, and is touched, only acting for them under an active grant); acting for someone,
 * only those for that person (a grant does not reach what the grantor booked for a third person),
 * and under a grant limited to some services only those services' (as GET /:id would).
 */
export function personalObjectsOf(auth: Authorization): PersonalObjects {
  const id = auth.subjectId!;
  if (!auth.onBehalf) return { subjectId: id };
  return auth.grantServiceIds ? { subjectId: id, serviceId: { in: [...auth.grantServiceIds] } } : { subjectId: id };
}

/**
 * Something done for someone that the policy allowed (an action that `tellsGrantor`). Once the
 * request has succeeded, the policy plugin hands it to the listeners (the grants domain tells the
 * person it was done for); a request that failed after the decision did nothing to tell.
 */
export interface ActOnBehalf {
  /** The audit entry that recorded the decision: the act's id in the activity log. */
  activityId: string;
  action: Action;
  actorId: string;
  subjectId: string;
  resourceType: string;
  /** The object the decision named (null for a creation). */
  resourceId: string | null;
  /** A creation (a booking, a take): the id of what it made, from the answer. */
  createdId: string | null;
  serviceId: string | null;
}
export type ActListener = (act: ActOnBehalf, request: FastifyRequest) => Promise<void>;

/** A route as the app registered it (method, URL, schema): what the access matrix must cover. */
export interface RouteEntry {
  method: string;
  url: string;
  schema?: FastifySchema;
  websocket: boolean;
}

export class Policy {
  /** Filled by the policy plugin's onRoute hook. */
  readonly routes: RouteEntry[] = [];
  private readonly actListeners: ActListener[] = [];

  constructor(
    private readonly prisma: PrismaClient,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  /** The subject named by X-On-Behalf-Of, or the actor. A malformed header is a 400, not a guess. */
  subjectOf(request: FastifyRequest): string | null {
    const header = request.headers['x-on-behalf-of'];
    if (header === undefined || header === '') return request.auth?.userId ?? null;
    if (typeof header !== 'string' || !UUID.test(header)) {
      throw new AppError('VALIDATION_FAILED', 'X-On-Behalf-Of 必须是用户编号', [{ field: 'headers.x-on-behalf-of', rule: 'format' }]);
    }
    return header.toLowerCase();
  }

  /** The one answer for an object that is not there — or that is there but not for this caller. */
  notFound(type: ObjectType): AppError {
    return new AppError('NOT_FOUND', NOT_FOUND_MESSAGES[type]);
  }

  /**
   * An object's facts loaded by id (null when the id names nothing — load them with one narrow
   * query, e.g. OWNER_FACTS, so both cost the same), authorized for `action` with what `facts`
   * reads from them, and returned. A missing object is decided too — same look-ups, same audit —
   * and refused like one the caller may not touch: the type's 404 either way, so neither the
   * answer nor its timing tells whether the id exists.
   */
  async authorizeFound<T>(
    request: FastifyRequest,
    action: Action,
    type: ObjectType,
    id: string,
    row: T | null,
    facts: (row: T) => Omit<Resource, 'type' | 'id'>,
  ): Promise<T> {
    const resource: Resource = row === null ? { type, id, missing: true } : { ...facts(row), type, id };
    await this.authorize(request, action, resource);
    // Unreachable for a missing object (decide refuses it); kept for the type checker.
    if (row === null) throw this.notFound(type);
    return row;
  }

  /**
   * A personal object (a ticket, an appointment) loaded by id: authorized with its subject as owner
   * (acting for someone reaches only that person's own), or its 404. Whoever made it for someone
   * else reaches it only as that person's grantee (X-On-Behalf-Of, an active grant, audited and
   * told): without the header it is a stranger's. Only an object for no one (a walk-in ticket)
   * belongs to whoever took it.
   */
  authorizeOwned<T extends OwnerFacts>(
    request: FastifyRequest,
    action: Action,
    type: ObjectType,
    id: string,
    row: T | null,
  ): Promise<T> {
    return this.authorizeFound(request, action, type, id, row, (found) => ({
      officeId: found.officeId,
      ownerIds: [found.subjectId ?? found.actorId],
      personId: found.subjectId,
      ...(found.serviceId ? { serviceId: found.serviceId } : {}),
    }));
  }

  async authorize(request: FastifyRequest, action: Action, resource?: Resource): Promise<Authorization> {
    const actor = request.auth;
    const subjectId = this.subjectOf(request);
    const onBehalf = actor !== null && subjectId !== null && subjectId !== actor.userId;
    const rule = ruleOf(action);
    const needsStaff = rule.staff === true;
    const staff = actor && needsStaff ? await this.staffScope(actor.userId) : undefined;
    const grant = onBehalf && actor && subjectId ? await this.activeGrant(actor.userId, subjectId, action, resource?.serviceId) : undefined;
    const hasActiveGrant = grant === undefined ? undefined : grant !== null;

    const decision = decide({ actor, action, subjectId, resource, staff, hasActiveGrant });
    // Acting for someone and staff actions are audited — but a window panel re-reads on every queue
    // change, so of such an action only refusals are kept; and a person's own read of what is
    // theirs (auditOwnUsesNot: a reporter's own report) is not a staff use. A missing object is audited like a real
    // one, so the two take the same time.
    const ownUse = !onBehalf && decision.allow && decision.via === 'SELF';
    const audited = onBehalf || (needsStaff && !(rule.auditRefusalsOnly && decision.allow) && !(rule.auditOwnUsesNot && ownUse));
    if (audited && actor) {
      const resourceType = resource?.type ?? action.split('.')[0] ?? 'unknown';
      // A refused attempt goes in the named person's 授权记录 only when the actor holds or held a
      // grant from her: anyone may name any user id, and must not write into her log (nor learn
      // her name from their own). Otherwise it is kept for staff only (onBehalf false, meta says).
      const inTheirLog = onBehalf && (decision.allow || (await this.everGranted(actor.userId, subjectId!)));
      const meta = {
        ...(onBehalf && resource?.serviceId ? { serviceId: resource.serviceId } : {}),
        ...(onBehalf && !inTheirLog ? { attemptedOnBehalf: true } : {}),
      };
      const activityId = await this.audit.append(
        {
          actorId: actor.userId,
          subjectId: onBehalf && subjectId && UUID.test(subjectId) ? subjectId : null,
          onBehalf: inTheirLog,
          action,
          resourceType,
          resourceId: resource?.id ?? null,
          result: decision.allow ? 'ALLOW' : 'DENY',
          reason: decision.allow ? decision.via : decision.reason,
          ...(Object.keys(meta).length > 0 ? { meta } : {}),
        },
        request,
      );
      if (onBehalf && decision.allow && rule.tellsGrantor && subjectId) {
        const act: ActOnBehalf = { activityId, action, actorId: actor.userId, subjectId, resourceType, resourceId: resource?.id ?? null, createdId: null, serviceId: resource?.serviceId ?? null };
        request.actsOnBehalf = [...(request.actsOnBehalf ?? []), act];
      }
    }
    if (!decision.allow) {
      // The denial-to-404 mapping lives in one place (rules.ts refusalOf), never in a route.
      const refusal = refusalOf(decision, resource);
      throw new AppError(refusal.code, refusal.message);
    }
    return { actor, subjectId, onBehalf, ...(grant?.serviceIds ? { grantServiceIds: grant.serviceIds } : {}) };
  }

  /** Who is told of an act done for someone once its request has succeeded (the grants domain). */
  onActDone(listener: ActListener): void {
    this.actListeners.push(listener);
  }

  /**
   * The request's answer is going out (`status`): each act done for someone gets its outcome in the
   * audit log — a row of its own (the log is append-only) with the same request id, OK or FAIL and
   * the status, `meta.outcomeOf` naming the decision's entry — so the person's 授权记录 shows 已办理
   * only for what was done. A creation that answers with what an earlier request created (an
   * Idempotency-Key replay) is marked `replay`: the log shows the act once. Acts that succeeded
   * (and are not replays) are handed to the listeners, a creation's with the id of what it created
   * (`created`, from the answer). A listener's failure is the listener's (logged); the act stands.
   */
  async actsDone(request: FastifyRequest, created: string | null, status: number): Promise<void> {
    const acts = request.actsOnBehalf ?? [];
    request.actsOnBehalf = null;
    const succeeded = status >= 200 && status < 300;
    for (const act of acts) {
      const done = { ...act, createdId: act.resourceId === null && succeeded ? created : null };
      const replay = done.createdId !== null && (await this.isReplay(act, done.createdId));
      await this.audit
        .append(
          {
            actorId: act.actorId,
            subjectId: act.subjectId,
            onBehalf: false,
            action: act.action,
            resourceType: act.resourceType,
            resourceId: act.resourceId ?? done.createdId,
            result: succeeded ? 'OK' : 'FAIL',
            reason: String(status),
            meta: { outcomeOf: act.activityId, status, ...(done.createdId ? { createdId: done.createdId } : {}), ...(replay ? { replay: true } : {}) },
          },
          request,
        )
        .catch((err: unknown) => request.log.error({ err, action: act.action }, 'the outcome of an act done on someone’s behalf was not logged'));
      if (!succeeded || replay) continue;
      for (const listener of this.actListeners) {
        await listener(done, request).catch((err: unknown) => request.log.warn({ err, action: act.action }, 'an act done on someone’s behalf was not told to them'));
      }
    }
  }

  /** Whether an earlier request already created `createdId` by this act (an Idempotency-Key replay). */
  private async isReplay(act: ActOnBehalf, createdId: string): Promise<boolean> {
    const earlier = await this.prisma.auditLog.findFirst({
      where: { actorId: act.actorId, action: act.action, result: 'OK', onBehalf: false, meta: { path: ['createdId'], equals: createdId } },
      select: { id: true },
    });
    return earlier !== null;
  }

  /**
   * Whether the signed-in actor may do this, without acting, auditing or throwing: for a screen
   * that shows or hides what someone may do (a supervisor watches a window a clerk works).
   */
  async can(request: FastifyRequest, action: Action, resource?: Resource): Promise<boolean> {
    const actor = request.auth;
    const staff = actor ? await this.staffScope(actor.userId) : undefined;
    return decide({ actor, action, subjectId: actor?.userId ?? null, resource, staff }).allow;
  }

  private async staffScope(userId: string): Promise<StaffScope> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { officeId: true, regionCode: true, gridRegionCode: true } });
    return { officeId: user?.officeId ?? null, regionCode: user?.regionCode ?? null, gridRegionCode: user?.gridRegionCode ?? null };
  }

  /** Whether the subject ever gave the actor a grant that took effect (accepted: active, or ended since). */
  private async everGranted(actorId: string, subjectId: string): Promise<boolean> {
    if (!UUID.test(subjectId)) return false;
    const grant = await this.prisma.grant.findFirst({ where: { granteeId: actorId, grantorId: subjectId, acceptedAt: { not: null } }, select: { id: true } });
    return grant !== null;
  }

  /**
   * The ACTIVE grants from the subject to the actor that cover the action's scope now (and the
   * resource's service, when a grant names services): null when none does, else the services they
   * reach (`serviceIds` null: every service). Read from the database on every on-behalf request,
   * so a revocation or an expiry takes effect at once (DESIGN.md §4 Grants). A grant between
   * people either of whom an admin has blocked (`disabled`) acts for no one while the block lasts.
   */
  private async activeGrant(actorId: string, subjectId: string, action: Action, serviceId?: string): Promise<{ serviceIds: string[] | null } | null> {
    const scope = ON_BEHALF_SCOPE[action];
    if (!scope) return null;
    const now = this.clock.now();
    const grants = await this.prisma.grant.findMany({
      where: {
        granteeId: actorId,
        grantorId: subjectId,
        status: 'ACTIVE',
        scopes: { has: scope },
        validFrom: { lte: now },
        validUntil: { gt: now },
        grantor: { disabled: false },
        grantee: { disabled: false },
        ...(serviceId ? { OR: [{ serviceIds: { isEmpty: true } }, { serviceIds: { has: serviceId } }] } : {}),
      },
      select: { serviceIds: true },
    });
    if (grants.length === 0) return null;
    if (grants.some((g) => g.serviceIds.length === 0)) return { serviceIds: null };
    return { serviceIds: [...new Set(grants.flatMap((g) => g.serviceIds))] };
  }
}
