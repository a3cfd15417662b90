/**
 * A cluster node that dies without shutting down (SIGKILL) must not leave its users
 * online: the other nodes notice its heartbeat is gone, sweep its devices away and
 * announce the users left with none as offline, within the protocol's 10 seconds.
 * Node B runs in a child process so it can be killed for real. Runs only when PostgreSQL
 * and Redis are reachable; in CI both must be.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../server/app';
import { closeAllClients, connectUser, createRoom, expectNoPush, register, type ProtocolClient, type Registered } from '../support/protocol-client';
import {
  PG_ADMIN_URL,
  REDIS_TEST_URL,
  closeAll,
  postgresReachable,
  redisReachable,
  spawnServerProcess,
  startTestServer,
  type ServerProcess,
  type TestServer,
} from '../support/test-server';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
if (process.env.CI && !(pgUp && redisUp)) {
  throw new Error(
    `CI: the cluster crash suite needs PostgreSQL (${PG_ADMIN_URL}: ${pgUp ? 'up' : 'DOWN'}) and Redis (${REDIS_TEST_URL}: ${redisUp ? 'up' : 'DOWN'})`,
  );
}

/** Long enough that a user still in their grace period when their node dies can be tested. */
const GRACE_MS = 3000;
/** The protocol's bound: offline within 10 s of the last device going away. */
const OFFLINE_BOUND_MS = 10_000;
/** Shorter than the defaults so that a live node's heartbeat is checked many times in a few seconds. */
const SERVER_OPTIONS: ServerOptions = {
  presenceTimings: { heartbeatIntervalMs: 250, heartbeatTtlMs: 2000, sweepIntervalMs: 250 },
};

describe.runIf(pgUp && redisUp)('cluster: a node that crashes (postgres, Redis)', () => {
  let nodeA: TestServer;
  let nodeB: ServerProcess;

  beforeAll(async () => {
    const env = {
      REDIS_URL: REDIS_TEST_URL,
      JWT_SECRET: randomBytes(32).toString('hex'),
      OFFLINE_GRACE_MS: String(GRACE_MS),
      RATE_LIMIT_MESSAGES: '1000',
    };
    nodeA = await startTestServer('postgres', { env, serverOptions: SERVER_OPTIONS });
    // Same env (database, DATA_DIR, secret, Redis) and the same Redis key prefix.
    nodeB = await spawnServerProcess(nodeA.env, nodeA.serverOptions);
  }, 90_000);

  afterAll(async () => {
    closeAllClients();
    await nodeB?.kill();
    await closeAll(nodeA);
  });

  /** A watcher connected to node A who shares a group with `users`. */
  async function watcherOf(...users: Registered[]): Promise<ProtocolClient> {
    const watcher = await register(nodeA);
    const c = await connectUser(nodeA, watcher);
    await createRoom(c, 'group', users);
    return c;
  }

  const isOffline = (userId: string) => (e: { userId: string; status: string }) => e.userId === userId && e.status === 'offline';
  const isOnline = (userId: string) => (e: { userId: string; status: string }) => e.userId === userId && e.status === 'online';

  async function statusOf(asker: ProtocolClient, userId: string) {
    const { users } = await asker.ok('users:get', { userIds: [userId] });
    expect(users).toHaveLength(1);
    return users[0]!;
  }

  it('while node B is alive, its users are never swept', async () => {
    const onB = await register(nodeA);
    const watcher = await watcherOf(onB);
    await connectUser(nodeB, onB);
    await watcher.waitFor('presence', isOnline(onB.user.id));
    // 20 heartbeat periods, 2.5 heartbeat lifetimes, ~20 sweeps on each node.
    await expectNoPush(watcher, 'presence', isOffline(onB.user.id), 5000);
    expect((await statusOf(watcher, onB.user.id)).status).toBe('online');
  });

  it('after node B is killed, its users go offline on node A within 10 s; users with a device on A stay online', async () => {
    const onlyB = await register(nodeA);
    const both = await register(nodeA);
    const inGrace = await register(nodeA);
    const watcher = await watcherOf(onlyB, both, inGrace);

    await connectUser(nodeB, onlyB);
    await connectUser(nodeB, both);
    const bothOnA = await connectUser(nodeA, both);
    const graceDevice = await connectUser(nodeB, inGrace);
    for (const u of [onlyB, both, inGrace]) await watcher.waitFor('presence', isOnline(u.user.id));

    // inGrace's last device leaves node B, which starts the grace timer, then B dies with it.
    graceDevice.close();
    await new Promise((r) => setTimeout(r, 200));

    const killedAt = Date.now();
    await nodeB.kill('SIGKILL');

    const off = await watcher.waitFor('presence', isOffline(onlyB.user.id), OFFLINE_BOUND_MS);
    expect(Date.now() - killedAt).toBeLessThan(OFFLINE_BOUND_MS);
    expect(off.lastSeenAt).not.toBeNull();
    expect(Date.parse(off.lastSeenAt!)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(off.lastSeenAt!)).toBeGreaterThan(killedAt - 60_000);

    await watcher.waitFor('presence', isOffline(inGrace.user.id), Math.max(0, killedAt + OFFLINE_BOUND_MS - Date.now()));
    expect(Date.now() - killedAt).toBeLessThan(OFFLINE_BOUND_MS);

    // A fresh lookup agrees, with the time they were last seen.
    const looked = await statusOf(watcher, onlyB.user.id);
    expect(looked.status).toBe('offline');
    expect(looked.lastSeenAt).toBe(off.lastSeenAt);
    expect((await statusOf(watcher, inGrace.user.id)).status).toBe('offline');

    // The device on node A keeps `both` online; only B's device was swept.
    expect(watcher.events('presence', isOffline(both.user.id))).toEqual([]);
    expect((await statusOf(watcher, both.user.id)).status).toBe('online');
    bothOnA.close();
    await watcher.waitFor('presence', isOffline(both.user.id), GRACE_MS + 3000);

    // The swept user comes back normally.
    await connectUser(nodeA, onlyB);
    await watcher.waitFor('presence', isOnline(onlyB.user.id));
    expect((await statusOf(watcher, onlyB.user.id)).status).toBe('online');
  }, 60_000);

  it('a node that shuts down cleanly settles its users at once, without waiting for the grace', async () => {
    const nodeC = await startTestServer('postgres', {
      env: nodeA.env,
      databaseUrl: nodeA.databaseUrl,
      dataDir: nodeA.dataDir,
      serverOptions: nodeA.serverOptions,
    });
    try {
      const onC = await register(nodeA);
      const watcher = await watcherOf(onC);
      await connectUser(nodeC, onC);
      await watcher.waitFor('presence', isOnline(onC.user.id));
      const stoppedAt = Date.now();
      await nodeC.stop();
      await watcher.waitFor('presence', isOffline(onC.user.id), GRACE_MS - 500);
      expect(Date.now() - stoppedAt).toBeLessThan(GRACE_MS);
    } finally {
      await closeAll(nodeC);
    }
  }, 60_000);
});
