import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('limits configuration', () => {
  it('has defaults that let a person work and stop a flood', () => {
    expect(loadConfig({}).limits).toMatchObject({
      events: { writes: 120, reads: 600, searches: 10, receipts: 120, signals: 30 },
      socketsPerUser: 20,
      registrationsPerAddress: 20,
      loginsPerAddress: 100,
      passwordHashQueue: 32,
    });
    expect(loadConfig({}).limits.passwordHashConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('keeps the write budget at least twice the message budget unless RATE_LIMIT_WRITES is set', () => {
    expect(loadConfig({ RATE_LIMIT_MESSAGES: '1000' }).limits.events.writes).toBe(2000);
    expect(loadConfig({ RATE_LIMIT_MESSAGES: '1000', RATE_LIMIT_WRITES: '50' }).limits.events.writes).toBe(50);
  });

  it('reads every variable', () => {
    const limits = loadConfig({
      RATE_LIMIT_WRITES: '1',
      RATE_LIMIT_READS: '2',
      RATE_LIMIT_SEARCHES: '3',
      RATE_LIMIT_RECEIPTS: '4',
      RATE_LIMIT_SIGNALS: '5',
      SOCKETS_PER_USER: '6',
      RATE_LIMIT_REGISTRATIONS: '7',
      RATE_LIMIT_LOGINS_PER_ADDRESS: '8',
      PASSWORD_HASH_CONCURRENCY: '9',
      PASSWORD_HASH_QUEUE: '0',
    }).limits;
    expect(limits).toEqual({
      events: { writes: 1, reads: 2, searches: 3, receipts: 4, signals: 5 },
      socketsPerUser: 6,
      registrationsPerAddress: 7,
      loginsPerAddress: 8,
      passwordHashConcurrency: 9,
      passwordHashQueue: 0,
    });
  });

  it.each([
    ['RATE_LIMIT_READS', '0'],
    ['RATE_LIMIT_SEARCHES', 'lots'],
    ['SOCKETS_PER_USER', '-1'],
    ['PASSWORD_HASH_CONCURRENCY', '0'],
    ['PASSWORD_HASH_QUEUE', '1.5'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid ${name}: must be a whole number`));
  });
});
