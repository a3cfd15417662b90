import { z } from 'zod';

export const IdSchema = z.uuid();
export const TimestampSchema = z.iso.datetime({ offset: true });

const PRESENCE_STATUSES = ['online', 'away', 'dnd', 'offline'] as const;
export const PresenceStatusSchema = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof PresenceStatusSchema>;
/** The statuses a user may choose; `offline` is only ever derived. */
export const SettableStatusSchema = z.enum(['online', 'away', 'dnd']);
export type SettableStatus = z.infer<typeof SettableStatusSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  status: PresenceStatusSchema,
  lastSeenAt: TimestampSchema.nullable(),
  /**
   * Extension: the user's picture, a server-relative path (`/api/users/<id>/avatar?v=<n>`, the
   * version changes with every new picture), null when none. Optional so that other servers'
   * users stay valid; this server always sends it.
   */
  avatarUrl: z.string().nullable().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const AttachmentSchema = z.object({
  id: IdSchema,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  /** Server-relative path (`/api/files/<id>`); fetch with a bearer token or a signed link. */
  url: z.string(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** v1.1: what a thread root shows of its replies (its not deleted ones). */
const ThreadSummarySchema = z.object({
  replyCount: z.number().int().positive(),
  lastReplyAt: TimestampSchema,
  /** The root's sender, then every reply's sender, in order of first participation. */
  participantIds: z.array(IdSchema),
});
export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;

/**
 * Extension: what the server found at a link in the message body. `imageUrl` is a server-relative
 * path (`/api/previews/<id>/image`, fetched with a bearer token or a signed link): the server fetched
 * and re-encoded the image, so clients never load third-party URLs.
 */
const LinkPreviewSchema = z.object({
  url: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  siteName: z.string().nullable(),
  imageUrl: z.string().nullable(),
});
export type LinkPreview = z.infer<typeof LinkPreviewSchema>;

const NOTIFY_LEVELS = ['all', 'mentions', 'none'] as const;
export const NotifyLevelSchema = z.enum(NOTIFY_LEVELS);
export type NotifyLevel = z.infer<typeof NotifyLevelSchema>;

export const MessageSchema = z.object({
  id: IdSchema,
  roomId: IdSchema,
  seq: z.number().int().positive(),
  senderId: IdSchema,
  clientId: IdSchema,
  body: z.string(),
  attachments: z.array(AttachmentSchema),
  /** emoji -> ids of the users who reacted with it, in reaction order. */
  reactions: z.record(z.string(), z.array(IdSchema)),
  createdAt: TimestampSchema,
  editedAt: TimestampSchema.nullable(),
  deletedAt: TimestampSchema.nullable(),
  /**
   * Extension: when the message last changed (sent, edited, deleted, reaction added or removed),
   * the cursor of `messages:changes`. Optional so that other servers' messages stay valid;
   * this server always sends it.
   */
  updatedAt: TimestampSchema.optional(),
  /** v1.1 (optional so that v1 servers' messages stay valid; this server always sends these): the root of the thread this message replies in. */
  threadRootId: IdSchema.nullable().optional(),
  /** v1.1: on a thread root once it has a reply. */
  thread: ThreadSummarySchema.nullable().optional(),
  pinnedAt: TimestampSchema.nullable().optional(),
  pinnedBy: IdSchema.nullable().optional(),
  /** Extension (optional for other servers' messages; this server always sends it, `[]` when none): previews of the body's links. */
  previews: z.array(LinkPreviewSchema).optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/** Extension: a member's role in a channel or group (DMs have no admins). */
export const RoomRoleSchema = z.enum(['admin', 'member']);

const ROOM_KINDS = ['channel', 'group', 'dm'] as const;
const RoomKindSchema = z.enum(ROOM_KINDS);
export type RoomKind = z.infer<typeof RoomKindSchema>;

export const RoomSchema = z.object({
  id: IdSchema,
  kind: RoomKindSchema,
  name: z.string().nullable(),
  topic: z.string().nullable(),
  memberIds: z.array(IdSchema),
  lastSeq: z.number().int().nonnegative(),
  unreadCount: z.number().int().nonnegative(),
  lastMessage: MessageSchema.nullable(),
  createdAt: TimestampSchema,
  /** Extension: the caller's own read position, so a client can draw its "new messages" line. */
  readSeq: z.number().int().nonnegative().optional(),
  /** v1.1: the caller's own notification level for the room (members only). */
  notify: NotifyLevelSchema.optional(),
  /** Extension: the room's admins (who may rename it, remove members and change roles); empty for DMs. */
  adminIds: z.array(IdSchema).optional(),
});
export type Room = z.infer<typeof RoomSchema>;

export const ReceiptSchema = z.object({
  roomId: IdSchema,
  userId: IdSchema,
  deliveredSeq: z.number().int().nonnegative(),
  readSeq: z.number().int().nonnegative(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
