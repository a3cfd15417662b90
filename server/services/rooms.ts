import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';
import { ProtocolError, type NotifyLevel, type ParsedPayload, type Room } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { roomMembers, rooms, type RoomRow } from '../storage/schema';
import { lastMessagesOfRooms } from './room-last-messages';
import { requireMembership } from './membership';
import { keepAnAdmin, lockRoom, requireAdmin } from './room-roles';
import { assertUsersExist } from './users';

/**
 * Messages from others after the member's read position, by seq arithmetic: seqs have no gaps,
 * and `uncounted_after_read` (kept by triggers) holds the member's own and deleted messages
 * after that position. Costs nothing per message.
 */
const unreadCount = sql<number>`greatest(${rooms.lastSeq} - ${roomMembers.readSeq} - ${roomMembers.uncountedAfterRead}, 0)`.mapWith(Number);

interface RoomViewRow {
  room: RoomRow;
  userId: string | null;
  readSeq: number | null;
  /** The viewer's own notification level; null for a non-member (browse). */
  notify: NotifyLevel | null;
  unreadCount: number;
}

/** Picks the rooms to assemble, as a condition on a room-id column (a subquery, never an id list). */
type RoomScope = (roomId: AnyPgColumn) => SQL;

const roomsOfUser =
  (db: Queryable, userId: string): RoomScope =>
  (roomId) =>
    inArray(roomId, db.select({ id: roomMembers.roomId }).from(roomMembers).where(eq(roomMembers.userId, userId)));

const oneRoom =
  (id: string): RoomScope =>
  (roomId) =>
    eq(roomId, id);

/** Room views as seen by members (one row per room and member), matching `where`. */
function memberViewRows(db: Queryable, where: SQL | undefined): Promise<RoomViewRow[]> {
  return db
    .select({ room: rooms, userId: roomMembers.userId, readSeq: roomMembers.readSeq, notify: roomMembers.notify, unreadCount })
    .from(roomMembers)
    .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
    .where(where)
    .orderBy(asc(rooms.createdAt), asc(rooms.id));
}

/** Adds member lists and last messages of the rooms in `scope` (a few queries for any number of rooms). */
async function assembleRooms(db: Queryable, rows: RoomViewRow[], scope: RoomScope): Promise<Room[]> {
  if (rows.length === 0) return [];
  const withMessages = rows.some((row) => row.room.lastSeq > 0);
  const [members, lastMessages] = await Promise.all([
    db
      .select({ roomId: roomMembers.roomId, userId: roomMembers.userId, role: roomMembers.role })
      .from(roomMembers)
      .where(scope(roomMembers.roomId))
      .orderBy(asc(roomMembers.joinedAt), asc(roomMembers.userId)),
    withMessages ? lastMessagesOfRooms(db, scope(rooms.id)) : new Map<string, Room['lastMessage']>(),
  ]);
  const memberIds = new Map<string, string[]>();
  const adminIds = new Map<string, string[]>();
  const push = (lists: Map<string, string[]>, roomId: string, userId: string) => {
    const list = lists.get(roomId) ?? [];
    list.push(userId);
    lists.set(roomId, list);
  };
  for (const { roomId, userId, role } of members) {
    push(memberIds, roomId, userId);
    if (role === 'admin') push(adminIds, roomId, userId);
  }

  return rows.map(({ room, readSeq, notify, unreadCount: unread }) => ({
    id: room.id,
    kind: room.kind,
    name: room.name,
    topic: room.topic,
    memberIds: memberIds.get(room.id) ?? [],
    adminIds: adminIds.get(room.id) ?? [],
    lastSeq: room.lastSeq,
    unreadCount: unread,
    lastMessage: lastMessages.get(room.id) ?? null,
    createdAt: room.createdAt.toISOString(),
    ...(readSeq === null ? {} : { readSeq }),
    ...(notify === null ? {} : { notify }),
  }));
}

export async function listRooms(db: Queryable, userId: string): Promise<Room[]> {
  return assembleRooms(db, await memberViewRows(db, eq(roomMembers.userId, userId)), roomsOfUser(db, userId));
}

export async function roomForUser(db: Queryable, roomId: string, userId: string): Promise<Room> {
  const [room] = await assembleRooms(db, await memberViewRows(db, and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId))), oneRoom(roomId));
  if (!room) throw new ProtocolError('forbidden', 'you are not a member of this room');
  return room;
}

/** The room as each of its members sees it (their own unread count and read position). */
export async function roomViewsForMembers(db: Queryable, roomId: string): Promise<Map<string, Room>> {
  const rows = await memberViewRows(db, eq(roomMembers.roomId, roomId));
  const views = await assembleRooms(db, rows, oneRoom(roomId));
  return new Map(rows.map((row, index) => [row.userId ?? '', views[index]!]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the next page of `rooms:browse` starts: after the channel whose id is the cursor. */
async function browseStart(db: Queryable, cursor: string | undefined): Promise<SQL | undefined> {
  if (cursor === undefined) return undefined;
  const [after] = UUID.test(cursor)
    ? await db
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.id, cursor), eq(rooms.kind, 'channel')))
        .limit(1)
    : [];
  if (!after) throw new ProtocolError('invalid_input', 'cursor must be a nextCursor from rooms:browse');
  // Compared in SQL with the stored timestamp: a JavaScript Date would drop its microseconds.
  return sql`(${rooms.createdAt}, ${rooms.id}) > (select cursor_room.created_at, cursor_room.id from ${rooms} cursor_room where cursor_room.id = ${after.id})`;
}

/**
 * One page of public channels, oldest first; unread counts only for the ones the caller belongs
 * to. `nextCursor` is null on the last page.
 */
