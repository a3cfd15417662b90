/**
 * RedisPresence across nodes, driven directly (no HTTP, no sockets): several trackers on
 * one Redis under a key prefix of their own, with short heartbeat and sweep intervals.
 * Runs only when Redis is reachable; in CI it must be.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceChange } from '../../server/presence/presence-tracker';
import { DEFAULT_PRESENCE_TIMINGS, RedisPresence } from '../../server/presence/redis-presence';
import { eventually } from '../support/protocol-client';
import { REDIS_TEST_URL, redisReachable, sleep } from '../support/test-server';

const redisUp = await redisReachable();
if (process.env.CI && !redisUp) throw new Error(`CI: the cluster presence suite needs Redis at ${REDIS_TEST_URL}`);

const TIMINGS = { heartbeatIntervalMs: 100, heartbeatTtlMs: 600, sweepIntervalMs: 100 };

describe.runIf(redisUp)('cluster presence: node heartbeats and the dead-node sweep (Redis)', () => {
  let redis: Redis;
  const trackers: RedisPresence[] = [];
  const prefixes: string[] = [];

  beforeAll(async () => {
    redis = new Redis(REDIS_TEST_URL, { lazyConnect: true });
    await redis.connect();
  });

  afterEach(async () => {
    await Promise.allSettled(trackers.splice(0).map((t) => t.close()));
  });

  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  });

  /** `n` nodes of one fresh cluster, each with its own connection and a log of its changes. */
  async function cluster(n: number): Promise<Array<{ tracker: RedisPresence; changes: PresenceChange[]; client: Redis }>> {
    const prefix = `droplink-test:presence-${randomUUID()}`;
    prefixes.push(prefix);
    return Promise.all(
      Array.from({ length: n }, async () => {
        const client = redis.duplicate();
        const tracker = new RedisPresence(client, { keyPrefix: prefix, timings: TIMINGS });
        const changes: PresenceChange[] = [];
        tracker.onChange(async (change) => {
          changes.push(change);
        });
        await tracker.start();
        trackers.push(tracker);
        // the connection goes when the tracker has left the cluster
        const close = tracker.close.bind(tracker);
        tracker.close = async () => {
          await close();
          client.disconnect();
        };
        return { tracker, changes, client };
      }),
    );
  }

  it('the default timings take a dead node offline well within the 10 s bound', () => {
    const { heartbeatIntervalMs, heartbeatTtlMs, sweepIntervalMs } = DEFAULT_PRESENCE_TIMINGS;
    expect(heartbeatTtlMs + sweepIntervalMs).toBeLessThanOrEqual(7000);
    expect(heartbeatTtlMs).toBeGreaterThanOrEqual(3 * heartbeatIntervalMs);
  });

  it('live nodes sweep nothing; a user connected through two nodes is online once', async () => {
    const [a, b] = await cluster(2);
    const user = randomUUID();
    expect(await a!.tracker.connect(user, 's1')).toEqual({ cameOnline: true });
    expect(await b!.tracker.connect(user, 's2')).toEqual({ cameOnline: false });
    await sleep(TIMINGS.heartbeatTtlMs * 3);
    expect(a!.changes).toEqual([]);
    expect(b!.changes).toEqual([]);
    expect((await a!.tracker.statuses([user])).get(user)).toBe('online');
  });

  it('a node whose heartbeat stops has its devices swept exactly once, by one node', async () => {
    const [a, b, c] = await cluster(3);
    const alone = randomUUID();
    const shared = randomUUID();
    await a!.tracker.connect(alone, 's1');
    await a!.tracker.connect(shared, 's2');
    await b!.tracker.connect(shared, 's3');
    await c!.tracker.setStatus(alone, 'dnd');
    const stoppedAt = Date.now();
    // Node A "crashes": no heartbeat, no sweep, no clean-up.
    a!.client.disconnect();

    await eventually(async () => [...b!.changes, ...c!.changes].length > 0, 5000);
    await sleep(TIMINGS.sweepIntervalMs * 5);
    const changes = [...b!.changes, ...c!.changes];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ userId: alone, status: 'offline' });
    expect(changes[0]!.at.getTime()).toBeLessThanOrEqual(stoppedAt);
    expect(changes[0]!.at.getTime()).toBeGreaterThan(stoppedAt - TIMINGS.heartbeatTtlMs);
    const statuses = await b!.tracker.statuses([alone, shared]);
    expect(statuses.get(alone)).toBe('offline');
    expect(statuses.get(shared)).toBe('online');
    // the shared user now depends on B's device alone
    expect(await b!.tracker.disconnect(shared, 's3')).toMatchObject({ lastDevice: true });
  });

  it('a user in their grace period on a node that dies goes offline with the time they left', async () => {
    const [a, b] = await cluster(2);
    const user = randomUUID();
    await a!.tracker.connect(user, 's1');
    const leftAt = Date.now();
    const { lastDevice } = await a!.tracker.disconnect(user, 's1');
    expect(lastDevice).toBe(true);
    a!.client.disconnect(); // dies before its grace timer fires
    await eventually(async () => b!.changes.length > 0, 5000);
    expect(b!.changes).toHaveLength(1);
    expect(b!.changes[0]).toMatchObject({ userId: user, status: 'offline' });
    expect(Math.abs(b!.changes[0]!.at.getTime() - leftAt)).toBeLessThan(200);
  });

  it('a node that was only silent (swept while alive) rejoins and puts its users back online', async () => {
    const [a, b] = await cluster(2);
    const user = randomUUID();
    await a!.tracker.connect(user, 's1');
    // A stalls: its replies stop arriving, so it beats no more, though it is still running.
    a!.client.stream.pause();
    await eventually(async () => b!.changes.length > 0, 5000);
    expect(b!.changes).toEqual([expect.objectContaining({ userId: user, status: 'offline' })]);
    expect((await b!.tracker.statuses([user])).get(user)).toBe('offline');

    // A recovers, finds it was taken for dead, and records its device again under a new id.
    a!.client.stream.resume();
    await eventually(async () => a!.changes.length > 0, 5000);
    expect(a!.changes).toEqual([expect.objectContaining({ userId: user, status: 'online' })]);
    expect((await b!.tracker.statuses([user])).get(user)).toBe('online');

    // From then on it is a live node like any other, and its device counts.
    await sleep(TIMINGS.heartbeatTtlMs * 2);
    expect(b!.changes).toHaveLength(1);
    expect(await a!.tracker.disconnect(user, 's1')).toMatchObject({ lastDevice: true });
  });
});
