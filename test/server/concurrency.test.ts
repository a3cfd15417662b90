import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../common/protocol';
import { closeAllClients, newMember, newMembers, newClientId, syncAll, type Member } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const SENDERS = 50;
const PER_SENDER = 3;
const TOTAL = SENDERS * PER_SENDER;

describe.each(STORAGES)('concurrency (%s)', (storage) => {
  let server: TestServer;
  let senders: Member[];
  let listener: Member;
  let roomId: string;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
    senders = await newMembers(server, SENDERS, 'cc');
    listener = await newMember(server, 'cclisten');
    const { room } = await listener.c.ok('rooms:create', {
      kind: 'channel',
      name: 'busy',
      memberIds: senders.map((s) => s.user.id),
    });
    roomId = room.id;
    // every member's device knows about the room before the storm
    await Promise.all(senders.map((s) => s.c.waitFor('room:updated', (r) => r.id === roomId, 10_000)));
  }, 120_000);

  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it(`${SENDERS} concurrent senders x ${PER_SENDER}: seqs are exactly 1..${TOTAL}, each delivered once`, async () => {
    const acks: Message[] = [];
    await Promise.all(
      senders.flatMap((s, i) =>
        Array.from({ length: PER_SENDER }, async (_, k) => {
          const { message } = await s.c.ok('messages:send', { roomId, clientId: newClientId(), body: `s${i} m${k}` });
          acks.push(message);
        }),
      ),
    );

    expect(acks).toHaveLength(TOTAL);
    const seqs = acks.map((m) => m.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(new Set(acks.map((m) => m.id)).size).toBe(TOTAL);

    // The listening member gets every message exactly once.
    await listener.c.waitForCount('message:new', TOTAL, (m) => m.roomId === roomId, 15_000);
    await new Promise((r) => setTimeout(r, 300)); // room for duplicates to show up
    const got = listener.c.events('message:new', (m) => m.roomId === roomId);
    expect(got).toHaveLength(TOTAL);
    expect(new Set(got.map((m) => m.id)).size).toBe(TOTAL);
    const byId = new Map(acks.map((m) => [m.id, m]));
    for (const m of got) expect(m).toEqual(byId.get(m.id));

    // Every sender gets every message of the others exactly once.
    for (const s of senders) {
      const others = acks.filter((m) => m.senderId !== s.user.id);
      const received = await s.c.waitForCount('message:new', others.length, (m) => m.roomId === roomId && m.senderId !== s.user.id, 5000);
      expect(received).toHaveLength(others.length);
      expect(new Set(received.map((m) => m.id)).size).toBe(others.length);
      const own = s.c.events('message:new', (m) => m.roomId === roomId && m.senderId === s.user.id);
      expect(new Set(own.map((m) => m.id)).size).toBe(own.length);
    }

    // The stored order is the acked one, and a late reader sees exactly the same.
    const stored = await syncAll(listener.c, roomId, 0, 40);
    expect(stored.map((m) => m.seq)).toEqual(seqs);
    for (const m of stored) expect(m.id).toBe(acks.find((a) => a.seq === m.seq)?.id);
    const listed = (await listener.c.ok('rooms:list', {})).rooms.find((r) => r.id === roomId);
    expect(listed?.lastSeq).toBe(TOTAL);
  }, 60_000);

  it('concurrent creation of rooms and dms by many users stays consistent', async () => {
    const pairs = senders.slice(0, 20);
    const results = await Promise.all(pairs.map((s, i) => s.c.ok('rooms:dm', { userId: pairs[(i + 1) % pairs.length]!.user.id })));
    const again = await Promise.all(pairs.map((s, i) => pairs[(i + 1) % pairs.length]!.c.ok('rooms:dm', { userId: s.user.id })));
    results.forEach((r, i) => {
      expect(again[i]?.room.id).toBe(r.room.id);
      expect(r.room.memberIds).toHaveLength(2);
    });
    expect(new Set(results.map((r) => r.room.id)).size).toBe(pairs.length);
  });
});