export async function browseChannels(
  db: Queryable,
  userId: string,
  page: ParsedPayload<'rooms:browse'>,
): Promise<{ rooms: Room[]; nextCursor: string | null }> {
  // The page is cut from the channel index first, so a page costs the same however many follow.
  const pageIds = db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.kind, 'channel'), await browseStart(db, page.cursor)))
    .orderBy(asc(rooms.createdAt), asc(rooms.id))
    .limit(page.limit + 1);
  const rows = await db
    .select({ room: rooms, userId: roomMembers.userId, readSeq: roomMembers.readSeq, notify: roomMembers.notify, unreadCount })
    .from(rooms)
    .leftJoin(roomMembers, and(eq(roomMembers.roomId, rooms.id), eq(roomMembers.userId, userId)))
    .where(inArray(rooms.id, pageIds))
    .orderBy(asc(rooms.createdAt), asc(rooms.id));
  const shown = rows.slice(0, page.limit);
  const shownIds = shown.map((row) => row.room.id);
  const views = await assembleRooms(
    db,
    shown.map((row) => ({ ...row, unreadCount: row.readSeq === null ? 0 : row.unreadCount })),
    (roomId) => inArray(roomId, shownIds),
  );
  return { rooms: views, nextCursor: rows.length > page.limit ? (shownIds.at(-1) ?? null) : null };
}

async function addMembers(db: Queryable, roomId: string, userIds: readonly string[], adminId?: string): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insert(roomMembers)
    .values([...new Set(userIds)].map((userId) => ({ roomId, userId, role: userId === adminId ? ('admin' as const) : ('member' as const) })))
    .onConflictDoNothing();
}

/** Creates a channel or group with the creator (its admin) and the given members; returns its id and members. */
export async function createRoom(db: Queryable, creatorId: string, input: ParsedPayload<'rooms:create'>): Promise<{ roomId: string; memberIds: string[] }> {
  const others = [...new Set(input.memberIds ?? [])].filter((id) => id !== creatorId);
  await assertUsersExist(db, others);
  const roomId = uuidv7();
  const memberIds = [creatorId, ...others];
  await db.transaction(async (tx) => {
    await tx.insert(rooms).values({ id: roomId, kind: input.kind, name: input.name, topic: input.topic || null });
    await addMembers(tx, roomId, memberIds, creatorId);
  });
  return { roomId, memberIds };
}

/** The one DM room of a pair of users, created on first use. */
export async function openDirectRoom(db: Queryable, userId: string, otherId: string): Promise<{ roomId: string; created: boolean; memberIds: string[] }> {
  if (otherId === userId) throw new ProtocolError('invalid_input', 'a direct message needs another user');
  await assertUsersExist(db, [otherId]);
  const memberIds = [userId, otherId];
  const dmKey = [...memberIds].sort().join(':');
  const findExisting = async () => {
    const [row] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.dmKey, dmKey)).limit(1);
    return row?.id;
  };
  const existing = await findExisting();
  if (existing) return { roomId: existing, created: false, memberIds };

  const createdId = await db.transaction(async (tx) => {
    const [row] = await tx.insert(rooms).values({ id: uuidv7(), kind: 'dm', dmKey }).onConflictDoNothing({ target: rooms.dmKey }).returning({ id: rooms.id });
    if (row) await addMembers(tx, row.id, memberIds);
    return row?.id;
  });
  if (createdId) return { roomId: createdId, created: true, memberIds };
  // Another request created it concurrently.
  const raced = await findExisting();
  if (!raced) throw new Error('direct room vanished after a conflict');
  return { roomId: raced, created: false, memberIds };
}

/** Joins a public channel (a no-op for a member). */
export async function joinRoom(db: Queryable, userId: string, roomId: string): Promise<void> {
  const [row] = await db
    .select({ room: rooms, member: roomMembers.userId })
    .from(rooms)
    .leftJoin(roomMembers, and(eq(roomMembers.roomId, rooms.id), eq(roomMembers.userId, userId)))
    .where(eq(rooms.id, roomId))
    .limit(1);
  if (!row) throw new ProtocolError('not_found', 'no such room');
  if (row.member) return;
  if (row.room.kind !== 'channel') throw new ProtocolError('forbidden', 'only public channels can be joined');
  await db.transaction(async (tx) => {
    await lockRoom(tx, roomId);
    await addMembers(tx, roomId, [userId]);
    // Whoever joins a channel nobody is left in becomes its admin.
    await keepAnAdmin(tx, roomId);
  });
}

/** Leaves a channel or group; when its last admin leaves, the longest-standing member takes over. */
export async function leaveRoom(db: Queryable, userId: string, roomId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockRoom(tx, roomId);
    const { room } = await requireMembership(tx, roomId, userId);
    if (room.kind === 'dm') throw new ProtocolError('forbidden', 'direct messages cannot be left');
    await tx.delete(roomMembers).where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
    await keepAnAdmin(tx, roomId);
  });
}

export async function inviteToRoom(db: Queryable, userId: string, roomId: string, userIds: readonly string[]): Promise<void> {
  const { room } = await requireMembership(db, roomId, userId);
  if (room.kind === 'dm') throw new ProtocolError('forbidden', 'nobody can be invited to a direct message');
  await assertUsersExist(db, userIds);
  await addMembers(db, roomId, userIds);
}

/** Renames a channel or group or changes its topic: its admins only. */
export async function updateRoom(db: Queryable, userId: string, input: ParsedPayload<'rooms:update'>): Promise<void> {
  await requireAdmin(db, input.roomId, userId, 'direct messages cannot be renamed');
  const changes: Partial<Pick<RoomRow, 'name' | 'topic'>> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.topic !== undefined) changes.topic = input.topic || null;
  if (Object.keys(changes).length === 0) return;
  await db.update(rooms).set(changes).where(eq(rooms.id, input.roomId));
}
