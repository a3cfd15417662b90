import { and, asc, eq, inArray } from 'drizzle-orm';
import { ProtocolError, type Message, type ParsedPayload } from '../../common/protocol';
import type { Database } from '../storage/database';
import { messageColumns } from '../storage/message-columns';
import { attachments, messages, type AttachmentRow } from '../storage/schema';
import { requireMembership } from './membership';
import { hydrateMessages } from './messages';
import type { SendBatcher } from './send-batcher';
import type { SendResult } from './send-batch-writer';

export interface SendOptions {
  /** True when the sender's session already knows it is a member (then the database is not asked). */
  knownMember?: boolean;
  /** Called before a message is queued for storing; may throw (rate limit). */
  admit?: () => Promise<void>;
}

/** The attachments must exist, be the sender's own and not be on another message yet; in the order they are listed later. */
async function checkAttachments(db: Database, senderId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(attachments)
    .where(inArray(attachments.id, [...ids]))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  if (rows.length !== ids.length) throw new ProtocolError('not_found', 'no such attachment');
  if (rows.some((row) => row.uploaderId !== senderId)) {
    throw new ProtocolError('forbidden', 'you can only attach your own uploads');
  }
  if (rows.some((row) => row.messageId !== null)) {
    throw new ProtocolError('conflict', 'an attachment is already on another message');
  }
  return rows;
}

async function storedResend(db: Database, senderId: string, input: ParsedPayload<'messages:send'>): Promise<Message | undefined> {
  const [row] = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.senderId, senderId), eq(messages.clientId, input.clientId)))
    .limit(1);
  if (!row) return undefined;
  if (row.roomId !== input.roomId) throw new ProtocolError('conflict', 'this clientId was already used in another room');
  const [message] = await hydrateMessages(db, [row]);
  return message;
}

/**
 * Stores a message through the group commit: membership is checked first (a former member's
 * resend is refused like any send), then the input, then the batch writes it with the room's
 * next seq. A resend of a stored (sender, clientId) returns the stored message and uses no seq.
 */
export async function sendMessage(
  db: Database,
  batcher: SendBatcher,
  senderId: string,
  input: ParsedPayload<'messages:send'>,
  options: SendOptions = {},
): Promise<SendResult> {
  if (!options.knownMember) await requireMembership(db, input.roomId, senderId);
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (input.body.length === 0 && attachmentIds.length === 0) {
    throw new ProtocolError('invalid_input', 'body must not be empty unless attachments are given');
  }
  const checked = await checkAttachments(db, senderId, attachmentIds).catch(async (error: unknown) => {
    // A resend whose attachments are on its own stored message by now is still a resend.
    const stored = error instanceof ProtocolError && error.code === 'conflict' ? await storedResend(db, senderId, input) : undefined;
    if (stored) return stored;
    throw error;
  });
  if (!Array.isArray(checked)) return { message: checked, created: false };
  try {
    await options.admit?.();
  } catch (error) {
    // A resend of a stored message is never refused by the rate limit; only then is the clientId looked up.
    const stored = error instanceof ProtocolError && error.code === 'rate_limited' ? await storedResend(db, senderId, input) : undefined;
    if (stored) return { message: stored, created: false };
    throw error;
  }
  return batcher.submit({
    senderId,
    roomId: input.roomId,
    clientId: input.clientId,
    body: input.body,
    attachments: checked,
    ...(input.threadRootId === undefined ? {} : { threadRootId: input.threadRootId }),
  });
}
