import type { Room } from '../../common/protocol';

interface RoomUnread {
  count: number;
  lastSeq: number;
  readSeq: number;
}

/**
 * Unread counts per room: seeded from the server's `unreadCount`, raised by messages from
 * others the user is not looking at, lowered by the user's own read receipts.
 */
export class UnreadTracker {
  private readonly rooms = new Map<string, RoomUnread>();
  private readonly listeners = new Set<() => void>();

  reset(rooms: readonly Room[]): void {
    this.rooms.clear();
    for (const room of rooms) this.setFromRoom(room, false);
    this.changed();
  }

  setFromRoom(room: Room, announce = true): void {
    this.rooms.set(room.id, {
      count: room.unreadCount,
      lastSeq: room.lastSeq,
      readSeq: room.readSeq ?? Math.max(0, room.lastSeq - room.unreadCount),
    });
    if (announce) this.changed();
  }

  remove(roomId: string): void {
    if (this.rooms.delete(roomId)) this.changed();
  }

  /** A new message; `unseen` when it is from someone else and the user is not looking at its room. */
  messageArrived(roomId: string, seq: number, unseen: boolean): void {
    const room = this.rooms.get(roomId) ?? { count: 0, lastSeq: 0, readSeq: 0 };
    if (seq <= room.readSeq) return;
    room.lastSeq = Math.max(room.lastSeq, seq);
    if (unseen) room.count += 1;
    this.rooms.set(roomId, room);
    if (unseen) this.changed();
  }

  /** The user (on this or another device) read the room up to seq. */
  markRead(roomId: string, seq: number): void {
    const room = this.rooms.get(roomId);
    if (!room || seq <= room.readSeq) return;
    room.readSeq = seq;
    room.count = seq >= room.lastSeq ? 0 : Math.min(room.count, room.lastSeq - seq);
    this.changed();
  }

  counts(): ReadonlyMap<string, number> {
    return new Map([...this.rooms].map(([id, room]) => [id, room.count]));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
