/**
 * messages:changes (extension): what changed in a room after a cursor, so that a client that was
 * away catches up edits, deletions and reactions on messages it already holds. Also covers the
 * migration that introduced `updated_at`, applied to a database holding messages.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteFrom } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgresFrom } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../common/protocol';
import { migratePglite, migratePostgres } from '../../server/storage/migrate';
import { closeAllClients, connectUser, createRoom, idsOf, newClientId, newMembers, send, type ProtocolClient } from '../support/protocol-client';
import { closeAll, createTestDatabase, dropTestDatabase, sleep, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();

/** Every page of messages:changes from `since`, following the (updatedAt, id) cursor. */
async function allChanges(c: ProtocolClient, roomId: string, since: string, limit: number): Promise<{ pages: Message[][]; hasMore: boolean[] }> {
  const pages: Message[][] = [];
  const hasMore: boolean[] = [];
  let cursor: { since: string; sinceId?: string } = { since };
  for (;;) {
    const page = await c.ok('messages:changes', { roomId, ...cursor, limit });
    pages.push(page.messages);
    hasMore.push(page.hasMore);
    const last = page.messages.at(-1);
    if (!page.hasMore || !last) return { pages, hasMore };
    cursor = { since: last.updatedAt!, sinceId: last.id };
  }
}

const ms = (iso: string | undefined): number => Date.parse(iso ?? 'missing');

