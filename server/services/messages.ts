import { and, asc, countDistinct, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { ProtocolError, REACTIONS_PER_MESSAGE_MAX, type Attachment, type Message, type ParsedPayload } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { messageColumns, type StoredMessage } from '../storage/message-columns';
import { attachments, messages, nowMs, reactions, rooms } from '../storage/schema';
import { requireMembership } from './membership';
import { recountThreadSummary } from './thread-summaries';
import { toAttachment, toMessage } from './serializers';

/** Protocol messages for stored rows, with attachments and reactions (two queries for any number of rows). */
export async function hydrateMessages(db: Queryable, rows: readonly StoredMessage[]): Promise<Message[]> {
  const liveIds = rows.filter((row) => row.deletedAt === null).map((row) => row.id);
  const attachmentsByMessage = new Map<string, Attachment[]>();
  const reactionsByMessage = new Map<string, Record<string, string[]>>();
  if (liveIds.length > 0) {
    const [attachmentRows, reactionRows] = await Promise.all([
      db.select().from(attachments).where(inArray(attachments.messageId, liveIds)).orderBy(asc(attachments.createdAt), asc(attachments.id)),
      db.select().from(reactions).where(inArray(reactions.messageId, liveIds)).orderBy(asc(reactions.createdAt), asc(reactions.userId)),
    ]);
    for (const row of attachmentRows) {
      const list = attachmentsByMessage.get(row.messageId ?? '') ?? [];
      list.push(toAttachment(row));
      attachmentsByMessage.set(row.messageId ?? '', list);
    }
    for (const row of reactionRows) {
      const byEmoji = reactionsByMessage.get(row.messageId) ?? {};
      (byEmoji[row.emoji] ??= []).push(row.userId);
      reactionsByMessage.set(row.messageId, byEmoji);
    }
  }
  return rows.map((row) => toMessage(row, attachmentsByMessage.get(row.id) ?? [], reactionsByMessage.get(row.id) ?? {}));
}

export async function hydrateOne(db: Queryable, row: StoredMessage): Promise<Message> {
  const [message] = await hydrateMessages(db, [row]);
  if (!message) throw new Error('hydrateMessages lost a message');
  return message;
}

/** The thread root must be a message of the room (its replies are what the thread shows). */
async function requireThreadRoot(db: Queryable, roomId: string, rootId: string): Promise<void> {
  const [root] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, rootId), eq(messages.roomId, roomId), isNull(messages.threadRootId)))
    .limit(1);
  if (!root) throw new ProtocolError('not_found', 'no such thread in this room');
}

/**
 * The newest `limit` messages before `before`, in ascending seq: the room's top-level messages,
 * or with `threadRootId` that thread's replies.
 */
export async function messageHistory(
  db: Queryable,
  userId: string,
  input: ParsedPayload<'messages:history'>,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  await requireMembership(db, input.roomId, userId);
  if (input.threadRootId !== undefined) await requireThreadRoot(db, input.roomId, input.threadRootId);
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        eq(messages.roomId, input.roomId),
        input.threadRootId === undefined ? isNull(messages.threadRootId) : eq(messages.threadRootId, input.threadRootId),
        input.before === undefined ? undefined : lt(messages.seq, input.before),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit).reverse();
  return { messages: await hydrateMessages(db, page), hasMore };
}

/** The oldest `limit` messages after `after`, in ascending seq. */
export async function syncMessages(db: Queryable, userId: string, input: ParsedPayload<'messages:sync'>): Promise<{ messages: Message[]; hasMore: boolean }> {
  await requireMembership(db, input.roomId, userId);
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.roomId, input.roomId), gt(messages.seq, input.after)))
    .orderBy(asc(messages.seq))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  return { messages: await hydrateMessages(db, rows.slice(0, input.limit)), hasMore };
}

/**
 * The room's messages changed after the cursor (tombstones included), ascending by
 * (updatedAt, id). The cursor is `since`, or (`since`, `sinceId`) = the last message of the
 * previous page, which pages exactly even when several messages share one updatedAt.
 */
export async function messageChanges(
  db: Queryable,
  userId: string,
  input: ParsedPayload<'messages:changes'>,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  await requireMembership(db, input.roomId, userId);
  // Before 1970 means "from the start" (and keeps PostgreSQL away from years it cannot parse).
  const since = sql`${new Date(Math.max(Date.parse(input.since), 0)).toISOString()}::timestamptz`;
  const after =
    input.sinceId === undefined ? sql`${messages.updatedAt} > ${since}` : sql`(${messages.updatedAt}, ${messages.id}) > (${since}, ${input.sinceId}::uuid)`;
  const rows = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.roomId, input.roomId), after))
    .orderBy(asc(messages.updatedAt), asc(messages.id))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  return { messages: await hydrateMessages(db, rows.slice(0, input.limit)), hasMore };
}

/** Loads a message in a room the user belongs to (`not_found`, then `forbidden`). */
export async function requireVisibleMessage(db: Queryable, userId: string, messageId: string): Promise<StoredMessage> {
  const [row] = await db.select(messageColumns).from(messages).where(eq(messages.id, messageId)).limit(1);
  if (!row) throw new ProtocolError('not_found', 'no such message');
  await requireMembership(db, row.roomId, userId);
  return row;
}

