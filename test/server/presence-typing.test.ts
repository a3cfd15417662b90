import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsersResponseSchema } from '../../common/protocol';
import {
  closeAllClients,
  connectUser,
  createRoom,
  eventually,
  expectNoPush,
  http,
  newClientId,
  newMember,
  newMembers,
  register,
  type Registered,
} from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const GRACE_MS = 300;

describe.each(STORAGES)('presence and typing (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { OFFLINE_GRACE_MS: String(GRACE_MS) } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  async function statusViaHttp(asker: Registered, who: Registered) {
    const res = await http(server, 'GET', `/api/users?query=${who.username}`, { token: asker.token });
    const user = UsersResponseSchema.parse(res.body).users.find((u) => u.id === who.user.id);
    if (!user) throw new Error('user not found via /api/users');
    return user;
  }

  describe('presence', () => {
    it('a room-mate sees a user come online; a user who shares no room does not', async () => {
      const [bob, eve] = await newMembers(server, 2, 'pr');
      const alice = await register(server);
      await createRoom(bob!.c, 'group', [alice]);
      const alice1 = await connectUser(server, alice);
      const p = await bob!.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'online');
      expect(p.status).toBe('online');
      await expectNoPush(eve!.c, 'presence', (e) => e.userId === alice.user.id, 300);
      expect((await statusViaHttp(bob!, alice)).status).toBe('online');
      alice1.close();
    });

    it('presence:set away / dnd / online propagates to room-mates', async () => {
      const [alice, bob] = await newMembers(server, 2, 'prs');
      await createRoom(alice!.c, 'group', [bob!]);
      for (const status of ['away', 'dnd', 'online'] as const) {
        expect(await alice!.c.ok('presence:set', { status })).toEqual({});
        await bob!.c.waitFor('presence', (e) => e.userId === alice!.user.id && e.status === status);
        expect((await statusViaHttp(bob!, alice!)).status).toBe(status);
      }
      const users = await bob!.c.ok('users:get', { userIds: [alice!.user.id] });
      expect(users.users[0]?.status).toBe('online');
    });

    it('offline only after the last of two devices disconnects, within the grace', async () => {
      const bob = await newMember(server, 'prob');
      const alice = await register(server);
      await createRoom(bob.c, 'group', [alice]);
      const d1 = await connectUser(server, alice);
      const d2 = await connectUser(server, alice);
      await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'online');

      d1.close();
      await expectNoPush(bob.c, 'presence', (e) => e.userId === alice.user.id && e.status === 'offline', GRACE_MS + 700);
      expect((await statusViaHttp(bob, alice)).status).toBe('online');

      const closedAt = Date.now();
      d2.close();
      const off = await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'offline', GRACE_MS + 3000);
      expect(Date.now() - closedAt).toBeLessThan(GRACE_MS + 3000);
      expect(off.lastSeenAt).not.toBeNull();
      expect(Date.parse(off.lastSeenAt!)).toBeGreaterThan(closedAt - 60_000);
      const viaHttp = await statusViaHttp(bob, alice);
      expect(viaHttp.status).toBe('offline');
      expect(viaHttp.lastSeenAt).not.toBeNull();
    });

    it('a user whose status was away still goes offline when the last device leaves', async () => {
      const bob = await newMember(server, 'proa');
      const alice = await register(server);
      await createRoom(bob.c, 'group', [alice]);
      const d = await connectUser(server, alice);
      await d.ok('presence:set', { status: 'away' });
      await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'away');
      d.close();
      await bob.c.waitFor('presence', (e) => e.userId === alice.user.id && e.status === 'offline', GRACE_MS + 3000);
    });

    it('presence goes to users who share a room, including ones added later', async () => {
      const [alice, carol] = await newMembers(server, 2, 'prl');
      const group = await createRoom(alice!.c, 'group');
      await alice!.c.ok('rooms:invite', { roomId: group.id, userIds: [carol!.user.id] });
      await carol!.c.waitFor('room:updated', (r) => r.id === group.id);
      await alice!.c.ok('presence:set', { status: 'dnd' });
      await carol!.c.waitFor('presence', (e) => e.userId === alice!.user.id && e.status === 'dnd');
    });

    it('presence:set refuses offline and junk', async () => {
      const alice = await newMember(server, 'prx');
      await alice.c.failRaw('presence:set', { status: 'offline' }, 'invalid_input');
      await alice.c.failRaw('presence:set', { status: 'invisible' }, 'invalid_input');
    });

    it('a status reported by the server is always one of the four', async () => {
      const [alice, bob] = await newMembers(server, 2, 'prv');
      await createRoom(alice!.c, 'group', [bob!]);
      await eventually(async () => (await statusViaHttp(alice!, bob!)).status === 'online');
      expect(alice!.c.shapeErrors).toEqual([]);
      expect(bob!.c.shapeErrors).toEqual([]);
    });
  });

  describe('typing', () => {
    it('is relayed to the other members and not echoed to the sender’s own devices', async () => {
      const [alice, bob, eve] = await newMembers(server, 3, 'ty');
      const alice2 = await connectUser(server, alice!);
      const room = await createRoom(alice!.c, 'group', [bob!]);
      await bob!.c.waitFor('room:updated', (r) => r.id === room.id);

      expect(await alice!.c.ok('typing', { roomId: room.id, typing: true })).toEqual({});
      const t = await bob!.c.waitFor('typing', (e) => e.roomId === room.id);
      expect(t).toEqual({ roomId: room.id, userId: alice!.user.id, typing: true });
      await alice!.c.ok('typing', { roomId: room.id, typing: false });
      await bob!.c.waitFor('typing', (e) => e.roomId === room.id && e.typing === false);

      await expectNoPush(alice2, 'typing', (e) => e.roomId === room.id, 200);
      await expectNoPush(alice!.c, 'typing', (e) => e.roomId === room.id, 0);
      await expectNoPush(eve!.c, 'typing', (e) => e.roomId === room.id, 0);
    });

    it('a non-member may not type (forbidden); an unknown room is not_found', async () => {
      const [alice, bob, eve] = await newMembers(server, 3, 'tyf');
      const room = await createRoom(alice!.c, 'channel', [bob!]);
      await eve!.c.fail('typing', { roomId: room.id, typing: true }, 'forbidden');
      await eve!.c.fail('typing', { roomId: newClientId(), typing: true }, 'not_found');
      await expectNoPush(bob!.c, 'typing', (e) => e.userId === eve!.user.id, 200);
    });
  });
});
