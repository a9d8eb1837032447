// Rate limits on the production path (DESIGN.md §6): counters in the shared Redis, so every BFF
// instance counts the same requests; login is limited more tightly than the API.
import Redis from 'ioredis';
import { testRedisUrl } from '../db';
import { build, closeTestDatabase, errorCodeOf, type TestApp } from '../helper';

describe('rate limits in Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    a = await build({ redis: true, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
    // A second instance on the same database and Redis, as behind a load balancer.
    b = await build({ redis: true, reset: false, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await a.close();
    await b.close();
    await closeTestDatabase();
  });

  it('counts sign-in attempts across instances: the 6th within a minute is refused with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const app = i % 2 === 0 ? a.app : b.app;
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '12345' }, remoteAddress: '10.7.7.7' })).statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 422)).toBe(true);
    expect(statuses[5]).toBe(429);
    const refused = await b.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '12345' }, remoteAddress: '10.7.7.7' });
    expect(errorCodeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    // Another address is not affected.
    const other = await a.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '12345' }, remoteAddress: '10.7.7.8' });
    expect(other.statusCode).toBe(422);
  });

  it('keeps the counters in Redis, not in the process', async () => {
    const keys = await redis.keys('*');
    expect(keys.some((key) => key.includes('10.7.7.7'))).toBe(true);
  });
});
