import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../storage/database';
import { messageColumns, type StoredMessage } from '../storage/message-columns';
import { messages, nowMs } from '../storage/schema';

/** One array parameter, as the batch writer's statements take them: one statement shape whatever the batch's size. */
const uuids = (ids: readonly string[]) => sql`${sql.param(ids)}::uuid[]`;

/**
 * The thread roots a send batch replies to that can take replies: top-level, not deleted messages
 * of one of the batch's (already locked) rooms, locked for the summary update. One query per batch.
 * A root of another room is not found, so its reply is refused like any bad root.
 */
export async function lockThreadRoots(tx: Queryable, rootIds: readonly string[], roomIds: readonly string[]): Promise<Map<string, StoredMessage>> {
  if (rootIds.length === 0) return new Map();
  const rows = await tx
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        sql`${messages.id} = any(${uuids([...new Set(rootIds)])})`,
        sql`${messages.roomId} = any(${uuids(roomIds)})`,
        isNull(messages.threadRootId),
        isNull(messages.deletedAt),
      ),
    )
    .orderBy(messages.id)
    .for('update');
  return new Map(rows.map((row) => [row.id, row]));
}

/** `{a,b}`: one root's participants as an element of a text[] parameter, cast back per row (uuids need no quoting). */
const uuidArrayLiteral = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Adds a batch's new replies to their roots' summaries in one statement: the count grows by the
 * replies, the last reply is now (the replies' created_at), new senders join the participants in
 * reply order, and updated_at moves so messages:changes carries the root. Returns the roots as stored now.
 */
export async function addRepliesToSummaries(
  tx: Queryable,
  roots: ReadonlyMap<string, StoredMessage>,
  replies: ReadonlyArray<{ rootId: string; senderId: string }>,
): Promise<StoredMessage[]> {
  const byRoot = new Map<string, { count: number; participants: string[] }>();
  for (const { rootId, senderId } of replies) {
    const root = roots.get(rootId);
    if (!root) throw new Error('a reply of the batch has no locked root');
    const entry = byRoot.get(rootId) ?? { count: 0, participants: root.threadParticipantIds.length > 0 ? [...root.threadParticipantIds] : [root.senderId] };
    entry.count += 1;
    if (!entry.participants.includes(senderId)) entry.participants.push(senderId);
    byRoot.set(rootId, entry);
  }
  if (byRoot.size === 0) return [];
  const added = [...byRoot];
  return tx
    .update(messages)
    .set({
      threadReplyCount: sql`${messages.threadReplyCount} + added.n`,
      threadLastReplyAt: sql`now()`,
      threadParticipantIds: sql`added.participants::uuid[]`,
      updatedAt: nowMs,
    })
    .from(
      sql`unnest(${uuids(added.map(([id]) => id))}, ${sql.param(added.map(([, e]) => e.count))}::integer[], ${sql.param(
        added.map(([, e]) => uuidArrayLiteral(e.participants)),
      )}::text[]) as added(id, n, participants)`,
    )
    .where(sql`${messages.id} = added.id`)
    .returning(messageColumns);
}

/** The root's own column inside the replies' subqueries (spelled out: a bare name would bind to the reply). */
const rootSender = sql.raw('"messages"."sender_id"');

/**
 * Recomputes a root's summary from its not deleted replies (after one was deleted): the count, the
 * newest reply's time and the participants (the root's sender, then reply senders by first reply).
 */
export async function recountThreadSummary(tx: Queryable, rootId: string): Promise<StoredMessage | undefined> {
  const [row] = await tx
    .update(messages)
    .set({
      threadReplyCount: sql`(select count(*)::integer from ${messages} reply where reply.thread_root_id = ${rootId}::uuid and reply.deleted_at is null)`,
      threadLastReplyAt: sql`(select max(reply.created_at) from ${messages} reply where reply.thread_root_id = ${rootId}::uuid and reply.deleted_at is null)`,
      threadParticipantIds: sql`case when exists (select 1 from ${messages} reply where reply.thread_root_id = ${rootId}::uuid and reply.deleted_at is null)
        then array[${rootSender}] || array(
          select earliest.sender_id from (
            select reply.sender_id, min(reply.seq) as seq from ${messages} reply
            where reply.thread_root_id = ${rootId}::uuid and reply.deleted_at is null group by reply.sender_id
          ) earliest where earliest.sender_id <> ${rootSender} order by earliest.seq)
        else '{}'::uuid[] end`,
      updatedAt: nowMs,
    })
    .where(eq(messages.id, rootId))
    .returning(messageColumns);
  return row;
}
