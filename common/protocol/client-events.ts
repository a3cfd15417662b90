import { z } from 'zod';
import {
  IdSchema,
  MessageSchema,
  NotifyLevelSchema,
  ReceiptSchema,
  RoomRoleSchema,
  RoomSchema,
  SettableStatusSchema,
  TimestampSchema,
  UserSchema,
} from './entities';
import { isSingleEmoji } from './emoji';
import type { ErrorInfo } from './errors';
import { DisplayNameSchema } from './http';
import {
  ATTACHMENTS_PER_MESSAGE_MAX,
  BROWSE_LIMIT_DEFAULT,
  BROWSE_LIMIT_MAX,
  CHANGES_LIMIT_DEFAULT,
  CHANGES_LIMIT_MAX,
  EMOJI_MAX,
  HISTORY_LIMIT_DEFAULT,
  HISTORY_LIMIT_MAX,
  INVITE_MAX,
  MESSAGE_BODY_MAX,
  PREVIEW_URL_MAX,
  ROOM_NAME_MAX,
  ROOM_TOPIC_MAX,
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  SEARCH_QUERY_MAX,
  SEQ_MAX,
  SYNC_LIMIT_DEFAULT,
  SYNC_LIMIT_MAX,
  USERS_GET_MAX,
} from './limits';

const Seq = z.number().int().nonnegative().max(SEQ_MAX);
const RoomName = z.string().trim().min(1).max(ROOM_NAME_MAX);
const RoomTopic = z.string().trim().max(ROOM_TOPIC_MAX);
const Body = z.string().trim().max(MESSAGE_BODY_MAX, `body must be at most ${MESSAGE_BODY_MAX} characters`);
const Emoji = z.string().min(1).max(EMOJI_MAX).refine(isSingleEmoji, 'emoji must be exactly one emoji');
const RoomRef = z.object({ roomId: IdSchema });
const MessageRef = z.object({ messageId: IdSchema });

const RoomResult = z.object({ room: RoomSchema });
const RoomsResult = z.object({ rooms: z.array(RoomSchema) });
const MessageResult = z.object({ message: MessageSchema });
const MessagesPage = z.object({ messages: z.array(MessageSchema), hasMore: z.boolean() });
const Empty = z.object({});
const BROWSE_CURSOR_MAX = 200;

/**
 * Every client -> server event: the schema its payload must pass and the shape of its
 * successful ack. Payloads are parsed with these schemas on the server (the trust boundary).
 */
