/**
 * Pins (PROTOCOL.md v1.1): messages:pin by any member, pushed to the room as message:updated,
 * messages:pinned latest pin first, deleted messages unpinned, the per-room cap, non-members.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINS_PER_ROOM_MAX } from '../../common/protocol';
import { closeAllClients, createRoom, expectNoPush, idsOf, newClientId, newMembers, send, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

describe.each(STORAGES)('pins (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000', RATE_LIMIT_WRITES: '2000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  async function trio(prefix: string): Promise<{ alice: Member; bob: Member; eve: Member; roomId: string }> {
    const [alice, bob, eve] = await newMembers(server, 3, prefix);
    const room = await createRoom(alice!.c, 'group', [bob!]);
    await bob!.c.waitFor('room:updated', (r) => r.id === room.id);
    return { alice: alice!, bob: bob!, eve: eve!, roomId: room.id };
  }

  it("any member pins another's message; the room gets message:updated, outsiders do not; updatedAt moves", async () => {
    const { alice, bob, eve, roomId } = await trio('pin');
    const m = await send(alice.c, roomId, 'pin me');
    const before = Date.now();
    const { message } = await bob.c.ok('messages:pin', { messageId: m.id, pinned: true });
    expect(message).toMatchObject({ id: m.id, pinnedBy: bob.user.id, body: 'pin me' });
    expect(Date.parse(message.pinnedAt!)).toBeGreaterThanOrEqual(before - 5000);
    expect(Date.parse(message.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(m.updatedAt!));
    const pushed = await alice.c.waitFor('message:updated', (u) => u.id === m.id);
    expect(pushed.pinnedBy).toBe(bob.user.id);
    await expectNoPush(eve.c, 'message:updated', (u) => u.id === m.id, 100);

    const changes = await alice.c.ok('messages:changes', { roomId, since: m.updatedAt! });
    expect(changes.messages.find((u) => u.id === m.id)?.pinnedBy).toBe(bob.user.id);

    // Pinning again changes nothing and pushes nothing.
    bob.c.clear();
    const again = await alice.c.ok('messages:pin', { messageId: m.id, pinned: true });
    expect(again.message.pinnedAt).toBe(message.pinnedAt);
    expect(again.message.pinnedBy).toBe(bob.user.id);
    await expectNoPush(bob.c, 'message:updated', (u) => u.id === m.id, 200);

    const unpinned = await alice.c.ok('messages:pin', { messageId: m.id, pinned: false });
    expect(unpinned.message).toMatchObject({ pinnedAt: null, pinnedBy: null });
    await bob.c.waitFor('message:updated', (u) => u.id === m.id && u.pinnedAt === null);
    expect((await bob.c.ok('messages:pinned', { roomId })).messages).toEqual([]);
  });

  it('messages:pinned lists the pinned messages latest pin first, replies included', async () => {
    const { alice, bob, roomId } = await trio('lst');
    const a = await send(alice.c, roomId, 'a');
    const b = await send(bob.c, roomId, 'b');
    const c = (await bob.c.ok('messages:send', { roomId, clientId: newClientId(), body: 'reply', threadRootId: a.id })).message;
    await send(alice.c, roomId, 'not pinned');
    for (const m of [b, a, c]) {
      await alice.c.ok('messages:pin', { messageId: m.id, pinned: true });
      await new Promise((r) => setTimeout(r, 5));
    }
    const { messages } = await bob.c.ok('messages:pinned', { roomId });
    expect(idsOf(messages)).toEqual([c.id, a.id, b.id]);
    expect(messages[1]?.thread?.replyCount).toBe(1);
  });

  it('a deleted message is unpinned and cannot be pinned again', async () => {
    const { alice, bob, roomId } = await trio('del');
    const m = await send(alice.c, roomId, 'soon gone');
    await bob.c.ok('messages:pin', { messageId: m.id, pinned: true });
    const { message } = await alice.c.ok('messages:delete', { messageId: m.id });
    expect(message).toMatchObject({ pinnedAt: null, pinnedBy: null });
    expect((await bob.c.ok('messages:pinned', { roomId })).messages).toEqual([]);
    await bob.c.fail('messages:pin', { messageId: m.id, pinned: true }, 'conflict');
  });

  it('errors: unknown message not_found, non-member forbidden (both events), bad payload invalid_input', async () => {
    const { alice, eve, roomId } = await trio('err');
    const m = await send(alice.c, roomId, 'x');
    await alice.c.fail('messages:pin', { messageId: newClientId(), pinned: true }, 'not_found');
    await eve.c.fail('messages:pin', { messageId: m.id, pinned: true }, 'forbidden');
    await eve.c.fail('messages:pinned', { roomId }, 'forbidden');
    await alice.c.fail('messages:pinned', { roomId: newClientId() }, 'not_found');
    await alice.c.failRaw('messages:pin', { messageId: m.id }, 'invalid_input');
    await alice.c.failRaw('messages:pin', { messageId: 'nope', pinned: true }, 'invalid_input');
    expect((await alice.c.ok('messages:pinned', { roomId })).messages).toEqual([]);
  });

  it(`a room holds at most ${PINS_PER_ROOM_MAX} pins (too_large past it), also when pinned concurrently`, async () => {
    const { alice, bob, roomId } = await trio('cap');
    const sent = await Promise.all(Array.from({ length: PINS_PER_ROOM_MAX + 5 }, (_, i) => send(i % 2 ? alice.c : bob.c, roomId, `m${i}`)));
    const acks = await Promise.all(sent.map((m, i) => (i % 2 ? alice.c : bob.c).call('messages:pin', { messageId: m.id, pinned: true })));
    expect(acks.filter((a) => a.ok).length).toBe(PINS_PER_ROOM_MAX);
    for (const a of acks.filter((x) => !x.ok)) expect(a.ok === false && a.error.code).toBe('too_large');
    expect((await alice.c.ok('messages:pinned', { roomId })).messages).toHaveLength(PINS_PER_ROOM_MAX);
  });
});
