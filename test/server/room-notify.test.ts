/**
 * rooms:notify (PROTOCOL.md v1.1): a member's own notification level, carried in every Room the
 * server returns to that user; the caller's other devices get room:updated, nobody else does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllClients, connectUser, createRoom, expectNoPush, newClientId, newMembers, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

describe.each(STORAGES)('rooms:notify (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage);
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  async function trio(prefix: string): Promise<{ alice: Member; bob: Member; eve: Member; roomId: string }> {
    const [alice, bob, eve] = await newMembers(server, 3, prefix);
    const room = await createRoom(alice!.c, 'channel', [bob!]);
    await bob!.c.waitFor('room:updated', (r) => r.id === room.id);
    return { alice: alice!, bob: bob!, eve: eve!, roomId: room.id };
  }

  it("defaults to 'all' in every room view a member gets", async () => {
    const { alice, bob, roomId } = await trio('def');
    expect((await alice.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId)?.notify).toBe('all');
    expect(bob.c.events('room:updated', (r) => r.id === roomId)[0]?.notify).toBe('all');
    const dm = await alice.c.ok('rooms:dm', { userId: bob.user.id });
    expect(dm.room.notify).toBe('all');
  });

  it("sets the caller's level only; the caller's second device gets room:updated, the same device and other members do not", async () => {
    const { alice, bob, roomId } = await trio('set');
    const alice2 = await connectUser(server, alice);
    alice.c.clear();
    bob.c.clear();
    const { room } = await alice.c.ok('rooms:notify', { roomId, level: 'mentions' });
    expect(room).toMatchObject({ id: roomId, notify: 'mentions' });
    const pushed = await alice2.waitFor('room:updated', (r) => r.id === roomId);
    expect(pushed.notify).toBe('mentions');
    await expectNoPush(alice.c, 'room:updated', (r) => r.id === roomId, 150);
    await expectNoPush(bob.c, 'room:updated', (r) => r.id === roomId, 150);

    // Every room the server returns to alice carries her level; bob keeps his.
    expect((await alice2.ok('rooms:list', {})).rooms.find((r) => r.id === roomId)?.notify).toBe('mentions');
    expect((await bob.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId)?.notify).toBe('all');
    const browsed = (await alice.c.ok('rooms:browse', { limit: 500 })).rooms.find((r) => r.id === roomId);
    expect(browsed?.notify).toBe('mentions');

    // A change pushed to all members (a rename) shows each member their own level.
    alice.c.clear();
    bob.c.clear();
    await alice.c.ok('rooms:update', { roomId, topic: 'new topic' });
    expect((await bob.c.waitFor('room:updated', (r) => r.id === roomId && r.topic === 'new topic')).notify).toBe('all');
    expect((await alice2.waitFor('room:updated', (r) => r.id === roomId && r.topic === 'new topic')).notify).toBe('mentions');

    const none = await alice2.ok('rooms:notify', { roomId, level: 'none' });
    expect(none.room.notify).toBe('none');
    expect((await alice.c.waitFor('room:updated', (r) => r.id === roomId && r.notify === 'none')).id).toBe(roomId);
  });

  it('errors: non-member forbidden, unknown room not_found, unknown level invalid_input; browse omits it for non-members', async () => {
    const { alice, eve, roomId } = await trio('err');
    await eve.c.fail('rooms:notify', { roomId, level: 'none' }, 'forbidden');
    await alice.c.fail('rooms:notify', { roomId: newClientId(), level: 'none' }, 'not_found');
    await alice.c.failRaw('rooms:notify', { roomId, level: 'loud' }, 'invalid_input');
    await alice.c.failRaw('rooms:notify', { roomId }, 'invalid_input');
    const browsed = (await eve.c.ok('rooms:browse', { limit: 500 })).rooms.find((r) => r.id === roomId);
    expect(browsed).toBeDefined();
    expect(browsed?.notify).toBeUndefined();
  });

  it("a member who leaves and rejoins starts again at 'all'", async () => {
    const { alice, bob, roomId } = await trio('rej');
    await bob.c.ok('rooms:notify', { roomId, level: 'none' });
    await bob.c.ok('rooms:leave', { roomId });
    const { room } = await bob.c.ok('rooms:join', { roomId });
    expect(room.notify).toBe('all');
    expect((await alice.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId)?.notify).toBe('all');
  });
});