async function requireOwnMessage(db: Queryable, userId: string, messageId: string): Promise<StoredMessage> {
  const row = await requireVisibleMessage(db, userId, messageId);
  if (row.senderId !== userId) throw new ProtocolError('forbidden', 'only the sender can change this message');
  return row;
}

export async function editMessage(db: Queryable, userId: string, input: ParsedPayload<'messages:edit'>): Promise<Message> {
  const row = await requireOwnMessage(db, userId, input.messageId);
  if (row.deletedAt) throw new ProtocolError('conflict', 'a deleted message cannot be edited');
  const [updated] = await db
    .update(messages)
    .set({ body: input.body, editedAt: new Date(), updatedAt: nowMs })
    .where(and(eq(messages.id, row.id), isNull(messages.deletedAt)))
    .returning(messageColumns);
  if (!updated) throw new ProtocolError('conflict', 'a deleted message cannot be edited');
  return hydrateOne(db, updated);
}

/**
 * Turns the message into a tombstone; its attachments, reactions and pin go with the content. A
 * deleted reply leaves its root's summary (returned as `threadRoot`, to push).
 */
export async function deleteMessage(db: Queryable, userId: string, messageId: string): Promise<{ message: Message; changed: boolean; threadRoot?: Message }> {
  const row = await requireOwnMessage(db, userId, messageId);
  if (row.deletedAt) return { message: await hydrateOne(db, row), changed: false };
  const { deleted, root } = await db.transaction(async (tx) => {
    // The room first, as a send batch locks it before a thread root: no deadlock with a reply being sent.
    await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, row.roomId)).for('no key update');
    const [updated] = await tx
      .update(messages)
      .set({ body: '', deletedAt: new Date(), updatedAt: nowMs, pinnedAt: null, pinnedBy: null })
      .where(and(eq(messages.id, row.id), isNull(messages.deletedAt)))
      .returning(messageColumns);
    if (!updated) return { deleted: undefined, root: undefined };
    // Detaching revokes other members' access to the files; the uploader keeps it.
    await tx.update(attachments).set({ messageId: null }).where(eq(attachments.messageId, row.id));
    await tx.delete(reactions).where(eq(reactions.messageId, row.id));
    return { deleted: updated, root: row.threadRootId === null ? undefined : await recountThreadSummary(tx, row.threadRootId) };
  });
  // Deleted meanwhile by another request, which pushes it.
  if (!deleted) return { message: await hydrateOne(db, await requireOwnMessage(db, userId, messageId)), changed: false };
  const [message, threadRoot] = await hydrateMessages(db, root ? [deleted, root] : [deleted]);
  if (!message) throw new Error('hydrateMessages lost a message');
  return { message, changed: true, ...(threadRoot ? { threadRoot } : {}) };
}

/**
 * Refuses a new distinct emoji on a message that has `REACTIONS_PER_MESSAGE_MAX` already. The
 * message row is locked first so that concurrent reactions cannot overshoot the cap together.
 */
async function requireRoomForReaction(tx: Queryable, messageId: string, emoji: string): Promise<void> {
  await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, messageId)).for('update');
  const [counted] = await tx
    .select({ distinct: countDistinct(reactions.emoji) })
    .from(reactions)
    .where(and(eq(reactions.messageId, messageId), ne(reactions.emoji, emoji)));
  if ((counted?.distinct ?? 0) >= REACTIONS_PER_MESSAGE_MAX) {
    throw new ProtocolError('too_large', `a message has at most ${REACTIONS_PER_MESSAGE_MAX} different reactions`);
  }
}

/** Adds or removes one reaction; a real change bumps the message's updatedAt in the same transaction. */
export async function reactToMessage(db: Queryable, userId: string, input: ParsedPayload<'messages:react'>): Promise<Message> {
  const row = await requireVisibleMessage(db, userId, input.messageId);
  if (row.deletedAt) throw new ProtocolError('conflict', 'a deleted message cannot be reacted to');
  const current = await db.transaction(async (tx) => {
    if (input.add) await requireRoomForReaction(tx, row.id, input.emoji);
    const touched = input.add
      ? await tx.insert(reactions).values({ messageId: row.id, userId, emoji: input.emoji }).onConflictDoNothing().returning({ emoji: reactions.emoji })
      : await tx
          .delete(reactions)
          .where(and(eq(reactions.messageId, row.id), eq(reactions.userId, userId), eq(reactions.emoji, input.emoji)))
          .returning({ emoji: reactions.emoji });
    if (touched.length === 0) return row;
    const [bumped] = await tx
      .update(messages)
      .set({ updatedAt: nowMs })
      .where(and(eq(messages.id, row.id), isNull(messages.deletedAt)))
      .returning(messageColumns);
    // Deleted meanwhile: throwing rolls the reaction back.
    if (!bumped) throw new ProtocolError('conflict', 'a deleted message cannot be reacted to');
    return bumped;
  });
  return hydrateOne(db, current);
}
