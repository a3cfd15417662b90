import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFLINE_GRACE_MS } from '../../common/protocol';
import { ConfigError, loadConfig } from '../../server/config';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.host).toBe('127.0.0.1');
    expect(path.isAbsolute(c.dataDir)).toBe(true);
    expect(c.databaseUrl).toBeNull(); // embedded PGlite
    expect(c.jwtSecret).toBeNull(); // generated and kept in DATA_DIR
    expect(c.redisUrl).toBeNull(); // single node
    expect(c.tokenTtlSeconds).toBeGreaterThan(3600);
    expect(c.uploadMaxBytes).toBeGreaterThan(1024 * 1024);
    expect(c.rateLimitMessages).toBeGreaterThan(0);
    expect(c.rateLimitLogins).toBeGreaterThan(0);
    expect(c.offlineGraceMs).toBeGreaterThanOrEqual(0);
    expect(c.offlineGraceMs).toBeLessThan(OFFLINE_GRACE_MS);
    expect(c.logLevel).toBe('info');
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/droplink-x',
      DATABASE_URL: 'postgres://u:p@db:5432/chat',
      JWT_SECRET: 's'.repeat(32),
      REDIS_URL: 'redis://cache:6379',
      TOKEN_TTL: '2s',
      UPLOAD_MAX_BYTES: '1024',
      RATE_LIMIT_MESSAGES: '7',
      RATE_LIMIT_LOGINS: '3',
      OFFLINE_GRACE_MS: '300',
      LOG_LEVEL: 'silent',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/droplink-x',
      databaseUrl: 'postgres://u:p@db:5432/chat',
      jwtSecret: 's'.repeat(32),
      redisUrl: 'redis://cache:6379',
      tokenTtlSeconds: 2,
      uploadMaxBytes: 1024,
      rateLimitMessages: 7,
      rateLimitLogins: 3,
      offlineGraceMs: 300,
      logLevel: 'silent',
    });
  });

  it.each([
    ['30d', 30 * 86_400],
    ['12h', 12 * 3600],
    ['15m', 900],
    ['2s', 2],
  ])('TOKEN_TTL %s is %i seconds', (ttl, seconds) => {
    expect(loadConfig({ TOKEN_TTL: ttl }).tokenTtlSeconds).toBe(seconds);
  });

  it('SEND_QUEUE_MAX, SEND_LANES and DATABASE_POOL_MAX size the send queue, its lanes and the PostgreSQL pool', () => {
    expect(loadConfig({})).toMatchObject({ sendQueueMax: 10_000, databasePoolMax: 10, sendLanes: null });
    expect(loadConfig({ SEND_QUEUE_MAX: '64', DATABASE_POOL_MAX: '40', SEND_LANES: '8' })).toMatchObject({
      sendQueueMax: 64,
      databasePoolMax: 40,
      sendLanes: 8,
    });
    for (const env of [
      { SEND_QUEUE_MAX: '0' },
      { DATABASE_POOL_MAX: '0' },
      { DATABASE_POOL_MAX: '1001' },
      { SEND_QUEUE_MAX: 'many' },
      { SEND_LANES: '0' },
      { SEND_LANES: '65' },
    ]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(new RegExp(Object.keys(env)[0]!));
    }
  });

  it('accepts postgresql:// and rediss://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }).databaseUrl).toBe('postgresql://h/db');
    expect(loadConfig({ REDIS_URL: 'rediss://h:6380' }).redisUrl).toBe('rediss://h:6380');
  });

  it.each(['abc', '-1', '65536', '80.5', '4000x'])('a bad PORT (%s) is a clear ConfigError', (port) => {
    const err = configError({ PORT: port });
    expect(err.message).toContain('PORT');
    expect(err.message).toMatch(/0|65535|number/);
  });

  it.each(['10000', '60000', '-5', 'soon'])('a bad OFFLINE_GRACE_MS (%s) is a clear ConfigError', (value) => {
    const err = configError({ OFFLINE_GRACE_MS: value });
    expect(err.message).toContain('OFFLINE_GRACE_MS');
  });

  it('a bad LOG_LEVEL is a ConfigError that lists the allowed levels', () => {
    const err = configError({ LOG_LEVEL: 'loud' });
    expect(err.message).toContain('LOG_LEVEL');
    expect(err.message).toContain('silent');
    expect(err.message).toContain('debug');
  });

  it.each(['mysql://root:hunter2@db/chat', 'not a url', 'http://db:5432/chat'])(
    'a DATABASE_URL with a bad scheme (%s) is a ConfigError that does not echo the secret',
    (url) => {
      const err = configError({ DATABASE_URL: url });
      expect(err.message).toContain('DATABASE_URL');
      expect(err.message).toMatch(/postgres/);
      expect(err.message).not.toContain('hunter2');
    },
  );

  it.each([
    ['TOKEN_TTL', 'forever'],
    ['TOKEN_TTL', '0s'],
    ['UPLOAD_MAX_BYTES', '0'],
    ['UPLOAD_MAX_BYTES', '1MB'],
    ['RATE_LIMIT_MESSAGES', '0'],
    ['RATE_LIMIT_LOGINS', 'many'],
    ['REDIS_URL', 'http://cache:6379'],
    ['JWT_SECRET', 'short'],
  ])('a bad %s (%s) is a ConfigError naming it', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.message).toContain(name);
  });
});

describe('loadConfig: CLIENT_SECRET and ALLOWED_HOSTS', () => {
  it('both are off by default', () => {
    const c = loadConfig({});
    expect(c.clientSecret).toBeNull();
    expect(c.allowedHosts).toBeNull();
  });

  it('reads a CLIENT_SECRET of 32 characters or more', () => {
    expect(loadConfig({ CLIENT_SECRET: 'k'.repeat(32) }).clientSecret).toBe('k'.repeat(32));
  });

  it('a short CLIENT_SECRET is a ConfigError that names it but does not echo it', () => {
    const err = configError({ CLIENT_SECRET: 'hunter2-hunter2' });
    expect(err.message).toContain('CLIENT_SECRET');
    expect(err.message).toContain('32');
    expect(err.message).not.toContain('hunter2');
  });

  it.each(['self', 'SELF', ' self '])('ALLOWED_HOSTS=%s means the own loopback address', (value) => {
    expect(loadConfig({ ALLOWED_HOSTS: value }).allowedHosts).toBe('self');
  });

  it('ALLOWED_HOSTS is a lower-cased list of host and host:port', () => {
    expect(loadConfig({ ALLOWED_HOSTS: 'Chat.Example.com, 10.0.0.5:4000,[::1]:80,' }).allowedHosts).toEqual(['chat.example.com', '10.0.0.5:4000', '[::1]:80']);
  });

  it.each(['http://chat.example.com', 'chat.example.com/path', 'a b', ',', 'host:port', '*.example.com', '::1'])(
    'a bad ALLOWED_HOSTS (%s) is a ConfigError naming it',
    (value) => {
      const err = configError({ ALLOWED_HOSTS: value });
      expect(err.message).toContain('ALLOWED_HOSTS');
      expect(err.message).toContain('self');
    },
  );
});
