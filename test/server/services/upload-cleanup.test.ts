/**
 * The upload clean-up on real storage (PGlite, and PostgreSQL when reachable): what it removes,
 * what it keeps, and that two nodes sweeping one database at once remove every file exactly once.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleUploads, startUploadCleanup } from '../../../server/services/upload-cleanup';
import { openStorage, type Storage } from '../../../server/storage/database';
import { attachments, linkPreviews, messages, roomMembers, rooms, users } from '../../../server/storage/schema';
import { createTestDatabase, dropTestDatabase, sleep, storages } from '../../support/test-server';

const STORAGES = await storages();
const logger = pino({ level: 'silent' });
const HOUR_MS = 3_600_000;

describe.each(STORAGES)('removeStaleUploads (%s)', (kind) => {
  let nodes: Storage[];
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let userId: string;
  let roomId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'droplink-sweep-'));
    const database = kind === 'postgres' ? await createTestDatabase() : undefined;
    const open = () => openStorage({ databaseUrl: database?.url ?? null, dataDir, logger, poolMax: 4 });
    // PGlite is one process's database; PostgreSQL gets a second node on the same database.
    nodes = kind === 'postgres' ? [await open(), await open()] : [await open()];
    cleanup = async () => {
      for (const node of nodes) await node.close();
      if (database) await dropTestDatabase(database.name);
      await rm(dataDir, { recursive: true, force: true });
    };
    userId = uuidv7();
    roomId = uuidv7();
    const db = nodes[0]!.db;
    await db.insert(users).values({ id: userId, username: `s${userId.slice(-12)}`, passwordHash: 'x', displayName: 'Uploader' });
    await db.insert(rooms).values({ id: roomId, kind: 'group', name: 'sweep' });
    await db.insert(roomMembers).values({ roomId, userId });
    await mkdir(path.join(dataDir, 'uploads'), { recursive: true });
  });
  afterAll(() => cleanup());

  let seq = 0;
  async function storedUpload(options: { ageMs: number; message?: 'live' | 'deleted' }): Promise<string> {
    const id = uuidv7();
    const storagePath = path.join('uploads', id);
    await writeFile(path.join(dataDir, storagePath), 'bytes');
    let messageId: string | null = null;
    if (options.message) {
      seq += 1;
      messageId = uuidv7();
      await nodes[0]!.db.insert(messages).values({
        id: messageId,
        roomId,
        seq,
        senderId: userId,
        clientId: uuidv7(),
        body: 'with a file',
        deletedAt: options.message === 'deleted' ? new Date() : null,
      });
      await nodes[0]!.db
        .update(rooms)
        .set({ lastSeq: seq })
        .where(sql`${rooms.id} = ${roomId}`);
    }
    await nodes[0]!.db.insert(attachments).values({
      id,
      uploaderId: userId,
      name: 'f.txt',
      mime: 'text/plain',
      size: 5,
      storagePath,
      messageId,
      createdAt: new Date(Date.now() - options.ageMs),
    });
    return id;
  }

  const onDisk = (id: string): boolean => existsSync(path.join(dataDir, 'uploads', id));
  const rowsLeft = async (ids: string[]): Promise<string[]> =>
    (await nodes[0]!.db.select({ id: attachments.id }).from(attachments)).map((row) => row.id).filter((id) => ids.includes(id));

  it('removes old unattached uploads and files of deleted messages; keeps fresh unattached and attached ones', async () => {
    const old = await storedUpload({ ageMs: 2 * HOUR_MS });
    const fresh = await storedUpload({ ageMs: 0 });
    const ofDeleted = await storedUpload({ ageMs: 0, message: 'deleted' });
    const attached = await storedUpload({ ageMs: 2 * HOUR_MS, message: 'live' });

    expect(await removeStaleUploads(nodes[0]!.db, { dataDir, unattachedGraceMs: HOUR_MS, logger })).toEqual({ uploads: 2, orphanFiles: 0 });
    expect(await rowsLeft([old, fresh, ofDeleted, attached])).toEqual([fresh, attached]);
    expect([old, fresh, ofDeleted, attached].map(onDisk)).toEqual([false, true, false, true]);
    expect(await removeStaleUploads(nodes[0]!.db, { dataDir, unattachedGraceMs: HOUR_MS, logger })).toEqual({ uploads: 0, orphanFiles: 0 });
  });

  it('removes old files that no upload owns (left half way by a crash), not young ones nor owned ones', async () => {
    const owned = await storedUpload({ ageMs: 0 });
    await utimes(path.join(dataDir, 'uploads', owned), new Date(), new Date(Date.now() - 2 * HOUR_MS));
    const [oldOrphan, youngOrphan] = [uuidv7(), uuidv7()];
    for (const id of [oldOrphan, youngOrphan]) await writeFile(path.join(dataDir, 'uploads', id), 'left behind');
    await utimes(path.join(dataDir, 'uploads', oldOrphan), new Date(), new Date(Date.now() - 2 * HOUR_MS));
    await writeFile(path.join(dataDir, 'uploads', 'not-an-upload.txt'), 'someone else');

    expect(await removeStaleUploads(nodes[0]!.db, { dataDir, unattachedGraceMs: HOUR_MS, logger })).toEqual({ uploads: 0, orphanFiles: 1 });
    expect([oldOrphan, youngOrphan, owned, 'not-an-upload.txt'].map(onDisk)).toEqual([false, true, true, true]);
  });

  it('nodes sweeping at the same time remove each upload once, all of them', async () => {
    const stale = [];
    for (let i = 0; i < 1200; i += 1) stale.push(await storedUpload({ ageMs: 2 * HOUR_MS }));
    const removed = await Promise.all([...nodes, ...nodes].map((node) => removeStaleUploads(node.db, { dataDir, unattachedGraceMs: HOUR_MS, logger })));
    expect(removed.reduce((sum, n) => sum + n.uploads, 0)).toBe(stale.length);
    expect(await rowsLeft(stale)).toEqual([]);
    expect(stale.filter(onDisk)).toEqual([]);
  });

  it('the periodic sweep also removes stale link previews (server/previews/preview-cleanup.ts)', async () => {
    const upload = await storedUpload({ ageMs: 2 * HOUR_MS });
    const preview = uuidv7();
    await nodes[0]!.db
      .insert(linkPreviews)
      .values({ id: preview, url: `https://example.com/${preview}`, ok: false, expiresAt: new Date(Date.now() - 2 * HOUR_MS) });
    const previewLeft = async () =>
      (
        await nodes[0]!.db
          .select()
          .from(linkPreviews)
          .where(sql`${linkPreviews.id} = ${preview}`)
      ).length;
    const sweeping = startUploadCleanup(nodes[0]!.db, { dataDir, unattachedGraceMs: HOUR_MS, logger, intervalMs: 50 });
    try {
      for (let waited = 0; (onDisk(upload) || (await previewLeft()) > 0) && waited < 5_000; waited += 50) await sleep(50);
    } finally {
      await sweeping.stop();
    }
    expect(onDisk(upload)).toBe(false);
    expect(await previewLeft()).toBe(0);
  });
});
