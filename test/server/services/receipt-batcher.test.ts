/** Receipts coalesced into one statement, on real storage (PGlite, and PostgreSQL when reachable). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptBatcher } from '../../../server/services/receipt-batcher';
import { openStorage, type Storage } from '../../../server/storage/database';
import { roomMembers, rooms, users } from '../../../server/storage/schema';
import { createTestDatabase, dropTestDatabase, storages } from '../../support/test-server';

const STORAGES = await storages();
const logger = pino({ level: 'silent' });

describe.each(STORAGES)('ReceiptBatcher (%s)', (kind) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'droplink-receipts-'));
    const database = kind === 'postgres' ? await createTestDatabase() : undefined;
    storage = await openStorage({ databaseUrl: database?.url ?? null, dataDir, logger });
    cleanup = async () => {
      await storage.close();
      if (database) await dropTestDatabase(database.name);
      await rm(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  async function memberOfRoom(lastSeq: number): Promise<{ userId: string; roomId: string }> {
    const userId = uuidv7();
    const roomId = uuidv7();
    await storage.db.insert(users).values({ id: userId, username: `r${userId.slice(-12)}`, passwordHash: 'x', displayName: 'Reader' });
    await storage.db.insert(rooms).values({ id: roomId, kind: 'group', name: 'receipts', lastSeq });
    await storage.db.insert(roomMembers).values({ roomId, userId });
    return { userId, roomId };
  }

  it('receipts submitted together move each member once, to the highest position, clamped to the last seq', async () => {
    const batcher = new ReceiptBatcher(storage.db, logger);
    const a = await memberOfRoom(5);
    const b = await memberOfRoom(3);
    const results = await Promise.all([
      batcher.submit({ ...a, seq: 2, read: false }),
      batcher.submit({ ...a, seq: 4, read: true }),
      batcher.submit({ ...b, seq: 9, read: false }),
      batcher.submit({ ...a, seq: 3, read: false }),
    ]);
    expect(results).toEqual([
      { roomId: a.roomId, userId: a.userId, deliveredSeq: 4, readSeq: 4 },
      null,
      { roomId: b.roomId, userId: b.userId, deliveredSeq: 3, readSeq: 0 },
      null,
    ]);
    // Behind the stored position: nothing moves, nothing to push.
    expect(await batcher.submit({ ...a, seq: 1, read: true })).toBeNull();
    expect(await batcher.submit({ ...a, seq: 5, read: false })).toEqual({ roomId: a.roomId, userId: a.userId, deliveredSeq: 5, readSeq: 4 });
  });

  it('a batch the database refuses acks none of its receipts: each gets rate_limited', async () => {
    const batcher = new ReceiptBatcher(storage.db, logger);
    const a = await memberOfRoom(5);
    // A seq beyond integer range makes the statement fail as a whole.
    const outcomes = await Promise.allSettled([batcher.submit({ ...a, seq: 2, read: false }), batcher.submit({ ...a, seq: 2 ** 40, read: true })]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'rate_limited' } });
    expect(await batcher.submit({ ...a, seq: 2, read: false })).toMatchObject({ deliveredSeq: 2 });
  });
});
