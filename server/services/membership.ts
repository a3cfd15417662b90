import { and, eq } from 'drizzle-orm';
import { ProtocolError } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { roomMembers, rooms, type RoomRow } from '../storage/schema';

type Membership = typeof roomMembers.$inferSelect;

/** Loads a room the user belongs to: `not_found` for an unknown id, `forbidden` for a non-member. */
export async function requireMembership(db: Queryable, roomId: string, userId: string): Promise<{ room: RoomRow; member: Membership }> {
  const [row] = await db
    .select({ room: rooms, member: roomMembers })
    .from(rooms)
    .leftJoin(roomMembers, and(eq(roomMembers.roomId, rooms.id), eq(roomMembers.userId, userId)))
    .where(eq(rooms.id, roomId))
    .limit(1);
  if (!row) throw new ProtocolError('not_found', 'no such room');
  if (!row.member) throw new ProtocolError('forbidden', 'you are not a member of this room');
  return { room: row.room, member: row.member };
}

export async function roomIdsOfUser(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.select({ roomId: roomMembers.roomId }).from(roomMembers).where(eq(roomMembers.userId, userId));
  return rows.map((row) => row.roomId);
}
