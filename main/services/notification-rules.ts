import type { Message, Room, SettableStatus, User } from '../../common/protocol';

export interface NotificationContext {
  message: Pick<Message, 'roomId' | 'senderId' | 'body' | 'deletedAt'>;
  room: Pick<Room, 'id' | 'kind' | 'name'> | undefined;
  me: Pick<User, 'id' | 'username'>;
  status: SettableStatus;
  windowFocused: boolean;
  focusedRoomId: string | null;
  notificationsEnabled: boolean;
  mutedRoomIds: readonly string[];
}

export type NotificationDecision =
  { notify: true; reason: 'message' | 'mention' | 'dm' } | { notify: false; reason: 'disabled' | 'own' | 'dnd' | 'visible' | 'muted' | 'deleted' };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** `@username` as a whole word, case-insensitive. */
export function mentions(body: string, username: string): boolean {
  return new RegExp(`(^|[^\\w@])@${escapeRegExp(username)}(?![\\w.-]*[\\w-])`, 'i').test(body);
}

/**
 * Whether a new message deserves a native notification. Never for one's own messages, in
 * "do not disturb", or for the room the user is looking at; mentions and DMs break through a
 * mute, ordinary messages in muted rooms do not.
 */
export function notificationDecision(ctx: NotificationContext): NotificationDecision {
  if (!ctx.notificationsEnabled) return { notify: false, reason: 'disabled' };
  if (ctx.message.senderId === ctx.me.id) return { notify: false, reason: 'own' };
  if (ctx.message.deletedAt) return { notify: false, reason: 'deleted' };
  if (ctx.status === 'dnd') return { notify: false, reason: 'dnd' };
  if (ctx.windowFocused && ctx.focusedRoomId === ctx.message.roomId) return { notify: false, reason: 'visible' };
  if (ctx.room?.kind === 'dm') return { notify: true, reason: 'dm' };
  if (mentions(ctx.message.body, ctx.me.username)) return { notify: true, reason: 'mention' };
  if (ctx.mutedRoomIds.includes(ctx.message.roomId)) return { notify: false, reason: 'muted' };
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
