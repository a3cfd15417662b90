import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { PresenceStatusSchema, type PresenceStatus, type SettableStatus } from '../../common/protocol';
import type { Logger } from '../logger';
import type { PresenceChange, PresenceTracker } from './presence-tracker';

/**
 * How often a node proves it is alive and how soon its users are taken offline when it
 * stops. A crashed node's users go offline at most `heartbeatTtlMs + sweepIntervalMs`
 * (plus one sweep's work) after its last heartbeat; the defaults keep that well under
 * the protocol's 10 seconds.
 */
export interface PresenceTimings {
  /** How often this node refreshes its heartbeat key. */
  heartbeatIntervalMs: number;
  /** How long a heartbeat lasts: a node silent for this long is taken for dead. */
  heartbeatTtlMs: number;
  /** How often this node looks for dead nodes (only one node sweeps at a time). */
  sweepIntervalMs: number;
}

export const DEFAULT_PRESENCE_TIMINGS: PresenceTimings = {
  heartbeatIntervalMs: 1_000,
  heartbeatTtlMs: 5_000,
  sweepIntervalMs: 1_000,
};

export interface RedisPresenceOptions {
  /** Namespace of the keys; every node of one cluster uses the same. Default `droplink`. */
  keyPrefix?: string;
  timings?: Partial<PresenceTimings>;
  logger?: Logger;
}

/*
 * Keys (P = prefix). Per user, under one {hash tag} so each script touches a single
 * Redis Cluster slot:
 *   P:presence:{user}          hash: status (absent = offline), epoch, and while the user
 *                              has no device but is not yet offline: pending (the node
 *                              running the grace timer) and left (ms of the disconnect)
 *   P:presence:{user}:devices  hash: socket id -> id of the node holding that socket
 * Per cluster, under {nodes}:
 *   P:presence:{nodes}:registry      hash: node id -> ms of its last heartbeat
 *   P:presence:{nodes}:alive:<node>  the node's heartbeat, expires after heartbeatTtlMs
 *   P:presence:{nodes}:sweeper       lock held by the node that is sweeping
 * Per node:
 *   P:presence:{node:<id>}:users     set: users this node has devices (or a grace timer) for;
 *                                    a superset, so a sweep knows whom to look at
 */

const CONNECT = `
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PERSIST', KEYS[1])
redis.call('HINCRBY', KEYS[1], 'epoch', 1)
redis.call('HDEL', KEYS[1], 'pending', 'left')
if redis.call('HSETNX', KEYS[1], 'status', 'online') == 1 then return 1 end
return 0`;

// The node that sees the last device go runs the grace timer; it is recorded so that
// the user still goes offline if that node dies before the timer fires.
const DISCONNECT = `
redis.call('HDEL', KEYS[2], ARGV[1])
local remaining = redis.call('HLEN', KEYS[2])
if remaining == 0 and redis.call('HEXISTS', KEYS[1], 'status') == 1 then
  redis.call('HSET', KEYS[1], 'pending', ARGV[2], 'left', ARGV[3])
end
return {remaining, tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')}`;

