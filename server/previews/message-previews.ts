import { and, eq, isNull, sql } from 'drizzle-orm';
import { ProtocolError, type LinkPreview, type Message, type ParsedPayload } from '../../common/protocol';
import { requireMembership } from '../services/membership';
import { hydrateMessages } from '../services/messages';
import type { Queryable } from '../storage/database';
import { messageColumns, type StoredMessage } from '../storage/message-columns';
import { messages, nowMs } from '../storage/schema';
import { normaliseUrl } from './extract-links';

async function hydrated(db: Queryable, row: StoredMessage): Promise<Message> {
  const [message] = await hydrateMessages(db, [row]);
  if (!message) throw new Error('hydrateMessages lost a message');
  return message;
}

/**
 * Sets a message's previews (in body order) for the body they were made from. Nothing is written
 * when the message was edited to another body or deleted meanwhile, or when nothing changes;
 * links the sender removed are filtered out in the same statement, so a removal racing this
 * write still wins. Returns the changed message, or null.
 */
export async function applyPreviews(db: Queryable, messageId: string, body: string, previews: readonly LinkPreview[]): Promise<Message | null> {
  const kept = sql`(select coalesce(jsonb_agg(t.p order by t.n), '[]'::jsonb)
    from jsonb_array_elements(${JSON.stringify(previews)}::jsonb) with ordinality as t(p, n)
    where not ((t.p ->> 'url') = any(${messages.removedPreviewUrls})))`;
  const [row] = await db
    .update(messages)
    .set({ previews: kept, updatedAt: nowMs })
    .where(and(eq(messages.id, messageId), eq(messages.body, body), isNull(messages.deletedAt), sql`${messages.previews} is distinct from ${kept}`))
    .returning(messageColumns);
  return row ? hydrated(db, row) : null;
}

/**
 * `messages:preview:remove`: the sender drops one link's preview and the link is remembered as
 * removed, so no later fetch (or edit) brings it back. `changed` is false when it was removed before.
 */
export async function removePreview(
  db: Queryable,
  userId: string,
  input: ParsedPayload<'messages:preview:remove'>,
): Promise<{ message: Message; changed: boolean }> {
  const url = normaliseUrl(input.url.trim());
  if (!url) throw new ProtocolError('invalid_input', 'url must be an http(s) link');
  const [row] = await db.select(messageColumns).from(messages).where(eq(messages.id, input.messageId)).limit(1);
  if (!row) throw new ProtocolError('not_found', 'no such message');
  await requireMembership(db, row.roomId, userId);
  if (row.senderId !== userId) throw new ProtocolError('forbidden', 'only the sender can remove a preview');

  const [updated] = await db
    .update(messages)
    .set({
      removedPreviewUrls: sql`array_append(${messages.removedPreviewUrls}, ${url}::text)`,
      previews: sql`(select coalesce(jsonb_agg(t.p order by t.n), '[]'::jsonb)
        from jsonb_array_elements(${messages.previews}) with ordinality as t(p, n) where (t.p ->> 'url') <> ${url})`,
      updatedAt: nowMs,
    })
    .where(and(eq(messages.id, row.id), sql`not (${url}::text = any(${messages.removedPreviewUrls}))`))
    .returning(messageColumns);
  return updated ? { message: await hydrated(db, updated), changed: true } : { message: await hydrated(db, row), changed: false };
}
