/**
 * Threads (PROTOCOL.md v1.1): replies through messages:send with threadRootId, the root's stored
 * summary pushed as message:updated, history with and without threadRootId, replies in sync and
 * changes, the summary after a reply is deleted, and contiguous seqs under concurrent replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../common/protocol';
import {
  closeAllClients,
  connectUser,
  createRoom,
  expectNoPush,
  idsOf,
  newClientId,
  newMembers,
  range,
  send,
  seqsOf,
  syncAll,
  type Member,
  type ProtocolClient,
} from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

const reply = async (c: ProtocolClient, roomId: string, threadRootId: string, body: string): Promise<Message> =>
  (await c.ok('messages:send', { roomId, clientId: newClientId(), body, threadRootId })).message;

describe.each(STORAGES)('threads (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000', RATE_LIMIT_WRITES: '2000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  /** alice, bob and carol in a fresh group; eve connected but outside. */
  async function team(prefix: string): Promise<{ alice: Member; bob: Member; carol: Member; eve: Member; roomId: string }> {
    const [alice, bob, carol, eve] = await newMembers(server, 4, prefix);
    const room = await createRoom(alice!.c, 'group', [bob!, carol!]);
    await bob!.c.waitFor('room:updated', (r) => r.id === room.id);
    await carol!.c.waitFor('room:updated', (r) => r.id === room.id);
    return { alice: alice!, bob: bob!, carol: carol!, eve: eve!, roomId: room.id };
  }

  it('a reply takes the next seq, is pushed as message:new, and the root summary is pushed as message:updated', async () => {
    const { alice, bob, carol, eve, roomId } = await team('thr');
    const root = await send(alice.c, roomId, 'root');
    expect(root).toMatchObject({ threadRootId: null, thread: null, pinnedAt: null, pinnedBy: null });

    const first = await reply(bob.c, roomId, root.id, 'first reply');
    expect(first).toMatchObject({ seq: root.seq + 1, threadRootId: root.id, thread: null });
    for (const c of [alice.c, carol.c]) {
      await c.waitFor('message:new', (m) => m.id === first.id);
      const updated = await c.waitFor('message:updated', (m) => m.id === root.id);
      expect(updated.thread).toEqual({ replyCount: 1, lastReplyAt: first.createdAt, participantIds: [alice.user.id, bob.user.id] });
      expect(Date.parse(updated.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(root.updatedAt!));
    }

    const second = await reply(carol.c, roomId, root.id, 'second');
    const third = await reply(bob.c, roomId, root.id, 'third');
    const fourth = await reply(alice.c, roomId, root.id, 'fourth');
    expect(seqsOf([second, third, fourth])).toEqual([root.seq + 2, root.seq + 3, root.seq + 4]);
    const last = await alice.c.waitFor('message:updated', (m) => m.id === root.id && m.thread?.replyCount === 4);
    // Order of first participation, each once; the root's sender first.
    expect(last.thread).toEqual({ replyCount: 4, lastReplyAt: fourth.createdAt, participantIds: [alice.user.id, bob.user.id, carol.user.id] });
    await expectNoPush(eve.c, 'message:new', (m) => m.roomId === roomId, 100);
    expect(eve.c.events('message:updated', (m) => m.roomId === roomId)).toEqual([]);

    // Replies count in the room's unread count like any message.
    const view = (await carol.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId);
    expect(view?.lastSeq).toBe(fourth.seq);
    expect(view?.unreadCount).toBe(4); // root, first, third, fourth: carol's own reply is not unread
  });

  it('refuses a root that is missing, deleted, a reply, or in another room, with invalid_input and no seq used', async () => {
    const { alice, bob, roomId } = await team('bad');
    const other = await createRoom(alice.c, 'group', [bob]);
    const root = await send(alice.c, roomId, 'root');
    const child = await reply(bob.c, roomId, root.id, 'child');
    const elsewhere = await send(alice.c, other.id, 'other room');
    const gone = await send(alice.c, roomId, 'to delete');
    await alice.c.ok('messages:delete', { messageId: gone.id });

    for (const threadRootId of [newClientId(), gone.id, child.id, elsewhere.id]) {
      const error = await bob.c.fail('messages:send', { roomId, clientId: newClientId(), body: 'no', threadRootId }, 'invalid_input');
      expect(error.message).toMatch(/threadRootId/);
    }
    const next = await send(alice.c, roomId, 'after refusals');
    expect(next.seq).toBe(gone.seq + 1);
    expect((await alice.c.ok('messages:history', { roomId, threadRootId: root.id })).messages.map((m) => m.body)).toEqual(['child']);
  });

  it('a non-member gets forbidden for a reply and for thread history, as for any message', async () => {
    const { alice, eve, roomId } = await team('out');
    const root = await send(alice.c, roomId, 'root');
    await eve.c.fail('messages:send', { roomId, clientId: newClientId(), body: 'hi', threadRootId: root.id }, 'forbidden');
    await eve.c.fail('messages:history', { roomId, threadRootId: root.id }, 'forbidden');
    await alice.c.fail('messages:history', { roomId, threadRootId: newClientId() }, 'not_found');
  });

  it('a resend of a reply returns the stored reply without counting it twice', async () => {
    const { alice, bob, roomId } = await team('res');
    const root = await send(alice.c, roomId, 'root');
    const clientId = newClientId();
    const a = await bob.c.ok('messages:send', { roomId, clientId, body: 'once', threadRootId: root.id });
    const b = await bob.c.ok('messages:send', { roomId, clientId, body: 'once', threadRootId: root.id });
    expect(b.message.id).toBe(a.message.id);
    const [stored] = (await alice.c.ok('messages:history', { roomId })).messages.filter((m) => m.id === root.id);
    expect(stored?.thread?.replyCount).toBe(1);
  });

  it('history without threadRootId pages top-level messages only; with it, the thread replies with the same paging', async () => {
    const { alice, bob, roomId } = await team('his');
    const top: Message[] = [];
    const replies: Message[] = [];
    const root = await send(alice.c, roomId, 'root');
    top.push(root);
    for (let i = 0; i < 5; i++) {
      replies.push(await reply(bob.c, roomId, root.id, `r${i}`));
      top.push(await send(alice.c, roomId, `t${i}`));
    }
    const all = await alice.c.ok('messages:history', { roomId, limit: 100 });
    expect(idsOf(all.messages)).toEqual(idsOf(top));
    expect(all.hasMore).toBe(false);
    expect(all.messages[0]?.thread?.replyCount).toBe(5);

    const newest = await alice.c.ok('messages:history', { roomId, limit: 2 });
    expect(idsOf(newest.messages)).toEqual(idsOf(top.slice(-2)));
    expect(newest.hasMore).toBe(true);

    const thread = await alice.c.ok('messages:history', { roomId, threadRootId: root.id, limit: 3 });
    expect(idsOf(thread.messages)).toEqual(idsOf(replies.slice(-3)));
    expect(thread.hasMore).toBe(true);
    const older = await alice.c.ok('messages:history', { roomId, threadRootId: root.id, limit: 3, before: thread.messages[0]!.seq });
    expect(idsOf(older.messages)).toEqual(idsOf(replies.slice(0, 2)));
    expect(older.hasMore).toBe(false);
  });

  it('messages:sync and messages:changes carry replies like any message, and changes carry the root with its summary', async () => {
    const { alice, bob, roomId } = await team('syn');
    const root = await send(alice.c, roomId, 'root');
    const since = root.updatedAt!;
    const r1 = await reply(bob.c, roomId, root.id, 'one');
    const plain = await send(alice.c, roomId, 'plain');
    const synced = await syncAll(alice.c, roomId);
    expect(idsOf(synced)).toEqual([root.id, r1.id, plain.id]);
    expect(synced[1]?.threadRootId).toBe(root.id);
    expect(synced[0]?.thread?.replyCount).toBe(1);

    const changes = await alice.c.ok('messages:changes', { roomId, since });
    const rootChange = changes.messages.find((m) => m.id === root.id);
    expect(rootChange?.thread).toEqual({ replyCount: 1, lastReplyAt: r1.createdAt, participantIds: [alice.user.id, bob.user.id] });
    expect(idsOf(changes.messages)).toEqual(expect.arrayContaining([r1.id, plain.id]));
  });

  it('deleting a reply updates the summary (count, last reply, participants) and pushes the root; the last one clears it', async () => {
    const { alice, bob, carol, roomId } = await team('del');
    const root = await send(alice.c, roomId, 'root');
    const b1 = await reply(bob.c, roomId, root.id, 'bob 1');
    const c1 = await reply(carol.c, roomId, root.id, 'carol 1');
    const b2 = await reply(bob.c, roomId, root.id, 'bob 2');
    await alice.c.waitFor('message:updated', (m) => m.id === root.id && m.thread?.replyCount === 3);
    alice.c.clear();

    await bob.c.ok('messages:delete', { messageId: b2.id });
    const afterB2 = await alice.c.waitFor('message:updated', (m) => m.id === root.id);
    expect(afterB2.thread).toEqual({ replyCount: 2, lastReplyAt: c1.createdAt, participantIds: [alice.user.id, bob.user.id, carol.user.id] });
    await alice.c.waitFor('message:updated', (m) => m.id === b2.id && m.deletedAt !== null);

    alice.c.clear();
    await bob.c.ok('messages:delete', { messageId: b1.id });
    const afterB1 = await alice.c.waitFor('message:updated', (m) => m.id === root.id);
    expect(afterB1.thread).toEqual({ replyCount: 1, lastReplyAt: c1.createdAt, participantIds: [alice.user.id, carol.user.id] });

    alice.c.clear();
    await carol.c.ok('messages:delete', { messageId: c1.id });
    const cleared = await alice.c.waitFor('message:updated', (m) => m.id === root.id);
    expect(cleared.thread).toBeNull();
    const stored = (await alice.c.ok('messages:history', { roomId })).messages.find((m) => m.id === root.id);
    expect(stored?.thread).toBeNull();

    // A deleted root keeps its replies' summary and refuses new replies.
    const r = await reply(bob.c, roomId, root.id, 'again');
    await alice.c.ok('messages:delete', { messageId: root.id });
    const tomb = (await bob.c.ok('messages:history', { roomId })).messages.find((m) => m.id === root.id);
    expect(tomb).toMatchObject({ body: '', thread: { replyCount: 1, lastReplyAt: r.createdAt } });
    await bob.c.fail('messages:send', { roomId, clientId: newClientId(), body: 'late', threadRootId: root.id }, 'invalid_input');
  });

  it('concurrent replies from many devices keep contiguous seqs and an exact summary', async () => {
    const { alice, bob, carol, roomId } = await team('con');
    const root = await send(alice.c, roomId, 'root');
    const devices = [alice.c, bob.c, carol.c, await connectUser(server, bob), await connectUser(server, carol)];
    const perDevice = 12;
    const sent = await Promise.all(
      devices.flatMap((c, d) =>
        Array.from({ length: perDevice }, (_, i) => (i % 3 === 0 ? send(c, roomId, `plain ${d}.${i}`) : reply(c, roomId, root.id, `reply ${d}.${i}`))),
      ),
    );
    const total = devices.length * perDevice;
    expect(seqsOf(sent).sort((a, b) => a - b)).toEqual(range(root.seq + 1, root.seq + total));
    const replies = sent.filter((m) => m.threadRootId === root.id);
    const synced = await syncAll(alice.c, roomId);
    expect(seqsOf(synced)).toEqual(range(1, root.seq + total));
    const storedRoot = synced.find((m) => m.id === root.id);
    expect(storedRoot?.thread?.replyCount).toBe(replies.length);
    const bySeq = [...replies].sort((a, b) => a.seq - b.seq);
    const firstBy = [...new Set(bySeq.map((m) => m.senderId))];
    expect(storedRoot?.thread?.participantIds).toEqual([alice.user.id, ...firstBy.filter((id) => id !== alice.user.id)]);
    expect(storedRoot?.thread?.lastReplyAt).toBe(bySeq.at(-1)?.createdAt);
    // The last summary pushed is the stored one.
    await alice.c.waitFor('message:updated', (m) => m.id === root.id && m.thread?.replyCount === replies.length);
  });
});
