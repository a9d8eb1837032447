// SMS one-time codes. Only an HMAC of each code is stored; a code lives 5 minutes, allows 5
// guesses, and a phone gets at most one code a minute and 10 a day — counted in PostgreSQL so the
// limits hold across instances with or without Redis.
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors';

export const OTP_TTL_SECONDS = 300;
export const OTP_RESEND_SECONDS = 60;
export const OTP_MAX_PER_DAY = 10;
export const OTP_MAX_ATTEMPTS = 5;

export interface OtpSendResult {
  sent: true;
  expiresInSeconds: number;
  resendAfterSeconds: number;
  devCode?: string;
}

export class OtpService {
  constructor(private readonly app: FastifyInstance) {}

  async send(phone: string): Promise<OtpSendResult> {
    const { prisma, resources, config } = this.app;
    const { pii, clock, integrations } = resources;
    const phoneHash = pii.lookupHash('phone', phone);
    const now = clock.now();
    const recent = await prisma.otpChallenge.findMany({
      where: { phoneHash, createdAt: { gt: new Date(now.getTime() - 86_400_000) } },
      select: { createdAt: true },
      orderBy: { createdAt: 'desc' },
    });
    const last = recent[0];
    if (last && now.getTime() - last.createdAt.getTime() < OTP_RESEND_SECONDS * 1000) {
      const wait = Math.ceil((OTP_RESEND_SECONDS * 1000 - (now.getTime() - last.createdAt.getTime())) / 1000);
      throw new AppError('RATE_LIMITED', `请 ${wait} 秒后再获取验证码`, { retryAfterSeconds: wait });
    }
    if (recent.length >= OTP_MAX_PER_DAY) throw new AppError('RATE_LIMITED', '今日获取验证码次数已达上限，请明天再试');

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const challenge = await prisma.otpChallenge.create({
      data: { phoneHash, codeHash: '', createdAt: now, expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000) },
    });
    await prisma.otpChallenge.update({ where: { id: challenge.id }, data: { codeHash: pii.lookupHash('otp', `${challenge.id}:${code}`) } });

    const base = { sent: true as const, expiresInSeconds: OTP_TTL_SECONDS, resendAfterSeconds: OTP_RESEND_SECONDS };
    if (integrations.sms) {
      try {
        await integrations.sms.sendCode(phone, code);
      } catch (err) {
        // The code was never delivered: it must not count against the person's limits.
        await prisma.otpChallenge.delete({ where: { id: challenge.id } });
        throw err;
      }
      return base;
    }
    if (config.isProduction) {
      await prisma.otpChallenge.delete({ where: { id: challenge.id } });
      throw new AppError('UPSTREAM_UNAVAILABLE', '短信服务未配置');
    }
    // Development without a gateway: hand the code to the caller so the demo can sign in; it is
    // never logged (DESIGN.md §6).
    return { ...base, devCode: code };
  }

  /** Consumes the newest live code for the phone; throws OTP_INVALID on any mismatch. */
  async verify(phone: string, code: string): Promise<void> {
    const { prisma, resources } = this.app;
    const { pii, clock } = resources;
    const now = clock.now();
    const challenge = await prisma.otpChallenge.findFirst({
      where: { phoneHash: pii.lookupHash('phone', phone), consumedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
    });
    if (!challenge || challenge.attempts >= OTP_MAX_ATTEMPTS) throw new AppError('OTP_INVALID');
    if (!pii.sameHash(challenge.codeHash, pii.lookupHash('otp', `${challenge.id}:${code}`))) {
      await prisma.otpChallenge.update({ where: { id: challenge.id }, data: { attempts: { increment: 1 } } });
      throw new AppError('OTP_INVALID');
    }
    // Single use even under concurrent verification of the same code.
    const consumed = await prisma.otpChallenge.updateMany({ where: { id: challenge.id, consumedAt: null }, data: { consumedAt: now } });
    if (consumed.count !== 1) throw new AppError('OTP_INVALID');
  }
}
