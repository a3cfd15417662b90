import { and, asc, countDistinct, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ProtocolError, REACTIONS_PER_MESSAGE_MAX, type Attachment, type Message, type ParsedPayload } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { isUniqueViolation } from '../storage/errors';
import { attachments, messages, nowMs, reactions, roomMembers, rooms, type MessageRow } from '../storage/schema';
import { requireMembership } from './membership';
import { toAttachment, toMessage } from './serializers';

/** Protocol messages for stored rows, with attachments and reactions (two queries for any number of rows). */
export async function hydrateMessages(db: Queryable, rows: readonly MessageRow[]): Promise<Message[]> {
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

async function hydrateOne(db: Queryable, row: MessageRow): Promise<Message> {
  const [message] = await hydrateMessages(db, [row]);
  if (!message) throw new Error('hydrateMessages lost a message');
  return message;
}

async function findByClientId(db: Queryable, senderId: string, clientId: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)))
    .limit(1);
  return row;
}

async function resend(db: Queryable, row: MessageRow, roomId: string): Promise<{ message: Message; created: false }> {
  if (row.roomId !== roomId) throw new ProtocolError('conflict', 'this clientId was already used in another room');
  return { message: await hydrateOne(db, row), created: false };
}

/** The attachments must exist, be the sender's own and not be on another message yet. */
async function checkAttachments(db: Queryable, senderId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .select()
    .from(attachments)
    .where(inArray(attachments.id, [...ids]));
  if (rows.length !== ids.length) throw new ProtocolError('not_found', 'no such attachment');
  if (rows.some((row) => row.uploaderId !== senderId)) {
    throw new ProtocolError('forbidden', 'you can only attach your own uploads');
  }
  if (rows.some((row) => row.messageId !== null)) {
    throw new ProtocolError('conflict', 'an attachment is already on another message');
  }
}

export interface SendOptions {
  /** Called once it is certain a new message will be stored (not for a resend); may throw (rate limit). */
  admit?: () => Promise<void>;
}

/**
 * Stores a message: the room's seq is bumped under its row lock in the same transaction
 * as the insert, so seqs are gap-free and unique across concurrent senders and servers.
 * A resend of a stored (sender, clientId) returns the stored message and uses no seq.
 */
export async function sendMessage(
  db: Queryable,
  senderId: string,
  input: ParsedPayload<'messages:send'>,
  options: SendOptions = {},
): Promise<{ message: Message; created: boolean }> {
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (input.body.length === 0 && attachmentIds.length === 0) {
    throw new ProtocolError('invalid_input', 'body must not be empty unless attachments are given');
  }
  const stored = await findByClientId(db, senderId, input.clientId);
  if (stored) return resend(db, stored, input.roomId);

  await requireMembership(db, input.roomId, senderId);
  await checkAttachments(db, senderId, attachmentIds);
  await options.admit?.();

  try {
    const row = await db.transaction(async (tx) => {
      const [bumped] = await tx
        .update(rooms)
        .set({ lastSeq: sql`${rooms.lastSeq} + 1` })
        .where(
          and(
            eq(rooms.id, input.roomId),
            sql`exists (select 1 from ${roomMembers} where ${roomMembers.roomId} = ${rooms.id} and ${roomMembers.userId} = ${senderId})`,
          ),
        )
        .returning({ seq: rooms.lastSeq });
      if (!bumped) throw new ProtocolError('forbidden', 'you are not a member of this room');

      const [inserted] = await tx
        .insert(messages)
        .values({
          id: uuidv7(),
          roomId: input.roomId,
          seq: bumped.seq,
          senderId,
          clientId: input.clientId,
          body: input.body,
          updatedAt: nowMs,
        })
        .returning();
      if (!inserted) throw new Error('insert returned no row');

      if (attachmentIds.length > 0) {
        const attached = await tx
          .update(attachments)
          .set({ messageId: inserted.id })
          .where(and(inArray(attachments.id, attachmentIds), eq(attachments.uploaderId, senderId), isNull(attachments.messageId)))
          .returning({ id: attachments.id });
        if (attached.length !== attachmentIds.length) {
          throw new ProtocolError('conflict', 'an attachment is already on another message');
        }
      }
      return inserted;
    });
    return { message: await hydrateOne(db, row), created: true };
  } catch (error) {
    if (!isUniqueViolation(error, 'messages_sender_client_key')) throw error;
    // A concurrent send with the same clientId won the race; hand back its message.
    const winner = await findByClientId(db, senderId, input.clientId);
    if (!winner) throw error;
    return resend(db, winner, input.roomId);
  }
}

/** The newest `limit` messages before `before`, in ascending seq. */
export async function messageHistory(
  db: Queryable,
  userId: string,
  input: ParsedPayload<'messages:history'>,
): Promise<{ messages: Message[]; hasMore: boolean }> {
  await requireMembership(db, input.roomId, userId);
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.roomId, input.roomId), input.before === undefined ? undefined : lt(messages.seq, input.before)))
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
    .select()
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
    .select()
    .from(messages)
    .where(and(eq(messages.roomId, input.roomId), after))
    .orderBy(asc(messages.updatedAt), asc(messages.id))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  return { messages: await hydrateMessages(db, rows.slice(0, input.limit)), hasMore };
}

/** Loads a message in a room the user belongs to (`not_found`, then `forbidden`). */
async function requireVisibleMessage(db: Queryable, userId: string, messageId: string): Promise<MessageRow> {
  const [row] = await db.select().from(messages).where(eq(messages.id, messageId)).limit(1);
  if (!row) throw new ProtocolError('not_found', 'no such message');
  await requireMembership(db, row.roomId, userId);
  return row;
}

async function requireOwnMessage(db: Queryable, userId: string, messageId: string): Promise<MessageRow> {
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
    .returning();
  if (!updated) throw new ProtocolError('conflict', 'a deleted message cannot be edited');
  return hydrateOne(db, updated);
}

/** Turns the message into a tombstone; its attachments and reactions go with the content. */
export async function deleteMessage(db: Queryable, userId: string, messageId: string): Promise<{ message: Message; changed: boolean }> {
  const row = await requireOwnMessage(db, userId, messageId);
  if (row.deletedAt) return { message: await hydrateOne(db, row), changed: false };
  const deleted = await db.transaction(async (tx) => {
    const [updated] = await tx.update(messages).set({ body: '', deletedAt: new Date(), updatedAt: nowMs }).where(eq(messages.id, row.id)).returning();
    // Detaching revokes other members' access to the files; the uploader keeps it.
    await tx.update(attachments).set({ messageId: null }).where(eq(attachments.messageId, row.id));
    await tx.delete(reactions).where(eq(reactions.messageId, row.id));
    return updated;
  });
  if (!deleted) throw new Error('update returned no row');
  return { message: await hydrateOne(db, deleted), changed: true };
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
      .returning();
    // Deleted meanwhile: throwing rolls the reaction back.
    if (!bumped) throw new ProtocolError('conflict', 'a deleted message cannot be reacted to');
    return bumped;
  });
  return hydrateOne(db, current);
}
