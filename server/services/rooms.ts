import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ProtocolError, type ParsedPayload, type Room } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { messages, roomMembers, rooms, type RoomRow } from '../storage/schema';
import { hydrateMessages } from './messages';
import { requireMembership } from './membership';
import { assertUsersExist } from './users';

/** Messages from others after the member's read position; walks the (room_id, seq) index. */
const unreadCount = sql<number>`(
  select count(*) from ${messages} unread
  where unread.room_id = ${roomMembers.roomId}
    and unread.seq > ${roomMembers.readSeq}
    and unread.sender_id <> ${roomMembers.userId}
    and unread.deleted_at is null
)`.mapWith(Number);

interface RoomViewRow {
  room: RoomRow;
  userId: string | null;
  readSeq: number | null;
  unreadCount: number;
}

/** Room views as seen by members (one row per room and member), matching `where`. */
function memberViewRows(db: Queryable, where: SQL | undefined): Promise<RoomViewRow[]> {
  return db
    .select({ room: rooms, userId: roomMembers.userId, readSeq: roomMembers.readSeq, unreadCount })
    .from(roomMembers)
    .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
    .where(where)
    .orderBy(asc(rooms.createdAt), asc(rooms.id));
}

/** Adds member lists and last messages (one query each) to per-viewer rows. */
async function assembleRooms(db: Queryable, rows: RoomViewRow[]): Promise<Room[]> {
  if (rows.length === 0) return [];
  const roomsById = new Map(rows.map((row) => [row.room.id, row.room]));
  const roomIds = [...roomsById.keys()];

  const members = await db
    .select({ roomId: roomMembers.roomId, userId: roomMembers.userId })
    .from(roomMembers)
    .where(inArray(roomMembers.roomId, roomIds))
    .orderBy(asc(roomMembers.joinedAt), asc(roomMembers.userId));
  const memberIds = new Map<string, string[]>();
  for (const { roomId, userId } of members) {
    const list = memberIds.get(roomId) ?? [];
    list.push(userId);
    memberIds.set(roomId, list);
  }

  const withMessages = [...roomsById.values()].filter((room) => room.lastSeq > 0);
  const lastRows = withMessages.length
    ? await db
        .select()
        .from(messages)
        .where(or(...withMessages.map((room) => and(eq(messages.roomId, room.id), eq(messages.seq, room.lastSeq)))))
    : [];
  const lastMessages = new Map((await hydrateMessages(db, lastRows)).map((message) => [message.roomId, message]));

  return rows.map(({ room, readSeq, unreadCount: unread }) => ({
    id: room.id,
    kind: room.kind,
    name: room.name,
    topic: room.topic,
    memberIds: memberIds.get(room.id) ?? [],
    lastSeq: room.lastSeq,
    unreadCount: unread,
    lastMessage: lastMessages.get(room.id) ?? null,
    createdAt: room.createdAt.toISOString(),
    ...(readSeq === null ? {} : { readSeq }),
  }));
}

export async function listRooms(db: Queryable, userId: string): Promise<Room[]> {
  return assembleRooms(db, await memberViewRows(db, eq(roomMembers.userId, userId)));
}

export async function roomForUser(db: Queryable, roomId: string, userId: string): Promise<Room> {
  const [room] = await assembleRooms(db, await memberViewRows(db, and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId))));
  if (!room) throw new ProtocolError('forbidden', 'you are not a member of this room');
  return room;
}

/** The room as each of its members sees it (their own unread count and read position). */
export async function roomViewsForMembers(db: Queryable, roomId: string): Promise<Map<string, Room>> {
  const rows = await memberViewRows(db, eq(roomMembers.roomId, roomId));
  const views = await assembleRooms(db, rows);
  return new Map(rows.map((row, index) => [row.userId ?? '', views[index]!]));
}

/** Every public channel; unread counts only for the ones the caller belongs to. */
export async function browseChannels(db: Queryable, userId: string): Promise<Room[]> {
  const rows = await db
    .select({ room: rooms, userId: roomMembers.userId, readSeq: roomMembers.readSeq, unreadCount })
    .from(rooms)
    .leftJoin(roomMembers, and(eq(roomMembers.roomId, rooms.id), eq(roomMembers.userId, userId)))
    .where(eq(rooms.kind, 'channel'))
    .orderBy(asc(rooms.createdAt), asc(rooms.id));
  return assembleRooms(
    db,
    rows.map((row) => ({ ...row, unreadCount: row.readSeq === null ? 0 : row.unreadCount })),
  );
}

async function addMembers(db: Queryable, roomId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insert(roomMembers)
    .values([...new Set(userIds)].map((userId) => ({ roomId, userId })))
    .onConflictDoNothing();
}

/** Creates a channel or group with the creator and the given members; returns its id and members. */
export async function createRoom(db: Queryable, creatorId: string, input: ParsedPayload<'rooms:create'>): Promise<{ roomId: string; memberIds: string[] }> {
  const others = [...new Set(input.memberIds ?? [])].filter((id) => id !== creatorId);
  await assertUsersExist(db, others);
  const roomId = uuidv7();
  const memberIds = [creatorId, ...others];
  await db.transaction(async (tx) => {
    await tx.insert(rooms).values({ id: roomId, kind: input.kind, name: input.name, topic: input.topic || null });
    await addMembers(tx, roomId, memberIds);
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
  await addMembers(db, roomId, [userId]);
}

export async function leaveRoom(db: Queryable, userId: string, roomId: string): Promise<void> {
  const { room } = await requireMembership(db, roomId, userId);
  if (room.kind === 'dm') throw new ProtocolError('forbidden', 'direct messages cannot be left');
  await db.delete(roomMembers).where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
}

export async function inviteToRoom(db: Queryable, userId: string, roomId: string, userIds: readonly string[]): Promise<void> {
  const { room } = await requireMembership(db, roomId, userId);
  if (room.kind === 'dm') throw new ProtocolError('forbidden', 'nobody can be invited to a direct message');
  await assertUsersExist(db, userIds);
  await addMembers(db, roomId, userIds);
}

export async function updateRoom(db: Queryable, userId: string, input: ParsedPayload<'rooms:update'>): Promise<void> {
  const { room } = await requireMembership(db, input.roomId, userId);
  if (room.kind === 'dm') throw new ProtocolError('forbidden', 'direct messages cannot be renamed');
  const changes: Partial<Pick<RoomRow, 'name' | 'topic'>> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.topic !== undefined) changes.topic = input.topic || null;
  if (Object.keys(changes).length === 0) return;
  await db.update(rooms).set(changes).where(eq(rooms.id, input.roomId));
}
