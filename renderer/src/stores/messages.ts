import { create } from 'zustand';
import type { Message } from '../shared/contract';
import { applyUpdates, mergeBySeq } from './message-merge';

/**
 * The loaded window of one room's history: a contiguous run of seqs in ascending order.
 * Only what the user has scrolled through is held, paged from main on demand, so a room of
 * 100,000 messages costs as much as the pages actually seen.
 */
export interface Timeline {
  messages: readonly Message[];
  /** The server holds messages before the first one here. */
  hasOlder: boolean;
  /** The window ends before the room's latest message (after jumping to an old message). */
  hasNewer: boolean;
  /** Changes whenever the window is replaced rather than extended, so the list re-mounts at its new place. */
  epoch: number;
  /**
   * The list index of the first message: lowered by exactly the number of messages an older page
   * prepends, so the list keeps its viewport still. Not the seq: thread replies leave gaps in it.
   */
  firstIndex: number;
}

/** Where a fresh window's first message sits; leaves room for a long way of older pages. */
const FIRST_INDEX = 1_000_000_000;

interface MessagesStore {
  timelines: Record<string, Timeline>;
  /** Replaces the room's window (the latest page, or a page around a searched message). */
  setWindow: (roomId: string, messages: readonly Message[], edges: { hasOlder: boolean; hasNewer: boolean }) => void;
  addOlder: (roomId: string, messages: readonly Message[], hasOlder: boolean) => void;
  addNewer: (roomId: string, messages: readonly Message[], hasNewer: boolean) => void;
  /** Live or synced messages; kept only for rooms whose window reaches the live end. */
  receiveNew: (roomId: string, messages: readonly Message[]) => void;
  receiveUpdates: (messages: readonly Message[]) => void;
  forgetRoom: (roomId: string) => void;
  reset: () => void;
}

type Timelines = Record<string, Timeline>;

function update(timelines: Timelines, roomId: string, change: (t: Timeline) => Timeline): Timelines {
  const timeline = timelines[roomId];
  if (!timeline) return timelines;
  const next = change(timeline);
  return next === timeline ? timelines : { ...timelines, [roomId]: next };
}

function withMessages(t: Timeline, messages: readonly Message[], edges: Partial<Timeline> = {}): Timeline {
  const same = messages === t.messages && Object.entries(edges).every(([k, v]) => t[k as keyof Timeline] === v);
  return same ? t : { ...t, ...edges, messages };
}

export const useMessagesStore = create<MessagesStore>()((set) => ({
  timelines: {},
  setWindow: (roomId, messages, edges) =>
    set((s) => ({
      timelines: {
        ...s.timelines,
        [roomId]: { messages: mergeBySeq([], messages), ...edges, epoch: (s.timelines[roomId]?.epoch ?? 0) + 1, firstIndex: FIRST_INDEX },
      },
    })),
  addOlder: (roomId, messages, hasOlder) =>
    set((s) => ({
      timelines: update(s.timelines, roomId, (t) => {
        const merged = mergeBySeq(t.messages, messages);
        return withMessages(t, merged, { hasOlder, firstIndex: t.firstIndex - (merged.length - t.messages.length) });
      }),
    })),
  addNewer: (roomId, messages, hasNewer) =>
    set((s) => ({ timelines: update(s.timelines, roomId, (t) => withMessages(t, mergeBySeq(t.messages, messages), { hasNewer })) })),
  receiveNew: (roomId, messages) =>
    set((s) => ({
      timelines: update(s.timelines, roomId, (t) => (t.hasNewer ? t : withMessages(t, mergeBySeq(t.messages, messages)))),
    })),
  receiveUpdates: (messages) =>
    set((s) => {
      let timelines = s.timelines;
      for (const m of messages) timelines = update(timelines, m.roomId, (t) => withMessages(t, applyUpdates(t.messages, [m])));
      return { timelines };
    }),
  forgetRoom: (roomId) =>
    set((s) => {
      if (!(roomId in s.timelines)) return s;
      const { [roomId]: _gone, ...timelines } = s.timelines;
      return { timelines };
    }),
  reset: () => set({ timelines: {} }),
}));
