/**
 * Memoised grouping of a store's items by room, so that a room selector returns the same
 * array until the underlying collection changes (zustand re-renders on identity changes).
 */
export function createRoomGrouper<T extends { roomId: string }>(): (source: object, items: () => Iterable<T>, roomId: string) => T[] {
  const cache = new WeakMap<object, Map<string, T[]>>();
  const none: T[] = [];
  return (source, items, roomId) => {
    let byRoom = cache.get(source);
    if (!byRoom) {
      byRoom = new Map();
      for (const item of items()) {
        const list = byRoom.get(item.roomId);
        if (list) list.push(item);
        else byRoom.set(item.roomId, [item]);
      }
      cache.set(source, byRoom);
    }
    return byRoom.get(roomId) ?? none;
  };
}
