// The keys that sign 亮证 tokens (DESIGN.md §4): ES256 (or EdDSA), each with a `kid`, published at
// /.well-known/jwks.json as the current key and — during a rotation — the previous one, so a
// verifier with a JWKS fetched a little earlier still checks a new token, and one fetched just
// now still checks a token signed a minute before the rotation.
//
// Production: from configuration only (LICENCE_SIGNING_KEY, a private JWK with its kid;
// LICENCE_SIGNING_KEY_PREVIOUS, the previous public JWK). Without it there is no 亮证 (503) —
// never a key generated on a production instance, which other instances would not share.
// Elsewhere: generated once and kept in the database (LicenceSigningKey, the private JWK sealed
// with the PII key), so every instance on one database signs and verifies with the same key.
import type { FastifyInstance } from 'fastify';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { AppError } from '../lib/errors';

export const SIGNING_ALGORITHMS = ['ES256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
const DEV_ALGORITHM: SigningAlgorithm = 'ES256';
/** Transaction-scoped advisory lock: two instances starting at once generate one key between them. */
const KEYGEN_LOCK = 72_707_415;

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
}
interface PublicKey {
  kid: string;
  alg: SigningAlgorithm;
  jwk: JWK;
  key: CryptoKey;
}
interface Ring {
  current: SigningKey | null;
  published: PublicKey[];
}

const isAlgorithm = (alg: unknown): alg is SigningAlgorithm => (SIGNING_ALGORITHMS as readonly unknown[]).includes(alg);
/** The public half of a JWK as published: no private members, with use and alg. */
function publicOf(jwk: JWK, kid: string, alg: SigningAlgorithm): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, ...(y === undefined ? {} : { y }), kid, alg, use: 'sig' } as JWK;
}

/** Parses a configured JWK (JSON text): its kid and algorithm, or an Error naming the variable. */
export function parseConfiguredJwk(name: string, text: string): { jwk: JWK; kid: string; alg: SigningAlgorithm } {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new Error(`${name} is not JSON (a JWK)`);
  }
  const alg = jwk.alg ?? (jwk.kty === 'OKP' ? 'EdDSA' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined);
  if (!isAlgorithm(alg)) throw new Error(`${name}: only ES256 (EC P-256) and EdDSA (OKP Ed25519) keys sign 亮证 tokens`);
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new Error(`${name}: the JWK needs a kid`);
  return { jwk, kid: jwk.kid, alg };
}

export class LicenceKeys {
  private ring: Promise<Ring> | null = null;

  constructor(private readonly app: FastifyInstance) {}

  private get fromConfig(): boolean {
    return this.app.config.isProduction || this.app.config.LICENCE_SIGNING_KEY !== undefined;
  }

  /** The key new tokens are signed with; 503 LICENCE_SIGNING_UNAVAILABLE when there is none. */
  async current(): Promise<SigningKey> {
    let ring = await this.load();
    // Database keys: another instance may have rotated since this one loaded its ring. Signing with
    // a retired key would make tokens that, after one more rotation, no JWKS publishes — so each
    // 亮证 asks (one indexed row) which key is live, and reloads when it is not the one held.
    if (!this.fromConfig && ring.current) {
      const live = await this.app.prisma.licenceSigningKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' }, select: { kid: true } });
      if (live?.kid !== ring.current.kid) {
        this.ring = null;
        ring = await this.load();
      }
    }
    if (!ring.current) throw new AppError('LICENCE_SIGNING_UNAVAILABLE');
    return ring.current;
  }

  /** The public JWK Set: current first, then previous. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.load()).published.map((k) => k.jwk) };
  }

  /**
   * A published key by kid, for verifying. A kid this instance does not know may be one another
   * instance made or rotated to since: the ring is read again once before the answer is no.
   */
  async verifying(kid: string): Promise<PublicKey | null> {
    const found = (await this.load()).published.find((k) => k.kid === kid);
    if (found || this.fromConfig) return found ?? null;
    this.ring = null;
    return (await this.load()).published.find((k) => k.kid === kid) ?? null;
  }

