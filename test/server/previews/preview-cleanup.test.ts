/**
 * The link preview cache clean-up on real storage (PGlite, and PostgreSQL when reachable): which
 * entries it removes, that an image a live message shows keeps being served, and that two nodes
 * sweeping one database at once remove every entry exactly once, in batches.
 */
import { rm, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkPreview } from '../../../common/protocol';
import { removeStalePreviews } from '../../../server/previews/preview-cleanup';
import { previewImageUrl } from '../../../server/previews/preview-cache';
import { openStorage, type Storage } from '../../../server/storage/database';
import { linkPreviews, messages, roomMembers, rooms, users } from '../../../server/storage/schema';
import { createTestDatabase, dropTestDatabase, storages } from '../../support/test-server';

const STORAGES = await storages();
const logger = pino({ level: 'silent' });
const HOUR_MS = 3_600_000;
const IMAGE = Buffer.from('webp bytes');

describe.each(STORAGES)('removeStalePreviews (%s)', (kind) => {
  let nodes: Storage[];
  let cleanup: () => Promise<void>;
  let userId: string;
  let roomId: string;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'droplink-preview-sweep-'));
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
    await db.insert(users).values({ id: userId, username: `p${userId.slice(-12)}`, passwordHash: 'x', displayName: 'Poster' });
    await db.insert(rooms).values({ id: roomId, kind: 'group', name: 'previews' });
    await db.insert(roomMembers).values({ roomId, userId });
  });
  afterAll(() => cleanup());

  /** A cache entry that expired `expiredMs` ago (negative: expires in the future). */
  async function cached(options: { expiredMs: number; image?: boolean; ok?: boolean }): Promise<{ id: string; url: string }> {
    const id = uuidv7();
    const url = `https://example.com/${id}`;
    await nodes[0]!.db.insert(linkPreviews).values({
      id,
      url,
      ok: options.ok ?? true,
      title: 'A page',
      image: options.image === false ? null : IMAGE,
      expiresAt: new Date(Date.now() - options.expiredMs),
    });
    return { id, url };
  }

  let seq = 0;
  async function messageShowing(entry: { id: string; url: string }, options: { deleted?: boolean; withImage?: boolean } = {}): Promise<void> {
    seq += 1;
    const preview: LinkPreview = {
      url: entry.url,
      title: 'A page',
      description: null,
      siteName: null,
      imageUrl: options.withImage === false ? null : previewImageUrl(entry.id),
    };
    await nodes[0]!.db.insert(messages).values({
      id: uuidv7(),
      roomId,
      seq,
      senderId: userId,
      clientId: uuidv7(),
      body: options.deleted ? '' : entry.url,
      deletedAt: options.deleted ? new Date() : null,
      previews: [preview],
    });
    await nodes[0]!.db
      .update(rooms)
      .set({ lastSeq: seq })
      .where(sql`${rooms.id} = ${roomId}`);
  }

  const left = async (entries: Array<{ id: string }>): Promise<string[]> => {
    const ids = entries.map((entry) => entry.id);
    const rows = await nodes[0]!.db.select({ id: linkPreviews.id }).from(linkPreviews).where(inArray(linkPreviews.id, ids));
    return ids.filter((id) => rows.some((row) => row.id === id));
  };

  it('removes expired entries no live message shows the image of; keeps shown, fresh and just expired ones', async () => {
    const unreferenced = await cached({ expiredMs: 2 * HOUR_MS });
    const failed = await cached({ expiredMs: 2 * HOUR_MS, ok: false, image: false });
    const shown = await cached({ expiredMs: 2 * HOUR_MS });
    await messageShowing(shown);
    const ofDeletedMessage = await cached({ expiredMs: 2 * HOUR_MS });
    await messageShowing(ofDeletedMessage, { deleted: true });
    const imageNotShown = await cached({ expiredMs: 2 * HOUR_MS });
    await messageShowing(imageNotShown, { withImage: false });
    const fresh = await cached({ expiredMs: -HOUR_MS });
    const justExpired = await cached({ expiredMs: 1_000 });
    const all = [unreferenced, failed, shown, ofDeletedMessage, imageNotShown, fresh, justExpired];

    expect(await removeStalePreviews(nodes[0]!.db)).toBe(4);
    expect(await left(all)).toEqual([shown.id, fresh.id, justExpired.id]);
    const [kept] = await nodes[0]!.db
      .select({ image: linkPreviews.image })
      .from(linkPreviews)
      .where(inArray(linkPreviews.id, [shown.id]));
    expect(kept?.image, 'the image a live message shows is still stored').toEqual(IMAGE);
    expect(await removeStalePreviews(nodes[0]!.db)).toBe(0);
  });

  it('nodes sweeping at the same time remove each entry once, all of them, in batches', async () => {
    const stale = [];
    for (let i = 0; i < 1200; i += 1) stale.push(await cached({ expiredMs: 2 * HOUR_MS, image: i % 2 === 0 }));
    const kept = await cached({ expiredMs: 2 * HOUR_MS });
    await messageShowing(kept);
    const removed = await Promise.all([...nodes, ...nodes].map((node) => removeStalePreviews(node.db)));
    expect(removed.reduce((sum, n) => sum + n, 0)).toBe(stale.length);
    expect(await left(stale)).toEqual([]);
    expect(await left([kept])).toEqual([kept.id]);
  });
});
