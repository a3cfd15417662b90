import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Attachment, Message } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { messageColumns } from '../storage/message-columns';
import { messages, rooms } from '../storage/schema';
import { fileUrl, toMessage } from './serializers';

type AttachmentJson = Omit<Attachment, 'url'>;
/** [emoji, userId] pairs in reaction order. */
type ReactionJson = Array<[string, string]>;

// Aggregated in the same query as the messages: a reconnecting client's rooms:list costs one round trip here, not three.
const attachmentsJson = sql<AttachmentJson[] | null>`(
  select json_agg(json_build_object('id', a.id, 'name', a.name, 'mime', a.mime, 'size', a.size, 'width', a.width, 'height', a.height) order by a.created_at, a.id)
  from attachments a where a.message_id = ${messages.id})`;
const reactionsJson = sql<ReactionJson | null>`(
  select json_agg(json_build_array(r.emoji, r.user_id) order by r.created_at, r.user_id)
  from reactions r where r.message_id = ${messages.id})`;

function reactionsOf(pairs: ReactionJson | null): Record<string, string[]> {
  const byEmoji: Record<string, string[]> = {};
  for (const [emoji, userId] of pairs ?? []) (byEmoji[emoji] ??= []).push(userId);
  return byEmoji;
}

/**
 * The newest message of every room matching `roomsWhere` (a condition on `rooms`), by room id,
 * with its attachments and reactions: one query for any number of rooms. The rooms are picked by
 * the condition (a subquery), never by a list of ids, so a user in 100,000 rooms stays under any
 * bind-parameter limit.
 */
export async function lastMessagesOfRooms(db: Queryable, roomsWhere: SQL): Promise<Map<string, Message>> {
  const rows = await db
    .select({ message: messageColumns, attachments: attachmentsJson, reactions: reactionsJson })
    .from(messages)
    .innerJoin(rooms, and(eq(rooms.id, messages.roomId), eq(rooms.lastSeq, messages.seq)))
    .where(roomsWhere);
  return new Map(
    rows.map(({ message, attachments, reactions }) => [
      message.roomId,
      toMessage(
        message,
        (attachments ?? []).map((a) => ({ ...a, url: fileUrl(a.id) })),
        reactionsOf(reactions),
      ),
    ]),
  );
}
