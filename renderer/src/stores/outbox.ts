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

/** The room's outbox items; the same array for the same room until the outbox changes. */
export const selectRoomOutbox =
  (roomId: string) =>
  (s: OutboxStore): OutboxItem[] =>
    groupOutbox(s.items, () => s.items, roomId);

export const countUnsent = (items: OutboxItem[]): number => items.filter((i) => i.status !== 'failed').length;
