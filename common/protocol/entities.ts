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
});
export type Message = z.infer<typeof MessageSchema>;

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
});
export type Room = z.infer<typeof RoomSchema>;

export const ReceiptSchema = z.object({
  roomId: IdSchema,
  userId: IdSchema,
  deliveredSeq: z.number().int().nonnegative(),
  readSeq: z.number().int().nonnegative(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
