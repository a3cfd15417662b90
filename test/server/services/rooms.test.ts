/**
 * Unread counts on real storage (PGlite, and PostgreSQL when reachable), seeded with SQL: they
 * match a count of the messages themselves after every kind of change, and building a room's
 * views for all its members (what a rename, join or invite does) never counts messages.
 */
import { sql, type Logger } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { advanceReceipt } from '../../../server/services/receipts';
import { inviteToRoom, joinRoom, leaveRoom, roomViewsForMembers, updateRoom } from '../../../server/services/rooms';
import type { Database } from '../../../server/storage/database';
import * as schema from '../../../server/storage/schema';
import { storages } from '../../support/test-server';
import { openLoggedDatabase } from '../../support/logged-database';

const STORAGES = await storages();
const MEMBERS = 53;
const MESSAGES = 3_000;
/** Every DELETED_EVERY-th message is deleted. */
const DELETED_EVERY = 97;

/** Every SQL statement the database is sent while `capture` is on. */
class QueryLog implements Logger {
  capturing = false;
  readonly queries: string[] = [];
  logQuery(query: string): void {
    if (this.capturing) this.queries.push(query);
  }
  async during(fn: () => Promise<unknown>): Promise<string[]> {
    this.queries.length = 0;
    this.capturing = true;
    try {
      await fn();
    } finally {
      this.capturing = false;
    }
    return [...this.queries];
  }
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows);

describe.each(STORAGES)('unread counts (%s)', (kind) => {
  const log = new QueryLog();
  let db: Database;
  let close: () => Promise<void>;
  let roomId: string;
  let memberIds: string[];

  async function newUser(): Promise<string> {
    const id = uuidv7();
    await db.insert(schema.users).values({ id, username: `u${id.slice(-12)}`, passwordHash: 'x', displayName: 'User' });
    return id;
  }

  /** What PROTOCOL.md defines: messages from others after the member's readSeq (tombstones are not unread). */
  async function countedUnread(): Promise<Map<string, number>> {
    const rows = rowsOf<{ user_id: string; unread: number | string }>(
      await db.execute(sql`select m.user_id, (select count(*) from messages x
        where x.room_id = m.room_id and x.seq > m.read_seq and x.sender_id <> m.user_id and x.deleted_at is null) as unread
        from room_members m where m.room_id = ${roomId}`),
    );
    return new Map(rows.map((row) => [row.user_id, Number(row.unread)]));
  }

  async function shownUnread(): Promise<Map<string, number>> {
    const views = await roomViewsForMembers(db, roomId);
    return new Map([...views].map(([userId, room]) => [userId, room.unreadCount]));
  }

  async function expectUnreadRight(): Promise<void> {
    expect(await shownUnread()).toEqual(await countedUnread());
  }

  /** What a send does to storage, as any writer would: the seq bump and the row. */
  async function insertMessage(senderId: string): Promise<number> {
    const [bumped] = rowsOf<{ last_seq: number }>(await db.execute(sql`update rooms set last_seq = last_seq + 1 where id = ${roomId} returning last_seq`));
    await db.insert(schema.messages).values({ id: uuidv7(), roomId, seq: bumped!.last_seq, senderId, clientId: uuidv7(), body: 'new' });
    return bumped!.last_seq;
  }

  async function deleteMessage(seq: number): Promise<void> {
    await db.execute(sql`update messages set deleted_at = now(), body = '' where room_id = ${roomId} and seq = ${seq}`);
  }

  beforeAll(async () => {
    ({ db, close } = await openLoggedDatabase(kind, log));
  }, 60_000);
  afterAll(() => close());

  beforeEach(async () => {
    roomId = uuidv7();
    memberIds = [];
    for (let i = 0; i < MEMBERS; i += 1) memberIds.push(await newUser());
    await db.insert(schema.rooms).values({ id: roomId, kind: 'channel', name: 'big' });
    // The first member is the channel's admin (who may rename it).
    await db.insert(schema.roomMembers).values(memberIds.map((userId, i) => ({ roomId, userId, role: i === 0 ? ('admin' as const) : ('member' as const) })));
    const senders = sql.raw(`array[${memberIds.map((id) => `'${id}'::uuid`).join(',')}]`);
    await db.execute(sql`insert into messages (id, room_id, seq, sender_id, client_id, body)
      select gen_random_uuid(), ${roomId}, s, (${senders})[1 + s % ${MEMBERS}], gen_random_uuid(), 'message ' || s
      from generate_series(1, ${MESSAGES}) s`);
    await db.execute(sql`update rooms set last_seq = ${MESSAGES} where id = ${roomId}`);
    await db.execute(sql`update messages set deleted_at = now(), body = '' where room_id = ${roomId} and seq % ${DELETED_EVERY} = 0`);
    // Members read up to different places; the last one has read nothing.
    for (const [index, userId] of memberIds.slice(0, -1).entries()) {
      await advanceReceipt(db, userId, roomId, Math.round((index * MESSAGES) / MEMBERS), 'read');
    }
  }, 60_000);

  it('match a count of the messages after seeding, reads, sends and deletes', async () => {
    await expectUnreadRight();
    const reader = memberIds[5]!;
    await advanceReceipt(db, reader, roomId, MESSAGES - 10, 'read');
    await advanceReceipt(db, memberIds[6]!, roomId, MESSAGES, 'read');
    await advanceReceipt(db, memberIds[7]!, roomId, 1_000_000, 'read');
    await expectUnreadRight();
    expect((await shownUnread()).get(memberIds[6]!)).toBe(0);

    const sent = [await insertMessage(reader), await insertMessage(memberIds[6]!), await insertMessage(reader)];
    await expectUnreadRight();
    expect((await shownUnread()).get(memberIds[6]!)).toBe(2);

    await deleteMessage(sent[0]!);
    await deleteMessage(MESSAGES - 5);
    await deleteMessage(MESSAGES - 5);
    await expectUnreadRight();
    await advanceReceipt(db, reader, roomId, sent[1]!, 'read');
    await advanceReceipt(db, memberIds[8]!, roomId, 3, 'read');
    await expectUnreadRight();
  });

  it('stay right for members who join, leave and are invited back', async () => {
    const newcomer = await newUser();
    await joinRoom(db, newcomer, roomId);
    const views = await roomViewsForMembers(db, roomId);
    expect(views.get(newcomer)?.unreadCount).toBe(MESSAGES - Math.floor(MESSAGES / DELETED_EVERY));
    await expectUnreadRight();

    // Back after leaving: their own messages from before are still not unread for them.
    const returning = memberIds[3]!;
    await leaveRoom(db, returning, roomId);
    await inviteToRoom(db, memberIds[0]!, roomId, [returning]);
    await expectUnreadRight();
    expect((await shownUnread()).get(returning)).toBe((await countedUnread()).get(returning));
  });

  it("a rename and every member's new view run a fixed number of queries, none counting messages", async () => {
    const renamed = await log.during(async () => {
      await updateRoom(db, memberIds[0]!, { roomId, name: 'renamed' });
      await roomViewsForMembers(db, roomId);
    });
    expect(renamed.filter((query) => /count\s*\(/i.test(query))).toEqual([]);
    // The only look at messages is the room's newest one, found by (room_id, seq = last_seq).
    const readingMessages = renamed.filter((query) => /from "messages"/.test(query));
    expect(readingMessages.length).toBeGreaterThan(0);
    for (const query of readingMessages) expect(query).toMatch(/"rooms"\."last_seq" = "messages"\."seq"/);
    expect(renamed.length).toBeLessThanOrEqual(8);
    await expectUnreadRight();
  });
});
