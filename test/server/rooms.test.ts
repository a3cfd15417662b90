import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomSchema, type Room } from '../../common/protocol';
import {
  closeAllClients,
  connectUser,
  createRoom,
  expectNoPush,
  newClientId,
  newMember,
  newMembers,
  send,
  uniqueName,
  idsOf,
} from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const sorted = (xs: string[]): string[] => [...xs].sort();

describe.each(STORAGES)('rooms (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  describe('rooms:create', () => {
    it('creates a channel with the caller as member and a fresh room shape', async () => {
      const alice = await newMember(server, 'cr');
      const name = uniqueName('general');
      const { room } = await alice.c.ok('rooms:create', { kind: 'channel', name, topic: 'All things' });
      expect(room).toMatchObject({ kind: 'channel', name, topic: 'All things', lastSeq: 0, unreadCount: 0, lastMessage: null });
      expect(room.memberIds).toEqual([alice.user.id]);
      expect(Date.parse(room.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      const list = await alice.c.ok('rooms:list', {});
      const listed = list.rooms.find((r) => r.id === room.id);
      expect(listed).toMatchObject({ id: room.id, kind: 'channel', name, topic: 'All things' });
    });

    it('creates a group with memberIds, who all get room:updated and see it in rooms:list', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'grp');
      const name = uniqueName('secret');
      const { room } = await alice!.c.ok('rooms:create', {
        kind: 'group',
        name,
        memberIds: [bob!.user.id, carol!.user.id, alice!.user.id, bob!.user.id],
      });
      expect(room.kind).toBe('group');
      expect(room.topic).toBeNull();
      expect(sorted(room.memberIds)).toEqual(sorted([alice!.user.id, bob!.user.id, carol!.user.id]));
      for (const m of [bob!, carol!]) {
        const pushed = await m.c.waitFor('room:updated', (r) => r.id === room.id);
        expect(pushed.kind).toBe('group');
        expect(sorted(pushed.memberIds)).toEqual(sorted(room.memberIds));
        const list = await m.c.ok('rooms:list', {});
        expect(idsOf(list.rooms)).toContain(room.id);
      }
    });

    it("the creator's other device gets room:updated too", async () => {
      const alice = await newMember(server, 'cr2');
      const second = await connectUser(server, alice);
      const room = await createRoom(alice.c, 'channel');
      await second.waitFor('room:updated', (r) => r.id === room.id);
    });

    it('invalid names are invalid_input', async () => {
      const alice = await newMember(server, 'crbad');
      await alice.c.fail('rooms:create', { kind: 'channel', name: '' }, 'invalid_input');
      await alice.c.fail('rooms:create', { kind: 'channel', name: '   ' }, 'invalid_input');
      await alice.c.fail('rooms:create', { kind: 'group', name: 'n'.repeat(81) }, 'invalid_input');
      await alice.c.fail('rooms:create', { kind: 'channel', name: 'ok', topic: 't'.repeat(501) }, 'invalid_input');
      const ack = await alice.c.rawCall('rooms:create', [{ kind: 'dm', name: 'x' }]);
      expect((ack as { ok: boolean }).ok).toBe(false);
      // nothing was created
      const list = await alice.c.ok('rooms:list', {});
      expect(list.rooms.filter((r) => r.memberIds.includes(alice.user.id) && r.kind !== 'channel' && r.name === 'x')).toHaveLength(0);
    });

    it('an unknown member id is refused and creates nothing', async () => {
      const alice = await newMember(server, 'crunk');
      const name = uniqueName('ghosts');
      const ack = await alice.c.call('rooms:create', { kind: 'group', name, memberIds: [newClientId()] });
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(['not_found', 'invalid_input']).toContain(ack.error.code);
      const list = await alice.c.ok('rooms:list', {});
      expect(list.rooms.filter((r) => r.name === name)).toHaveLength(0);
    });
  });

  describe('rooms:list and rooms:browse', () => {
    it('rooms:list holds exactly the caller’s rooms', async () => {
      const [alice, bob] = await newMembers(server, 2, 'ls');
      const mine = await createRoom(alice!.c, 'channel');
      const shared = await createRoom(alice!.c, 'group', [bob!]);
      const bobsOwn = await createRoom(bob!.c, 'group');
      const bobsChannel = await createRoom(bob!.c, 'channel');
      const list = await alice!.c.ok('rooms:list', {});
      for (const r of list.rooms) {
        RoomSchema.parse(r);
        expect(r.memberIds).toContain(alice!.user.id);
      }
      expect(idsOf(list.rooms)).toEqual(expect.arrayContaining([mine.id, shared.id]));
      expect(idsOf(list.rooms)).not.toContain(bobsOwn.id);
      expect(idsOf(list.rooms)).not.toContain(bobsChannel.id);
    });

    it('rooms:browse lists public channels, also ones the caller is not in, and never groups or dms', async () => {
      const [alice, bob] = await newMembers(server, 2, 'br');
      const channel = await createRoom(bob!.c, 'channel');
      const group = await createRoom(bob!.c, 'group', [alice!]);
      const { room: dm } = await bob!.c.ok('rooms:dm', { userId: alice!.user.id });
      const { rooms } = await alice!.c.ok('rooms:browse', {});
      expect(idsOf(rooms)).toContain(channel.id);
      expect(idsOf(rooms)).not.toContain(group.id);
      expect(idsOf(rooms)).not.toContain(dm.id);
      for (const r of rooms) expect(r.kind).toBe('channel');
    });
  });

  describe('rooms:dm', () => {
    it('is the same two-member room every time, from either side, with name null', async () => {
      const [alice, bob] = await newMembers(server, 2, 'dm');
      const a1 = (await alice!.c.ok('rooms:dm', { userId: bob!.user.id })).room;
      const a2 = (await alice!.c.ok('rooms:dm', { userId: bob!.user.id })).room;
      const b1 = (await bob!.c.ok('rooms:dm', { userId: alice!.user.id })).room;
      expect(a1.kind).toBe('dm');
      expect(a1.name).toBeNull();
      expect(sorted(a1.memberIds)).toEqual(sorted([alice!.user.id, bob!.user.id]));
      expect(a2.id).toBe(a1.id);
      expect(b1.id).toBe(a1.id);
      const listA = await alice!.c.ok('rooms:list', {});
      const listB = await bob!.c.ok('rooms:list', {});
      expect(listA.rooms.filter((r) => r.id === a1.id)).toHaveLength(1);
      expect(listB.rooms.filter((r) => r.id === a1.id)).toHaveLength(1);
      expect(listA.rooms.filter((r) => r.kind === 'dm')).toHaveLength(1);
    });

    it('concurrent dm requests from both sides still make a single room', async () => {
      const [alice, bob] = await newMembers(server, 2, 'dmc');
      const results = await Promise.all([
        alice!.c.ok('rooms:dm', { userId: bob!.user.id }),
        bob!.c.ok('rooms:dm', { userId: alice!.user.id }),
        alice!.c.ok('rooms:dm', { userId: bob!.user.id }),
        bob!.c.ok('rooms:dm', { userId: alice!.user.id }),
      ]);
      expect(new Set(results.map((r) => r.room.id)).size).toBe(1);
    });

    it('the other user gets room:updated and can talk in it', async () => {
      const [alice, bob] = await newMembers(server, 2, 'dmp');
      const { room } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
      await bob!.c.waitFor('room:updated', (r) => r.id === room.id);
      const msg = await send(bob!.c, room.id, 'hi alice');
      await alice!.c.waitFor('message:new', (m) => m.id === msg.id);
    });

    it('a dm with oneself is refused', async () => {
      const alice = await newMember(server, 'dms');
      const ack = await alice.c.call('rooms:dm', { userId: alice.user.id });
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(['invalid_input', 'forbidden']).toContain(ack.error.code);
    });

    it('a dm with an unknown user is not_found', async () => {
      const alice = await newMember(server, 'dmu');
      await alice.c.fail('rooms:dm', { userId: newClientId() }, 'not_found');
    });
  });

  describe('rooms:join', () => {
    it('joins a channel: member list grows, members get room:updated, messages start to arrive', async () => {
      const [alice, bob] = await newMembers(server, 2, 'jn');
      const channel = await createRoom(alice!.c, 'channel');
      const { room } = await bob!.c.ok('rooms:join', { roomId: channel.id });
      expect(room.id).toBe(channel.id);
      expect(sorted(room.memberIds)).toEqual(sorted([alice!.user.id, bob!.user.id]));
      const pushed = await alice!.c.waitFor('room:updated', (r) => r.id === channel.id && r.memberIds.includes(bob!.user.id));
      expect(pushed.memberIds).toHaveLength(2);
      const msg = await send(alice!.c, channel.id, 'welcome bob');
      await bob!.c.waitFor('message:new', (m) => m.id === msg.id);
      expect(idsOf((await bob!.c.ok('rooms:list', {})).rooms)).toContain(channel.id);
    });

    it('joining twice is harmless', async () => {
      const [alice, bob] = await newMembers(server, 2, 'jn2');
      const channel = await createRoom(alice!.c, 'channel');
      await bob!.c.ok('rooms:join', { roomId: channel.id });
      const { room } = await bob!.c.ok('rooms:join', { roomId: channel.id });
      expect(room.memberIds.filter((id) => id === bob!.user.id)).toHaveLength(1);
    });

    it('a group or a dm cannot be joined: forbidden, and nothing changes', async () => {
      const [alice, bob, eve] = await newMembers(server, 3, 'jnf');
      const group = await createRoom(alice!.c, 'group');
      const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
      await eve!.c.fail('rooms:join', { roomId: group.id }, 'forbidden');
      await eve!.c.fail('rooms:join', { roomId: dm.id }, 'forbidden');
      const list = await alice!.c.ok('rooms:list', {});
      expect(list.rooms.find((r) => r.id === group.id)?.memberIds).toEqual([alice!.user.id]);
      expect(list.rooms.find((r) => r.id === dm.id)?.memberIds).not.toContain(eve!.user.id);
      await eve!.c.fail('messages:send', { roomId: group.id, clientId: newClientId(), body: 'x' }, 'forbidden');
    });

    it('an unknown room is not_found', async () => {
      const alice = await newMember(server, 'jnu');
      await alice.c.fail('rooms:join', { roomId: newClientId() }, 'not_found');
    });
  });

  describe('rooms:leave', () => {
    it('room:removed goes to every device of the leaver, room:updated to the others', async () => {
      const [alice, bob] = await newMembers(server, 2, 'lv');
      const bob2 = await connectUser(server, bob!);
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await bob2.waitFor('room:updated', (r) => r.id === group.id);
      const res = await bob!.c.ok('rooms:leave', { roomId: group.id });
      expect(res).toEqual({});
      await bob!.c.waitFor('room:removed', (p) => p.roomId === group.id);
      await bob2.waitFor('room:removed', (p) => p.roomId === group.id);
      const upd = await alice!.c.waitFor('room:updated', (r) => r.id === group.id && !r.memberIds.includes(bob!.user.id));
      expect(upd.memberIds).toEqual([alice!.user.id]);
      expect(idsOf((await bob!.c.ok('rooms:list', {})).rooms)).not.toContain(group.id);
    });

    it('after leaving, no more pushes and room events are forbidden', async () => {
      const [alice, bob] = await newMembers(server, 2, 'lv2');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await bob!.c.ok('rooms:leave', { roomId: group.id });
      const msg = await send(alice!.c, group.id, 'bob is gone');
      await expectNoPush(bob!.c, 'message:new', (m) => m.id === msg.id);
      await bob!.c.fail('messages:send', { roomId: group.id, clientId: newClientId(), body: 'back?' }, 'forbidden');
      await bob!.c.fail('messages:history', { roomId: group.id }, 'forbidden');
      await bob!.c.fail('rooms:leave', { roomId: group.id }, 'forbidden');
      await bob!.c.fail('rooms:join', { roomId: group.id }, 'forbidden');
    });

    it('a channel can be left and joined again', async () => {
      const [alice, bob] = await newMembers(server, 2, 'lv3');
      const channel = await createRoom(alice!.c, 'channel', [bob!]);
      await bob!.c.ok('rooms:leave', { roomId: channel.id });
      const { room } = await bob!.c.ok('rooms:join', { roomId: channel.id });
      expect(room.memberIds).toContain(bob!.user.id);
    });

    it('an unknown room is not_found', async () => {
      const alice = await newMember(server, 'lvu');
      await alice.c.fail('rooms:leave', { roomId: newClientId() }, 'not_found');
    });
  });

  describe('rooms:invite', () => {
    it('a member invites: invitee gets room:updated, sees the room and gets its messages at once', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'inv');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      const { room } = await bob!.c.ok('rooms:invite', { roomId: group.id, userIds: [carol!.user.id] });
      expect(sorted(room.memberIds)).toEqual(sorted([alice!.user.id, bob!.user.id, carol!.user.id]));
      await carol!.c.waitFor('room:updated', (r) => r.id === group.id);
      await alice!.c.waitFor('room:updated', (r) => r.id === group.id && r.memberIds.includes(carol!.user.id));
      expect(idsOf((await carol!.c.ok('rooms:list', {})).rooms)).toContain(group.id);
      const msg = await send(alice!.c, group.id, 'hello carol');
      await carol!.c.waitFor('message:new', (m) => m.id === msg.id);
    });

    it('inviting someone already a member keeps one membership', async () => {
      const [alice, bob] = await newMembers(server, 2, 'inv2');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      const { room } = await alice!.c.ok('rooms:invite', { roomId: group.id, userIds: [bob!.user.id] });
      expect(room.memberIds.filter((id) => id === bob!.user.id)).toHaveLength(1);
      expect(room.memberIds).toHaveLength(2);
    });

    it('a non-member cannot invite (forbidden), not even to a channel', async () => {
      const [alice, eve, mallory] = await newMembers(server, 3, 'invf');
      const group = await createRoom(alice!.c, 'group');
      const channel = await createRoom(alice!.c, 'channel');
      await eve!.c.fail('rooms:invite', { roomId: group.id, userIds: [eve!.user.id] }, 'forbidden');
      await eve!.c.fail('rooms:invite', { roomId: channel.id, userIds: [mallory!.user.id] }, 'forbidden');
      const list = await alice!.c.ok('rooms:list', {});
      expect(list.rooms.find((r) => r.id === group.id)?.memberIds).toEqual([alice!.user.id]);
      expect(list.rooms.find((r) => r.id === channel.id)?.memberIds).toEqual([alice!.user.id]);
    });

    it('a dm cannot be invited into (forbidden)', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'invd');
      const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
      await alice!.c.fail('rooms:invite', { roomId: dm.id, userIds: [carol!.user.id] }, 'forbidden');
      const again = (await alice!.c.ok('rooms:dm', { userId: bob!.user.id })).room;
      expect(again.memberIds).toHaveLength(2);
    });

    it('an unknown room is not_found; an unknown user is refused', async () => {
      const [alice, bob] = await newMembers(server, 2, 'invu');
      await alice!.c.fail('rooms:invite', { roomId: newClientId(), userIds: [bob!.user.id] }, 'not_found');
      const group = await createRoom(alice!.c, 'group');
      const ack = await alice!.c.call('rooms:invite', { roomId: group.id, userIds: [newClientId()] });
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(['not_found', 'invalid_input']).toContain(ack.error.code);
    });
  });

  describe('rooms:update (extension)', () => {
    it('the admin renames a room and changes its topic; members get room:updated (plain members: test/server/room-roles.test.ts)', async () => {
      const [alice, bob] = await newMembers(server, 2, 'upd');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      const newName = uniqueName('renamed');
      const { room } = await alice!.c.ok('rooms:update', { roomId: group.id, name: newName, topic: 'New topic' });
      expect(room).toMatchObject({ id: group.id, name: newName, topic: 'New topic' });
      const pushed = await bob!.c.waitFor('room:updated', (r: Room) => r.id === group.id && r.name === newName);
      expect(pushed.topic).toBe('New topic');
      const listed = (await bob!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
      expect(listed?.name).toBe(newName);
    });

    it('a non-member may not update (forbidden); unknown room not_found; a dm has no name', async () => {
      const [alice, bob, eve] = await newMembers(server, 3, 'updf');
      const channel = await createRoom(alice!.c, 'channel');
      await eve!.c.fail('rooms:update', { roomId: channel.id, name: 'hijacked' }, 'forbidden');
      await alice!.c.fail('rooms:update', { roomId: newClientId(), name: 'x' }, 'not_found');
      const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
      const ack = await alice!.c.call('rooms:update', { roomId: dm.id, name: 'our dm' });
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(['forbidden', 'invalid_input']).toContain(ack.error.code);
      const listed = (await alice!.c.ok('rooms:list', {})).rooms.find((r) => r.id === channel.id);
      expect(listed?.name).toBe(channel.name);
    });
  });
});
