import { sql } from 'drizzle-orm';
import { customType, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
  },
  (t) => [
    // Prefix search (LIKE 'abc%') can only use an index built with pattern ops.
    index('users_username_prefix_idx').using('btree', t.username.op('text_pattern_ops')),
    index('users_display_name_prefix_idx').using('btree', sql`lower(${t.displayName}) text_pattern_ops`),
  ],
);

export const roomKind = pgEnum('room_kind', ['channel', 'group', 'dm']);

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
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user_idx').on(t.userId, t.roomId)],
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

export type UserRow = typeof users.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
