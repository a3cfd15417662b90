/**
 * The group commit on real storage (PGlite, and PostgreSQL when reachable): what one batch
 * guarantees when its sends share a transaction.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../common/protocol';
import { writeSendBatch, type SendRequest } from '../../../server/services/send-batch-writer';
import { SendBatcher } from '../../../server/services/send-batcher';
import { openStorage, type Storage } from '../../../server/storage/database';
import { messages, roomMembers, rooms, users } from '../../../server/storage/schema';
import { createTestDatabase, dropTestDatabase, storages } from '../../support/test-server';

const STORAGES = await storages();
const logger = pino({ level: 'silent' });

describe.each(STORAGES)('SendBatcher (%s)', (kind) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let senderId: string;
  let roomId: string;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'droplink-batcher-'));
    const database = kind === 'postgres' ? await createTestDatabase() : undefined;
    storage = await openStorage({ databaseUrl: database?.url ?? null, dataDir, logger });
    cleanup = async () => {
      await storage.close();
      if (database) await dropTestDatabase(database.name);
      await rm(dataDir, { recursive: true, force: true });
    };
    // Refuses one marked body, so that the batch holding it fails as a whole.
    await storage.db.execute(
      sql.raw(`create function refuse_marked_body() returns trigger language plpgsql as $$
        begin if new.body = 'fail the batch' then raise exception 'refused by the test'; end if; return new; end $$`),
    );
    await storage.db.execute(sql.raw(`create trigger refuse_marked_body before insert on messages for each row execute function refuse_marked_body()`));
  });
  afterAll(() => cleanup());

  beforeEach(async () => {
    senderId = uuidv7();
    roomId = uuidv7();
    await storage.db.insert(users).values({ id: senderId, username: `b${senderId.slice(-12)}`, passwordHash: 'x', displayName: 'Sender' });
    await storage.db.insert(rooms).values({ id: roomId, kind: 'group', name: 'batch' });
    await storage.db.insert(roomMembers).values({ roomId, userId: senderId });
  });

  const batcher = (maxQueue = 1000, lanes = 1) =>
    new SendBatcher((requests) => writeSendBatch(storage.db, requests), { maxQueue, maxBatch: 500, lanes, logger });
  const newRoom = async () => {
    const id = uuidv7();
    await storage.db.insert(rooms).values({ id, kind: 'group', name: 'lane' });
    await storage.db.insert(roomMembers).values({ roomId: id, userId: senderId });
    return id;
  };
  const request = (body: string, clientId = uuidv7()): SendRequest => ({ senderId, roomId, clientId, body, attachments: [] });
  const stored = () =>
    storage.db.select({ seq: messages.seq, body: messages.body }).from(messages).where(eq(messages.roomId, roomId)).orderBy(asc(messages.seq));
  const lastSeq = async () => (await storage.db.select({ lastSeq: rooms.lastSeq }).from(rooms).where(eq(rooms.id, roomId)))[0]?.lastSeq;

  it('sends submitted together get contiguous seqs in submission order and one bump of the room', async () => {
    const b = batcher();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => b.submit(request(`m${i}`))));
    expect(results.map((r) => r.message.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(results.every((r) => r.created)).toBe(true);
    expect(await stored()).toEqual(results.map((r) => ({ seq: r.message.seq, body: r.message.body })));
    expect(await lastSeq()).toBe(40);
  });

  it('the same clientId twice in one batch is one message, and both get it', async () => {
    const b = batcher();
    const clientId = uuidv7();
    const [first, other, again] = await Promise.all([b.submit(request('once', clientId)), b.submit(request('other')), b.submit(request('once', clientId))]);
    expect(again?.message).toEqual(first?.message);
    expect([first?.created, again?.created]).toEqual([true, false]);
    expect(other?.message.seq).toBe(2);
    expect(await stored()).toEqual([
      { seq: 1, body: 'once' },
      { seq: 2, body: 'other' },
    ]);
    // A later resend is answered from the stored row, with no new seq.
    const later = await b.submit(request('once', clientId));
    expect(later).toEqual({ message: first?.message, created: false });
    expect(await lastSeq()).toBe(2);
  });

  it('a batch that fails as a whole acks none of its sends: each gets a retryable error, nothing is stored, no seq is used', async () => {
    const b = batcher();
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    const outcomes = await Promise.allSettled([b.submit(request('a', ids[0])), b.submit(request('fail the batch', ids[1])), b.submit(request('c', ids[2]))]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as unknown;
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe('rate_limited');
    }
    expect(await stored()).toEqual([]);
    expect(await lastSeq()).toBe(0);
    // Sent again, the good ones are stored with the first seqs.
    const retried = await Promise.all([b.submit(request('a', ids[0])), b.submit(request('c', ids[2]))]);
    expect(retried.map((r) => r.message.seq)).toEqual([1, 2]);
  });

  it('a full queue refuses new sends with rate_limited and stores only the admitted ones', async () => {
    const b = batcher(2);
    const outcomes = await Promise.allSettled([b.submit(request('one')), b.submit(request('two')), b.submit(request('three'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(((outcomes[2] as PromiseRejectedResult).reason as ProtocolError).code).toBe('rate_limited');
    expect((await stored()).map((m) => m.body)).toEqual(['one', 'two']);
  });

  it('a sender who is no longer a member is refused, a resend of a stored clientId too, and uses no seq', async () => {
    const b = batcher();
    const clientId = uuidv7();
    const first = await b.submit(request('before leaving', clientId));
    await storage.db.delete(roomMembers).where(eq(roomMembers.userId, senderId));
    const [resent, fresh] = await Promise.allSettled([b.submit(request('before leaving', clientId)), b.submit(request('after leaving'))]);
    for (const outcome of [resent, fresh]) expect(((outcome as PromiseRejectedResult).reason as ProtocolError).code).toBe('forbidden');
    expect(await stored()).toEqual([{ seq: first.message.seq, body: 'before leaving' }]);
    expect(await lastSeq()).toBe(1);
  });

  it('a clientId already used in another room is a conflict for that send only', async () => {
    const b = batcher();
    const clientId = uuidv7();
    await b.submit(request('first', clientId));
    const otherRoom = uuidv7();
    await storage.db.insert(rooms).values({ id: otherRoom, kind: 'group', name: 'other' });
    await storage.db.insert(roomMembers).values({ roomId: otherRoom, userId: senderId });
    const [moved, fine] = await Promise.allSettled([b.submit({ ...request('moved', clientId), roomId: otherRoom }), b.submit(request('fine'))]);
    expect(((moved as PromiseRejectedResult).reason as ProtocolError).code).toBe('conflict');
    expect((fine as PromiseFulfilledResult<{ message: { seq: number } }>).value.message.seq).toBe(2);
  });

  it('with lanes, rooms commit side by side and every room keeps contiguous seqs in submission order', async () => {
    const roomIds = await Promise.all(Array.from({ length: 8 }, newRoom));
    let inFlight = 0;
    let mostInFlight = 0;
    const b = new SendBatcher(
      async (requests) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        try {
          return await writeSendBatch(storage.db, requests);
        } finally {
          inFlight--;
        }
      },
      { maxQueue: 10_000, maxBatch: 20, lanes: 4, logger },
    );
    const sends = [];
    for (let i = 0; i < 40; i++) for (const id of roomIds) sends.push(b.submit({ ...request(`${i}`), roomId: id }));
    await Promise.all(sends);
    // PGlite answers a whole transaction within one turn of the event loop: its lanes never overlap (and it runs one lane).
    if (kind === 'postgres') expect(mostInFlight).toBeGreaterThan(1);
    for (const id of roomIds) {
      const rows = await storage.db.select({ seq: messages.seq, body: messages.body }).from(messages).where(eq(messages.roomId, id)).orderBy(asc(messages.seq));
      expect(rows).toEqual(Array.from({ length: 40 }, (_, i) => ({ seq: i + 1, body: `${i}` })));
    }
  });

  it('with lanes, the queue limit counts the waiting sends of every lane', async () => {
    const roomIds = await Promise.all(Array.from({ length: 3 }, newRoom));
    const b = batcher(2, 4);
    const outcomes = await Promise.allSettled(roomIds.map((id, i) => b.submit({ ...request(`${i}`), roomId: id })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(((outcomes[2] as PromiseRejectedResult).reason as ProtocolError).code).toBe('rate_limited');
  });

  it('with lanes, one clientId sent to two rooms at once is stored once; the other send is a conflict', async () => {
    const b = batcher(1000, 4);
    const clientId = uuidv7();
    // Rooms until two of them fall in different lanes does not matter: the database's unique (sender, clientId) decides.
    const [a, c] = [await newRoom(), await newRoom()];
    const outcomes = await Promise.allSettled([b.submit({ ...request('here', clientId), roomId: a }), b.submit({ ...request('there', clientId), roomId: c })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((refused?.reason as ProtocolError).code).toBe('conflict');
    const rows = await storage.db.select({ roomId: messages.roomId }).from(messages).where(eq(messages.clientId, clientId));
    expect(rows).toHaveLength(1);
  });
});
