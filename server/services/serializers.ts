import type { Attachment, Message, PresenceStatus, Receipt, User } from '../../common/protocol';
import type { StoredMessage } from '../storage/message-columns';
import type { AttachmentRow, UserRow } from '../storage/schema';

export const fileUrl = (attachmentId: string): string => `/api/files/${attachmentId}`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toUser(row: UserRow, status: PresenceStatus): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    status,
    lastSeenAt: iso(row.lastSeenAt),
  };
}

export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    url: fileUrl(row.id),
    width: row.width,
    height: row.height,
  };
}

/** A deleted message becomes a tombstone: no body, attachments or reactions. */
export function toMessage(row: StoredMessage, attachments: Attachment[], reactions: Record<string, string[]>): Message {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    senderId: row.senderId,
    clientId: row.clientId,
    body: deleted ? '' : row.body,
    attachments: deleted ? [] : attachments,
    reactions: deleted ? {} : reactions,
    createdAt: row.createdAt.toISOString(),
    editedAt: iso(row.editedAt),
    deletedAt: iso(row.deletedAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toReceipt(row: { roomId: string; userId: string; deliveredSeq: number; readSeq: number }): Receipt {
  return { roomId: row.roomId, userId: row.userId, deliveredSeq: row.deliveredSeq, readSeq: row.readSeq };
}
