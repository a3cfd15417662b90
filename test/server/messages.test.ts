import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_BODY_MAX, type Message } from '../../common/protocol';
import {
  closeAllClients,
  connectUser,
  createRoom,
  expectNoPush,
  newClientId,
  newMember,
  newMembers,
  send,
  type Member,
  seqsOf,
} from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
/** Messages per user per 10 s on this server; no other test sends this many from one user. */
const MESSAGE_LIMIT = 15;

describe.each(STORAGES)('messages (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: String(MESSAGE_LIMIT) } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  /** alice and bob in a fresh group; eve connected but outside. */
  async function trio(prefix: string): Promise<{ alice: Member; bob: Member; eve: Member; roomId: string }> {
    const [alice, bob, eve] = await newMembers(server, 3, prefix);
    const room = await createRoom(alice!.c, 'group', [bob!]);
    await bob!.c.waitFor('room:updated', (r) => r.id === room.id);
    return { alice: alice!, bob: bob!, eve: eve!, roomId: room.id };
  }

  describe('messages:send', () => {
    it('acks the stored message with the full shape', async () => {
      const { alice, roomId } = await trio('snd');
      const clientId = newClientId();
      const before = Date.now();
      const { message } = await alice.c.ok('messages:send', { roomId, clientId, body: 'Hello **world**' });
      expect(message).toMatchObject({
        roomId,
        seq: 1,
        senderId: alice.user.id,
        clientId,
        body: 'Hello **world**',
        attachments: [],
        reactions: {},
        editedAt: null,
        deletedAt: null,
      });
      expect(Date.parse(message.createdAt)).toBeGreaterThanOrEqual(before - 5000);
      expect(Date.parse(message.createdAt)).toBeLessThanOrEqual(Date.now() + 5000);
    });

    it('numbers messages 1, 2, 3 ... per room, independently in each room', async () => {
      const { alice, bob, roomId } = await trio('seq');
      const other = await createRoom(alice.c, 'channel');
      const a = await send(alice.c, roomId, 'one');
      const b = await send(bob.c, roomId, 'two');
      const x = await send(alice.c, other.id, 'other room');
      const c = await send(alice.c, roomId, 'three');
      expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
      expect(x.seq).toBe(1);
      const listed = (await bob.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId);
      expect(listed?.lastSeq).toBe(3);
      expect(listed?.lastMessage?.id).toBe(c.id);
    });

    it("message:new reaches every member's devices, the sender's other device included, and no outsider", async () => {
      const { alice, bob, eve, roomId } = await trio('push');
      const alice2 = await connectUser(server, alice);
      const bob2 = await connectUser(server, bob);
      const msg = await send(alice.c, roomId, 'to everyone');
      for (const c of [bob.c, bob2, alice2]) {
        const got = await c.waitFor('message:new', (m) => m.id === msg.id);
        expect(got).toEqual(msg);
      }
      await expectNoPush(eve.c, 'message:new', (m) => m.roomId === roomId);
      for (const c of [bob.c, bob2, alice2, alice.c]) {
        expect(c.events('message:new', (m) => m.id === msg.id).length).toBeLessThanOrEqual(1);
        expect(c.shapeErrors).toEqual([]);
      }
    });

    it('a non-member gets forbidden and nothing is stored; an unknown room is not_found', async () => {
      const { alice, eve, roomId } = await trio('forb');
      await eve.c.fail('messages:send', { roomId, clientId: newClientId(), body: 'let me in' }, 'forbidden');
      await eve.c.fail('messages:send', { roomId: newClientId(), clientId: newClientId(), body: 'x' }, 'not_found');
      const hist = await alice.c.ok('messages:history', { roomId });
      expect(hist.messages).toHaveLength(0);
    });

    it('an empty or blank body without attachments is invalid_input', async () => {
      const { alice, roomId } = await trio('empty');
      await alice.c.fail('messages:send', { roomId, clientId: newClientId(), body: '' }, 'invalid_input');
      await alice.c.fail('messages:send', { roomId, clientId: newClientId(), body: '  \n\t ' }, 'invalid_input');
      await alice.c.fail('messages:send', { roomId, clientId: newClientId(), body: '', attachmentIds: [] }, 'invalid_input');
      expect((await alice.c.ok('messages:history', { roomId })).messages).toHaveLength(0);
    });

    it(`accepts ${MESSAGE_BODY_MAX} characters and refuses ${MESSAGE_BODY_MAX + 1}`, async () => {
      const { alice, roomId } = await trio('long');
      await alice.c.fail('messages:send', { roomId, clientId: newClientId(), body: 'x'.repeat(MESSAGE_BODY_MAX + 1) }, 'invalid_input');
      const max = await send(alice.c, roomId, 'y'.repeat(MESSAGE_BODY_MAX));
      expect(max.body).toHaveLength(MESSAGE_BODY_MAX);
      expect(max.seq).toBe(1);
      // the limit applies after trimming
      const padded = await send(alice.c, roomId, `  ${'z'.repeat(MESSAGE_BODY_MAX)}  `);
      expect(padded.body.trim()).toBe('z'.repeat(MESSAGE_BODY_MAX));
      expect(padded.seq).toBe(2);
    });

    it('keeps unicode intact', async () => {
      const { alice, bob, roomId } = await trio('uni');
      const body = "Grüße 👋🏽 — 你好 <script>alert(1)</script> '; DROP TABLE messages; --";
      const msg = await send(alice.c, roomId, body);
      expect(msg.body).toBe(body);
      const [fromHistory] = (await bob.c.ok('messages:history', { roomId })).messages;
      expect(fromHistory?.body).toBe(body);
    });

    it('a NUL character is stored or refused as invalid_input, never an internal error', async () => {
      const { alice, roomId } = await trio('nul');
      const ack = await alice.c.call('messages:send', { roomId, clientId: newClientId(), body: 'a\u0000b' });
      if (!ack.ok) expect(ack.error.code).toBe('invalid_input');
      expect((await send(alice.c, roomId, 'after nul')).seq).toBe(ack.ok ? 2 : 1);
    });
  });

  describe('idempotency', () => {
    it('resending with the same clientId returns the same message and consumes no seq', async () => {
      const { alice, bob, roomId } = await trio('idem');
      const clientId = newClientId();
      const first = await send(alice.c, roomId, 'only once', clientId);
      const again = await send(alice.c, roomId, 'only once', clientId);
      expect(again.id).toBe(first.id);
      expect(again.seq).toBe(first.seq);
      const changed = await send(alice.c, roomId, 'different body, same clientId', clientId);
      expect(changed.id).toBe(first.id);
      expect(changed.body).toBe('only once');
      const next = await send(alice.c, roomId, 'next');
      expect(next.seq).toBe(first.seq + 1);
      const hist = await bob.c.ok('messages:history', { roomId });
      expect(seqsOf(hist.messages)).toEqual([1, 2]);
      expect(hist.messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
    });

    it('concurrent resends of one clientId store a single message', async () => {
      const { alice, roomId } = await trio('idemc');
      const alice2 = await connectUser(server, alice);
      const clientId = newClientId();
      const results = await Promise.all([
        alice.c.ok('messages:send', { roomId, clientId, body: 'racy' }),
        alice2.ok('messages:send', { roomId, clientId, body: 'racy' }),
        alice.c.ok('messages:send', { roomId, clientId, body: 'racy' }),
      ]);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      const hist = await alice.c.ok('messages:history', { roomId });
      expect(hist.messages).toHaveLength(1);
      expect(hist.messages[0]?.seq).toBe(1);
    });

    it('the same clientId from another sender is another message', async () => {
      const { alice, bob, roomId } = await trio('idemo');
      const clientId = newClientId();
      const a = await send(alice.c, roomId, 'from alice', clientId);
      const b = await send(bob.c, roomId, 'from bob', clientId);
      expect(b.id).not.toBe(a.id);
      expect(b.senderId).toBe(bob.user.id);
      expect(b.body).toBe('from bob');
      expect([a.seq, b.seq]).toEqual([1, 2]);
    });
  });

  describe('history and sync', () => {
    let alice: Member;
    let bob: Member;
    let eve: Member;
    let roomId: string;
    let sent: Message[];

    beforeAll(async () => {
      ({ alice, bob, eve, roomId } = await trio('hist'));
      sent = [];
      for (let i = 1; i <= 7; i++) sent.push(await send(i % 2 ? alice.c : bob.c, roomId, `m${i}`));
    });

    it('history without before gives the newest, ascending', async () => {
      const all = await bob.c.ok('messages:history', { roomId });
      expect(seqsOf(all.messages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(all.hasMore).toBe(false);
      expect(all.messages.map((m) => m.body)).toEqual(sent.map((m) => m.body));
      const newest = await bob.c.ok('messages:history', { roomId, limit: 3 });
      expect(seqsOf(newest.messages)).toEqual([5, 6, 7]);
      expect(newest.hasMore).toBe(true);
    });

    it('history pages backwards with before', async () => {
      const p2 = await bob.c.ok('messages:history', { roomId, before: 5, limit: 3 });
      expect(seqsOf(p2.messages)).toEqual([2, 3, 4]);
      expect(p2.hasMore).toBe(true);
      const p3 = await bob.c.ok('messages:history', { roomId, before: 2, limit: 3 });
      expect(seqsOf(p3.messages)).toEqual([1]);
      expect(p3.hasMore).toBe(false);
      const exact = await bob.c.ok('messages:history', { roomId, before: 4, limit: 3 });
      expect(seqsOf(exact.messages)).toEqual([1, 2, 3]);
      expect(exact.hasMore).toBe(false);
      const none = await bob.c.ok('messages:history', { roomId, before: 1 });
      expect(none.messages).toEqual([]);
      expect(none.hasMore).toBe(false);
      const beyond = await bob.c.ok('messages:history', { roomId, before: 1000, limit: 2 });
      expect(seqsOf(beyond.messages)).toEqual([6, 7]);
    });

    it('sync pages forwards with after', async () => {
      const p1 = await bob.c.ok('messages:sync', { roomId, after: 0, limit: 3 });
      expect(seqsOf(p1.messages)).toEqual([1, 2, 3]);
      expect(p1.hasMore).toBe(true);
      const p2 = await bob.c.ok('messages:sync', { roomId, after: 3, limit: 3 });
      expect(seqsOf(p2.messages)).toEqual([4, 5, 6]);
      expect(p2.hasMore).toBe(true);
      const p3 = await bob.c.ok('messages:sync', { roomId, after: 6, limit: 3 });
      expect(seqsOf(p3.messages)).toEqual([7]);
      expect(p3.hasMore).toBe(false);
      const exact = await bob.c.ok('messages:sync', { roomId, after: 4, limit: 3 });
      expect(seqsOf(exact.messages)).toEqual([5, 6, 7]);
      expect(exact.hasMore).toBe(false);
      const none = await bob.c.ok('messages:sync', { roomId, after: 7 });
      expect(none).toEqual({ messages: [], hasMore: false });
      const all = await bob.c.ok('messages:sync', { roomId, after: 0 });
      expect(all.messages).toEqual((await bob.c.ok('messages:history', { roomId })).messages);
    });

    it('history and sync are forbidden for non-members and not_found for unknown rooms', async () => {
      await eve.c.fail('messages:history', { roomId }, 'forbidden');
      await eve.c.fail('messages:sync', { roomId, after: 0 }, 'forbidden');
      await eve.c.fail('messages:history', { roomId: newClientId() }, 'not_found');
      await eve.c.fail('messages:sync', { roomId: newClientId(), after: 0 }, 'not_found');
    });

    it('a channel member who is not yet in it may not read history before joining', async () => {
      const channel = await createRoom(alice.c, 'channel');
      await send(alice.c, channel.id, 'public words');
      await eve.c.fail('messages:history', { roomId: channel.id }, 'forbidden');
      await eve.c.ok('rooms:join', { roomId: channel.id });
      const hist = await eve.c.ok('messages:history', { roomId: channel.id });
      expect(hist.messages.map((m) => m.body)).toEqual(['public words']);
    });
  });

  describe('messages:edit and messages:delete', () => {
    it('the sender edits: new body, editedAt set, same id and seq, message:updated to members', async () => {
      const { alice, bob, roomId } = await trio('edit');
      const msg = await send(alice.c, roomId, 'typo heer');
      const { message } = await alice.c.ok('messages:edit', { messageId: msg.id, body: 'typo here' });
      expect(message).toMatchObject({ id: msg.id, seq: msg.seq, body: 'typo here', deletedAt: null, clientId: msg.clientId });
      expect(message.editedAt).not.toBeNull();
      const pushed = await bob.c.waitFor('message:updated', (m) => m.id === msg.id && m.body === 'typo here');
      expect(pushed.editedAt).not.toBeNull();
      const [stored] = (await bob.c.ok('messages:history', { roomId })).messages;
      expect(stored?.body).toBe('typo here');
    });

    it('only the sender may edit; bad input and unknown ids are refused', async () => {
      const { alice, bob, eve, roomId } = await trio('editf');
      const msg = await send(alice.c, roomId, 'mine');
      await bob.c.fail('messages:edit', { messageId: msg.id, body: 'yours now' }, 'forbidden');
      await eve.c.fail('messages:edit', { messageId: msg.id, body: 'outsider' }, 'forbidden');
      await alice.c.fail('messages:edit', { messageId: msg.id, body: '   ' }, 'invalid_input');
      await alice.c.fail('messages:edit', { messageId: msg.id, body: 'x'.repeat(MESSAGE_BODY_MAX + 1) }, 'invalid_input');
      await alice.c.fail('messages:edit', { messageId: newClientId(), body: 'ghost' }, 'not_found');
      const [stored] = (await alice.c.ok('messages:history', { roomId })).messages;
      expect(stored).toMatchObject({ body: 'mine', editedAt: null });
    });

    it('the sender deletes: a tombstone that keeps its seq, message:updated to members', async () => {
      const { alice, bob, roomId } = await trio('del');
      const m1 = await send(alice.c, roomId, 'keep');
      const m2 = await send(alice.c, roomId, 'regret');
      await alice.c.ok('messages:react', { messageId: m2.id, emoji: '👍', add: true });
      const { message } = await alice.c.ok('messages:delete', { messageId: m2.id });
      expect(message).toMatchObject({ id: m2.id, seq: 2, body: '', attachments: [] });
      expect(message.deletedAt).not.toBeNull();
      const pushed = await bob.c.waitFor('message:updated', (m) => m.id === m2.id && m.deletedAt !== null);
      expect(pushed.body).toBe('');
      const hist = await bob.c.ok('messages:history', { roomId });
      expect(seqsOf(hist.messages)).toEqual([1, 2]);
      expect(hist.messages[0]?.body).toBe(m1.body);
      expect(hist.messages[1]).toMatchObject({ id: m2.id, body: '', attachments: [] });
      expect(hist.messages[1]?.deletedAt).not.toBeNull();
      const synced = await bob.c.ok('messages:sync', { roomId, after: 1 });
      expect(synced.messages[0]?.body).toBe('');
      // the next message still gets the next seq
      expect((await send(bob.c, roomId, 'after')).seq).toBe(3);
    });

    it('only the sender may delete', async () => {
      const { alice, bob, eve, roomId } = await trio('delf');
      const msg = await send(alice.c, roomId, 'protected');
      await bob.c.fail('messages:delete', { messageId: msg.id }, 'forbidden');
      await eve.c.fail('messages:delete', { messageId: msg.id }, 'forbidden');
      await alice.c.fail('messages:delete', { messageId: newClientId() }, 'not_found');
      const [stored] = (await alice.c.ok('messages:history', { roomId })).messages;
      expect(stored).toMatchObject({ body: 'protected', deletedAt: null });
    });
  });

  describe('messages:react', () => {
    it('adds and removes reactions in reaction order; message:updated to members', async () => {
      const { alice, bob, roomId } = await trio('react');
      const msg = await send(alice.c, roomId, 'react to me');
      const r1 = await bob.c.ok('messages:react', { messageId: msg.id, emoji: '🎉', add: true });
      expect(r1.message.reactions).toEqual({ '🎉': [bob.user.id] });
      await alice.c.waitFor('message:updated', (m) => m.id === msg.id && (m.reactions['🎉'] ?? []).length === 1);
      const r2 = await alice.c.ok('messages:react', { messageId: msg.id, emoji: '🎉', add: true });
      expect(r2.message.reactions['🎉']).toEqual([bob.user.id, alice.user.id]);
      const r3 = await alice.c.ok('messages:react', { messageId: msg.id, emoji: '👀', add: true });
      expect(r3.message.reactions['👀']).toEqual([alice.user.id]);
      // adding twice is idempotent
      const r4 = await alice.c.ok('messages:react', { messageId: msg.id, emoji: '🎉', add: true });
      expect(r4.message.reactions['🎉']).toEqual([bob.user.id, alice.user.id]);
      const r5 = await bob.c.ok('messages:react', { messageId: msg.id, emoji: '🎉', add: false });
      expect(r5.message.reactions['🎉']).toEqual([alice.user.id]);
      const r6 = await alice.c.ok('messages:react', { messageId: msg.id, emoji: '🎉', add: false });
      expect(r6.message.reactions['🎉'] ?? []).toEqual([]);
      expect(r6.message.reactions['👀']).toEqual([alice.user.id]);
      // removing what is not there is harmless
      const r7 = await bob.c.ok('messages:react', { messageId: msg.id, emoji: '🍕', add: false });
      expect(r7.message.reactions['🍕'] ?? []).toEqual([]);
      await bob.c.waitFor('message:updated', (m) => m.id === msg.id && (m.reactions['🎉'] ?? []).length === 0);
      const [stored] = (await bob.c.ok('messages:history', { roomId })).messages;
      expect(stored?.reactions['👀']).toEqual([alice.user.id]);
      expect(stored?.reactions['🎉'] ?? []).toEqual([]);
    });

    it('non-members are forbidden, unknown messages not_found', async () => {
      const { alice, eve, roomId } = await trio('reactf');
      const msg = await send(alice.c, roomId, 'no outsiders');
      await eve.c.fail('messages:react', { messageId: msg.id, emoji: '😈', add: true }, 'forbidden');
      await alice.c.fail('messages:react', { messageId: newClientId(), emoji: '👍', add: true }, 'not_found');
      await alice.c.fail('messages:react', { messageId: msg.id, emoji: 'x'.repeat(33), add: true }, 'invalid_input');
      const [stored] = (await alice.c.ok('messages:history', { roomId })).messages;
      expect(stored?.reactions).toEqual({});
    });
  });

  describe('rate limit', () => {
    it(`the message after ${MESSAGE_LIMIT} in 10 s is rate_limited and not stored; others are unaffected`, async () => {
      const { alice, bob, roomId } = await trio('rate');
      for (let i = 1; i <= MESSAGE_LIMIT; i++) await send(alice.c, roomId, `burst ${i}`);
      const clientId = newClientId();
      await alice.c.fail('messages:send', { roomId, clientId, body: 'one too many' }, 'rate_limited');
      const hist = await bob.c.ok('messages:history', { roomId, limit: 100 });
      expect(hist.messages).toHaveLength(MESSAGE_LIMIT);
      expect(hist.messages.some((m) => m.body === 'one too many')).toBe(false);
      // bob has his own budget, and the refused message consumed no seq
      const fromBob = await send(bob.c, roomId, 'bob still can');
      expect(fromBob.seq).toBe(MESSAGE_LIMIT + 1);
      await expectNoPush(bob.c, 'message:new', (m) => m.clientId === clientId, 100);
    });
  });

  it('does not disturb a second client of the same user when one sends junk', async () => {
    const alice = await newMember(server, 'junk');
    const alice2 = await connectUser(server, alice);
    await alice.c.failRaw('messages:send', { roomId: 'x', clientId: 'y', body: 5 }, 'invalid_input');
    const room = await createRoom(alice2, 'channel');
    expect(room.memberIds).toEqual([alice.user.id]);
  });
});
