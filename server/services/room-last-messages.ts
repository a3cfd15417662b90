import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Attachment, Message } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { messageColumns } from '../storage/message-columns';
import { attachments, messages, reactions, rooms } from '../storage/schema';
import { toAttachment, toMessage } from './serializers';

/**
 * The newest message of every room matching `roomsWhere` (a condition on `rooms`), by room id.
 * Three queries for any number of rooms; the rooms are picked by the condition (a subquery),
 * never by a list of ids, so a user in 100,000 rooms stays under any bind-parameter limit.
 */
export async function lastMessagesOfRooms(db: Queryable, roomsWhere: SQL): Promise<Map<string, Message>> {
  const lastIds = db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(rooms, and(eq(rooms.id, messages.roomId), eq(rooms.lastSeq, messages.seq)))
    .where(and(roomsWhere, isNull(messages.deletedAt)));
  const [rows, attachmentRows, reactionRows] = await Promise.all([
    db
      .select(messageColumns)
      .from(messages)
      .innerJoin(rooms, and(eq(rooms.id, messages.roomId), eq(rooms.lastSeq, messages.seq)))
      .where(roomsWhere),
    db.select().from(attachments).where(inArray(attachments.messageId, lastIds)).orderBy(asc(attachments.createdAt), asc(attachments.id)),
    db.select().from(reactions).where(inArray(reactions.messageId, lastIds)).orderBy(asc(reactions.createdAt), asc(reactions.userId)),
  ]);

  const attachmentsByMessage = new Map<string, Attachment[]>();
  for (const row of attachmentRows) {
    const list = attachmentsByMessage.get(row.messageId ?? '') ?? [];
    list.push(toAttachment(row));
    attachmentsByMessage.set(row.messageId ?? '', list);
  }
  const reactionsByMessage = new Map<string, Record<string, string[]>>();
  for (const row of reactionRows) {
    const byEmoji = reactionsByMessage.get(row.messageId) ?? {};
    (byEmoji[row.emoji] ??= []).push(row.userId);
    reactionsByMessage.set(row.messageId, byEmoji);
  }
  return new Map(
    rows.map((message) => [message.roomId, toMessage(message, attachmentsByMessage.get(message.id) ?? [], reactionsByMessage.get(message.id) ?? {})]),
  );
}