describe.each(STORAGES)('messages:changes (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('every message carries updatedAt, moved forward by each edit, delete and reaction change (not by a no-op)', async () => {
    const [alice, bob] = await newMembers(server, 2, 'upd');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    const sent = await send(alice!.c, room.id, 'hello');
    expect(Math.abs(ms(sent.updatedAt) - ms(sent.createdAt))).toBeLessThanOrEqual(1); // set on insert
    const pushed = await bob!.c.waitFor('message:new', (m) => m.id === sent.id);
    expect(pushed.updatedAt).toBe(sent.updatedAt);

    let previous = ms(sent.updatedAt);
    const expectLater = (m: Message): void => {
      expect(ms(m.updatedAt)).toBeGreaterThan(previous);
      previous = ms(m.updatedAt);
    };
    await sleep(3);
    expectLater((await alice!.c.ok('messages:edit', { messageId: sent.id, body: 'hello!' })).message);
    await sleep(3);
    const reacted = (await bob!.c.ok('messages:react', { messageId: sent.id, emoji: '👍', add: true })).message;
    expectLater(reacted);
    await sleep(3);
    const again = (await bob!.c.ok('messages:react', { messageId: sent.id, emoji: '👍', add: true })).message;
    expect(again.updatedAt).toBe(reacted.updatedAt); // already there: nothing changed
    expectLater((await bob!.c.ok('messages:react', { messageId: sent.id, emoji: '👍', add: false })).message);
    await sleep(3);
    const deleted = (await alice!.c.ok('messages:delete', { messageId: sent.id })).message;
    expectLater(deleted);
    const update = await bob!.c.waitFor('message:updated', (m) => m.id === sent.id && m.deletedAt !== null);
    expect(update.updatedAt).toBe(deleted.updatedAt);
  });

  it('returns the edits, deletions and reactions after the cursor, in change order, with their current state', async () => {
    const [alice, bob] = await newMembers(server, 2, 'chg');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    const other = await createRoom(alice!.c, 'group', [bob!]);
    const old: Message[] = [];
    for (let i = 1; i <= 5; i++) old.push(await send(alice!.c, room.id, `old ${i}`));
    await alice!.c.ok('messages:edit', { messageId: old[4]!.id, body: 'old 5, edited before the cursor' });
    await bob!.c.waitForCount('message:new', 5, (m) => m.roomId === room.id);
    const seen = await bob!.c.waitFor('message:updated', (m) => m.id === old[4]!.id);
    const cursor = seen.updatedAt!;
    bob!.c.close();

    await sleep(3);
    await alice!.c.ok('messages:edit', { messageId: old[1]!.id, body: 'old 2, edited while bob was away' });
    await sleep(3);
    await alice!.c.ok('messages:delete', { messageId: old[0]!.id });
    await sleep(3);
    await alice!.c.ok('messages:react', { messageId: old[2]!.id, emoji: '🎉', add: true });
    await sleep(3);
    const fresh = await send(alice!.c, room.id, 'new while away');
    await send(alice!.c, other.id, 'another room');

    const back = await connectUser(server, bob!);
    const { messages, hasMore } = await back.ok('messages:changes', { roomId: room.id, since: cursor });
    expect(hasMore).toBe(false);
    expect(idsOf(messages)).toEqual([old[1]!.id, old[0]!.id, old[2]!.id, fresh.id]);
    expect(messages[0]!.body).toBe('old 2, edited while bob was away');
    expect(messages[0]!.editedAt).not.toBeNull();
    expect(messages[1]).toMatchObject({ body: '', reactions: {}, attachments: [] });
    expect(typeof messages[1]!.deletedAt).toBe('string');
    expect(messages[2]!.reactions).toEqual({ '🎉': [alice!.user.id] });
    expect(messages[3]!.body).toBe('new while away');
    for (let i = 1; i < messages.length; i++) expect(ms(messages[i]!.updatedAt)).toBeGreaterThan(ms(messages[i - 1]!.updatedAt));
    expect(ms(messages[0]!.updatedAt)).toBeGreaterThan(ms(cursor));

    // The cursor of the last change returns nothing; an offset in the timestamp means the same instant.
    const last = messages.at(-1)!;
    expect((await back.ok('messages:changes', { roomId: room.id, since: last.updatedAt! })).messages).toEqual([]);
    const shifted = new Date(ms(cursor) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(idsOf((await back.ok('messages:changes', { roomId: room.id, since: shifted })).messages)).toEqual(idsOf(messages));
  });

  it('pages by (updatedAt, id) without losing or repeating a change, also when changes share a timestamp', async () => {
    const [alice, bob] = await newMembers(server, 2, 'page');
    const room = await createRoom(alice!.c, 'group', [bob!]);
    const before = new Date(Date.now() - 1000).toISOString();
    const sent: Message[] = [];
    for (let i = 1; i <= 7; i++) sent.push(await send(alice!.c, room.id, `m${i}`));

    const { pages, hasMore } = await allChanges(bob!.c, room.id, before, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(hasMore).toEqual([true, true, false]);
    expect(pages.flat().map((m) => m.body)).toEqual(sent.map((m) => m.body));

    // Force five messages onto one instant: only the id tiebreaker keeps paging exact.
    const instant = new Date(Date.now() + 60_000);
    instant.setMilliseconds(0);
    await setUpdatedAt(server, idsOf(sent.slice(1, 6)), instant);
    const c = await connectUser(server, bob!); // the server may have restarted
    const tied = await allChanges(c, room.id, before, 2);
    const all = tied.pages.flat();
    expect(tied.pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(new Set(idsOf(all)).size).toBe(7);
    const tiedIds = idsOf(sent.slice(1, 6)).sort();
    expect(idsOf(all)).toEqual([sent[0]!.id, sent[6]!.id, ...tiedIds]);
    expect(all.slice(2).every((m) => m.updatedAt === instant.toISOString())).toBe(true);
  });

  it('is for members only: forbidden for others, not_found for an unknown room, invalid_input for a bad cursor', async () => {
    const [alice, eve] = await newMembers(server, 2, 'acl');
    const room = await createRoom(alice!.c, 'group', []);
    const since = new Date(0).toISOString();
    await eve!.c.fail('messages:changes', { roomId: room.id, since }, 'forbidden');
    await eve!.c.fail('messages:changes', { roomId: newClientId(), since }, 'not_found');
    await alice!.c.fail('messages:changes', { roomId: newClientId(), since }, 'not_found');
    const channel = await createRoom(alice!.c, 'channel', []);
    await eve!.c.fail('messages:changes', { roomId: channel.id, since }, 'forbidden'); // public, but not joined
    for (const bad of ['yesterday', '', '2024-02-30T00:00:00Z', '2024-01-01 00:00:00', 1700000000000, null]) {
      await alice!.c.failRaw('messages:changes', { roomId: room.id, since: bad }, 'invalid_input');
    }
    await alice!.c.failRaw('messages:changes', { roomId: room.id }, 'invalid_input');
    await alice!.c.failRaw('messages:changes', { roomId: room.id, since, sinceId: 'nope' }, 'invalid_input');
    for (const limit of [0, 501, 1.5]) await alice!.c.failRaw('messages:changes', { roomId: room.id, since, limit }, 'invalid_input');
    // Long ago is simply "from the start".
    await send(alice!.c, room.id, 'first');
    const { messages } = await alice!.c.ok('messages:changes', { roomId: room.id, since: '0001-01-01T00:00:00Z', limit: 500 });
    expect(messages.map((m) => m.body)).toEqual(['first']);
  });
});

/** Sets updated_at directly in the server's database (PGlite: with the server stopped, then restarted). */
async function setUpdatedAt(server: TestServer, ids: string[], at: Date): Promise<void> {
  const statement = `update messages set updated_at = $1 where id = any($2::uuid[])`;
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      await client.query(statement, [at.toISOString(), ids]);
    } finally {
      await client.end();
    }
    return;
  }
  closeAllClients();
  await server.stop();
  const db = await PGlite.create(path.join(server.dataDir, 'db'));
  try {
    await db.query(statement, [at.toISOString(), ids]);
  } finally {
    await db.close();
  }
  await server.restart();
}

