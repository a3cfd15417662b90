/**
 * Per-user budgets on every socket event (writes, reads, searches, receipts, typing and presence)
 * and the cap on sockets per user: a flood is refused with `rate_limited` for the flooder only.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ClientEventName, ClientPayload } from '../../common/protocol';
import {
  closeAllClients,
  connect,
  connectError,
  connectUser,
  createRoom,
  newClientId,
  newMember,
  newMembers,
  register,
  type Member,
  type ProtocolClient,
} from '../support/protocol-client';
import { closeAll, postgresReachable, redisReachable, REDIS_TEST_URL, sleep, startTestServer, type TestServer } from '../support/test-server';

const BUDGETS = { writes: 6, reads: 5, searches: 3, receipts: 4, signals: 4 };
const SOCKETS_PER_USER = 3;
/** The test client's connect() waits for a first rooms:list: one read per connection. */
const READS_PER_CONNECT = 1;
const LIMITS_ENV = {
  RATE_LIMIT_MESSAGES: '1000',
  RATE_LIMIT_WRITES: String(BUDGETS.writes),
  RATE_LIMIT_READS: String(BUDGETS.reads),
  RATE_LIMIT_SEARCHES: String(BUDGETS.searches),
  RATE_LIMIT_RECEIPTS: String(BUDGETS.receipts),
  RATE_LIMIT_SIGNALS: String(BUDGETS.signals),
  SOCKETS_PER_USER: String(SOCKETS_PER_USER),
};

/** Emits `count` copies of an event at once and sorts the acks into served and refused. */
async function flood<E extends ClientEventName>(c: ProtocolClient, event: E, payload: (i: number) => ClientPayload<E>, count: number) {
  const acks: Array<Ack<E>> = await Promise.all(Array.from({ length: count }, (_, i) => c.call(event, payload(i))));
  const refused = acks.filter((a): a is Extract<Ack<E>, { ok: false }> => !a.ok && a.error.code === 'rate_limited');
  const served = acks.filter((a) => a.ok || a.error.code !== 'rate_limited');
  return { served, refused };
}

