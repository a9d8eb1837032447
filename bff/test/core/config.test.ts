import { loadConfig, ConfigError } from '../../src/config';

describe('loadConfig', () => {
  it('runs on the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.seedOnStart).toBe(true);
    expect(config.migrateOnStart).toBe(true);
  });

  it('names the bad variable and never echoes its value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    try {
      loadConfig({ REDIS_URL: 'http://secret-host:1' });
    } catch (err) {
      expect((err as Error).message).toMatch(/REDIS_URL/);
      expect((err as Error).message).not.toMatch(/secret-host/);
    }
  });

  it('refuses dev secrets, a missing database and PALM_CLOCK in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PALM_JWT_SECRET.*PALM_PII_KEY.*DATABASE_URL/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        PALM_JWT_SECRET: 'x'.repeat(40),
        PALM_PII_KEY: 'y'.repeat(20),
        DATABASE_URL: 'postgresql://db/palm',
        PALM_CLOCK: '2026-11-23T09:30:00+08:00',
      }),
    ).toThrow(/PALM_CLOCK/);
  });

  it('refuses half a real-name verifier, naming what is missing and never the secret', () => {
    const attempt = () => loadConfig({ REAL_NAME_API_BASE: 'https://idv.example.gov.cn', REAL_NAME_APP_SECRET: 'secret-value-0123456789' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/REAL_NAME_APP_KEY/);
    expect(attempt).not.toThrow(/secret-value/);
    expect(loadConfig({ REAL_NAME_API_BASE: 'https://idv.example.gov.cn', REAL_NAME_APP_KEY: 'k', REAL_NAME_APP_SECRET: 'secret-value-0123456789' }).REAL_NAME_APP_KEY).toBe('k');
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
