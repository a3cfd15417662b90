import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, MeResponseSchema, UsersResponseSchema } from '../../common/protocol';
import { closeAllClients, connectUser, createRoom, expectNoPush, http, newMember, newMembers } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

describe.each(STORAGES)('profile: users:update and user:updated (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage);
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('changes the display name: acked, stored, and pushed to room-mates and own devices, not to strangers', async () => {
    const [alice, mate, dmPartner, stranger] = await newMembers(server, 4, 'prof');
    const secondDevice = await connectUser(server, alice!);
    await createRoom(alice!.c, 'group', [mate!]);
    await alice!.c.ok('rooms:dm', { userId: dmPartner!.user.id });

    const { user } = await alice!.c.ok('users:update', { displayName: '  Alice Liddell  ' });
    expect(user).toMatchObject({ id: alice!.user.id, username: alice!.user.username, displayName: 'Alice Liddell', avatarUrl: null });

    for (const device of [alice!.c, secondDevice, mate!.c, dmPartner!.c]) {
      const pushed = await device.waitFor('user:updated', (u) => u.id === alice!.user.id);
      expect(pushed).toMatchObject({ displayName: 'Alice Liddell', username: alice!.user.username });
    }
    await expectNoPush(stranger!.c, 'user:updated', (u) => u.id === alice!.user.id);

    // Everywhere a User is read, the new name is there.
    const me = MeResponseSchema.parse((await http(server, 'GET', '/api/me', { token: alice!.token })).body);
    expect(me.user.displayName).toBe('Alice Liddell');
    const { users } = await stranger!.c.ok('users:get', { userIds: [alice!.user.id] });
    expect(users[0]?.displayName).toBe('Alice Liddell');
    const search = UsersResponseSchema.parse((await http(server, 'GET', `/api/users?query=alice%20l`, { token: stranger!.token })).body);
    expect(search.users.map((u) => u.id)).toContain(alice!.user.id);
  });

  it('a user in no room still gets it on their own devices', async () => {
    const loner = await newMember(server, 'alone');
    const second = await connectUser(server, loner);
    await loner.c.ok('users:update', { displayName: 'Only Me' });
    expect((await second.waitFor('user:updated', (u) => u.id === loner.user.id)).displayName).toBe('Only Me');
  });

  it('validation errors: empty, blank, too long, missing or extra types are invalid_input and change nothing', async () => {
    const alice = await newMember(server, 'bad');
    await alice.c.fail('users:update', { displayName: '' }, 'invalid_input');
    await alice.c.fail('users:update', { displayName: '    ' }, 'invalid_input');
    await alice.c.fail('users:update', { displayName: 'x'.repeat(DISPLAY_NAME_MAX + 1) }, 'invalid_input');
    await alice.c.failRaw('users:update', {}, 'invalid_input');
    await alice.c.failRaw('users:update', { displayName: 42 }, 'invalid_input');
    await alice.c.failRaw('users:update', 'Alice', 'invalid_input');
    const me = MeResponseSchema.parse((await http(server, 'GET', '/api/me', { token: alice.token })).body);
    expect(me.user.displayName).toBe(alice.user.displayName);
    await expectNoPush(alice.c, 'user:updated', () => true, 100);
    // The longest allowed name is fine.
    const { user } = await alice.c.ok('users:update', { displayName: 'y'.repeat(DISPLAY_NAME_MAX) });
    expect(user.displayName).toHaveLength(DISPLAY_NAME_MAX);
  });
});