/** A copy of the migrations folder that stops after the first migration (a database made before updated_at). */
async function migrationsUpToInit(): Promise<string> {
  const source = path.resolve(import.meta.dirname, '../../server/storage/migrations');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-migrations-'));
  await cp(source, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.filter((entry) => entry.tag === '0000_init');
  await writeFile(journalPath, JSON.stringify(journal));
  return dir;
}

const SEED = `
  insert into users (id, username, password_hash, display_name) values
    ('00000000-0000-7000-8000-000000000001', 'ann', 'x', 'Ann'),
    ('00000000-0000-7000-8000-000000000002', 'ben', 'x', 'Ben');
  insert into rooms (id, kind, name, last_seq) values ('00000000-0000-7000-8000-0000000000aa', 'group', 'old', 4);
  insert into messages (id, room_id, seq, sender_id, client_id, body, created_at, edited_at, deleted_at) values
    ('00000000-0000-7000-8000-000000000101', '00000000-0000-7000-8000-0000000000aa', 1, '00000000-0000-7000-8000-000000000001',
     '00000000-0000-7000-8000-000000000201', 'plain', '2024-01-01T10:00:00.123456Z', null, null),
    ('00000000-0000-7000-8000-000000000102', '00000000-0000-7000-8000-0000000000aa', 2, '00000000-0000-7000-8000-000000000001',
     '00000000-0000-7000-8000-000000000202', 'edited', '2024-01-01T10:01:00Z', '2024-01-02T10:00:00.5Z', null),
    ('00000000-0000-7000-8000-000000000103', '00000000-0000-7000-8000-0000000000aa', 3, '00000000-0000-7000-8000-000000000001',
     '00000000-0000-7000-8000-000000000203', '', '2024-01-01T10:02:00Z', '2024-01-02T11:00:00Z', '2024-01-03T10:00:00Z'),
    ('00000000-0000-7000-8000-000000000104', '00000000-0000-7000-8000-0000000000aa', 4, '00000000-0000-7000-8000-000000000001',
     '00000000-0000-7000-8000-000000000204', 'reacted', '2024-01-01T10:03:00Z', null, null);
  insert into reactions (message_id, user_id, emoji, created_at) values
    ('00000000-0000-7000-8000-000000000104', '00000000-0000-7000-8000-000000000002', '👍', '2024-01-04T10:00:00Z');
`;
const BACKFILLED = {
  '00000000-0000-7000-8000-000000000101': '2024-01-01T10:00:00.123Z',
  '00000000-0000-7000-8000-000000000102': '2024-01-02T10:00:00.500Z',
  '00000000-0000-7000-8000-000000000103': '2024-01-03T10:00:00.000Z',
  '00000000-0000-7000-8000-000000000104': '2024-01-04T10:00:00.000Z',
};
const READ_BACK = `select id, updated_at from messages order by seq`;
const asMap = (rows: Array<{ id: string; updated_at: Date | string }>): Record<string, string> =>
  Object.fromEntries(rows.map((r) => [r.id, new Date(r.updated_at).toISOString()]));

describe.each(STORAGES)('the updated_at migration on an existing database (%s)', (storage) => {
  it('applies after 0000_init and backfills updated_at from the last known change of each message', async () => {
    const initOnly = await migrationsUpToInit();
    try {
      if (storage === 'pglite') {
        const client = await PGlite.create();
        try {
          await migratePgliteFrom(drizzlePglite({ client }), { migrationsFolder: initOnly });
          await client.exec(SEED);
          await migratePglite(drizzlePglite({ client }));
          expect(asMap((await client.query<{ id: string; updated_at: Date }>(READ_BACK)).rows)).toEqual(BACKFILLED);
        } finally {
          await client.close();
        }
      } else {
        const { url, name } = await createTestDatabase();
        const pool = new pg.Pool({ connectionString: url, max: 2 });
        try {
          await migratePostgresFrom(drizzlePostgres({ client: pool }), { migrationsFolder: initOnly });
          await pool.query(SEED);
          await migratePostgres(pool);
          expect(asMap((await pool.query<{ id: string; updated_at: Date }>(READ_BACK)).rows)).toEqual(BACKFILLED);
        } finally {
          await pool.end();
          await dropTestDatabase(name);
        }
      }
    } finally {
      await rm(initOnly, { recursive: true, force: true });
    }
  });
});
