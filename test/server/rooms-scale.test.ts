/**
 * `rooms:list` and `rooms:browse` at sizes past PostgreSQL's 65,535 bind parameters: a user in
 * 100,000 rooms, and more public channels than that. Seeded with SQL straight into the server's
 * database (PGlite: with the server stopped, since it holds the database alone).
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSE_LIMIT_DEFAULT, BROWSE_LIMIT_MAX, type Room } from '../../common/protocol';
import { closeAllClients, connectUser, expectAckError, register, type Registered } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const ROOMS_OF_USER = 100_000;
/** Rooms of the user that have a message (from someone else): past the limit as well. */
const ROOMS_WITH_MESSAGES = 40_000;
const CHANNELS = 70_000;
const SLOW_ACK_MS = 120_000;

/** Runs SQL on the server's own database. */
async function seed(server: TestServer, statements: ReadonlyArray<[string, unknown[]]>): Promise<void> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      for (const [text, params] of statements) await client.query(text, params);
    } finally {
      await client.end();
    }
    return;
  }
  await server.stop();
  const db = await PGlite.create(path.join(server.dataDir, 'db'));
  try {
    for (const [text, params] of statements) await db.query(text, params);
  } finally {
    await db.close();
  }
  await server.restart();
}

describe.each(STORAGES)('rooms at scale (%s)', (storage) => {
  let server: TestServer;
  let many: Registered;
  let other: Registered;

  beforeAll(async () => {
    server = await startTestServer(storage);
    many = await register(server);
    other = await register(server);
    await seed(server, [
      // The rooms are empty when the user joins: the join trigger would count nothing.
      ['alter table room_members disable trigger room_members_joined_uncounted', []],
      [
        `insert into rooms (id, kind, name, last_seq)
         select gen_random_uuid(), 'group', 'many ' || i, case when i <= $1 then 1 else 0 end from generate_series(1, $2) i`,
        [ROOMS_WITH_MESSAGES, ROOMS_OF_USER],
      ],
      [`insert into room_members (room_id, user_id) select id, $1 from rooms where name like 'many %'`, [many.user.id]],
      [`insert into room_members (room_id, user_id) select id, $1 from rooms where name like 'many %' and last_seq = 1`, [other.user.id]],
      ['alter table room_members enable trigger room_members_joined_uncounted', []],
      [
        `insert into messages (id, room_id, seq, sender_id, client_id, body)
         select gen_random_uuid(), id, 1, $1, gen_random_uuid(), 'hello' from rooms where name like 'many %' and last_seq = 1`,
        [other.user.id],
      ],
      [
        `insert into rooms (id, kind, name, created_at)
         select gen_random_uuid(), 'channel', 'public ' || i, now() + i * interval '1 microsecond' from generate_series(1, $1) i`,
        [CHANNELS],
      ],
    ]);
  }, 600_000);
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it(
    'a user in 100,000 rooms lists them all, with last messages and unread counts',
    async () => {
      const c = await connectUser(server, many, SLOW_ACK_MS);
      const ack = (await c.call('rooms:list', {}, SLOW_ACK_MS)) as { ok: boolean; rooms?: Room[] };
      expect(ack.ok, JSON.stringify(ack).slice(0, 300)).toBe(true);
      const listed = ack.rooms!;
      expect(listed).toHaveLength(ROOMS_OF_USER);
      const withMessage = listed.filter((room) => room.lastMessage !== null);
      expect(withMessage).toHaveLength(ROOMS_WITH_MESSAGES);
      expect(withMessage.every((room) => room.unreadCount === 1 && room.lastMessage?.body === 'hello' && room.memberIds.length === 2)).toBe(true);
      expect(listed.filter((room) => room.lastMessage === null).every((room) => room.unreadCount === 0 && room.memberIds.length === 1)).toBe(true);
    },
    SLOW_ACK_MS,
  );

  it(
    'browsing more than 65,535 channels pages through all of them; {} gets the first page',
    async () => {
      const c = await connectUser(server, other);
      const first = await c.ok('rooms:browse', {});
      expect(first.rooms).toHaveLength(BROWSE_LIMIT_DEFAULT);
      expect(first.nextCursor).toEqual(expect.any(String));

      const seen = new Set<string>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await c.ok('rooms:browse', { limit: BROWSE_LIMIT_MAX, ...(cursor ? { cursor } : {}) });
        for (const room of page.rooms) {
          expect(room.kind).toBe('channel');
          seen.add(room.id);
        }
        pages += 1;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.size).toBe(CHANNELS);
      expect(pages).toBe(Math.ceil(CHANNELS / BROWSE_LIMIT_MAX));
      expect(first.rooms.map((room) => room.name)).toEqual(Array.from({ length: BROWSE_LIMIT_DEFAULT }, (_, i) => `public ${i + 1}`));
    },
    SLOW_ACK_MS,
  );

  it('a cursor that is not a channel from rooms:browse is invalid_input', async () => {
    const c = await connectUser(server, other);
    expectAckError(await c.call('rooms:browse', { cursor: 'not a cursor' }), 'invalid_input');
    expectAckError(await c.call('rooms:browse', { cursor: many.user.id }), 'invalid_input');
    expectAckError(await c.call('rooms:browse', { limit: BROWSE_LIMIT_MAX + 1 }), 'invalid_input');
  });
});
