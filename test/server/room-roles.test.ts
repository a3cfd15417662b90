import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '../../common/protocol';
import { closeAllClients, connectUser, createRoom, expectNoPush, newClientId, newMember, newMembers, send } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe.each(STORAGES)('room admins: rooms:update, rooms:remove, rooms:role (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('the creator of a channel or group is its only admin; a DM has none', async () => {
    const [alice, bob] = await newMembers(server, 2, 'adm');
    const group = await createRoom(alice!.c, 'group', [bob!]);
    expect(group.adminIds).toEqual([alice!.user.id]);
    const pushed = await bob!.c.waitFor('room:updated', (r) => r.id === group.id);
    expect(pushed.adminIds).toEqual([alice!.user.id]);
    const channel = await createRoom(bob!.c, 'channel');
    expect(channel.adminIds).toEqual([bob!.user.id]);
    const { room: joined } = await alice!.c.ok('rooms:join', { roomId: channel.id });
    expect(joined.adminIds).toEqual([bob!.user.id]);
    const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
    expect(dm.adminIds).toEqual([]);
    const listed = (await bob!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
    expect(listed?.adminIds).toEqual([alice!.user.id]);
  });

  describe('rooms:update', () => {
    it('a member who is not an admin cannot rename or change the topic: forbidden, nothing changes', async () => {
      const [alice, bob] = await newMembers(server, 2, 'ren');
      const group = await createRoom(alice!.c, 'group', [bob!], 'before');
      await bob!.c.fail('rooms:update', { roomId: group.id, name: 'after' }, 'forbidden');
      await bob!.c.fail('rooms:update', { roomId: group.id, topic: 'new topic' }, 'forbidden');
      const listed = (await alice!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
      expect(listed).toMatchObject({ name: 'before', topic: null });
      await expectNoPush(alice!.c, 'room:updated', (r) => r.id === group.id && r.name !== 'before', 200);
    });

    it('an admin renames it; every member gets room:updated', async () => {
      const [alice, bob] = await newMembers(server, 2, 'ren2');
      const group = await createRoom(alice!.c, 'group', [bob!], 'before');
      const { room } = await alice!.c.ok('rooms:update', { roomId: group.id, name: 'after', topic: 'Topic' });
      expect(room).toMatchObject({ name: 'after', topic: 'Topic', adminIds: [alice!.user.id] });
      const pushed = await bob!.c.waitFor('room:updated', (r) => r.id === group.id && r.name === 'after');
      expect(pushed.topic).toBe('Topic');
    });

    it('a member made admin may rename it', async () => {
      const [alice, bob] = await newMembers(server, 2, 'ren3');
      const channel = await createRoom(alice!.c, 'channel', [bob!]);
      await alice!.c.ok('rooms:role', { roomId: channel.id, userId: bob!.user.id, role: 'admin' });
      const { room } = await bob!.c.ok('rooms:update', { roomId: channel.id, name: 'renamed by bob' });
      expect(room.name).toBe('renamed by bob');
    });
  });

  describe('rooms:remove', () => {
    it('removes a member: room:removed on all of their devices, room:updated to the others, and they stop getting messages', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'rm');
      const bobSecond = await connectUser(server, bob!);
      const group = await createRoom(alice!.c, 'group', [bob!, carol!]);
      await bob!.c.waitFor('room:updated', (r) => r.id === group.id);
      await bobSecond.waitFor('room:updated', (r) => r.id === group.id);

      const { room } = await alice!.c.ok('rooms:remove', { roomId: group.id, userId: bob!.user.id });
      expect(sorted(room.memberIds)).toEqual(sorted([alice!.user.id, carol!.user.id]));
      for (const device of [bob!.c, bobSecond]) await device.waitFor('room:removed', (p) => p.roomId === group.id);
      const seenByCarol = await carol!.c.waitFor('room:updated', (r) => r.id === group.id && !r.memberIds.includes(bob!.user.id));
      expect(sorted(seenByCarol.memberIds)).toEqual(sorted(room.memberIds));

      // Removed for real: no more pushes, no reads, no sends, not listed.
      const message = await send(alice!.c, group.id, 'after bob left');
      await carol!.c.waitFor('message:new', (m) => m.id === message.id);
      await expectNoPush(bob!.c, 'message:new', (m) => m.roomId === group.id, 300);
      await bob!.c.fail('messages:history', { roomId: group.id }, 'forbidden');
      await bob!.c.fail('messages:send', { roomId: group.id, clientId: newClientId(), body: 'still here?' }, 'forbidden');
      expect((await bob!.c.ok('rooms:list', {})).rooms.map((r) => r.id)).not.toContain(group.id);
    });

    it('only admins may remove: a plain member gets forbidden and nobody is removed', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'rm2');
      const group = await createRoom(alice!.c, 'group', [bob!, carol!]);
      await bob!.c.fail('rooms:remove', { roomId: group.id, userId: carol!.user.id }, 'forbidden');
      await bob!.c.fail('rooms:remove', { roomId: group.id, userId: alice!.user.id }, 'forbidden');
      const listed = (await alice!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
      expect(listed?.memberIds).toHaveLength(3);
      await expectNoPush(carol!.c, 'room:removed', (p) => p.roomId === group.id, 200);
    });

    it('an admin may remove another admin; removing oneself is rooms:leave (invalid_input)', async () => {
      const [alice, bob] = await newMembers(server, 2, 'rm3');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await alice!.c.ok('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'admin' });
      const { room } = await bob!.c.ok('rooms:remove', { roomId: group.id, userId: alice!.user.id });
      expect(room).toMatchObject({ memberIds: [bob!.user.id], adminIds: [bob!.user.id] });
      await alice!.c.waitFor('room:removed', (p) => p.roomId === group.id);
      await bob!.c.fail('rooms:remove', { roomId: group.id, userId: bob!.user.id }, 'invalid_input');
    });

    it('DMs refuse it; non-members, unknown rooms and users who are not members are refused', async () => {
      const [alice, bob, eve] = await newMembers(server, 3, 'rm4');
      const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
      await alice!.c.fail('rooms:remove', { roomId: dm.id, userId: bob!.user.id }, 'forbidden');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await eve!.c.fail('rooms:remove', { roomId: group.id, userId: bob!.user.id }, 'forbidden');
      await alice!.c.fail('rooms:remove', { roomId: newClientId(), userId: bob!.user.id }, 'not_found');
      await alice!.c.fail('rooms:remove', { roomId: group.id, userId: eve!.user.id }, 'not_found');
      await alice!.c.failRaw('rooms:remove', { roomId: group.id }, 'invalid_input');
      await alice!.c.failRaw('rooms:remove', { roomId: group.id, userId: 'bob' }, 'invalid_input');
      const listed = (await bob!.c.ok('rooms:list', {})).rooms.map((r) => r.id);
      expect(listed).toEqual(expect.arrayContaining([dm.id, group.id]));
    });
  });

  describe('rooms:role', () => {
    it('promotes and demotes; every member sees adminIds change', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'role');
      const group = await createRoom(alice!.c, 'group', [bob!, carol!]);
      const { room } = await alice!.c.ok('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'admin' });
      expect(sorted(room.adminIds ?? [])).toEqual(sorted([alice!.user.id, bob!.user.id]));
      await carol!.c.waitFor('room:updated', (r: Room) => r.id === group.id && (r.adminIds ?? []).includes(bob!.user.id));
      // The new admin may demote the creator.
      const { room: after } = await bob!.c.ok('rooms:role', { roomId: group.id, userId: alice!.user.id, role: 'member' });
      expect(after.adminIds).toEqual([bob!.user.id]);
      await alice!.c.fail('rooms:update', { roomId: group.id, name: 'no longer mine' }, 'forbidden');
      // Setting the role someone already has changes nothing.
      const { room: same } = await bob!.c.ok('rooms:role', { roomId: group.id, userId: carol!.user.id, role: 'member' });
      expect(same.adminIds).toEqual([bob!.user.id]);
    });

    it('a room keeps at least one admin: the last admin cannot step down (invalid_input)', async () => {
      const [alice, bob] = await newMembers(server, 2, 'last');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await alice!.c.fail('rooms:role', { roomId: group.id, userId: alice!.user.id, role: 'member' }, 'invalid_input');
      const listed = (await alice!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
      expect(listed?.adminIds).toEqual([alice!.user.id]);
      // With a second admin, stepping down works.
      await alice!.c.ok('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'admin' });
      const { room } = await alice!.c.ok('rooms:role', { roomId: group.id, userId: alice!.user.id, role: 'member' });
      expect(room.adminIds).toEqual([bob!.user.id]);
    });

    it('two admins demoting each other at once leave one admin', async () => {
      const [alice, bob] = await newMembers(server, 2, 'race');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await alice!.c.ok('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'admin' });
      const acks = await Promise.all([
        alice!.c.call('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'member' }),
        bob!.c.call('rooms:role', { roomId: group.id, userId: alice!.user.id, role: 'member' }),
      ]);
      expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
      const listed = (await alice!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
      expect(listed?.adminIds).toHaveLength(1);
    });

    it('when the last admin leaves, the longest-standing member becomes admin', async () => {
      const [alice, bob, carol] = await newMembers(server, 3, 'hand');
      const channel = await createRoom(alice!.c, 'channel');
      await bob!.c.ok('rooms:join', { roomId: channel.id });
      await carol!.c.ok('rooms:join', { roomId: channel.id });
      await alice!.c.ok('rooms:leave', { roomId: channel.id });
      const seen = await carol!.c.waitFor('room:updated', (r) => r.id === channel.id && !r.memberIds.includes(alice!.user.id));
      expect(seen.adminIds).toEqual([bob!.user.id]);
    });

    it('plain members, DMs, non-members, non-member targets and bad roles are refused', async () => {
      const [alice, bob, eve] = await newMembers(server, 3, 'role2');
      const group = await createRoom(alice!.c, 'group', [bob!]);
      await bob!.c.fail('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'admin' }, 'forbidden');
      await eve!.c.fail('rooms:role', { roomId: group.id, userId: eve!.user.id, role: 'admin' }, 'forbidden');
      await alice!.c.fail('rooms:role', { roomId: group.id, userId: eve!.user.id, role: 'admin' }, 'not_found');
      await alice!.c.fail('rooms:role', { roomId: newClientId(), userId: bob!.user.id, role: 'admin' }, 'not_found');
      await alice!.c.failRaw('rooms:role', { roomId: group.id, userId: bob!.user.id, role: 'owner' }, 'invalid_input');
      const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });
      await alice!.c.fail('rooms:role', { roomId: dm.id, userId: bob!.user.id, role: 'admin' }, 'forbidden');
      const listed = (await alice!.c.ok('rooms:list', {})).rooms.find((r) => r.id === group.id);
      expect(listed?.adminIds).toEqual([alice!.user.id]);
    });
  });

  it('rooms:invite stays open to every member of a channel or group', async () => {
    const [alice, bob, carol] = await newMembers(server, 3, 'inv');
    const group = await createRoom(alice!.c, 'group', [bob!]);
    const { room } = await bob!.c.ok('rooms:invite', { roomId: group.id, userIds: [carol!.user.id] });
    expect(room.memberIds).toContain(carol!.user.id);
    expect(room.adminIds).toEqual([alice!.user.id]);
  });

  it('a user who joins an empty channel becomes its admin', async () => {
    const alice = await newMember(server, 'empty');
    const bob = await newMember(server, 'empty');
    const channel = await createRoom(alice.c, 'channel');
    await alice.c.ok('rooms:leave', { roomId: channel.id });
    const { room } = await bob.c.ok('rooms:join', { roomId: channel.id });
    expect(room.adminIds).toEqual([bob.user.id]);
  });
});
