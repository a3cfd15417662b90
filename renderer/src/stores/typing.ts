import { create } from 'zustand';
import { TYPING_EXPIRY_MS } from '../shared/contract';

/** roomId -> userId -> when the indicator expires (ms since epoch). */
type TypingByRoom = Record<string, Record<string, number>>;

interface TypingStore {
  byRoom: TypingByRoom;
  /** A `typing` event: shows or hides one user's indicator; shown ones expire unless refreshed. */
  receive: (roomId: string, userId: string, typing: boolean) => void;
  /** Drops indicators that were not refreshed in time. */
  expire: (now?: number) => void;
  /** The user sent a message: that ends their typing at once. */
  clearUser: (roomId: string, userId: string) => void;
  reset: () => void;
}

function without(byRoom: TypingByRoom, roomId: string, userId: string): TypingByRoom {
  const room = byRoom[roomId];
  if (!room || !(userId in room)) return byRoom;
  const { [userId]: _gone, ...rest } = room;
  return { ...byRoom, [roomId]: rest };
}

export const useTypingStore = create<TypingStore>()((set, get) => ({
  byRoom: {},
  receive: (roomId, userId, typing) => {
    if (!typing) return set((s) => ({ byRoom: without(s.byRoom, roomId, userId) }));
    const expiresAt = Date.now() + TYPING_EXPIRY_MS;
    set((s) => ({ byRoom: { ...s.byRoom, [roomId]: { ...s.byRoom[roomId], [userId]: expiresAt } } }));
    setTimeout(() => get().expire(), TYPING_EXPIRY_MS + 1);
  },
  expire: (now = Date.now()) =>
    set((s) => {
      let byRoom = s.byRoom;
      for (const [roomId, users] of Object.entries(s.byRoom)) {
        for (const [userId, expiresAt] of Object.entries(users)) {
          if (expiresAt <= now) byRoom = without(byRoom, roomId, userId);
        }
      }
      return byRoom === s.byRoom ? s : { byRoom };
    }),
  clearUser: (roomId, userId) => set((s) => ({ byRoom: without(s.byRoom, roomId, userId) })),
  reset: () => set({ byRoom: {} }),
}));

const NOBODY: string[] = [];
const typistsCache = new WeakMap<Record<string, number>, string[]>();

/** Who is typing in a room, as a stable array per store state. */
export const selectTypists =
  (roomId: string) =>
  (s: TypingStore): string[] => {
    const room = s.byRoom[roomId];
    if (!room) return NOBODY;
    let ids = typistsCache.get(room);
    if (!ids) {
      ids = Object.keys(room);
      typistsCache.set(room, ids);
    }
    return ids.length ? ids : NOBODY;
  };
