import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Attachment } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { attachments, messages, roomMembers, type AttachmentRow } from '../storage/schema';
import { toAttachment } from './serializers';

export const newAttachmentId = (): string => uuidv7();

export async function recordAttachment(db: Queryable, row: Omit<typeof attachments.$inferInsert, 'messageId' | 'createdAt'>): Promise<Attachment> {
  const [inserted] = await db.insert(attachments).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return toAttachment(inserted);
}

export async function findAttachment(db: Queryable, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row;
}

/** The uploader, or a current member of the room where a (not deleted) message carries it. */
export async function canReadAttachment(db: Queryable, userId: string, attachment: AttachmentRow): Promise<boolean> {
  if (attachment.uploaderId === userId) return true;
  if (!attachment.messageId) return false;
  const [row] = await db
    .select({ found: sql<number>`1` })
    .from(messages)
    .innerJoin(roomMembers, and(eq(roomMembers.roomId, messages.roomId), eq(roomMembers.userId, userId)))
    .where(and(eq(messages.id, attachment.messageId), isNull(messages.deletedAt)))
    .limit(1);
  return row !== undefined;
}
