/**
 * The preview worker on real storage (PGlite, and PostgreSQL when reachable) against local HTTP
 * servers: previews are stored on the message and published, each link is fetched once (the
 * cache, failures included), an expired entry is fetched again under the same id, a message
 * edited meanwhile is not overwritten, removed links stay out, and close() cuts fetches short.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../common/protocol';
import { createLogger } from '../../../server/logger';
import { applyPreviews, removePreview } from '../../../server/previews/message-previews';
import { findCachedPreview } from '../../../server/previews/preview-cache';
import { LinkPreviewWorker } from '../../../server/previews/preview-worker';
import { hydrateMessages } from '../../../server/services/messages';
import { openStorage, type Storage as OpenStorage } from '../../../server/storage/database';
import { messageColumns } from '../../../server/storage/message-columns';
import { linkPreviews, messages, roomMembers, rooms, users } from '../../../server/storage/schema';
import { htmlPage, startLocalSite, type LocalSite } from '../../support/local-site';
import { createTestDatabase, dropTestDatabase, sleep, storages } from '../../support/test-server';

const STORAGES = await storages();
const logger = createLogger('silent');

describe.each(STORAGES)('LinkPreviewWorker (%s)', (kind) => {
  let storage: OpenStorage;
  let cleanup: () => Promise<void>;
  let site: LocalSite;
  let published: Message[];
  let worker: LinkPreviewWorker;
  let senderId: string;
  let otherId: string;
  let roomId: string;
  let seq = 0;

  beforeAll(async () => {
    site = await startLocalSite({
      '/a': htmlPage('<title>Page A</title>'),
      '/b': htmlPage('<title>Page B</title>'),
      '/c': htmlPage('<title>Page C</title>'),
      '/expiring': htmlPage('<title>Expiring</title>'),
      '/race': htmlPage('<title>Race</title>'),
      '/removed': htmlPage('<title>Removed</title>'),
      '/broken': (_request, response) => void response.writeHead(500).end(),
      '/slow': (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).write('<html><head>'),
    });
    if (kind === 'pglite') {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-previews-'));
      storage = await openStorage({ databaseUrl: null, dataDir: dir, logger });
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const database = await createTestDatabase();
      storage = await openStorage({ databaseUrl: database.url, dataDir: os.tmpdir(), logger, poolMax: 4 });
      cleanup = () => dropTestDatabase(database.name);
    }
    [senderId, otherId, roomId] = [uuidv7(), uuidv7(), uuidv7()];
    await storage.db.insert(users).values([
      { id: senderId, username: `s${senderId.slice(-8)}`, passwordHash: 'x', displayName: 'Sender' },
      { id: otherId, username: `o${otherId.slice(-8)}`, passwordHash: 'x', displayName: 'Other' },
    ]);
    await storage.db.insert(rooms).values({ id: roomId, kind: 'group', name: 'previews' });
    await storage.db.insert(roomMembers).values([
      { roomId, userId: senderId },
      { roomId, userId: otherId },
    ]);
    published = [];
    worker = new LinkPreviewWorker({
      config: { enabled: true, allow: [site.hostPort] },
      db: storage.db,
      logger,
      publish: (message) => published.push(message),
      timeoutMs: 1_000,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await storage?.close();
    await cleanup?.();
    await site?.close();
  });

  async function stored(body: string): Promise<Message> {
    seq += 1;
    const [row] = await storage.db.insert(messages).values({ id: uuidv7(), roomId, seq, senderId, clientId: uuidv7(), body }).returning(messageColumns);
    await storage.db.update(rooms).set({ lastSeq: seq }).where(eq(rooms.id, roomId));
    const [message] = await hydrateMessages(storage.db, row ? [row] : []);
    if (!message) throw new Error('not stored');
    return message;
  }

  async function publishedFor(message: Message, predicate: (m: Message) => boolean = () => true): Promise<Message> {
    for (let waited = 0; waited < 5_000; waited += 50) {
      const found = published.find((m) => m.id === message.id && predicate(m));
      if (found) return found;
      await sleep(50);
    }
    throw new Error(`no preview published for "${message.body}"`);
  }

  it('stores the previews in body order and publishes the message', async () => {
    const message = await stored(`${site.url('/b')} then ${site.url('/a')}`);
    worker.queue(message);
    const done = await publishedFor(message, (m) => m.previews?.length === 2);
    expect(done.previews?.map((p) => p.title)).toEqual(['Page B', 'Page A']);
    const [row] = await storage.db.select({ previews: messages.previews }).from(messages).where(eq(messages.id, message.id));
    expect(row?.previews).toEqual(done.previews);
  });

  it('fetches a link once for several messages, and a failed one is not retried meanwhile', async () => {
    const first = await stored(`${site.url('/c')} ${site.url('/broken')}`);
    const second = await stored(`${site.url('/c')} ${site.url('/broken')}`);
    worker.queue(first);
    worker.queue(second);
    await Promise.all([publishedFor(first), publishedFor(second)]);
    const third = await stored(site.url('/broken'));
    worker.queue(third);
    await sleep(300);
    expect(site.hits('/c')).toBe(1);
    expect(site.hits('/broken')).toBe(1);
    expect((await findCachedPreview(storage.db, site.url('/broken')))?.ok).toBe(false);
  });

  it('fetches an expired entry again and keeps its id', async () => {
    const message = await stored(site.url('/expiring'));
    worker.queue(message);
    const before = await findCachedPreview(storage.db, site.url('/expiring'));
    await publishedFor(message);
    const cached = await findCachedPreview(storage.db, site.url('/expiring'));
    expect(before === undefined || before.id === cached?.id).toBe(true);
    await storage.db
      .update(linkPreviews)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(linkPreviews.url, site.url('/expiring')));
    expect(await findCachedPreview(storage.db, site.url('/expiring'))).toBeUndefined();
    const again = await stored(`again ${site.url('/expiring')}`);
    worker.queue(again);
    await publishedFor(again);
    expect(site.hits('/expiring')).toBe(2);
    expect((await findCachedPreview(storage.db, site.url('/expiring')))?.id).toBe(cached?.id);
  });

  it('applyPreviews leaves a message edited or deleted meanwhile alone, and skips removed links', async () => {
    const message = await stored(site.url('/race'));
    const preview = { url: site.url('/race'), title: 'Race', description: null, siteName: null, imageUrl: null };
    await storage.db.update(messages).set({ body: 'edited' }).where(eq(messages.id, message.id));
    expect(await applyPreviews(storage.db, message.id, message.body, [preview])).toBeNull();
    expect(await applyPreviews(storage.db, message.id, 'edited', [{ ...preview, url: site.url('/a') }])).not.toBeNull();
    // The same previews again: nothing changes, nothing to publish.
    expect(await applyPreviews(storage.db, message.id, 'edited', [{ ...preview, url: site.url('/a') }])).toBeNull();
    await storage.db.update(messages).set({ deletedAt: new Date() }).where(eq(messages.id, message.id));
    expect(await applyPreviews(storage.db, message.id, 'edited', [])).toBeNull();

    const kept = await stored(`${site.url('/removed')} ${site.url('/a')}`);
    await removePreview(storage.db, senderId, { messageId: kept.id, url: site.url('/removed') });
    worker.queue(kept);
    const done = await publishedFor(kept);
    expect(done.previews?.map((p) => p.url)).toEqual([site.url('/a')]);
    const again = await removePreview(storage.db, senderId, { messageId: kept.id, url: `${site.url('/removed')}#again` });
    expect(again.changed).toBe(false);
    await expect(removePreview(storage.db, otherId, { messageId: kept.id, url: site.url('/a') })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('close() aborts running fetches at once and caches nothing for them', async () => {
    const message = await stored(site.url('/slow'));
    const closing = new LinkPreviewWorker({ config: { enabled: true, allow: [site.hostPort] }, db: storage.db, logger, publish: () => undefined });
    closing.queue(message);
    await site.requested('/slow');
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await findCachedPreview(storage.db, site.url('/slow'))).toBeUndefined();
  });

  it('does nothing when previews are off', async () => {
    const message = await stored(site.url('/a'));
    const off = new LinkPreviewWorker({ config: { enabled: false, allow: [site.hostPort] }, db: storage.db, logger, publish: (m) => published.push(m) });
    off.queue(message);
    await sleep(300);
    await off.close();
    expect(published.some((m) => m.id === message.id)).toBe(false);
  });
});
