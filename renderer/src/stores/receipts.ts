import { create } from 'zustand';
import type { Receipt } from '../shared/contract';

export type RoomReceipts = Record<string, Receipt>;

interface ReceiptsStore {
  /** roomId -> userId -> that member's receipt. */
  byRoom: Record<string, RoomReceipts>;
  setRoomReceipts: (roomId: string, receipts: Receipt[]) => void;
  applyReceipt: (receipt: Receipt) => void;
  reset: () => void;
}

/** Receipts only move forward, whatever order they arrive in. */
const forward = (old: Receipt | undefined, next: Receipt): Receipt =>
  old ? { ...next, deliveredSeq: Math.max(old.deliveredSeq, next.deliveredSeq), readSeq: Math.max(old.readSeq, next.readSeq) } : next;

export const useReceiptsStore = create<ReceiptsStore>()((set) => ({
  byRoom: {},
  setRoomReceipts: (roomId, receipts) =>
    set((s) => {
      const room: RoomReceipts = { ...s.byRoom[roomId] };
      for (const r of receipts) room[r.userId] = forward(room[r.userId], r);
      return { byRoom: { ...s.byRoom, [roomId]: room } };
    }),
  applyReceipt: (receipt) =>
    set((s) => {
      const room = s.byRoom[receipt.roomId] ?? {};
      const old = room[receipt.userId];
      const next = forward(old, receipt);
      if (old && old.deliveredSeq === next.deliveredSeq && old.readSeq === next.readSeq) return s;
      return { byRoom: { ...s.byRoom, [receipt.roomId]: { ...room, [receipt.userId]: next } } };
    }),
  reset: () => set({ byRoom: {} }),
}));
