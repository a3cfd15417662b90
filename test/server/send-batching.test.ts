/**
 * The group commit of messages:send, through the socket: what it guarantees under concurrency,
 * when a batch fails and under overload. A PostgreSQL session of the test's own holds a room's
 * row lock to keep one commit in flight, so that the sends after it deterministically share the
 * next batch (PostgreSQL only: PGlite has no second connection; its batches are tested in
 * test/server/services/send-batcher.test.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../common/protocol';
import {
  closeAllClients,
  connectUser,
  createRoom,
  expectAckError,
  expectNoPush,
  newClientId,
  newMembers,
  registerMany,
  send,
  syncAll,
  type Member,
  type ProtocolClient,
} from '../support/protocol-client';
import { closeAll, postgresReachable, redisReachable, REDIS_TEST_URL, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
const FAILING_BODY = 'this one fails the batch';

describe.each(STORAGES)('send batching (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('a resend of an old clientId after leaving the room is forbidden and carries nothing of the message', async () => {
    const [alice, bob] = await newMembers(server, 2, 'left');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    await bob!.c.waitFor('room:updated', (r) => r.id === room.id);
    const clientId = newClientId();
    const sent = await send(bob!.c, room.id, 'said before leaving', clientId);
    await alice!.c.ok('messages:react', { messageId: sent.id, emoji: '👍', add: true });
    const bobElsewhere = await connectUser(server, bob!);

    await bob!.c.ok('rooms:leave', { roomId: room.id });
    for (const device of [bob!.c, bobElsewhere]) {
      const ack = await device.call('messages:send', { roomId: room.id, clientId, body: 'said before leaving' });
      expectAckError(ack, 'forbidden');
      expect(JSON.stringify(ack)).not.toContain(sent.id);
    }
    // A device connected after leaving has no subscription to go by: the database answers.
    const bobLater = await connectUser(server, bob!);
    expectAckError(await bobLater.call('messages:send', { roomId: room.id, clientId, body: 'said before leaving' }), 'forbidden');
    expect((await alice!.c.ok('messages:sync', { roomId: room.id, after: 0, limit: 10 })).messages.map((m) => m.id)).toEqual([sent.id]);
  });
});

/** A transaction of the test's own that holds a room's row lock until released. */
async function holdRoom(databaseUrl: string, roomId: string): Promise<{ waiters(): Promise<number>; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from rooms where id = $1 for update', [roomId]);
  return {
    waiters: async () =>
      Number(
        (
          await client.query<{ n: string }>(
            "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
          )
        ).rows[0]?.n,
      ),
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Time for sends emitted while a commit is held to reach the batcher's queue. */
const QUEUE_SETTLE_MS = 500;

describe.runIf(pgUp)('send batching behind a commit in flight (postgres)', () => {
  let server: TestServer;
  let alice: Member;
  let bob: Member;
  let roomId: string;
  let held: Awaited<ReturnType<typeof holdRoom>> | undefined;

  beforeAll(async () => {
    server = await startTestServer('postgres', { env: { RATE_LIMIT_MESSAGES: '1000', SEND_QUEUE_MAX: '4' } });
    const admin = new pg.Client({ connectionString: server.databaseUrl });
    await admin.connect();
    await admin.query(`create function refuse_marked_body() returns trigger language plpgsql as $$
      begin if new.body = '${FAILING_BODY}' then raise exception 'refused by the test'; end if; return new; end $$`);
    await admin.query('create trigger refuse_marked_body before insert on messages for each row execute function refuse_marked_body()');
    await admin.end();
  });
  afterEach(async () => {
    await held?.release();
    held = undefined;
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  /** A fresh room of alice and bob, its row locked, and one send of alice's waiting for the lock. */
  async function commitInFlight(): Promise<{ first: Promise<Message> }> {
    [alice, bob] = (await newMembers(server, 2, 'held')) as [Member, Member];
    roomId = (await createRoom(alice.c, 'group', [bob])).id;
    await bob.c.waitFor('room:updated', (r) => r.id === roomId);
    held = await holdRoom(server.databaseUrl!, roomId);
    const first = send(alice.c, roomId, 'first');
    await until(async () => (await held!.waiters()) === 1, 'the first commit to wait for the lock');
    return { first };
  }

  async function release(): Promise<void> {
    await held!.release();
    held = undefined;
  }

  it('resends of one clientId inside one batch, from two devices, store one message and all ack it', async () => {
    const { first } = await commitInFlight();
    const aliceElsewhere: ProtocolClient = await connectUser(server, alice);
    const clientId = newClientId();
    const acks = [
      alice.c.ok('messages:send', { roomId, clientId, body: 'once' }),
      aliceElsewhere.ok('messages:send', { roomId, clientId, body: 'once' }),
      alice.c.ok('messages:send', { roomId, clientId, body: 'once' }),
    ];
    const other = alice.c.ok('messages:send', { roomId, clientId: newClientId(), body: 'other' });
    await new Promise((r) => setTimeout(r, QUEUE_SETTLE_MS));
    await release();

    expect((await first).seq).toBe(1);
    const messages = (await Promise.all(acks)).map((a) => a.message);
    expect(new Set(messages.map((m) => m.id)).size).toBe(1);
    for (const m of messages) expect(m).toEqual(messages[0]);
    const otherMessage = (await other).message;
    expect([messages[0]?.seq, otherMessage.seq].sort()).toEqual([2, 3]);
    // One transaction: its now() is every row's createdAt.
    expect(otherMessage.createdAt).toBe(messages[0]?.createdAt);

    await bob.c.waitForCount('message:new', 3, (m) => m.roomId === roomId);
    await expectNoPush(bob.c, 'message:new', (m) => m.roomId === roomId && !['first', 'once', 'other'].includes(m.body), 200);
    expect(bob.c.events('message:new', (m) => m.clientId === clientId)).toHaveLength(1);
    expect((await syncAll(bob.c, roomId)).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('a batch that fails as a whole acks none of its sends: each is told to retry, nothing is stored or pushed, no seq is used', async () => {
    const { first } = await commitInFlight();
    const sends = [
      { roomId, clientId: newClientId(), body: 'b' },
      { roomId, clientId: newClientId(), body: FAILING_BODY },
      { roomId, clientId: newClientId(), body: 'c' },
    ];
    const acks = sends.map((payload, i) => (i === 1 ? bob.c : alice.c).call('messages:send', payload));
    await new Promise((r) => setTimeout(r, QUEUE_SETTLE_MS));
    await release();

    expect((await first).seq).toBe(1);
    for (const ack of await Promise.all(acks)) expectAckError(ack, 'rate_limited');
    expect((await syncAll(bob.c, roomId)).map((m) => m.body)).toEqual(['first']);
    await expectNoPush(bob.c, 'message:new', (m) => m.roomId === roomId && m.body !== 'first', 200);

    // Sent again, the good ones are stored with the next seqs: no gap.
    const again = await Promise.all([sends[0]!, sends[2]!].map((payload) => alice.c.ok('messages:send', payload)));
    expect(again.map((a) => a.message.seq).sort()).toEqual([2, 3]);
  });

  it(`beyond SEND_QUEUE_MAX waiting sends, a send is refused with rate_limited at once; the queued ones are stored`, async () => {
    const { first } = await commitInFlight();
    const payloads = Array.from({ length: 5 }, (_, i) => ({ roomId, clientId: newClientId(), body: `queued ${i}` }));
    const acks = payloads.map((payload) => alice.c.call('messages:send', payload));
    // Refused while the commit is still held: shedding does not wait for the database.
    const refused = await Promise.any(
      acks.map(async (pending) => {
        const ack = await pending;
        if (ack.ok) throw new Error('a send was acked while the commit was held');
        return ack;
      }),
    );
    expectAckError(refused, 'rate_limited');
    await release();

    expect((await first).seq).toBe(1);
    const results = await Promise.all(acks);
    expect(results.filter((a) => a.ok)).toHaveLength(4);
    expect(results.filter((a) => !a.ok)).toHaveLength(1);
    expect((await syncAll(bob.c, roomId)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe.runIf(pgUp && redisUp)('send batching across two nodes (postgres, Redis)', () => {
  const SENDERS = 200;
  const PER_SENDER = 2;
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_TEST_URL, JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_MESSAGES: '1000' };
    nodeA = await startTestServer('postgres', { env });
    nodeB = await startTestServer('postgres', { env, databaseUrl: nodeA.databaseUrl, dataDir: nodeA.dataDir });
  }, 90_000);
  afterAll(async () => {
    closeAllClients();
    await closeAll(nodeB);
    await closeAll(nodeA);
  });

  it(`${SENDERS} concurrent senders on two nodes get seqs 1..${SENDERS * PER_SENDER} without gaps or duplicates`, async () => {
    const users = (await Promise.all([registerMany(nodeA, SENDERS / 2, 'na'), registerMany(nodeB, SENDERS / 2, 'nb')])).flat();
    const senders = await Promise.all(users.map(async (u, i) => ({ ...u, c: await connectUser(i % 2 ? nodeB : nodeA, u) })));
    const owner = senders[0]!;
    const room = await createRoom(owner.c, 'channel');
    // Each joins through its own node (a channel is open to all).
    for (const s of senders.slice(1)) await s.c.ok('rooms:join', { roomId: room.id });

    const acks = await Promise.all(
      senders.flatMap((s, i) =>
        Array.from({ length: PER_SENDER }, (_, k) => s.c.ok('messages:send', { roomId: room.id, clientId: newClientId(), body: `s${i} m${k}` })),
      ),
    );
    const total = SENDERS * PER_SENDER;
    expect(acks.map((a) => a.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(acks.map((a) => a.message.id)).size).toBe(total);

    const stored = await syncAll(owner.c, room.id);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const byId = new Map(acks.map((a) => [a.message.id, a.message]));
    for (const m of stored) expect(m).toEqual(byId.get(m.id));
    // A member on each node gets every message once.
    for (const listener of [senders[0]!, senders[1]!]) {
      const got = await listener.c.waitForCount('message:new', total, (m) => m.roomId === room.id, 20_000);
      expect(new Set(got.map((m) => m.id)).size).toBe(total);
    }
  }, 240_000);
});
