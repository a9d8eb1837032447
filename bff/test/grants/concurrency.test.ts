// Grants under racing requests, on real PostgreSQL (statements.ts): each transition is one
// conditional UPDATE, and creations count their limits under both people's advisory locks. Two
// app instances share the database, as two BFF processes would.
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';
import { invite, ok, person, step, type Person } from './helpers';

const ROUNDS = 12;

describe('grants under concurrency', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' };
    a = await build({ env });
    b = await build({ env, reset: false });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await closeTestDatabase();
  });

  const outcome = (res: { statusCode: number; body: string }) => (res.statusCode === 200 || res.statusCode === 201 ? res.statusCode : `${res.statusCode} ${errorCodeOf(res as never)}`);
  const pending = async () => {
    const grantor = await person(a);
    const grantee = await person(a);
    return { grantor, grantee, grant: ok(await invite(a, grantor, grantee), 201) };
  };
  const statusOf = async (id: string) => (await a.app.prisma.grant.findUniqueOrThrow({ where: { id } })).status;

  it('says what a revocation ended from its UPDATE: an accept committing while the revoke waits makes it "in force", not "pending"', async () => {
    const { grantor, grantee, grant } = await pending();
    // The accept holds the grant's row (as a racing accept on another instance would) until the
    // revoke is waiting for it, then commits.
    let letGo!: () => void;
    const holding = new Promise<void>((resolve) => (letGo = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const accept = b.app.prisma.$transaction(
      async (tx) => {
        await tx.grant.update({ where: { id: grant.id }, data: { status: 'ACTIVE', acceptedAt: new Date() } });
        locked();
        await holding;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    const revoke = step(a, grantor, grant.id, 'revoke');
    // Wait until the revoke's UPDATE queues behind the accept's row lock.
    for (let i = 0; i < 200; i += 1) {
      const [{ waiting }] = await a.app.prisma.$queryRaw<[{ waiting: number }]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE%"Grant"%'`;
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    letGo();
    await accept;
    expect(ok(await revoke).status).toBe('REVOKED');
    const told = await a.app.prisma.notification.findMany({ where: { userId: grantee.id, kind: 'GRANT_REVOKED', channel: 'IN_APP' } });
    expect(told.map((m) => (m.payload as { wasPending?: boolean }).wasPending)).toEqual([false]);
  });

  it('accepts an invitation once, however many accepts race', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { grantee, grant } = await pending();
      const results = await Promise.all([0, 1, 2, 3].map((i) => step(i % 2 ? b : a, grantee, grant.id, 'accept')));
      expect(results.map(outcome).sort()).toEqual([200, '409 GRANT_STATE', '409 GRANT_STATE', '409 GRANT_STATE']);
      expect(await a.app.prisma.notification.count({ where: { kind: 'GRANT_ACCEPTED', payload: { path: ['grantId'], equals: grant.id } } })).toBe(1);
    }
  });

  it('ends an accept racing a reject in exactly one of the two', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { grantee, grant } = await pending();
      const [accept, reject] = await Promise.all([step(a, grantee, grant.id, 'accept'), step(b, grantee, grant.id, 'reject')]);
      expect([outcome(accept), outcome(reject)].sort()).toEqual([200, '409 GRANT_STATE']);
      expect(await statusOf(grant.id)).toBe(accept.statusCode === 200 ? 'ACTIVE' : 'REJECTED');
    }
  });

  it('never lets an accept undo a revoke: accept and revoke racing end REVOKED', async () => {
    const order = { revokeFirst: 0, acceptFirst: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const { grantor, grantee, grant } = await pending();
      const [accept, revoke] = await Promise.all([step(round % 2 ? a : b, grantee, grant.id, 'accept'), step(round % 2 ? b : a, grantor, grant.id, 'revoke')]);
      // The revoke always stands. Either it came first (the accept finds no PENDING grant), or the
      // accept did and the revoke ended the grant it made ACTIVE.
      expect(revoke.statusCode).toBe(200);
      expect(await statusOf(grant.id)).toBe('REVOKED');
      if (accept.statusCode === 200) {
        order.acceptFirst += 1;
        const row = await a.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
        expect([row.acceptedAt, row.revokedAt]).toEqual([expect.any(Date), expect.any(Date)]);
        expect(await a.app.prisma.notification.count({ where: { kind: 'GRANT_ACCEPTED', payload: { path: ['grantId'], equals: grant.id } } })).toBe(1);
      } else {
        order.revokeFirst += 1;
        expect(outcome(accept)).toBe('409 GRANT_STATE');
        expect((await a.app.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).acceptedAt).toBeNull();
      }
    }
    expect(order.acceptFirst + order.revokeFirst).toBe(ROUNDS);
  });

  it('revokes once when both sides end an active grant at the same moment', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { grantor, grantee, grant } = await pending();
      ok(await step(a, grantee, grant.id, 'accept'));
      const results = await Promise.all([step(a, grantor, grant.id, 'revoke'), step(b, grantee, grant.id, 'revoke')]);
      expect(results.map(outcome).sort()).toEqual([200, '409 GRANT_STATE']);
      expect(await a.app.prisma.notification.count({ where: { kind: 'GRANT_REVOKED', payload: { path: ['grantId'], equals: grant.id } } })).toBe(1);
    }
  });

  it('holds the family limit against 8 invitations sent at once: exactly 5 stand', async () => {
    const grantor = await person(a);
    const family: Person[] = [];
    for (let i = 0; i < 8; i += 1) family.push(await person(a));
    const results = await Promise.all(family.map((member, i) => invite(i % 2 ? b : a, grantor, member)));
    expect(results.map(outcome).sort()).toEqual([201, 201, 201, 201, 201, '409 GRANT_FAMILY_LIMIT', '409 GRANT_FAMILY_LIMIT', '409 GRANT_FAMILY_LIMIT']);
    expect(await a.app.prisma.grant.count({ where: { grantorId: grantor.id } })).toBe(5);
  });

  it('holds the grantee limit at the answers: 8 invitations to one citizen all wait, 8 accepts at once, exactly 5 stand', async () => {
    const helper = await person(a);
    const grantors: Person[] = [];
    for (let i = 0; i < 8; i += 1) grantors.push(await person(a));
    // Others' invitations do not count against him when they are sent.
    const sent = await Promise.all(grantors.map((grantor, i) => invite(i % 2 ? b : a, grantor, helper)));
    expect(sent.map(outcome)).toEqual([201, 201, 201, 201, 201, 201, 201, 201]);
    const ids = sent.map((res) => (res.json() as { id: string }).id);
    const answers = await Promise.all(ids.map((id, i) => (i % 2 ? b : a).as(helper.token, { method: 'POST', url: `/api/grants/${id}/accept` })));
    expect(answers.map(outcome).sort()).toEqual([200, 200, 200, 200, 200, '409 GRANT_GRANTEE_LIMIT', '409 GRANT_GRANTEE_LIMIT', '409 GRANT_GRANTEE_LIMIT']);
    expect(await a.app.prisma.grant.count({ where: { granteeId: helper.id, status: 'ACTIVE' } })).toBe(5);
  });

  it('makes one grant of the same invitation sent 5 times at once', async () => {
    const grantor = await person(a);
    const grantee = await person(a);
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => invite(i % 2 ? b : a, grantor, grantee)));
    expect(results.map(outcome).sort()).toEqual([201, '409 GRANT_DUPLICATE', '409 GRANT_DUPLICATE', '409 GRANT_DUPLICATE', '409 GRANT_DUPLICATE']);
    expect(await a.app.prisma.grant.count({ where: { grantorId: grantor.id, granteeId: grantee.id } })).toBe(1);
  });
});
