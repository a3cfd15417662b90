import { call } from '../bridge/call';
import type { Message } from '../shared/contract';
import { useMessagesStore } from '../stores/messages';
import { useOutboxStore } from '../stores/outbox';
import { useThreadsStore } from '../stores/threads';
import { useUiStore } from '../stores/ui';
import { warnFailure } from './report-failure';
import { ensureUsers } from './users';

const PAGE_SIZE = 50;
const loading = new Map<string, Promise<void>>();

function once(key: string, load: () => Promise<void>): Promise<void> {
  const running = loading.get(key);
  if (running) return running;
  const promise = load().finally(() => loading.delete(key));
  loading.set(key, promise);
  return promise;
}

const learnSenders = (messages: readonly Message[]): void => ensureUsers(new Set(messages.map((m) => m.senderId)));

/**
 * Opens the thread pane beside the root's room; its newest replies load the first time. Given only
 * the root's id, takes the root from the room's loaded timeline when it is there.
 */
export function openThread(root: Message | { id: string; roomId: string }): Promise<void> {
  if (!('seq' in root)) {
    const loaded = useMessagesStore.getState().timelines[root.roomId]?.messages.find((m) => m.id === root.id);
    if (loaded) root = loaded;
  }
  useThreadsStore.getState().openThread(root);
  if (useThreadsStore.getState().threads[root.id]) return Promise.resolve();
  return loadReplies(root);
}

export function loadReplies(root: Pick<Message, 'id' | 'roomId'>): Promise<void> {
  return once(`${root.id}:latest`, async () => {
    const { messages, hasMore } = await call('messages:history', { roomId: root.roomId, threadRootId: root.id, limit: PAGE_SIZE });
    useThreadsStore.getState().setPage(root.id, root.roomId, messages, hasMore);
    learnSenders(messages);
  });
}

export function loadOlderReplies(rootId: string): Promise<void> {
  return once(`${rootId}:older`, async () => {
    const thread = useThreadsStore.getState().threads[rootId];
    const first = thread?.replies[0];
    if (!thread?.hasOlder || !first) return;
    const { messages, hasMore } = await call('messages:history', { roomId: thread.roomId, threadRootId: rootId, before: first.seq, limit: PAGE_SIZE });
    useThreadsStore.getState().addOlder(rootId, messages, hasMore);
    learnSenders(messages);
  });
}

export function closeThread(): void {
  useThreadsStore.getState().closeThread();
}

/** Tells main which thread is on screen (null: none), so its replies neither notify nor count as unseen. */
export function focusThread(roomId: string, rootId: string | null): void {
  if (useUiStore.getState().activeRoomId !== roomId) return;
  call('ui:focus-room', { roomId, threadRootId: rootId }).catch(warnFailure('tell the app which thread is open'));
}

/** Queues a reply in main's outbox, like any message. */
export async function sendReply(roomId: string, rootId: string, body: string, attachmentIds: string[] = []): Promise<void> {
  const item = await call('messages:send', { roomId, body, threadRootId: rootId, ...(attachmentIds.length ? { attachmentIds } : {}) });
  useOutboxStore.getState().upsert(item);
}

/** Main's list of threads with unseen replies (after a reload of the window; later changes arrive as events). */
export async function loadThreadUnread(): Promise<void> {
  const { byRoom } = await call('threads:unread', {});
  useThreadsStore.getState().setUnread(byRoom);
}
