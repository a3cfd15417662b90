import type { DesktopEvent, Message } from '../shared/contract';
import { playNotificationSound } from '../features/notifications/notification-sound';
import { forgetRoom, openRoom, refreshRooms } from '../services/rooms';
import { applySession } from '../services/session';
import { ensureUsers } from '../services/users';
import { useAvatarUploadStore } from '../stores/avatar-upload';
import { useMessagesStore } from '../stores/messages';
import { useOutboxStore } from '../stores/outbox';
import { useReceiptsStore } from '../stores/receipts';
import { useRoomsStore } from '../stores/rooms';
import { getMyId, useSessionStore } from '../stores/session';
import { useSettingsStore } from '../stores/settings';
import { useThreadsStore } from '../stores/threads';
import { useTypingStore } from '../stores/typing';
import { useUploadsStore } from '../stores/uploads';
import { useUsersStore } from '../stores/users';

/**
 * Routes one batch of events from main into the stores. New messages are grouped per room so
 * that a burst costs one store update per room rather than one per message.
 */
export function dispatchEvents(events: readonly DesktopEvent[]): void {
  const newByRoom = new Map<string, Message[]>();
  const updates: Message[] = [];
  const replies: Message[] = [];
  const addNew = (roomId: string, messages: Message[]): void => {
    const list = newByRoom.get(roomId);
    if (list) list.push(...messages);
    else newByRoom.set(roomId, [...messages]);
  };

  for (const event of events) {
    switch (event.type) {
      case 'message:new':
        addNew(event.payload.roomId, [event.payload]);
        break;
      case 'messages:synced':
        addNew(event.payload.roomId, event.payload.messages);
        break;
      case 'threads:unread':
        useThreadsStore.getState().setUnread(event.payload.byRoom);
        break;
      case 'message:updated':
        updates.push(event.payload);
        break;
      case 'receipt':
        useReceiptsStore.getState().applyReceipt(event.payload);
        break;
      case 'typing':
        if (event.payload.userId !== getMyId()) {
          useTypingStore.getState().receive(event.payload.roomId, event.payload.userId, event.payload.typing);
          ensureUsers([event.payload.userId]);
        }
        break;
      case 'user:updated':
        useUsersStore.getState().upsertUsers([event.payload]);
        break;
      case 'presence':
        useUsersStore.getState().setPresence(event.payload.userId, event.payload.status, event.payload.lastSeenAt);
        break;
      case 'room:updated':
        useRoomsStore.getState().upsertRoom(event.payload);
        ensureUsers(event.payload.memberIds);
        break;
      case 'room:removed':
        forgetRoom(event.payload.roomId);
        break;
      case 'connection': {
        const wasOnline = useSessionStore.getState().connection.status === 'online';
        useSessionStore.getState().setConnection(event.payload);
        // First connection after sign-in, or back online: unread counts and memberships may have moved.
        const needsRooms = !wasOnline || !useRoomsStore.getState().loaded;
        if (event.payload.status === 'online' && needsRooms && getMyId()) refreshRooms();
        break;
      }
      case 'session':
        applySession(event.payload);
        break;
      case 'outbox':
        useOutboxStore.getState().setItems(event.payload.items);
        break;
      case 'upload:progress':
        useUploadsStore.getState().progress(event.payload.uploadId, event.payload.loaded, event.payload.total);
        useAvatarUploadStore.getState().progress(event.payload.uploadId, event.payload.loaded, event.payload.total);
        break;
      case 'settings':
        useSettingsStore.getState().setSettings(event.payload);
        break;
      case 'navigate':
        openRoom(event.payload.roomId);
        break;
      case 'notification:sound':
        // Not a user action: a sound the system will not play is only worth a line in the console.
        playNotificationSound(event.payload.sound).catch((err: unknown) => console.warn('notification sound could not play', err));
        break;
    }
  }

  const myId = getMyId();
  for (const [roomId, messages] of newByRoom) {
    // Replies live in their thread; the timeline holds top-level messages only.
    const topLevel = messages.filter((m) => !m.threadRootId);
    if (topLevel.length < messages.length) replies.push(...messages.filter((m) => m.threadRootId));
    if (topLevel.length > 0) useMessagesStore.getState().receiveNew(roomId, topLevel);
    useRoomsStore.getState().noteMessages(roomId, messages, myId);
    const senders = new Set(messages.map((m) => m.senderId));
    for (const sender of senders) useTypingStore.getState().clearUser(roomId, sender);
    ensureUsers(senders);
  }
  if (replies.length) useThreadsStore.getState().receiveReplies(replies);
  if (updates.length) {
    useMessagesStore.getState().receiveUpdates(updates);
    useThreadsStore.getState().receiveUpdates(updates);
    for (const message of updates) useRoomsStore.getState().noteUpdate(message);
  }
}