describe('per-user event budgets (pglite)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: LIMITS_ENV });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('a flood of reads is refused for the flooder only, with a retry time; another user is served meanwhile', async () => {
    const [mallory, alice] = (await newMembers(server, 2, 'fld')) as [Member, Member];
    const flooding = flood(mallory.c, 'rooms:list', () => ({}), 40);
    const aliceServed = await Promise.all(Array.from({ length: BUDGETS.reads - READS_PER_CONNECT }, () => alice.c.call('rooms:list', {})));
    const { served, refused } = await flooding;
    expect(aliceServed.filter((a) => !a.ok)).toEqual([]);
    expect(served).toHaveLength(BUDGETS.reads - READS_PER_CONNECT);
    expect(refused).toHaveLength(40 - served.length);
    for (const a of refused) {
      expect(a.error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(a.error.retryAfterSeconds).toBeLessThanOrEqual(10);
    }
    // The flooder's other budgets are untouched.
    await mallory.c.ok('messages:search', { query: 'anything' });
  });

  it('writes: past the budget nothing is created (rooms:create, messages:send share it)', async () => {
    const mallory = await newMember(server, 'wrt');
    const { served, refused } = await flood(mallory.c, 'rooms:create', (i) => ({ kind: 'group', name: `flood ${i}` }), 20);
    expect(served.every((a) => a.ok)).toBe(true);
    expect(served).toHaveLength(BUDGETS.writes);
    expect(refused).toHaveLength(20 - BUDGETS.writes);
    const firstRoom = served[0]!.ok ? served[0]!.room.id : '';
    await mallory.c.fail('messages:send', { roomId: firstRoom, clientId: newClientId(), body: 'over budget' }, 'rate_limited');
    const { rooms } = await mallory.c.ok('rooms:list', {});
    expect(rooms).toHaveLength(BUDGETS.writes);
    expect(rooms.every((r) => r.lastSeq === 0)).toBe(true);
  });

  it('searches have their own, smaller budget', async () => {
    const mallory = await newMember(server, 'srch');
    const { served, refused } = await flood(mallory.c, 'messages:search', (i) => ({ query: `word${i}` }), 12);
    expect(served.every((a) => a.ok)).toBe(true);
    expect(served).toHaveLength(BUDGETS.searches);
    expect(refused).toHaveLength(12 - BUDGETS.searches);
    await mallory.c.ok('rooms:list', {});
  });

  it('receipts: past the budget nothing moves', async () => {
    const [mallory, bob] = (await newMembers(server, 2, 'rcp')) as [Member, Member];
    const room = await createRoom(bob.c, 'group', [mallory]);
    for (let i = 0; i < BUDGETS.writes - 1; i++) await bob.c.ok('messages:send', { roomId: room.id, clientId: newClientId(), body: `m${i}` });
    const { served, refused } = await flood(mallory.c, 'receipts:read', (i) => ({ roomId: room.id, seq: i + 1 }), 10);
    expect(served.every((a) => a.ok)).toBe(true);
    expect(served).toHaveLength(BUDGETS.receipts);
    expect(refused).toHaveLength(10 - BUDGETS.receipts);
    const { receipts } = await bob.c.ok('receipts:list', { roomId: room.id });
    expect(receipts.find((r) => r.userId === mallory.user.id)?.readSeq).toBeLessThanOrEqual(BUDGETS.receipts);
  });

  it('typing over the budget is refused and never relayed; presence:set shares that budget', async () => {
    const [mallory, bob] = (await newMembers(server, 2, 'typ')) as [Member, Member];
    const room = await createRoom(mallory.c, 'group', [bob]);
    await bob.c.waitFor('room:updated', (r) => r.id === room.id);
    const { served, refused } = await flood(mallory.c, 'typing', (i) => ({ roomId: room.id, typing: i % 2 === 0 }), 30);
    expect(served.every((a) => a.ok)).toBe(true);
    expect(served).toHaveLength(BUDGETS.signals);
    expect(refused).toHaveLength(30 - BUDGETS.signals);
    await sleep(300);
    expect(bob.c.events('typing', (t) => t.userId === mallory.user.id)).toHaveLength(BUDGETS.signals);
    await mallory.c.fail('presence:set', { status: 'away' }, 'rate_limited');
    // Events sent without an ack are dropped just the same, silently.
    mallory.c.rawEmit('typing', { roomId: room.id, typing: true });
    await sleep(200);
    expect(bob.c.events('typing', (t) => t.userId === mallory.user.id)).toHaveLength(BUDGETS.signals);
  });

  it(`refuses a user's socket past ${SOCKETS_PER_USER} at the handshake; others connect meanwhile; a freed place can be taken again`, async () => {
    const mallory = await register(server);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => connect(server, mallory.token, mallory.user.id)));
    const connected = results.filter((r): r is PromiseFulfilledResult<ProtocolClient> => r.status === 'fulfilled').map((r) => r.value);
    expect(connected).toHaveLength(SOCKETS_PER_USER);
    const refusal = await connectError(server, { token: mallory.token });
    expect(refusal.message).toBe('rate_limited');
    const alice = await register(server);
    const aliceClient = await connectUser(server, alice);
    expect(aliceClient.connected).toBe(true);
    connected[0]!.close();
    await sleep(200);
    const again = await connectUser(server, mallory);
    expect(again.connected).toBe(true);
  });
});

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);

describe.runIf(pgUp && redisUp)('event budgets are cluster-wide with Redis (postgres)', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    const env = { ...LIMITS_ENV, REDIS_URL: REDIS_TEST_URL, JWT_SECRET: randomBytes(32).toString('hex') };
    nodeA = await startTestServer('postgres', { env });
    nodeB = await startTestServer('postgres', { env, databaseUrl: nodeA.databaseUrl, dataDir: nodeA.dataDir });
  }, 90_000);
  afterAll(async () => {
    closeAllClients();
    await closeAll(nodeB);
    await closeAll(nodeA);
  });

  it('one user flooding through both nodes gets one budget in all', async () => {
    const mallory = await register(nodeA);
    const [onA, onB] = await Promise.all([connectUser(nodeA, mallory), connectUser(nodeB, mallory)]);
    const [a, b] = await Promise.all([flood(onA, 'rooms:list', () => ({}), 10), flood(onB, 'rooms:list', () => ({}), 10)]);
    expect([...a.served, ...b.served].filter((x) => !x.ok)).toEqual([]);
    expect(a.served.length + b.served.length).toBe(BUDGETS.reads - 2 * READS_PER_CONNECT);
    expect(a.refused.length + b.refused.length).toBe(20 - (BUDGETS.reads - 2 * READS_PER_CONNECT));
  });
});
