/**
 * Migration 0004 on a database that already has rooms: the schema up to 0003 is applied from a
 * copy of the migrations folder that stops there, rooms are written the way the server wrote
 * them then (no roles), and the real migrations bring it up to date. Each channel and group
 * must come out with its creator (its earliest member(s)) as admin; DMs with none.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgresTo } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteTo } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomViewsForMembers } from '../../../server/services/rooms';
import type { Database } from '../../../server/storage/database';
import { migratePglite, migratePostgres } from '../../../server/storage/migrate';
import { users as usersTable } from '../../../server/storage/schema';
import { createTestDatabase, dropTestDatabase, storages } from '../../support/test-server';

const STORAGES = await storages();
const MIGRATIONS = fileURLToPath(new URL('../../../server/storage/migrations', import.meta.url));
const BEFORE = '0004_room_roles_avatars';

interface Journal {
  entries: Array<{ tag: string }>;
}

/** A migrations folder holding only the migrations before 0004. */
async function migrationsBefore0004(dir: string): Promise<string> {
  const folder = path.join(dir, 'migrations');
  await mkdir(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal;
  const stop = journal.entries.findIndex((entry) => entry.tag === BEFORE);
  expect(stop).toBeGreaterThan(0);
  const earlier = journal.entries.slice(0, stop);
  for (const { tag } of earlier) await copyFile(path.join(MIGRATIONS, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  await writeFile(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: earlier }));
  return folder;
}

interface Opened {
  db: Database;
  /** Applies every migration of the app (what the server does at start). */
  migrateAll: () => Promise<void>;
  close: () => Promise<void>;
}

async function openBefore0004(kind: 'pglite' | 'postgres', dir: string): Promise<Opened> {
  const folder = await migrationsBefore0004(dir);
  if (kind === 'pglite') {
    const client = await PGlite.create(path.join(dir, 'db'));
    const db = drizzlePglite({ client });
    await migratePgliteTo(db, { migrationsFolder: folder });
    return { db: db as unknown as Database, migrateAll: () => migratePglite(db), close: () => client.close() };
  }
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const db = drizzlePostgres({ client: pool });
  await migratePostgresTo(db, { migrationsFolder: folder });
  return {
    db: db as unknown as Database,
    migrateAll: () => migratePostgres(pool),
    close: async () => {
      await pool.end();
      await dropTestDatabase(database.name);
    },
  };
}

describe.each(STORAGES)('migration 0004 on existing rooms (%s)', (kind) => {
  let dir: string;
  let opened: Opened;
  const users = Array.from({ length: 5 }, () => uuidv7());
  const [creator, second, third, fourth, fifth] = users as [string, string, string, string, string];
  const rooms = { channel: uuidv7(), group: uuidv7(), creatorLeft: uuidv7(), dm: uuidv7() };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-migrate-roles-'));
    opened = await openBefore0004(kind, dir);
    const { db } = opened;
    for (const id of users)
      await db.execute(sql`insert into users (id, username, password_hash, display_name) values (${id}, ${`u${id.slice(-12)}`}, 'x', 'User')`);
    const room = (id: string, kindName: string, dmKey: string | null = null) =>
      db.execute(sql`insert into rooms (id, kind, name, dm_key) values (${id}, ${kindName}::room_kind, ${dmKey ? null : 'room'}, ${dmKey})`);
    const member = (roomId: string, userId: string, joinedAt: string) =>
      db.execute(sql`insert into room_members (room_id, user_id, joined_at) values (${roomId}, ${userId}, ${joinedAt}::timestamptz)`);
    // A channel its creator made alone, others joined later.
    await room(rooms.channel, 'channel');
    await member(rooms.channel, creator, '2026-01-01T10:00:00Z');
    await member(rooms.channel, second, '2026-01-02T10:00:00Z');
    await member(rooms.channel, third, '2026-01-03T10:00:00Z');
    // A group created with members: they all joined in the creating transaction, at one time.
    await room(rooms.group, 'group');
    for (const userId of [creator, second, third]) await member(rooms.group, userId, '2026-01-05T10:00:00Z');
    await member(rooms.group, fourth, '2026-01-06T10:00:00Z');
    // A channel whose creator has left: the longest-standing member remains.
    await room(rooms.creatorLeft, 'channel');
    await member(rooms.creatorLeft, fifth, '2026-01-08T10:00:00Z');
    await member(rooms.creatorLeft, fourth, '2026-01-09T10:00:00Z');
    await room(rooms.dm, 'dm', [creator, second].sort().join(':'));
    for (const userId of [creator, second]) await member(rooms.dm, userId, '2026-01-10T10:00:00Z');

    await opened.migrateAll();
  }, 60_000);

  afterAll(async () => {
    await opened?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const adminsOf = async (roomId: string): Promise<string[]> => {
    const views = await roomViewsForMembers(opened.db, roomId);
    const [view] = views.values();
    return [...(view?.adminIds ?? [])].sort();
  };

  it('a channel gets its creator as its only admin', async () => {
    expect(await adminsOf(rooms.channel)).toEqual([creator]);
  });

  it('a group created with members gets every member who joined at its creation (the creator among them), not later ones', async () => {
    expect(await adminsOf(rooms.group)).toEqual([creator, second, third].sort());
  });

  it('a channel whose creator left gets its longest-standing member', async () => {
    expect(await adminsOf(rooms.creatorLeft)).toEqual([fifth]);
  });

  it('a DM gets no admin; users start without an avatar', async () => {
    expect(await adminsOf(rooms.dm)).toEqual([]);
    const withoutAvatar = await opened.db
      .select({ id: usersTable.id })
      .from(usersTable)
      .where(and(isNull(usersTable.avatarPath), eq(usersTable.avatarVersion, 0)));
    expect(withoutAvatar).toHaveLength(users.length);
  });
});
