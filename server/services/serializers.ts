import type { Attachment, Message, PresenceStatus, Receipt, ThreadSummary, User } from '../../common/protocol';
import { avatarPath } from '../../common/protocol';
import type { StoredMessage } from '../storage/message-columns';
import type { AttachmentRow, UserRow } from '../storage/schema';

export const fileUrl = (attachmentId: string): string => `/api/files/${attachmentId}`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Versioned, so that a client may cache each picture for good and still sees a new one at once. */
const avatarUrl = (row: Pick<UserRow, 'id' | 'avatarPath' | 'avatarVersion'>): string | null =>
  row.avatarPath === null ? null : `${avatarPath(row.id)}?v=${row.avatarVersion}`;

export function toUser(row: UserRow, status: PresenceStatus): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    status,
    lastSeenAt: iso(row.lastSeenAt),
    avatarUrl: avatarUrl(row),
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

/** A root's stored summary; null until it has a (not deleted) reply. */
function threadSummary(row: StoredMessage): ThreadSummary | null {
  if (row.threadReplyCount === 0 || !row.threadLastReplyAt) return null;
  return { replyCount: row.threadReplyCount, lastReplyAt: row.threadLastReplyAt.toISOString(), participantIds: row.threadParticipantIds };
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
    previews: deleted ? [] : row.previews,
    threadRootId: row.threadRootId,
    // A deleted root keeps its summary: its replies are still there to open.
    thread: threadSummary(row),
    pinnedAt: iso(row.pinnedAt),
    pinnedBy: row.pinnedBy,
  };
}

export function toReceipt(row: { roomId: string; userId: string; deliveredSeq: number; readSeq: number }): Receipt {
  return { roomId: row.roomId, userId: row.userId, deliveredSeq: row.deliveredSeq, readSeq: row.readSeq };
}
