import type { Message, Room, SettableStatus, User } from '../../common/protocol';

/** A room's notification level (PROTOCOL.md v1.1 `room.notify`); rooms from older servers count as 'all'. */
export type NotifyLevel = 'all' | 'mentions' | 'none';

/** What main knows of a thread's root: who wrote it and who replied (`root.thread.participantIds`). */
export interface ThreadRootInfo {
  senderId: string | null;
  participantIds: readonly string[];
}

export interface NotificationContext {
  message: Pick<Message, 'roomId' | 'senderId' | 'body' | 'deletedAt'> & { threadRootId?: string | null };
  room: (Pick<Room, 'id' | 'kind' | 'name'> & { notify?: NotifyLevel }) | undefined;
  /** The root of the thread the message replies to, when main has seen it (null: unknown). */
  threadRoot?: ThreadRootInfo | null;
  me: Pick<User, 'id' | 'username'>;
  status: SettableStatus;
  windowFocused: boolean;
  focusedRoomId: string | null;
  /** The thread open beside the focused room, if any. */
  focusedThreadRootId?: string | null;
  notificationsEnabled: boolean;
  /** The do-not-disturb schedule (settings) is running now. */
  scheduledDnd?: boolean;
}

export type NotificationDecision =
  | { notify: true; reason: 'message' | 'mention' | 'dm' | 'thread' }
  | { notify: false; reason: 'disabled' | 'own' | 'dnd' | 'visible' | 'muted' | 'mentions-only' | 'not-in-thread' | 'deleted' };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** `@username` as a whole word, case-insensitive. */
export function mentions(body: string, username: string): boolean {
  return new RegExp(`(^|[^\\w@])@${escapeRegExp(username)}(?![\\w.-]*[\\w-])`, 'i').test(body);
}

export type MentionKind = 'user' | 'channel' | 'here';

/**
 * How a message addresses the reader: `@username`, `@channel` (everyone in the room) or
 * `@here` (only members online right now: not away, not in do not disturb).
 */
export function mentionOf(body: string, username: string, status: SettableStatus): MentionKind | null {
  if (mentions(body, username)) return 'user';
  if (mentions(body, 'channel')) return 'channel';
  if (status === 'online' && mentions(body, 'here')) return 'here';
  return null;
}

export const levelOf = (room: { notify?: NotifyLevel } | undefined): NotifyLevel => room?.notify ?? 'all';

/** Whether the reader takes part in a thread: wrote its root or replied to it. */
export const inThread = (root: ThreadRootInfo | null | undefined, userId: string): boolean =>
  !!root && (root.senderId === userId || root.participantIds.includes(userId));

/**
 * Whether a new message deserves a native notification. Never for one's own messages, in
 * "do not disturb" (chosen or during its schedule), in rooms set to "nothing", or for what the user is looking at. In rooms set
 * to "mentions" only mentions and DMs notify; a reply in a thread notifies only the thread's
 * participants and the people it mentions.
 */
export function notificationDecision(ctx: NotificationContext): NotificationDecision {
  if (!ctx.notificationsEnabled) return { notify: false, reason: 'disabled' };
  if (ctx.message.senderId === ctx.me.id) return { notify: false, reason: 'own' };
  if (ctx.message.deletedAt) return { notify: false, reason: 'deleted' };
  if (ctx.status === 'dnd' || ctx.scheduledDnd) return { notify: false, reason: 'dnd' };
  const level = levelOf(ctx.room);
  if (level === 'none') return { notify: false, reason: 'muted' };
  const rootId = ctx.message.threadRootId ?? null;
  if (ctx.windowFocused && ctx.focusedRoomId === ctx.message.roomId && (rootId === null || ctx.focusedThreadRootId === rootId)) {
    return { notify: false, reason: 'visible' };
  }
  if (ctx.room?.kind === 'dm') return { notify: true, reason: 'dm' };
  if (mentionOf(ctx.message.body, ctx.me.username, ctx.status)) return { notify: true, reason: 'mention' };
  if (level === 'mentions') return { notify: false, reason: 'mentions-only' };
  if (rootId !== null) return inThread(ctx.threadRoot, ctx.me.id) ? { notify: true, reason: 'thread' } : { notify: false, reason: 'not-in-thread' };
  return { notify: true, reason: 'message' };
}

const PREVIEW_MAX = 140;
export const HIDDEN_PREVIEW_TITLE = 'New message';

/** Title and body of the notification; with previews off nothing of the message is shown. */
export function notificationContent(input: {
  senderName: string;
  room: Pick<Room, 'kind' | 'name'> | undefined;
  body: string;
  attachmentCount: number;
  showPreview: boolean;
}): { title: string; body: string } {
  if (!input.showPreview) return { title: HIDDEN_PREVIEW_TITLE, body: '' };
  const where = input.room && input.room.kind !== 'dm' && input.room.name ? ` in #${input.room.name}` : '';
  const text = input.body.trim().replace(/\s+/g, ' ');
  const body = text.length > 0 ? text : input.attachmentCount > 0 ? 'Sent an attachment' : '';
  return {
    title: `${input.senderName}${where}`,
    body: body.length > PREVIEW_MAX ? `${body.slice(0, PREVIEW_MAX - 1)}…` : body,
  };
}
