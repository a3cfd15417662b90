/**
 * Room admins and profiles across two nodes (one PostgreSQL database and DATA_DIR, Redis): the
 * pushes of users:update, avatars and rooms:remove reach devices on the other node, and a removed
 * member's devices there stop getting the room. Runs only when both are reachable; in CI both must be.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, MeResponseSchema } from '../../common/protocol';
import { makePng } from '../support/files';
import { closeAllClients, connectUser, createRoom, expectNoPush, http, register, send, type Member } from '../support/protocol-client';
import { PG_ADMIN_URL, REDIS_TEST_URL, closeAll, postgresReachable, redisReachable, startTestServer, type TestServer } from '../support/test-server';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
if (process.env.CI && !(pgUp && redisUp)) {
  throw new Error(
    `CI: the cluster suite needs PostgreSQL (${PG_ADMIN_URL}: ${pgUp ? 'up' : 'DOWN'}) and Redis (${REDIS_TEST_URL}: ${redisUp ? 'up' : 'DOWN'})`,
  );
}

describe.runIf(pgUp && redisUp)('cluster: room admins and profiles on two nodes (postgres, Redis)', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_TEST_URL, JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_MESSAGES: '1000' };
    nodeA = await startTestServer('postgres', { env });
    nodeB = await startTestServer('postgres', { env, databaseUrl: nodeA.databaseUrl, dataDir: nodeA.dataDir });
  }, 90_000);

  afterAll(async () => {
    closeAllClients();
    // B borrows A's database and DATA_DIR, so it goes first.
    await closeAll(nodeB);
    await closeAll(nodeA);
  });

  async function memberOn(on: TestServer): Promise<Member> {
    const r = await register(on);
    return { ...r, c: await connectUser(on, r) };
  }

  it('users:update on one node reaches room-mates and own devices on the other, not strangers', async () => {
    const alice = await memberOn(nodeA);
    const aliceOnB = await connectUser(nodeB, alice);
    const mate = await memberOn(nodeB);
    const stranger = await memberOn(nodeB);
    await createRoom(alice.c, 'group', [mate]);
    await alice.c.ok('users:update', { displayName: 'Alice Across' });
    for (const device of [aliceOnB, mate.c]) expect((await device.waitFor('user:updated', (u) => u.id === alice.user.id)).displayName).toBe('Alice Across');
    await expectNoPush(stranger.c, 'user:updated', (u) => u.id === alice.user.id);
  });

  it('an avatar uploaded through one node is pushed to the other and served by it', async () => {
    const alice = await memberOn(nodeB);
    const mate = await memberOn(nodeA);
    await createRoom(alice.c, 'group', [mate]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(makePng(40, 40))], { type: 'image/png' }), 'me.png');
    const res = await http(nodeB, 'POST', API_PATHS.myAvatar, { token: alice.token, body: form });
    expect(res.status, res.text).toBe(200);
    const { avatarUrl } = MeResponseSchema.parse(res.body).user;
    expect((await mate.c.waitFor('user:updated', (u) => u.id === alice.user.id)).avatarUrl).toBe(avatarUrl);
    const served = await http(nodeA, 'GET', avatarUrl!, { token: mate.token });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
  });

  it('rooms:remove on one node: the removed user gets room:removed on both nodes and hears nothing more from the room', async () => {
    const admin = await memberOn(nodeA);
    const bob = await memberOn(nodeB);
    const bobOnA = await connectUser(nodeA, bob);
    const carol = await memberOn(nodeB);
    const group = await createRoom(admin.c, 'group', [bob, carol]);
    await bob.c.waitFor('room:updated', (r) => r.id === group.id);

    await admin.c.ok('rooms:remove', { roomId: group.id, userId: bob.user.id });
    for (const device of [bob.c, bobOnA]) await device.waitFor('room:removed', (p) => p.roomId === group.id);
    await carol.c.waitFor('room:updated', (r) => r.id === group.id && !r.memberIds.includes(bob.user.id));

    const message = await send(admin.c, group.id, 'only for those still here');
    await carol.c.waitFor('message:new', (m) => m.id === message.id);
    for (const device of [bob.c, bobOnA]) await expectNoPush(device, 'message:new', (m) => m.roomId === group.id, 300);
  });
});