// An offline user's leftover epoch is only needed while grace timers may still be pending.
const EXPIRE = `
if redis.call('HLEN', KEYS[2]) == 0 and redis.call('HGET', KEYS[1], 'epoch') == ARGV[1]
  and redis.call('HDEL', KEYS[1], 'status') == 1 then
  redis.call('HDEL', KEYS[1], 'pending', 'left')
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;
const OFFLINE_STATE_TTL_SECONDS = 86_400;

const SET_STATUS = `
if redis.call('HLEN', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
return 1`;

// Forgets the devices a dead node held for one user. Returns the ms the user was last
// seen when this took them offline (their last device was there, or that node was
// running their grace timer), else 0.
const SWEEP_USER = `
local removed = 0
local devices = redis.call('HGETALL', KEYS[2])
for i = 1, #devices, 2 do
  if devices[i + 1] == ARGV[1] then
    redis.call('HDEL', KEYS[2], devices[i])
    removed = removed + 1
  end
end
if redis.call('HLEN', KEYS[2]) > 0 then return 0 end
local left = redis.call('HGET', KEYS[1], 'left')
if removed == 0 and redis.call('HGET', KEYS[1], 'pending') ~= ARGV[1] then return 0 end
if redis.call('HDEL', KEYS[1], 'status') == 0 then return 0 end
redis.call('HDEL', KEYS[1], 'pending', 'left')
redis.call('EXPIRE', KEYS[1], ARGV[3])
if removed == 0 and left then return tonumber(left) end
return tonumber(ARGV[2])`;

// Hands a grace timer recorded under this node's previous id to its new one.
const CLAIM_PENDING = `
if redis.call('HGET', KEYS[1], 'pending') == ARGV[1] then redis.call('HSET', KEYS[1], 'pending', ARGV[2]) end
return 0`;

// Returns 0 when the registry had forgotten this node: another node swept it.
const HEARTBEAT = `
local known = redis.call('HEXISTS', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return known`;

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const SWEEP_SCAN_COUNT = 200;

interface LocalUser {
  /** This node's devices of the user. */
  sockets: Set<string>;
  /** This node runs the user's grace timer. */
  pending: boolean;
}

/**
 * Presence shared by every server process connected to one Redis. Each device is
 * recorded with the node that holds it; every node keeps a heartbeat, and when one stops
 * (crash, power loss, lost network) another node sweeps its devices away and reports the
 * users left with none as offline through `onChange`.
 */
export class RedisPresence implements PresenceTracker {
  readonly cluster = 'redis' as const;
  private readonly prefix: string;
  private readonly timings: PresenceTimings;
  private readonly logger: Logger | undefined;
  private nodeId = randomUUID();
  private readonly local = new Map<string, LocalUser>();
  private listener: ((change: PresenceChange) => Promise<void>) | null = null;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private heartbeating: Promise<void> | undefined;
  private sweeping: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    options: RedisPresenceOptions = {},
  ) {
    this.prefix = `${options.keyPrefix ?? 'droplink'}:presence`;
    this.timings = { ...DEFAULT_PRESENCE_TIMINGS, ...options.timings };
    this.logger = options.logger;
    const { heartbeatIntervalMs, heartbeatTtlMs, sweepIntervalMs } = this.timings;
    if (!(heartbeatIntervalMs > 0 && sweepIntervalMs > 0 && heartbeatTtlMs > heartbeatIntervalMs)) {
      throw new Error('presence timings: intervals must be positive and the heartbeat must outlive its interval');
    }
  }

  /** Registers this node and starts its heartbeat and sweeper; call before recording devices. */
  async start(): Promise<void> {
    await this.beat(true);
    this.heartbeatTimer = setInterval(() => this.tick('heartbeating', () => this.heartbeat()), this.timings.heartbeatIntervalMs);
    this.sweepTimer = setInterval(() => this.tick('sweeping', () => this.sweep()), this.timings.sweepIntervalMs);
    this.heartbeatTimer.unref();
    this.sweepTimer.unref();
  }

  /** Runs `work` unless its previous run is still going. */
  private tick(slot: 'heartbeating' | 'sweeping', work: () => Promise<void>): void {
    if (this.closed || this[slot]) return;
    const run = work()
      .catch((error: unknown) => this.logger?.error({ err: error }, `presence ${slot} failed`))
      .finally(() => {
        this[slot] = undefined;
      });
    this[slot] = run;
  }

  // ------------------------------------------------------------------ keys

  private stateKey = (userId: string) => `${this.prefix}:{${userId}}`;
  private devicesKey = (userId: string) => `${this.prefix}:{${userId}}:devices`;
  private get registryKey() {
    return `${this.prefix}:{nodes}:registry`;
  }
  private aliveKey = (nodeId: string) => `${this.prefix}:{nodes}:alive:${nodeId}`;
  private get lockKey() {
    return `${this.prefix}:{nodes}:sweeper`;
  }
  private usersKey = (nodeId: string) => `${this.prefix}:{node:${nodeId}}:users`;

  private run(script: string, userId: string, ...args: string[]): Promise<unknown> {
    return this.redis.eval(script, 2, this.stateKey(userId), this.devicesKey(userId), ...args);
  }

  private localUser(userId: string): LocalUser {
    let entry = this.local.get(userId);
    if (!entry) {
      entry = { sockets: new Set(), pending: false };
      this.local.set(userId, entry);
    }
    return entry;
  }

  /**
   * Drops the user from this node's index once the node has nothing of theirs. Decided
   * and sent synchronously: commands on one connection run in order, so a later
   * connect's SADD cannot be overtaken by this SREM.
   */
  private forgetIfIdle(userId: string): Promise<unknown> | undefined {
    const entry = this.local.get(userId);
    if (!entry || entry.sockets.size > 0 || entry.pending) return undefined;
    this.local.delete(userId);
    return this.redis.srem(this.usersKey(this.nodeId), userId);
  }

  // ------------------------------------------------------------------ PresenceTracker

  async connect(userId: string, socketId: string): Promise<{ cameOnline: boolean }> {
    const entry = this.localUser(userId);
    entry.sockets.add(socketId);
    entry.pending = false; // the caller cancelled this node's grace timer
    let cameOnline = false;
    let nodeId: string;
    do {
      // Re-recorded if this node changed its id meanwhile (see `rejoin`).
      nodeId = this.nodeId;
      // Indexed first (same connection, so in this order) so a sweep never misses the device.
      const [, result] = await Promise.all([this.redis.sadd(this.usersKey(nodeId), userId), this.run(CONNECT, userId, socketId, nodeId)]);
      if (result === 1) cameOnline = true;
    } while (nodeId !== this.nodeId && entry.sockets.has(socketId));
    return { cameOnline };
  }

  async disconnect(userId: string, socketId: string): Promise<{ lastDevice: boolean; epoch: number }> {
    const entry = this.localUser(userId);
    entry.sockets.delete(socketId);
    const [remaining, epoch] = (await this.run(DISCONNECT, userId, socketId, this.nodeId, String(Date.now()))) as [number, number];
    const lastDevice = remaining === 0;
    if (lastDevice) this.localUser(userId).pending = true;
    else await this.forgetIfIdle(userId);
    return { lastDevice, epoch };
  }

  async expire(userId: string, epoch: number): Promise<boolean> {
    const expired = (await this.run(EXPIRE, userId, String(epoch), String(OFFLINE_STATE_TTL_SECONDS))) === 1;
    const entry = this.local.get(userId);
    if (entry) {
      entry.pending = false;
      await this.forgetIfIdle(userId);
    }
    return expired;
  }

  async setStatus(userId: string, status: SettableStatus): Promise<boolean> {
    return (await this.run(SET_STATUS, userId, status)) === 1;
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>> {
    const result = new Map<string, PresenceStatus>();
    if (userIds.length === 0) return result;
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.hget(this.stateKey(id), 'status');
    const replies = (await pipeline.exec()) ?? [];
    userIds.forEach((id, index) => {
      const [error, value] = replies[index] ?? [null, null];
      const parsed = PresenceStatusSchema.safeParse(value);
      result.set(id, !error && parsed.success ? parsed.data : 'offline');
    });
    return result;
  }

  onChange(listener: ((change: PresenceChange) => Promise<void>) | null): void {
    this.listener = listener;
  }

  /**
   * Stops the heartbeat and the sweeper and leaves the cluster. The caller has settled
   * this node's devices first (a clean shutdown); whatever is left is swept by the
   * other nodes at once, since the heartbeat is gone. The Redis connection belongs to the caller.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.sweepTimer);
    await Promise.allSettled([this.heartbeating, this.sweeping]);
    const pipeline = this.redis.pipeline().del(this.aliveKey(this.nodeId));
    if (this.local.size === 0) pipeline.del(this.usersKey(this.nodeId)).hdel(this.registryKey, this.nodeId);
    await pipeline.exec();
  }

  // ------------------------------------------------------------------ heartbeat

  private async heartbeat(): Promise<void> {
    if (!(await this.beat(false))) await this.rejoin();
  }

  /** False when the other nodes had taken this one for dead. */
  private async beat(first: boolean): Promise<boolean> {
    const known = await this.redis.eval(
      HEARTBEAT,
      2,
      this.registryKey,
      this.aliveKey(this.nodeId),
      this.nodeId,
      String(Date.now()),
      String(this.timings.heartbeatTtlMs),
    );
    return first || known === 1;
  }

  /**
   * This node's heartbeat lapsed (Redis unreachable, event loop stalled) and another node
   * swept its devices. It carries on under a new id, so that sweep cannot touch what it
   * records now, and records all its devices and grace timers again.
   */
  private async rejoin(): Promise<void> {
    const previous = this.nodeId;
    this.nodeId = randomUUID();
    this.logger?.warn({ previous, nodeId: this.nodeId }, 'presence heartbeat lapsed; rejoining under a new node id');
    await this.beat(true);
    for (const [userId, entry] of [...this.local]) {
      await this.redis.sadd(this.usersKey(this.nodeId), userId);
      let cameOnline = false;
      for (const socketId of [...entry.sockets]) {
        if ((await this.run(CONNECT, userId, socketId, this.nodeId)) === 1) cameOnline = true;
      }
      if (entry.sockets.size === 0 && entry.pending) {
        await this.redis.eval(CLAIM_PENDING, 1, this.stateKey(userId), previous, this.nodeId);
      }
      if (cameOnline) await this.report({ userId, status: 'online', at: new Date() });
    }
  }

  // ------------------------------------------------------------------ sweeper

  /** One node at a time looks for nodes whose heartbeat expired and sweeps them. */
  private async sweep(): Promise<void> {
    const token = randomUUID();
    const locked = await this.redis.set(this.lockKey, token, 'PX', this.timings.heartbeatTtlMs, 'NX');
    if (locked !== 'OK') return;
    try {
      const registry = await this.redis.hgetall(this.registryKey);
      const others = Object.keys(registry).filter((id) => id !== this.nodeId);
      if (others.length === 0) return;
      const pipeline = this.redis.pipeline();
      for (const id of others) pipeline.exists(this.aliveKey(id));
      const alive = (await pipeline.exec()) ?? [];
      for (const [index, id] of others.entries()) {
        const [error, exists] = alive[index] ?? [null, 1];
        if (error || exists !== 0 || this.closed) continue;
        await this.sweepNode(id, Number(registry[id]) || Date.now());
      }
    } finally {
      // Not fatal: the lock expires by itself, so the next sweep only starts a little later.
      await this.redis
        .eval(RELEASE_LOCK, 1, this.lockKey, token)
        .catch((error: unknown) => this.logger?.warn({ err: error }, 'presence: could not release the sweep lock'));
    }
  }

  private async sweepNode(deadId: string, lastHeartbeatMs: number): Promise<void> {
    this.logger?.warn({ node: deadId, lastHeartbeat: new Date(lastHeartbeatMs).toISOString() }, 'presence: sweeping a dead node');
    const usersKey = this.usersKey(deadId);
    let cursor = '0';
    let offline = 0;
    do {
      const [next, userIds] = await this.redis.sscan(usersKey, cursor, 'COUNT', SWEEP_SCAN_COUNT);
      cursor = next;
      for (const userId of userIds) {
        const lastSeen = Number(await this.run(SWEEP_USER, userId, deadId, String(lastHeartbeatMs), String(OFFLINE_STATE_TTL_SECONDS)));
        if (lastSeen > 0) {
          offline += 1;
          await this.report({ userId, status: 'offline', at: new Date(lastSeen) });
        }
      }
    } while (cursor !== '0');
    // Last, so that a node that was only slow notices on its next heartbeat and rejoins.
    await this.redis.pipeline().del(usersKey).hdel(this.registryKey, deadId).exec();
    this.logger?.info({ node: deadId, offline }, 'presence: dead node swept');
  }

  private async report(change: PresenceChange): Promise<void> {
    try {
      await this.listener?.(change);
    } catch (error) {
      this.logger?.error({ err: error, userId: change.userId }, 'presence change listener failed');
    }
  }
}
