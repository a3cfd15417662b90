import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ProtocolError, type Attachment } from '../../common/protocol';
import type { Queryable } from '../storage/database';
import { attachments, messages, roomMembers, users, type AttachmentRow } from '../storage/schema';
import { toAttachment } from './serializers';

/** Where uploads are stored, relative to the data directory: one file per upload, named by its id. */
export const UPLOADS_DIR = 'uploads';

export const newAttachmentId = (): string => uuidv7();

const MIB = 1024 * 1024;
const inMiB = (bytes: number): string => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;

function quotaExceeded(quotaBytes: number, usedBytes: number): ProtocolError {
  return new ProtocolError(
    'too_large',
    `upload quota of ${inMiB(quotaBytes)} reached (${inMiB(usedBytes)} stored): files of deleted messages are freed by the periodic clean-up`,
  );
}

async function storedBytes(db: Queryable, uploaderId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<number>`coalesce(sum(${attachments.size}), 0)`.mapWith(Number) })
    .from(attachments)
    .where(eq(attachments.uploaderId, uploaderId));
  return row?.used ?? 0;
}

/** Refuses an upload before its bytes are read when the uploader's quota is already used up. */
export async function assertQuotaLeft(db: Queryable, uploaderId: string, quotaBytes: number): Promise<void> {
  const used = await storedBytes(db, uploaderId);
  if (used >= quotaBytes) throw quotaExceeded(quotaBytes, used);
}

/**
 * Stores the record of an upload if it fits the uploader's quota (`too_large` otherwise). The
 * uploader's row is locked while counting, so concurrent uploads (on any node) cannot overshoot.
 */
export async function recordAttachment(
  db: Queryable,
  row: Omit<typeof attachments.$inferInsert, 'messageId' | 'createdAt'>,
  quotaBytes: number,
): Promise<Attachment> {
  const inserted = await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, row.uploaderId)).for('update');
    const used = await storedBytes(tx, row.uploaderId);
    if (used + row.size > quotaBytes) throw quotaExceeded(quotaBytes, used);
    const [stored] = await tx.insert(attachments).values(row).returning();
    return stored;
  });
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
