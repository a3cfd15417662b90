import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';
import { localServerEnv } from '../../../main/services/local-server-env';

const SECRET = 's'.repeat(43);
const HOSTILE = {
  DATABASE_URL: 'postgres://attacker@evil.example/db',
  REDIS_URL: 'redis://evil.example:6379',
  JWT_SECRET: 'attacker-known-secret-0123456789',
  NODE_OPTIONS: '--require /tmp/evil.js',
  NAPI_RS_NATIVE_LIBRARY_PATH: '/tmp/evil.node',
  HTTPS_PROXY: 'http://evil.example:8080',
  PORT: '80',
  HOST: '0.0.0.0',
  CLIENT_SECRET: 'x'.repeat(40),
  ALLOWED_HOSTS: 'evil.example',
  HOME: '/home/user',
  PATH: '/usr/bin',
};

const base = { dataDir: '/profile/local-server', clientSecret: SECRET, logLevel: 'warn' as const };

describe('localServerEnv', () => {
  it('on Linux is exactly the server settings plus TMPDIR: nothing else is inherited', () => {
    const env = localServerEnv({ ...base, platform: 'linux', parentEnv: { ...HOSTILE, TMPDIR: '/run/user/1000/tmp' } });
    expect(env).toEqual({
      TMPDIR: '/run/user/1000/tmp',
      NODE_ENV: 'production',
      DATA_DIR: '/profile/local-server',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      CLIENT_SECRET: SECRET,
      ALLOWED_HOSTS: 'self',
    });
  });

  it('leaves out an OS variable the parent does not have (or has empty)', () => {
    expect(localServerEnv({ ...base, platform: 'linux', parentEnv: {} })).not.toHaveProperty('TMPDIR');
    expect(localServerEnv({ ...base, platform: 'darwin', parentEnv: { TMPDIR: '' } })).not.toHaveProperty('TMPDIR');
  });

  it('on macOS passes the per-user TMPDIR only', () => {
    const env = localServerEnv({ ...base, platform: 'darwin', parentEnv: { ...HOSTILE, TMPDIR: '/var/folders/ab/T/' } });
    expect(Object.keys(env).sort()).toEqual(['ALLOWED_HOSTS', 'CLIENT_SECRET', 'DATA_DIR', 'HOST', 'LOG_LEVEL', 'NODE_ENV', 'PORT', 'TMPDIR']);
    expect(env.TMPDIR).toBe('/var/folders/ab/T/');
  });

  it('on Windows passes SystemRoot, windir, TEMP and TMP, whatever their case', () => {
    const env = localServerEnv({
      ...base,
      platform: 'win32',
      parentEnv: { ...HOSTILE, SYSTEMROOT: 'C:\\Windows', windir: 'C:\\Windows', temp: 'C:\\Users\\u\\AppData\\Local\\Temp', TMP: 'C:\\Tmp', APPDATA: 'C:\\x' },
    });
    expect(env).toMatchObject({ SystemRoot: 'C:\\Windows', windir: 'C:\\Windows', TEMP: 'C:\\Users\\u\\AppData\\Local\\Temp', TMP: 'C:\\Tmp' });
    expect(Object.keys(env).sort()).toEqual([
      'ALLOWED_HOSTS',
      'CLIENT_SECRET',
      'DATA_DIR',
      'HOST',
      'LOG_LEVEL',
      'NODE_ENV',
      'PORT',
      'SystemRoot',
      'TEMP',
      'TMP',
      'windir',
    ]);
  });

  it('the parent cannot override the server settings', () => {
    const env = localServerEnv({ ...base, platform: 'linux', parentEnv: HOSTILE });
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.PORT).toBe('0');
    expect(env.CLIENT_SECRET).toBe(SECRET);
    expect(env.ALLOWED_HOSTS).toBe('self');
  });

  it('is a configuration the server accepts: loopback, ephemeral port, embedded database, secret and Host check on', () => {
    const config = loadConfig(localServerEnv({ ...base, platform: 'linux', parentEnv: HOSTILE }));
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      databaseUrl: null,
      redisUrl: null,
      jwtSecret: null,
      clientSecret: SECRET,
      allowedHosts: 'self',
      logLevel: 'warn',
    });
  });
});
