// Access JWTs (15 min) and opaque refresh tokens rotated on every use (DESIGN.md §6). A refresh
// token that was already rotated or revoked is a sign of theft: its whole family is revoked, so
// both the thief and the victim must sign in again.
//
// A family is one session: access tokens carry its id (`sid`), and revoking the family ends them
// too (sessions.ts). Session changes of one person are serialised on a per-person advisory lock:
// a rotation holds it shared, a revocation exclusively, so a revocation can never miss a successor
// token that a concurrent rotation is inserting.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Tokens } from '@palm/shared/server';
import type { Prisma, PrismaClient, User } from '@palm/db/client';
import { AppError } from '../lib/errors';
import { toMe } from './users';

type Tx = Prisma.TransactionClient;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Waits until no revocation of this person's sessions is in progress (several rotations may hold it). */
const lockSharedForRotation = (tx: Tx, userId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext('palm:sessions'), hashtext(${userId}))`;
/** Waits for rotations of this person's tokens in progress, and keeps new ones out until commit. */
const lockForRevocation = (tx: Tx, userId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:sessions'), hashtext(${userId}))`;

/** The claims of a Palm access token (plugins/external/jwt.ts adds iss, aud, iat, exp). */
export interface AccessTokenClaims {
  sub: string;
  roles: User['roles'];
  /** The session: the refresh-token family the token was issued with. */
  sid: string;
}

export class TokenService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma(): PrismaClient {
    return this.app.prisma;
  }

  private now(): Date {
    return this.app.resources.clock.now();
  }

  /**
   * Starts a session (a new family) for someone who just signed in. A block may commit while the
   * sign-in is under way: the new family is written first, then `disabled` is read with FOR SHARE,
   * which waits for a block that has already changed the person's row. A block sets `disabled`
   * before it revokes (routes/api/admin/users), so either it revokes the new family or the read
   * sees it and the sign-in revokes its own. No transaction: a burst of sign-ins holds no
   * connection longer than one statement.
   */
  async issue(user: User): Promise<Tokens> {
    const blocked = () => new AppError('FORBIDDEN', '该账号已停用，请联系政务服务中心');
    if (user.disabled) throw blocked();
    const familyId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    await this.insert(this.prisma, user.id, familyId, refreshToken);
    const [current] = await this.prisma.$queryRaw<Array<{ disabled: boolean }>>`SELECT "disabled" FROM "User" WHERE "id" = ${user.id}::uuid FOR SHARE`;
    if (!current || current.disabled) {
      await this.revokeFamilies(user.id, [familyId]);
      throw blocked();
    }
    return this.pair(user, familyId, refreshToken);
  }

  /**
   * Exchanges a refresh token for a new pair. Marking the old token rotated and inserting its
   * successor are one transaction: a failure in between leaves the old token as it was, so the
   * client's retry succeeds instead of looking like reuse.
   */
  async rotate(refreshToken: string): Promise<Tokens> {
    const tokenHash = hashToken(refreshToken);
    const row = await this.prisma.refreshToken.findUnique({ where: { tokenHash } });
    if (!row) throw new AppError('REFRESH_TOKEN_INVALID');
    const next = randomBytes(32).toString('base64url');
    const now = this.now();
    const outcome = await this.prisma.$transaction(async (tx) => {
      await lockSharedForRotation(tx, row.userId);
      // Read after the lock: a block committed meanwhile is seen.
      const user = await tx.user.findUnique({ where: { id: row.userId } });
      if (!user || user.disabled) return { kind: 'refused' as const };
      // Conditional update: of two concurrent uses of one token exactly one can win.
      const won = await tx.refreshToken.updateMany({
        where: { id: row.id, rotatedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { rotatedAt: now },
      });
      if (won.count === 0) return { kind: 'lost' as const };
      await this.insert(tx, user.id, row.familyId, next);
      return { kind: 'rotated' as const, user };
    });
    if (outcome.kind === 'rotated') return this.pair(outcome.user, row.familyId, next);
    if (outcome.kind === 'lost') {
      const current = await this.prisma.refreshToken.findUnique({ where: { id: row.id } });
      if (current && (current.rotatedAt || current.revokedAt)) {
        await this.revokeFamilies(row.userId, [row.familyId]);
        await this.app.audit.record({
          actorId: row.userId,
          action: 'auth.refresh-reuse',
          resourceType: 'refresh-token-family',
          resourceId: row.familyId,
          result: 'DENY',
          reason: 'a rotated or revoked refresh token was presented; family revoked',
        });
      }
    }
    throw new AppError('REFRESH_TOKEN_INVALID');
  }

  /** Ends sessions of one person: their refresh tokens and, within a second on every instance, their access tokens. */
  async revokeFamilies(userId: string, familyIds: readonly string[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await lockForRevocation(tx, userId);
      await tx.refreshToken.updateMany({ where: { userId, familyId: { in: [...familyIds] }, revokedAt: null }, data: { revokedAt: this.now() } });
    });
    await this.app.sessions.revoke(familyIds);
  }

  /**
   * Ends every session of a person inside the caller's transaction and returns their ids, to be
   * passed to `sessions.revoke` once the transaction has committed.
   */
  async revokeAllInTx(tx: Tx, userId: string): Promise<string[]> {
    await lockForRevocation(tx, userId);
    const families = await tx.refreshToken.findMany({ where: { userId, revokedAt: null }, distinct: ['familyId'], select: { familyId: true } });
    await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: this.now() } });
    return families.map((f) => f.familyId);
  }

  /**
   * Logout with a refresh token: the session of the access token that asks, always, and the
   * token's family when it is the caller's (an unknown or foreign token changes nothing else, and
   * the answer does not say which). Without one: every session of the caller.
   */
  async logout(userId: string, sessionId: string, refreshToken?: string): Promise<void> {
    if (refreshToken) {
      const row = await this.prisma.refreshToken.findUnique({ where: { tokenHash: hashToken(refreshToken) } });
      const families = new Set([sessionId]);
      if (row && row.userId === userId) families.add(row.familyId);
      await this.revokeFamilies(userId, [...families]);
      return;
    }
    const sids = await this.prisma.$transaction((tx) => this.revokeAllInTx(tx, userId));
    await this.app.sessions.revoke(sids);
  }

  private async insert(db: Tx | PrismaClient, userId: string, familyId: string, refreshToken: string): Promise<void> {
    const now = this.now();
    await db.refreshToken.create({
      data: {
        familyId,
        userId,
        tokenHash: hashToken(refreshToken),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.app.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      },
    });
  }

  private pair(user: User, familyId: string, refreshToken: string): Tokens {
    const claims: AccessTokenClaims = { sub: user.id, roles: user.roles, sid: familyId };
    const accessToken = this.app.jwt.sign(claims);
    const { config, resources } = this.app;
    return { accessToken, refreshToken, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, user: toMe(user, resources.clock.businessDate()) };
  }
}
