import { create } from 'zustand';
import type { OutboxItem } from '../shared/contract';
import { createRoomGrouper } from './group-by-room';

interface OutboxStore {
  items: OutboxItem[];
  /** Main's full list replaces ours: main owns the outbox. */
  setItems: (items: OutboxItem[]) => void;
  /** An item we just queued, shown before main's next `outbox` event. */
  upsert: (item: OutboxItem) => void;
  remove: (clientId: string) => void;
}

export const useOutboxStore = create<OutboxStore>()((set) => ({
  items: [],
  setItems: (items) => set({ items }),
  upsert: (item) =>
    set((s) => {
      const index = s.items.findIndex((i) => i.clientId === item.clientId);
      if (index === -1) return { items: [...s.items, item] };
      const items = s.items.slice();
      items[index] = item;
      return { items };
    }),
  remove: (clientId) => set((s) => ({ items: s.items.filter((i) => i.clientId !== clientId) })),
}));

const groupOutbox = createRoomGrouper<OutboxItem>();

/** The room's outbox items (thread replies wait in their thread); the same array for the same room until the outbox changes. */
export const selectRoomOutbox =
  (roomId: string) =>
  (s: OutboxStore): OutboxItem[] =>
    groupOutbox(s.items, () => s.items.filter((i) => !i.threadRootId), roomId);

const byThread = new WeakMap<object, Map<string, OutboxItem[]>>();
const noItems: OutboxItem[] = [];

/** The replies to this root still in the outbox; the same array until the outbox changes. */
export const selectThreadOutbox =
  (rootId: string) =>
  (s: OutboxStore): OutboxItem[] => {
    let groups = byThread.get(s.items);
    if (!groups) {
      groups = new Map();
      for (const item of s.items) if (item.threadRootId) groups.set(item.threadRootId, [...(groups.get(item.threadRootId) ?? []), item]);
      byThread.set(s.items, groups);
    }
    return groups.get(rootId) ?? noItems;
  };

export const countUnsent = (items: OutboxItem[]): number => items.filter((i) => i.status !== 'failed').length;
