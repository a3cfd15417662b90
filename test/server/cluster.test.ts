/**
 * Two server nodes on one PostgreSQL database, joined through Redis.
 * Runs only when both are reachable; in CI both must be.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponseSchema, type Message } from '../../common/protocol';
import {
  closeAllClients,
  connectUser,
  createRoom,
  expectNoPush,
  http,
  newClientId,
  register,
  registerMany,
  send,
  syncAll,
  type Member,
} from '../support/protocol-client';
import { PG_ADMIN_URL, REDIS_TEST_URL, closeAll, postgresReachable, redisReachable, startTestServer, type TestServer } from '../support/test-server';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
if (process.env.CI && !(pgUp && redisUp)) {
  throw new Error(
    `CI: the cluster suite needs PostgreSQL (${PG_ADMIN_URL}: ${pgUp ? 'up' : 'DOWN'}) and Redis (${REDIS_TEST_URL}: ${redisUp ? 'up' : 'DOWN'})`,
  );
}
const GRACE_MS = 300;

describe.runIf(pgUp && redisUp)('cluster: two nodes, one database, Redis (postgres)', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    const env = {
      REDIS_URL: REDIS_TEST_URL,
      // every node of a cluster must share the signing secret
      JWT_SECRET: randomBytes(32).toString('hex'),
      OFFLINE_GRACE_MS: String(GRACE_MS),
      RATE_LIMIT_MESSAGES: '1000',
    };
    nodeA = await startTestServer('postgres', { env });
    nodeB = await startTestServer('postgres', { env, databaseUrl: nodeA.databaseUrl, dataDir: nodeA.dataDir });
  }, 90_000);

  afterAll(async () => {
    closeAllClients();
    // B borrows A's database and DATA_DIR, so it goes first.
    await closeAll(nodeB);
    await closeAll(nodeA);
  });

  /** A user registered through `reg` and connected to `on`. */
  async function memberOn(on: TestServer, reg: TestServer = on): Promise<Member> {
    const r = await register(reg);
    return { ...r, c: await connectUser(on, r) };
  }

  it('both nodes report cluster "redis" and storage "postgres"', async () => {
    for (const node of [nodeA, nodeB]) {
      const res = await http(node, 'GET', '/api/health');
      expect(res.status).toBe(200);
      expect(HealthResponseSchema.parse(res.body)).toMatchObject({ status: 'ok', storage: 'postgres', cluster: 'redis' });
    }
  });

  it('a user registered on one node logs in and connects on the other', async () => {
    const r = await register(nodeA);
    const me = await http(nodeB, 'GET', '/api/me', { token: r.token });
    expect(me.status).toBe(200);
    const c = await connectUser(nodeB, r);
    expect(c.connected).toBe(true);
    c.close();
  });

  it('a message sent via node A reaches members on node B (all their devices) and A', async () => {
    const alice = await memberOn(nodeA);
    const bob = await memberOn(nodeB, nodeA);
    const bobOnA = await connectUser(nodeA, bob);
    const alice2 = await connectUser(nodeB, alice);
    const room = await createRoom(alice.c, 'group', [bob]);
    await bob.c.waitFor('room:updated', (r) => r.id === room.id);
    const msg = await send(alice.c, room.id, 'across the cluster');
    for (const c of [bob.c, bobOnA, alice2]) {
      const got = await c.waitFor('message:new', (m) => m.id === msg.id);
      expect(got).toEqual(msg);
    }
    // and back
    const reply = await send(bob.c, room.id, 'reply from B');
    expect(reply.seq).toBe(2);
    await alice.c.waitFor('message:new', (m) => m.id === reply.id);
  });

  it('an invite on node A makes the invitee on node B a live member at once', async () => {
    const alice = await memberOn(nodeA);
    const carol = await memberOn(nodeB, nodeA);
    const group = await createRoom(alice.c, 'group');
    await alice.c.ok('rooms:invite', { roomId: group.id, userIds: [carol.user.id] });
    await carol.c.waitFor('room:updated', (r) => r.id === group.id);
    const msg = await send(alice.c, group.id, 'hi carol on B');
    await carol.c.waitFor('message:new', (m) => m.id === msg.id);
    // leaving on B stops the pushes on B
    await carol.c.ok('rooms:leave', { roomId: group.id });
    await carol.c.waitFor('room:removed', (p) => p.roomId === group.id);
    const after = await send(alice.c, group.id, 'carol left');
    await expectNoPush(carol.c, 'message:new', (m) => m.id === after.id);
  });

  it('concurrent sends through both nodes keep seqs contiguous and deliver each once', async () => {
    const onA = await registerMany(nodeA, 6, 'cla');
    const onB = await registerMany(nodeA, 6, 'clb');
    const listener = await memberOn(nodeB, nodeA);
    const clientsA = await Promise.all(onA.map((r) => connectUser(nodeA, r)));
    const clientsB = await Promise.all(onB.map((r) => connectUser(nodeB, r)));
    const { room } = await listener.c.ok('rooms:create', {
      kind: 'channel',
      name: 'cluster-busy',
      memberIds: [...onA, ...onB].map((r) => r.user.id),
    });
    await Promise.all([...clientsA, ...clientsB].map((c) => c.waitFor('room:updated', (r) => r.id === room.id, 5000)));

    const PER = 5;
    const acks: Message[] = [];
    await Promise.all(
      [...clientsA, ...clientsB].flatMap((c, i) =>
        Array.from({ length: PER }, async (_, k) => {
          acks.push((await c.ok('messages:send', { roomId: room.id, clientId: newClientId(), body: `n${i}-${k}` })).message);
        }),
      ),
    );
    const total = 12 * PER;
    expect(acks.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const got = await listener.c.waitForCount('message:new', total, (m) => m.roomId === room.id, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(listener.c.events('message:new', (m) => m.roomId === room.id)).toHaveLength(total);
    expect(new Set(got.map((m) => m.id)).size).toBe(total);
    // a member on A sees every message from B exactly once
    const aSide = clientsA[0]!;
    const fromOthers = acks.filter((m) => m.senderId !== onA[0]!.user.id);
    const seen = await aSide.waitForCount('message:new', fromOthers.length, (m) => m.roomId === room.id && m.senderId !== onA[0]!.user.id, 10_000);
    expect(new Set(seen.map((m) => m.id)).size).toBe(fromOthers.length);
    // both nodes read the same history
    const viaA = await syncAll(aSide, room.id);
    const viaB = await syncAll(listener.c, room.id);
    expect(viaA.map((m) => m.id)).toEqual(viaB.map((m) => m.id));
    expect(viaA).toHaveLength(total);
  }, 60_000);

  it('idempotent resend through the other node returns the same message', async () => {
    const alice = await memberOn(nodeA);
    const aliceOnB = await connectUser(nodeB, alice);
    const room = await createRoom(alice.c, 'channel');
    const clientId = newClientId();
    const first = await send(alice.c, room.id, 'once', clientId);
    const again = await send(aliceOnB, room.id, 'once', clientId);
    expect(again.id).toBe(first.id);
    expect((await syncAll(aliceOnB, room.id)).map((m) => m.seq)).toEqual([1]);
  });

  it('presence of a user on node A is seen from node B; offline only after the last device on any node', async () => {
    const bob = await memberOn(nodeB, nodeA);
    const alice = await register(nodeA);
    await createRoom(bob.c, 'group', [alice]);
    const onA = await connectUser(nodeA, alice);
    await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'online');
    await onA.ok('presence:set', { status: 'dnd' });
    await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'dnd');

    const onB = await connectUser(nodeB, alice);
    onA.close();
    await expectNoPush(bob.c, 'presence', (e) => e.userId === alice.user.id && e.status === 'offline', GRACE_MS + 700);
    const users = await bob.c.ok('users:get', { userIds: [alice.user.id] });
    expect(users.users[0]?.status).not.toBe('offline');
    onB.close();
    await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'offline', GRACE_MS + 3000);
  });

  it('typing and receipts cross nodes', async () => {
    const alice = await memberOn(nodeA);
    const bob = await memberOn(nodeB, nodeA);
    const room = await createRoom(alice.c, 'group', [bob]);
    await bob.c.waitFor('room:updated', (r) => r.id === room.id);
    await alice.c.ok('typing', { roomId: room.id, typing: true });
    await bob.c.waitFor('typing', (e) => e.roomId === room.id && e.userId === alice.user.id && e.typing);
    const msg = await send(alice.c, room.id, 'read me');
    await bob.c.ok('receipts:read', { roomId: room.id, seq: msg.seq });
    await alice.c.waitFor('receipt', (r) => r.roomId === room.id && r.userId === bob.user.id && r.readSeq === msg.seq);
  });
});
