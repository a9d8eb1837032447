// Access JWTs (15 min) and opaque refresh tokens rotated on every use (DESIGN.md §6). A refresh
// token that was already rotated or revoked is a sign of theft: its whole family is revoked, so
// both the thief and the victim must sign in again.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Tokens } from '@palm/shared/server';
import type { User } from '../generated/prisma/client';
import { AppError } from '../lib/errors';
import { toMe } from './users';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class TokenService {
  constructor(private readonly app: FastifyInstance) {}

  private get prisma() {
    return this.app.prisma;
  }

  async issue(user: User, familyId: string = randomUUID()): Promise<Tokens> {
    const { config, resources } = this.app;
    const refreshToken = randomBytes(32).toString('base64url');
    const now = resources.clock.now();
    await this.prisma.refreshToken.create({
      data: {
        familyId,
        userId: user.id,
        tokenHash: hashToken(refreshToken),
        createdAt: now,
        expiresAt: new Date(now.getTime() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      },
    });
    const accessToken = this.app.jwt.sign({ sub: user.id, roles: user.roles });
    return { accessToken, refreshToken, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, user: toMe(user, resources.clock.businessDate()) };
  }

  async rotate(refreshToken: string): Promise<Tokens> {
    const tokenHash = hashToken(refreshToken);
    const now = this.app.resources.clock.now();
    // Conditional update: of two concurrent uses of one token exactly one can win.
    const won = await this.prisma.refreshToken.updateMany({
      where: { tokenHash, rotatedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { rotatedAt: now },
    });
    const row = await this.prisma.refreshToken.findUnique({ where: { tokenHash }, include: { user: true } });
    if (!row) throw new AppError('REFRESH_TOKEN_INVALID');
    if (won.count === 0) {
      if (row.rotatedAt || row.revokedAt) {
        await this.revokeFamily(row.familyId);
        await this.app.audit.record({
          actorId: row.userId,
          action: 'auth.refresh-reuse',
          resourceType: 'refresh-token-family',
          resourceId: row.familyId,
          result: 'DENY',
          reason: 'a rotated or revoked refresh token was presented; family revoked',
        });
      }
      throw new AppError('REFRESH_TOKEN_INVALID');
    }
    if (row.user.disabled) throw new AppError('REFRESH_TOKEN_INVALID');
    return this.issue(row.user, row.familyId);
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: this.app.resources.clock.now() } });
  }

  /** Logout: the family of the given token (it must be the caller's), or every session of the caller. */
  async logout(userId: string, refreshToken?: string): Promise<void> {
    if (refreshToken) {
      const row = await this.prisma.refreshToken.findUnique({ where: { tokenHash: hashToken(refreshToken) } });
      if (row && row.userId === userId) await this.revokeFamily(row.familyId);
      return;
    }
    await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: this.app.resources.clock.now() } });
  }
}
