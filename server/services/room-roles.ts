import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ProtocolError, type ParsedPayload } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { roomMembers, rooms, type RoomRow } from '../storage/schema';
import { requireMembership } from './membership';

/**
 * Locks the room row, so that membership and role changes of one room (on any node) happen one
 * at a time: two admins demoting or removing each other at once cannot leave a room without one.
 * A join's trigger takes a share lock on the same row, so joins wait too.
 */
export async function lockRoom(db: Queryable, roomId: string): Promise<void> {
  await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for('no key update');
}

/**
 * The room, if the user is one of its admins: `not_found`, then `forbidden` for a non-member,
 * for a DM (`dmRefusal`: DMs have no admins) and for a plain member.
 */
export async function requireAdmin(db: Queryable, roomId: string, userId: string, dmRefusal: string): Promise<RoomRow> {
  const { room, member } = await requireMembership(db, roomId, userId);
  if (room.kind === 'dm') throw new ProtocolError('forbidden', dmRefusal);
  if (member.role !== 'admin') throw new ProtocolError('forbidden', 'only an admin of this room may do that');
  return room;
}

/**
 * Makes the longest-standing member of a channel or group its admin when it has members but no
 * admin left (its last admin left, or someone joined an empty channel). Call with the room locked.
 */
export async function keepAnAdmin(db: Queryable, roomId: string): Promise<void> {
  const first = db
    .select({ userId: roomMembers.userId })
    .from(roomMembers)
    .where(eq(roomMembers.roomId, roomId))
    .orderBy(asc(roomMembers.joinedAt), asc(roomMembers.userId))
    .limit(1);
  await db
    .update(roomMembers)
    .set({ role: 'admin' })
    .where(
      and(
        eq(roomMembers.roomId, roomId),
        inArray(roomMembers.userId, first),
        sql`not exists (select 1 from ${roomMembers} admin where admin.room_id = ${roomId} and admin.role = 'admin')`,
      ),
    );
}

/** `rooms:remove`: an admin takes another member out of a channel or group. */
export async function removeMember(db: Queryable, callerId: string, { roomId, userId }: ParsedPayload<'rooms:remove'>): Promise<void> {
  if (userId === callerId) throw new ProtocolError('invalid_input', 'to leave a room, use rooms:leave');
  await db.transaction(async (tx) => {
    await lockRoom(tx, roomId);
    await requireAdmin(tx, roomId, callerId, 'nobody can be removed from a direct message');
    const removed = await tx
      .delete(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)))
      .returning({ userId: roomMembers.userId });
    if (removed.length === 0) throw new ProtocolError('not_found', 'that user is not a member of this room');
  });
}

/** `rooms:role`: an admin makes a member an admin or a plain member; the last admin cannot step down. */
export async function setMemberRole(db: Queryable, callerId: string, { roomId, userId, role }: ParsedPayload<'rooms:role'>): Promise<void> {
  await db.transaction(async (tx) => {
    await lockRoom(tx, roomId);
    await requireAdmin(tx, roomId, callerId, 'direct messages have no admins');
    const [target] = await tx
      .select({ role: roomMembers.role })
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)))
      .limit(1);
    if (!target) throw new ProtocolError('not_found', 'that user is not a member of this room');
    if (target.role === role) return;
    if (role === 'member') {
      const [admins] = await tx
        .select({ count: sql<number>`count(*)`.mapWith(Number) })
        .from(roomMembers)
        .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.role, 'admin')));
      if ((admins?.count ?? 0) <= 1) throw new ProtocolError('invalid_input', 'a room keeps at least one admin: make another member admin first');
    }
    await tx
      .update(roomMembers)
      .set({ role })
      .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
  });
}
