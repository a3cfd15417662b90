import type { Redis } from 'ioredis';
import { PresenceStatusSchema, type PresenceStatus, type SettableStatus } from '../../common/protocol';
import type { PresenceTracker } from './presence-tracker';

// Each user has a hash (status, epoch) and a set of connected socket ids; the shared
// {hash tag} keeps both on one Redis Cluster slot so the scripts below stay atomic.
const stateKey = (userId: string) => `droplink:presence:{${userId}}`;
const socketsKey = (userId: string) => `droplink:presence:{${userId}}:sockets`;

const CONNECT = `
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PERSIST', KEYS[1])
redis.call('HINCRBY', KEYS[1], 'epoch', 1)
if redis.call('HSETNX', KEYS[1], 'status', 'online') == 1 then return 1 end
return 0`;

const DISCONNECT = `
redis.call('SREM', KEYS[2], ARGV[1])
return {redis.call('SCARD', KEYS[2]), tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')}`;

// An offline user's leftover epoch is only needed while grace timers may still be pending.
const EXPIRE = `
if redis.call('SCARD', KEYS[2]) == 0 and redis.call('HGET', KEYS[1], 'epoch') == ARGV[1]
  and redis.call('HDEL', KEYS[1], 'status') == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;
const OFFLINE_STATE_TTL_SECONDS = 86_400;

const SET_STATUS = `
if redis.call('SCARD', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
return 1`;

/** Presence shared by every server process connected to one Redis. */
export class RedisPresence implements PresenceTracker {
  readonly cluster = 'redis' as const;

  constructor(private readonly redis: Redis) {}

  private run(script: string, userId: string, ...args: string[]): Promise<unknown> {
    return this.redis.eval(script, 2, stateKey(userId), socketsKey(userId), ...args);
  }

  async connect(userId: string, socketId: string): Promise<{ cameOnline: boolean }> {
    return { cameOnline: (await this.run(CONNECT, userId, socketId)) === 1 };
  }

  async disconnect(userId: string, socketId: string): Promise<{ lastDevice: boolean; epoch: number }> {
    const [remaining, epoch] = (await this.run(DISCONNECT, userId, socketId)) as [number, number];
    return { lastDevice: remaining === 0, epoch };
  }

  async expire(userId: string, epoch: number): Promise<boolean> {
    return (await this.run(EXPIRE, userId, String(epoch), String(OFFLINE_STATE_TTL_SECONDS))) === 1;
  }

  async setStatus(userId: string, status: SettableStatus): Promise<boolean> {
    return (await this.run(SET_STATUS, userId, status)) === 1;
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>> {
    const result = new Map<string, PresenceStatus>();
    if (userIds.length === 0) return result;
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.hget(stateKey(id), 'status');
    const replies = (await pipeline.exec()) ?? [];
    userIds.forEach((id, index) => {
      const [error, value] = replies[index] ?? [null, null];
      const parsed = PresenceStatusSchema.safeParse(value);
      result.set(id, !error && parsed.success ? parsed.data : 'offline');
    });
    return result;
  }

  /** The Redis connection belongs to the caller. */
  async close(): Promise<void> {}
}
