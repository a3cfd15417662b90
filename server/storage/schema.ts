import { sql } from 'drizzle-orm';
import { boolean, customType, index, type AnyPgColumn, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { LinkPreview } from '../../common/protocol';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * The transaction's time cut to milliseconds: what a message's `updated_at` is set to. Clients
 * only see milliseconds (ISO strings), so storing more would make a `since` cursor they send
 * back compare below the very row it came from.
 */
export const nowMs = sql`date_trunc('milliseconds', now())`;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    /** Always stored lower-case, so the unique constraint is case-insensitive. */
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** The avatar's file, relative to the data directory; null when the user has none. */
    avatarPath: text('avatar_path'),
    /** Bumped with every new or removed avatar: the `v` of `avatarUrl`, so clients may cache each version forever. */
    avatarVersion: integer('avatar_version').notNull().default(0),
    /** Bumped by a password change or "sign out everywhere": tokens carrying an older generation are refused. */
    tokenGeneration: integer('token_generation').notNull().default(0),
  },
  (t) => [
    // Prefix search (LIKE 'abc%') can only use an index built with pattern ops.
    index('users_username_prefix_idx').using('btree', t.username.op('text_pattern_ops')),
    index('users_display_name_prefix_idx').using('btree', sql`lower(${t.displayName}) text_pattern_ops`),
  ],
);

export const roomKind = pgEnum('room_kind', ['channel', 'group', 'dm']);
export const notifyLevel = pgEnum('notify_level', ['all', 'mentions', 'none']);
export const roomRole = pgEnum('room_role', ['admin', 'member']);

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey(),
    kind: roomKind('kind').notNull(),
    name: text('name'),
    topic: text('topic'),
    /** The seq of the newest message; bumped under the row lock when a message is stored. */
    lastSeq: integer('last_seq').notNull().default(0),
    createdAt: createdAt(),
    /** For DMs only: the two member ids, sorted and joined, so a pair has one DM. */
    dmKey: text('dm_key').unique(),
  },
  (t) => [
    // Serves rooms:browse, paged by (created_at, id).
    index('rooms_channels_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.kind} = 'channel'`),
  ],
);

export const roomMembers = pgTable(
  'room_members',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredSeq: integer('delivered_seq').notNull().default(0),
    readSeq: integer('read_seq').notNull().default(0),
    /**
     * Messages after `read_seq` that are not unread for this member: their own and deleted ones.
     * Kept by triggers (migration 0002), so that unreadCount = rooms.last_seq - read_seq - this
     * costs nothing per message (seqs have no gaps).
     */
    uncountedAfterRead: integer('uncounted_after_read').notNull().default(0),
    /** The member's own notification level for the room (v1.1 `rooms:notify`). */
    notify: notifyLevel('notify').notNull().default('all'),
    /** Admins may rename the room, remove members and change roles; DMs have none. */
    role: roomRole('role').notNull().default('member'),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.userId] }),
    index('room_members_user_idx').on(t.userId, t.roomId),
    // Serves the "at least one admin" checks without reading every member of a large room.
    index('room_members_admins_idx')
      .on(t.roomId)
      .where(sql`${t.role} = 'admin'`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Bumped (to `nowMs`) with every change: insert, edit, delete, reaction added or removed. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(nowMs),
    /** Set on a reply: the top-level message of the same room it replies to. */
    threadRootId: uuid('thread_root_id').references((): AnyPgColumn => messages.id, { onDelete: 'cascade' }),
    /**
     * On a root: the summary of its not deleted replies, kept by the writers (send batch, delete)
     * so that reads never aggregate replies. Participants: the root's sender, then each reply's
     * sender in order of first reply.
     */
    threadReplyCount: integer('thread_reply_count').notNull().default(0),
    threadLastReplyAt: timestamp('thread_last_reply_at', { withTimezone: true }),
    threadParticipantIds: uuid('thread_participant_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    pinnedBy: uuid('pinned_by').references(() => users.id, { onDelete: 'set null' }),
    /** Link previews of the body's links, in body order; written after the commit by server/previews (migration 0005). */
    previews: jsonb('previews')
      .$type<LinkPreview[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Normalised links whose preview the sender removed: never previewed again for this message. */
    removedPreviewUrls: text('removed_preview_urls')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, body)`),
  },
  (t) => [
    // Serves history, sync, last message and unread counts (all by room and seq range).
    unique('messages_room_seq_key').on(t.roomId, t.seq),
    unique('messages_sender_client_key').on(t.senderId, t.clientId),
    index('messages_search_idx').using('gin', t.search),
    // Serves messages:changes (a room's changes after an (updated_at, id) cursor).
    index('messages_room_updated_idx').on(t.roomId, t.updatedAt, t.id),
    // Serves the deleted messages a (re)joining member does not count as unread.
    index('messages_room_deleted_idx')
      .on(t.roomId, t.seq)
      .where(sql`${t.deletedAt} is not null`),
    // Serves top-level history (messages:history without threadRootId).
    index('messages_room_top_level_idx')
      .on(t.roomId, t.seq)
      .where(sql`${t.threadRootId} is null`),
    // Serves a thread's replies (history with threadRootId, summary after a delete).
    index('messages_thread_idx')
      .on(t.threadRootId, t.seq)
      .where(sql`${t.threadRootId} is not null`),
    // Serves messages:pinned (latest pin first) and the per-room pin cap.
    index('messages_room_pinned_idx')
      .on(t.roomId, t.pinnedAt, t.id)
      .where(sql`${t.pinnedAt} is not null`),
    // Serves "which live messages show this preview" (`previews @> ...`): image access and the cache clean-up (migration 0007).
    index('messages_previews_idx')
      .using('gin', t.previews.op('jsonb_path_ops'))
      .where(sql`${t.deletedAt} is null`),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** Relative to the data directory. */
    storagePath: text('storage_path').notNull(),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId), index('attachments_uploader_idx').on(t.uploaderId)],
);

export const reactions = pgTable(
  'reactions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId, t.emoji] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer.
  fromDriver: (value) => Buffer.from(value),
});

/** Link previews by normalised URL, shared by every message that links there (server/previews/preview-cache.ts). */
export const linkPreviews = pgTable(
  'link_previews',
  {
    id: uuid('id').primaryKey(),
    url: text('url').notNull().unique(),
    /** false: the fetch failed or was refused; cached for a shorter time so it is not retried for every message. */
    ok: boolean('ok').notNull(),
    title: text('title'),
    description: text('description'),
    siteName: text('site_name'),
    /** The page's image re-encoded as webp (at most 600 px wide), or null. */
    image: bytea('image'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // Serves the clean-up's expired entries (migration 0007).
  (t) => [index('link_previews_expires_idx').on(t.expiresAt)],
);

/** Tokens signed out one by one (`POST /api/auth/logout`), kept until they would have expired anyway. */
export const revokedTokens = pgTable(
  'revoked_tokens',
  {
    tokenId: text('token_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('revoked_tokens_user_idx').on(t.userId), index('revoked_tokens_expires_idx').on(t.expiresAt)],
);

export type UserRow = typeof users.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