export const clientEvents = {
  'rooms:list': { payload: Empty, result: RoomsResult },
  /** Extension: paged by an opaque `cursor` (the previous ack's `nextCursor`); `{}` gets the first page. */
  'rooms:browse': {
    payload: z.object({
      cursor: z.string().min(1).max(BROWSE_CURSOR_MAX).optional(),
      limit: z.number().int().min(1).max(BROWSE_LIMIT_MAX).default(BROWSE_LIMIT_DEFAULT),
    }),
    result: z.object({ rooms: z.array(RoomSchema), nextCursor: z.string().nullable().optional() }),
  },
  'rooms:create': {
    payload: z.object({
      kind: z.enum(['channel', 'group']),
      name: RoomName,
      topic: RoomTopic.optional(),
      memberIds: z.array(IdSchema).max(INVITE_MAX).optional(),
    }),
    result: RoomResult,
  },
  'rooms:dm': { payload: z.object({ userId: IdSchema }), result: RoomResult },
  'rooms:join': { payload: RoomRef, result: RoomResult },
  'rooms:leave': { payload: RoomRef, result: Empty },
  'rooms:invite': {
    payload: z.object({ roomId: IdSchema, userIds: z.array(IdSchema).min(1).max(INVITE_MAX) }),
    result: RoomResult,
  },
  /** Extension: rename a channel or group, or change its topic (room admins only). */
  'rooms:update': {
    payload: z.object({ roomId: IdSchema, name: RoomName.optional(), topic: RoomTopic.optional() }),
    result: RoomResult,
  },
  /** Extension: remove another member from a channel or group (room admins only). */
  'rooms:remove': { payload: z.object({ roomId: IdSchema, userId: IdSchema }), result: RoomResult },
  /** Extension: make a member an admin or a plain member (room admins only; a room keeps at least one admin). */
  'rooms:role': {
    payload: z.object({ roomId: IdSchema, userId: IdSchema, role: RoomRoleSchema }),
    result: RoomResult,
  },
  'messages:send': {
    payload: z.object({
      roomId: IdSchema,
      clientId: IdSchema,
      body: Body,
      attachmentIds: z.array(IdSchema).max(ATTACHMENTS_PER_MESSAGE_MAX).optional(),
      /** v1.1: reply in the thread of this top-level, not deleted message of the same room. */
      threadRootId: IdSchema.optional(),
    }),
    result: MessageResult,
  },
  /** v1.1: without `threadRootId` the room's top-level messages; with it, that thread's replies. */
  'messages:history': {
    payload: z.object({
      roomId: IdSchema,
      threadRootId: IdSchema.optional(),
      before: z.number().int().positive().max(SEQ_MAX).optional(),
      limit: z.number().int().min(1).max(HISTORY_LIMIT_MAX).default(HISTORY_LIMIT_DEFAULT),
    }),
    result: MessagesPage,
  },
  'messages:sync': {
    payload: z.object({
      roomId: IdSchema,
      after: Seq,
      limit: z.number().int().min(1).max(SYNC_LIMIT_MAX).default(SYNC_LIMIT_DEFAULT),
    }),
    result: MessagesPage,
  },
  /**
   * Extension: the room's messages whose `updatedAt` is after the cursor (`since`, or the pair
   * `since`+`sinceId` of the last message of the previous page), tombstones included, ascending
   * by (updatedAt, id). How a client that was away catches up edits, deletions and reactions.
   */
  'messages:changes': {
    payload: z.object({
      roomId: IdSchema,
      since: TimestampSchema,
      sinceId: IdSchema.optional(),
      limit: z.number().int().min(1).max(CHANGES_LIMIT_MAX).default(CHANGES_LIMIT_DEFAULT),
    }),
    result: MessagesPage,
  },
  'messages:edit': {
    payload: z.object({ messageId: IdSchema, body: Body.min(1, 'body must not be empty') }),
    result: MessageResult,
  },
  'messages:delete': { payload: MessageRef, result: MessageResult },
  'messages:react': {
    payload: z.object({ messageId: IdSchema, emoji: Emoji, add: z.boolean() }),
    result: MessageResult,
  },
  /** v1.1: pin or unpin a message (any member). */
  'messages:pin': { payload: z.object({ messageId: IdSchema, pinned: z.boolean() }), result: MessageResult },
  /** v1.1: the room's pinned messages, latest pin first. */
  'messages:pinned': { payload: RoomRef, result: z.object({ messages: z.array(MessageSchema) }) },
  /** v1.1: the caller's own notification level for a room. */
  'rooms:notify': { payload: z.object({ roomId: IdSchema, level: NotifyLevelSchema }), result: RoomResult },
  /** Extension: the sender drops one link's preview from their message; it never comes back for that message. */
  'messages:preview:remove': {
    payload: z.object({ messageId: IdSchema, url: z.string().min(1).max(PREVIEW_URL_MAX) }),
    result: MessageResult,
  },
  'messages:search': {
    payload: z.object({
      query: z.string().trim().min(1).max(SEARCH_QUERY_MAX),
      roomId: IdSchema.optional(),
      limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
    }),
    result: z.object({ messages: z.array(MessageSchema) }),
  },
  'receipts:delivered': { payload: z.object({ roomId: IdSchema, seq: Seq }), result: Empty },
  'receipts:read': { payload: z.object({ roomId: IdSchema, seq: Seq }), result: Empty },
  /** Extension: every member's receipt in a room, for "read by" after a reload. */
  'receipts:list': { payload: RoomRef, result: z.object({ receipts: z.array(ReceiptSchema) }) },
  typing: { payload: z.object({ roomId: IdSchema, typing: z.boolean() }), result: Empty },
  'presence:set': { payload: z.object({ status: SettableStatusSchema }), result: Empty },
  /** Extension: look users up by id (members of the caller's rooms, or anyone by id). */
  'users:get': {
    payload: z.object({ userIds: z.array(IdSchema).min(1).max(USERS_GET_MAX) }),
    result: z.object({ users: z.array(UserSchema) }),
  },
  /** Extension: change the caller's own profile; pushed to room-mates and own devices as `user:updated`. */
  'users:update': { payload: z.object({ displayName: DisplayNameSchema }), result: z.object({ user: UserSchema }) },
} as const;

type ClientEvents = typeof clientEvents;
export type ClientEventName = keyof ClientEvents;
/** What a caller passes (defaults not yet applied). */
export type ClientPayload<E extends ClientEventName> = z.input<ClientEvents[E]['payload']>;
/** What a handler receives after validation (defaults applied). */
export type ParsedPayload<E extends ClientEventName> = z.output<ClientEvents[E]['payload']>;
export type ClientResult<E extends ClientEventName> = z.infer<ClientEvents[E]['result']>;
type AckFailure = { ok: false; error: ErrorInfo };
export type Ack<E extends ClientEventName> = ({ ok: true } & ClientResult<E>) | AckFailure;

export const CLIENT_EVENT_NAMES = Object.keys(clientEvents) as ClientEventName[];
