import { Writable } from 'node:stream';
import pino, { type LoggerOptions } from 'pino';
import { loggerOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { scrubText } from '../../src/lib/log-scrub';
import { build, closeTestDatabase, type TestApp } from '../helper';

describe('log scrubbing', () => {
  it('masks ID numbers and phones in free text and removes query-string secrets', () => {
    expect(scrubText('id 36012319850615123X phone 13912345678')).toBe('id 3601**********123X phone 139****5678');
    expect(scrubText('/api/live?officeId=1&access_token=eyJabc.def&x=2')).toBe('/api/live?officeId=1&access_token=[REDACTED]&x=2');
    expect(scrubText('order 123456789012345678901')).toBe('order 123456789012345678901');
    expect(scrubText('bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXg ok')).toBe('bearer [REDACTED-JWT] ok');
  });

  it('removes secret fields at the top level and nested, whatever a developer passes to the logger', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = pino(loggerOptions(loadConfig({ ...process.env, LOG_LEVEL: 'info' }), stream) as LoggerOptions, stream);
    logger.info({ otp: '482913', token: 'tok-secret-1', refreshToken: 'refresh-secret-1', code: 'wx-code-1' }, 'top level');
    logger.info({ body: { otp: '482914', phone: '13912345678' }, deeper: { body: { idNumber: '36012319850615123X', password: 'pw-secret' } } }, 'nested');
    const text = lines.join('');
    for (const secret of ['482913', 'tok-secret-1', 'refresh-secret-1', 'wx-code-1', '482914', '13912345678', '36012319850615123X', 'pw-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });
});

describe('what reaches the logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await t.close();
    await closeTestDatabase();
  });

  it('never contains a clear ID number, phone, token or OTP after a full sign-in and real-name journey', async () => {
    const sms = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone: '13912340000' } });
    const { devCode } = sms.json();
    const verify = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone: '13912340000', code: devCode } });
    const { accessToken, refreshToken } = verify.json();
    await t.as(accessToken, { method: 'POST', url: '/api/me/real-name', payload: { name: '赵敏', idNumber: '11010519491231002X' } });
    await t.app.inject({ url: `/api/me?phone=13912340000&id=11010519491231002X&access_token=${accessToken}` });
    t.app.log.info({ phone: '13912340000', note: 'caller 13912340000 with 11010519491231002X' }, 'developer mistake 13912340000');
    await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });

    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(5);
    for (const secret of ['13912340000', '11010519491231002X', devCode, accessToken, refreshToken]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('139****0000');
  });
});
