import { create } from 'zustand';
import type { Message } from '../shared/contract';
import { applyUpdates, mergeBySeq } from './message-merge';

/** The loaded replies of one thread, ascending by seq, paged from the newest back. */
interface ThreadReplies {
  roomId: string;
  replies: readonly Message[];
  /** The server holds replies before the first one here. */
  hasOlder: boolean;
}

interface ThreadsStore {
  /** The thread open beside its room, if any. */
  open: { roomId: string; rootId: string } | null;
  /** rootId -> its replies, for threads opened in this session (others wait for their first page). */
  threads: Record<string, ThreadReplies>;
  /** rootId -> the latest copy of the root, so the pane shows it whatever the timeline holds. */
  roots: Record<string, Message>;
  /** roomId -> the highest reply seq seen there: reading a room reads its replies too. */
  latestReplySeq: Record<string, number>;
  /** roomId -> roots of threads the user takes part in with replies not yet seen (kept by main). */
  unread: Record<string, readonly string[]>;
  /** Opens a thread; without its root (a search hit or a pin that is a reply, root not loaded) the pane shows the replies only. */
  openThread: (root: Message | { id: string; roomId: string }) => void;
  closeThread: () => void;
  /** The first page (the newest replies) replaces what was held. */
  setPage: (rootId: string, roomId: string, replies: readonly Message[], hasOlder: boolean) => void;
  addOlder: (rootId: string, replies: readonly Message[], hasOlder: boolean) => void;
  /** Live or synced replies; kept for threads already loaded, counted for every room. */
  receiveReplies: (replies: readonly Message[]) => void;
  /** Edits, deletions, reactions and pins of replies, and new summaries of roots. */
  receiveUpdates: (messages: readonly Message[]) => void;
  setUnread: (byRoom: Record<string, readonly string[]>) => void;
  forgetRoom: (roomId: string) => void;
  reset: () => void;
}

const EMPTY = { open: null, threads: {}, roots: {}, latestReplySeq: {}, unread: {} };

export const useThreadsStore = create<ThreadsStore>()((set) => ({
  ...EMPTY,
  openThread: (root) =>
    set((s) => ({
      open: { roomId: root.roomId, rootId: root.id },
      roots: 'seq' in root && !s.roots[root.id] ? { ...s.roots, [root.id]: root } : s.roots,
    })),
  closeThread: () => set({ open: null }),
  setPage: (rootId, roomId, replies, hasOlder) =>
    set((s) => {
      const held = s.threads[rootId];
      // Replies that arrived live while the page was on its way are kept.
      const merged = mergeBySeq(held ? held.replies.filter((r) => !replies.some((p) => p.seq === r.seq)) : [], replies);
      return { threads: { ...s.threads, [rootId]: { roomId, replies: merged, hasOlder } } };
    }),
  addOlder: (rootId, replies, hasOlder) =>
    set((s) => {
      const held = s.threads[rootId];
      if (!held) return s;
      return { threads: { ...s.threads, [rootId]: { ...held, replies: mergeBySeq(held.replies, replies), hasOlder } } };
    }),
  receiveReplies: (replies) =>
    set((s) => {
      let { threads, latestReplySeq } = s;
      for (const reply of replies) {
        const rootId = reply.threadRootId;
        if (!rootId) continue;
        if ((latestReplySeq[reply.roomId] ?? 0) < reply.seq) latestReplySeq = { ...latestReplySeq, [reply.roomId]: reply.seq };
        const held = threads[rootId];
        if (held) threads = { ...threads, [rootId]: { ...held, replies: mergeBySeq(held.replies, [reply]) } };
      }
      return threads === s.threads && latestReplySeq === s.latestReplySeq ? s : { threads, latestReplySeq };
    }),
  receiveUpdates: (messages) =>
    set((s) => {
      let { threads, roots } = s;
      for (const message of messages) {
        if (roots[message.id]) roots = { ...roots, [message.id]: message };
        const held = message.threadRootId ? threads[message.threadRootId] : undefined;
        if (held && message.threadRootId) {
          const replies = applyUpdates(held.replies, [message]);
          if (replies !== held.replies) threads = { ...threads, [message.threadRootId]: { ...held, replies } };
        }
      }
      return threads === s.threads && roots === s.roots ? s : { threads, roots };
    }),
  setUnread: (unread) => set({ unread }),
  forgetRoom: (roomId) =>
    set((s) => ({
      open: s.open?.roomId === roomId ? null : s.open,
      threads: Object.fromEntries(Object.entries(s.threads).filter(([, t]) => t.roomId !== roomId)),
    })),
  reset: () => set(EMPTY),
}));

const NONE: readonly Message[] = [];
export const selectReplies =
  (rootId: string) =>
  (s: ThreadsStore): readonly Message[] =>
    s.threads[rootId]?.replies ?? NONE;
