import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../common/protocol';
import { closeAllClients, connectUser, createRoom, http, loginOk, newClientId, newMembers, send, syncAll, range, seqsOf } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

describe.each(STORAGES)('sync and durability (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('a client that was away gets everything it missed via messages:sync, in order, no duplicates', async () => {
    const [alice, bob, carol] = await newMembers(server, 3, 'away');
    const room = await createRoom(alice!.c, 'group', [bob!, carol!]);
    const other = await createRoom(alice!.c, 'group', [bob!]);

    // bob sees the first three live
    const live: Message[] = [];
    for (let i = 1; i <= 3; i++) live.push(await send(alice!.c, room.id, `live ${i}`));
    await bob!.c.waitForCount('message:new', 3, (m) => m.roomId === room.id);
    const highest = Math.max(...bob!.c.events('message:new', (m) => m.roomId === room.id).map((m) => m.seq));
    expect(highest).toBe(3);
    bob!.c.close();

    // the others go on while bob is away (two senders interleaved, and another room)
    const missed: Message[] = [];
    await Promise.all([
      (async () => {
        for (let i = 0; i < 12; i++) missed.push(await send(alice!.c, room.id, `a${i}`));
      })(),
      (async () => {
        for (let i = 0; i < 13; i++) missed.push(await send(carol!.c, room.id, `c${i}`));
      })(),
    ]);
    await send(alice!.c, other.id, 'elsewhere');
    expect(missed).toHaveLength(25);

    const bobBack = await connectUser(server, bob!);
    // paging with hasMore
    const p1 = await bobBack.ok('messages:sync', { roomId: room.id, after: highest, limit: 10 });
    expect(seqsOf(p1.messages)).toEqual(range(4, 13));
    expect(p1.hasMore).toBe(true);
    const p2 = await bobBack.ok('messages:sync', { roomId: room.id, after: 13, limit: 10 });
    expect(seqsOf(p2.messages)).toEqual(range(14, 23));
    expect(p2.hasMore).toBe(true);
    const p3 = await bobBack.ok('messages:sync', { roomId: room.id, after: 23, limit: 10 });
    expect(seqsOf(p3.messages)).toEqual([24, 25, 26, 27, 28]);
    expect(p3.hasMore).toBe(false);

    const got = [...p1.messages, ...p2.messages, ...p3.messages];
    expect(new Set(got.map((m) => m.id)).size).toBe(25);
    const missedById = new Map(missed.map((m) => [m.id, m]));
    for (const m of got) expect(m).toEqual(missedById.get(m.id));
    expect(got.every((m) => m.roomId === room.id)).toBe(true);

    // rooms:list tells bob where each room stands
    const rooms = (await bobBack.ok('rooms:list', {})).rooms;
    expect(rooms.find((r) => r.id === room.id)?.lastSeq).toBe(28);
    expect(rooms.find((r) => r.id === other.id)?.lastSeq).toBe(1);
    expect(seqsOf(await syncAll(bobBack, other.id))).toEqual([1]);

    // and from now on bob gets pushes again
    const after = await send(carol!.c, room.id, 'welcome back');
    expect(after.seq).toBe(29);
    await bobBack.waitFor('message:new', (m) => m.id === after.id);
  });

  it('sync includes edits and deletions made while away (the current state of each message)', async () => {
    const [alice, bob] = await newMembers(server, 2, 'awayed');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    const m1 = await send(alice!.c, room.id, 'original');
    const m2 = await send(alice!.c, room.id, 'to delete');
    await bob!.c.waitFor('message:new', (m) => m.id === m2.id);
    bob!.c.close();
    await alice!.c.ok('messages:edit', { messageId: m1.id, body: 'edited' });
    await alice!.c.ok('messages:delete', { messageId: m2.id });
    const m3 = await send(alice!.c, room.id, 'new');
    const back = await connectUser(server, bob!);
    const all = await syncAll(back, room.id);
    expect(all.map((m) => [m.seq, m.body])).toEqual([
      [1, 'edited'],
      [2, ''],
      [3, 'new'],
    ]);
    expect(all[1]?.deletedAt).not.toBeNull();
    expect(all[2]?.id).toBe(m3.id);
  });

  it('a message acked to a sender that disconnects right after is stored and synced', async () => {
    const [alice, bob] = await newMembers(server, 2, 'acked');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    const { message } = await alice!.c.ok('messages:send', { roomId: room.id, clientId: newClientId(), body: 'then gone' });
    alice!.c.close();
    const all = await syncAll(bob!.c, room.id);
    expect(all.map((m) => m.id)).toEqual([message.id]);
  });

  // Runs last: it restarts this describe's server.
  it('a restart on the same DATA_DIR / database keeps users, tokens, rooms, messages and seqs', async () => {
    const [alice, bob] = await newMembers(server, 2, 'dur');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    const sent: Message[] = [];
    for (let i = 1; i <= 5; i++) sent.push(await send(i % 2 ? alice!.c : bob!.c, room.id, `durable ${i}`));
    await bob!.c.ok('messages:react', { messageId: sent[0]!.id, emoji: '✅', add: true });
    await alice!.c.ok('messages:edit', { messageId: sent[2]!.id, body: 'durable 3 (edited)' });
    await bob!.c.ok('receipts:read', { roomId: room.id, seq: 3 });
    const { room: dm } = await alice!.c.ok('rooms:dm', { userId: bob!.user.id });

    closeAllClients();
    await server.restart();

    // the old token still works (the generated secret is kept in DATA_DIR)
    const me = await http(server, 'GET', '/api/me', { token: alice!.token });
    expect(me.status).toBe(200);
    // and the password too
    await loginOk(server, bob!.username, bob!.password);

    const a = await connectUser(server, alice!);
    const b = await connectUser(server, bob!);
    const all = await syncAll(b, room.id);
    expect(seqsOf(all)).toEqual([1, 2, 3, 4, 5]);
    expect(all.map((m) => m.id)).toEqual(sent.map((m) => m.id));
    expect(all[0]?.reactions['✅']).toEqual([bob!.user.id]);
    expect(all[2]?.body).toBe('durable 3 (edited)');

    const rooms = (await b.ok('rooms:list', {})).rooms;
    const r = rooms.find((x) => x.id === room.id);
    expect(r?.lastSeq).toBe(5);
    expect(r?.unreadCount).toBe(1); // alice's seq 5 is after bob's readSeq 3; seq 4 is bob's own
    expect((await a.ok('rooms:dm', { userId: bob!.user.id })).room.id).toBe(dm.id);

    // seqs go on where they stopped, and idempotency survives the restart
    const again = await send(a, room.id, sent[0]!.body, sent[0]!.clientId);
    expect(again.id).toBe(sent[0]!.id);
    const next = await send(a, room.id, 'after restart');
    expect(next.seq).toBe(6);
    await b.waitFor('message:new', (m) => m.id === next.id);

    const health = await http<{ storage: string }>(server, 'GET', '/api/health');
    expect(health.body.storage).toBe(storage);
  });
});
