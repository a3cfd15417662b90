import { call } from '../bridge/call';
import type { Message } from '../shared/contract';
import { useMessagesStore } from '../stores/messages';
import { useThreadsStore } from '../stores/threads';
import { ensureUsers } from './users';

/** Pins or unpins a message for everyone in its room; the room sees it as `message:updated`. */
export async function setPinned(message: Message, pinned: boolean): Promise<void> {
  const { message: settled } = await call('messages:pin', { messageId: message.id, pinned });
  useMessagesStore.getState().receiveUpdates([settled]);
  useThreadsStore.getState().receiveUpdates([settled]);
}

/** The room's pinned messages, latest pin first. */
export async function loadPinned(roomId: string): Promise<Message[]> {
  const { messages } = await call('messages:pinned', { roomId });
  ensureUsers(new Set(messages.flatMap((m) => [m.senderId, ...(m.pinnedBy ? [m.pinnedBy] : [])])));
  return messages;
}
