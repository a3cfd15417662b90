import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { PINS_PER_ROOM_MAX, ProtocolError, type Message, type ParsedPayload } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { messageColumns } from '../storage/message-columns';
import { messages, nowMs, rooms } from '../storage/schema';
import { requireMembership } from './membership';
import { hydrateMessages, hydrateOne, requireVisibleMessage } from './messages';

/**
 * Pins or unpins a message (any member). Pinning a pinned message, or unpinning one that is not,
 * changes nothing (`changed: false`, nothing to push). The room row is locked while pinning, so
 * concurrent pins cannot overshoot PINS_PER_ROOM_MAX.
 */
export async function pinMessage(db: Queryable, userId: string, input: ParsedPayload<'messages:pin'>): Promise<{ message: Message; changed: boolean }> {
  const row = await requireVisibleMessage(db, userId, input.messageId);
  if (row.deletedAt) throw new ProtocolError('conflict', 'a deleted message cannot be pinned');
  if ((row.pinnedAt !== null) === input.pinned) return { message: await hydrateOne(db, row), changed: false };
  const updated = await db.transaction(async (tx) => {
    await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, row.roomId)).for('no key update');
    if (input.pinned) {
      const [pinned] = await tx
        .select({ n: count() })
        .from(messages)
        .where(and(eq(messages.roomId, row.roomId), isNotNull(messages.pinnedAt)));
      if ((pinned?.n ?? 0) >= PINS_PER_ROOM_MAX) throw new ProtocolError('too_large', `a room has at most ${PINS_PER_ROOM_MAX} pinned messages`);
    }
    const [changed] = await tx
      .update(messages)
      .set(input.pinned ? { pinnedAt: new Date(), pinnedBy: userId, updatedAt: nowMs } : { pinnedAt: null, pinnedBy: null, updatedAt: nowMs })
      .where(and(eq(messages.id, row.id), isNull(messages.deletedAt), input.pinned ? isNull(messages.pinnedAt) : isNotNull(messages.pinnedAt)))
      .returning(messageColumns);
    return changed;
  });
  if (updated) return { message: await hydrateOne(db, updated), changed: true };
  // Deleted, pinned or unpinned meanwhile by another request: answer with what is stored now.
  const current = await requireVisibleMessage(db, userId, row.id);
  if (current.deletedAt) throw new ProtocolError('conflict', 'a deleted message cannot be pinned');
  return { message: await hydrateOne(db, current), changed: false };
}

/** The room's pinned messages, latest pin first (at most PINS_PER_ROOM_MAX). */
export async function pinnedMessages(db: Queryable, userId: string, input: ParsedPayload<'messages:pinned'>): Promise<Message[]> {
  await requireMembership(db, input.roomId, userId);
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.roomId, input.roomId), isNotNull(messages.pinnedAt)))
    .orderBy(desc(messages.pinnedAt), desc(messages.id))
    .limit(PINS_PER_ROOM_MAX);
  return hydrateMessages(db, rows);
}