  /** Development and tests: retire the current database key (it stays published as previous) and make a new one. */
  async rotate(): Promise<void> {
    if (this.fromConfig) throw new Error('configured keys are rotated in configuration');
    const now = this.app.resources.clock.now();
    await this.app.prisma.licenceSigningKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    this.ring = null;
    await this.load();
  }

  private load(): Promise<Ring> {
    if (!this.ring) {
      const loading = this.fromConfig ? this.loadConfigured() : this.loadStored();
      // A failed load (the database away) is tried again on the next request.
      loading.catch(() => {
        if (this.ring === loading) this.ring = null;
      });
      this.ring = loading;
    }
    return this.ring;
  }

  private async loadConfigured(): Promise<Ring> {
    const { LICENCE_SIGNING_KEY: current, LICENCE_SIGNING_KEY_PREVIOUS: previous } = this.app.config;
    const ring: Ring = { current: null, published: [] };
    if (current) {
      const { jwk, kid, alg } = parseConfiguredJwk('LICENCE_SIGNING_KEY', current);
      if (typeof jwk.d !== 'string') throw new Error('LICENCE_SIGNING_KEY must be a private JWK');
      ring.current = { kid, alg, privateKey: (await importJWK(jwk, alg)) as CryptoKey };
      ring.published.push(await this.publicKey(jwk, kid, alg));
    }
    if (previous) {
      const { jwk, kid, alg } = parseConfiguredJwk('LICENCE_SIGNING_KEY_PREVIOUS', previous);
      ring.published.push(await this.publicKey(jwk, kid, alg));
    }
    return ring;
  }

  private async publicKey(jwk: JWK, kid: string, alg: SigningAlgorithm): Promise<PublicKey> {
    const published = publicOf(jwk, kid, alg);
    return { kid, alg, jwk: published, key: (await importJWK(published, alg)) as CryptoKey };
  }

  /** The newest live key and the most recently retired one; a key is generated when none is live. */
  private async loadStored(): Promise<Ring> {
    const { prisma, resources } = this.app;
    let rows = await prisma.licenceSigningKey.findMany({ orderBy: { createdAt: 'desc' }, take: 10 });
    if (!rows.some((r) => r.retiredAt === null)) {
      await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEYGEN_LOCK}::bigint)`;
        if ((await tx.licenceSigningKey.count({ where: { retiredAt: null } })) > 0) return;
        const { privateKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
        const privateJwk = await exportJWK(privateKey);
        const kid = await calculateJwkThumbprint(privateJwk);
        await tx.licenceSigningKey.create({
          data: { kid, alg: DEV_ALGORITHM, publicJwk: publicOf(privateJwk, kid, DEV_ALGORITHM) as object, privateJwkEnc: resources.pii.encrypt(JSON.stringify(privateJwk)), createdAt: resources.clock.now() },
        });
      });
      rows = await prisma.licenceSigningKey.findMany({ orderBy: { createdAt: 'desc' }, take: 10 });
    }
    const live = rows.find((r) => r.retiredAt === null)!;
    const previous = rows.filter((r) => r.retiredAt !== null).sort((a, b) => b.retiredAt!.getTime() - a.retiredAt!.getTime())[0];
    const alg = live.alg as SigningAlgorithm;
    const privateJwk = JSON.parse(resources.pii.decrypt(live.privateJwkEnc)) as JWK;
    const ring: Ring = { current: { kid: live.kid, alg, privateKey: (await importJWK(privateJwk, alg)) as CryptoKey }, published: [] };
    for (const row of previous ? [live, previous] : [live]) ring.published.push(await this.publicKey(row.publicJwk as JWK, row.kid, row.alg as SigningAlgorithm));
    return ring;
  }
}
