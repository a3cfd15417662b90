import { call } from '../bridge/call';
import { HISTORY_LIMIT_MAX, type Message } from '../shared/contract';
import { indexOfSeq } from '../stores/message-merge';
import { useMessagesStore } from '../stores/messages';
import { useOutboxStore } from '../stores/outbox';
import { useRoomsStore } from '../stores/rooms';
import { useThreadsStore } from '../stores/threads';
import { getMyId } from '../stores/session';
import { useUiStore } from '../stores/ui';
import { ensureUsers } from './users';

const PAGE_SIZE = 50;
const HIGHLIGHT_MS = 2500;

const inFlight = new Map<string, Promise<void>>();

/**
 * Runs a load at most once at a time per key (scroll events fire startReached repeatedly);
 * a second call while it runs gets the running one.
 */
function once(key: string, load: () => Promise<void>): Promise<void> {
  const running = inFlight.get(key);
  if (running) return running;
  const promise = load().finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

/** Resolves once every load running now has finished (whether it worked or not). */
export async function loadsSettled(): Promise<void> {
  await Promise.allSettled([...inFlight.values()]);
}

const learnSenders = (messages: readonly Message[]): void => ensureUsers(new Set(messages.map((m) => m.senderId)));

/**
 * Opens the room at its live end. The empty window is created first so that live messages
 * arriving while the page is on its way are kept and merged with it. If the page cannot be
 * had, a window that is still empty is dropped again, so that opening the room retries.
 */
export function loadLatest(roomId: string): Promise<void> {
  return once(`${roomId}:latest`, async () => {
    const store = useMessagesStore.getState();
    store.setWindow(roomId, [], { hasOlder: true, hasNewer: false });
    const window = useMessagesStore.getState().timelines[roomId];
    try {
      const { messages, hasMore } = await call('messages:history', { roomId, limit: PAGE_SIZE });
      useMessagesStore.getState().addOlder(roomId, messages, hasMore);
      learnSenders(messages);
    } catch (error) {
      const now = useMessagesStore.getState().timelines[roomId];
      if (now && now.epoch === window?.epoch && now.messages.length === 0) useMessagesStore.getState().forgetRoom(roomId);
      throw error;
    }
  });
}

export function loadOlder(roomId: string): Promise<void> {
  return once(`${roomId}:older`, async () => {
    const timeline = useMessagesStore.getState().timelines[roomId];
    const first = timeline?.messages[0];
    if (!timeline?.hasOlder || !first) return;
    const { messages, hasMore } = await call('messages:history', { roomId, before: first.seq, limit: PAGE_SIZE });
    useMessagesStore.getState().addOlder(roomId, messages, hasMore);
    learnSenders(messages);
  });
}

/** After a jump into the past: fetches the messages that follow the window, until it reaches the live end. */
export function loadNewer(roomId: string): Promise<void> {
  return once(`${roomId}:newer`, async () => {
    const timeline = useMessagesStore.getState().timelines[roomId];
    const last = timeline?.messages.at(-1);
    if (!timeline?.hasNewer || !last) return;
    // Sync carries thread replies too: they go to their threads, and a page of nothing but replies is skipped over.
    for (let after = last.seq; ;) {
      const { messages, hasMore } = await call('messages:sync', { roomId, after, limit: HISTORY_LIMIT_MAX });
      const replies = messages.filter((m) => m.threadRootId);
      if (replies.length) useThreadsStore.getState().receiveReplies(replies);
      const topLevel = replies.length ? messages.filter((m) => !m.threadRootId) : messages;
      learnSenders(messages);
      const next = messages.at(-1)?.seq;
      if (topLevel.length > 0 || !hasMore || next === undefined || next <= after) {
        useMessagesStore.getState().addNewer(roomId, topLevel, hasMore);
        return;
      }
      after = next;
    }
  });
}

/** Shows a message (from search) in context: loads the history around it unless it is already loaded, then highlights it. */
export async function revealMessage(roomId: string, seq: number): Promise<void> {
  const timeline = useMessagesStore.getState().timelines[roomId];
  // Highlight first, so a list that mounts with the new window opens on the message.
  useUiStore.getState().setHighlight({ roomId, seq });
  if (!timeline || indexOfSeq(timeline.messages, seq) === -1) {
    const half = Math.floor(PAGE_SIZE / 2);
    const { messages, hasMore } = await call('messages:history', { roomId, before: seq + half + 1, limit: PAGE_SIZE });
    const lastSeq = useRoomsStore.getState().rooms[roomId]?.lastSeq ?? 0;
    const newest = messages.at(-1)?.seq ?? 0;
    useMessagesStore.getState().setWindow(roomId, messages, { hasOlder: hasMore, hasNewer: newest < lastSeq });
    learnSenders(messages);
  }
  setTimeout(() => {
    const current = useUiStore.getState().highlight;
    if (current?.roomId === roomId && current.seq === seq) useUiStore.getState().setHighlight(null);
  }, HIGHLIGHT_MS);
}

/** Queues a message in main's outbox; it shows as pending until the server has stored it. */
export async function sendMessage(roomId: string, body: string, attachmentIds: string[] = []): Promise<void> {
  const item = await call('messages:send', { roomId, body, ...(attachmentIds.length ? { attachmentIds } : {}) });
  useOutboxStore.getState().upsert(item);
}

export async function editMessage(messageId: string, body: string): Promise<void> {
  const { message } = await call('messages:edit', { messageId, body });
  useMessagesStore.getState().receiveUpdates([message]);
}

export async function deleteMessage(messageId: string): Promise<void> {
  const { message } = await call('messages:delete', { messageId });
  useMessagesStore.getState().receiveUpdates([message]);
}

function withReaction(message: Message, emoji: string, userId: string, add: boolean): Message {
  const users = message.reactions[emoji] ?? [];
  const nextUsers = add ? (users.includes(userId) ? users : [...users, userId]) : users.filter((id) => id !== userId);
  const { [emoji]: _old, ...others } = message.reactions;
  return { ...message, reactions: nextUsers.length ? { ...message.reactions, [emoji]: nextUsers } : others };
}

/** Adds or removes my reaction at once; the server's answer settles it, or a failure puts the old message back and rejects. */
export async function toggleReaction(message: Message, emoji: string): Promise<void> {
  const me = getMyId();
  if (!me) return;
  const add = !(message.reactions[emoji] ?? []).includes(me);
  const store = useMessagesStore.getState();
  store.receiveUpdates([withReaction(message, emoji, me, add)]);
  try {
    const { message: settled } = await call('messages:react', { messageId: message.id, emoji, add });
    useMessagesStore.getState().receiveUpdates([settled]);
  } catch (error) {
    useMessagesStore.getState().receiveUpdates([message]);
    throw error;
  }
}

export async function retryOutbox(clientId: string): Promise<void> {
  await call('outbox:retry', { clientId });
}

export async function discardOutbox(clientId: string): Promise<void> {
  await call('outbox:discard', { clientId });
  useOutboxStore.getState().remove(clientId);
}

export async function searchMessages(query: string, roomId?: string): Promise<Message[]> {
  const { messages } = await call('messages:search', { query, limit: 30, ...(roomId ? { roomId } : {}) });
  learnSenders(messages);
  return messages;
}
