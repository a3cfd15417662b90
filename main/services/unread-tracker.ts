import type { Room } from '../../common/protocol';
import { levelOf, type NotifyLevel } from './notification-rules';

interface RoomUnread {
  count: number;
  lastSeq: number;
  readSeq: number;
  level: NotifyLevel;
  /** Seqs of unread messages addressed to the user (mentions, DMs) that arrived while the app ran. */
  addressed: number[];
}

const badgeCount = (room: RoomUnread): number =>
  room.level === 'all' ? room.count : room.level === 'mentions' ? Math.min(room.count, room.addressed.length) : 0;

/**
 * Unread counts per room: seeded from the server's `unreadCount`, raised by messages from
 * others the user is not looking at, lowered by the user's own read receipts. The badge counts
 * follow each room's notification level: nothing from 'none' rooms, only messages addressed to
 * the user from 'mentions' rooms (the server does not count those, so they start at zero when
 * the app starts and count what arrives while it runs).
 */
export class UnreadTracker {
  private readonly rooms = new Map<string, RoomUnread>();
  private readonly listeners = new Set<() => void>();

  reset(rooms: readonly Room[]): void {
    this.rooms.clear();
    for (const room of rooms) this.setFromRoom(room, false);
    this.changed();
  }

  setFromRoom(room: Room & { notify?: NotifyLevel }, announce = true): void {
    const readSeq = room.readSeq ?? Math.max(0, room.lastSeq - room.unreadCount);
    const previous = this.rooms.get(room.id);
    this.rooms.set(room.id, {
      count: room.unreadCount,
      lastSeq: room.lastSeq,
      readSeq,
      level: levelOf(room),
      addressed: (previous?.addressed ?? []).filter((seq) => seq > readSeq),
    });
    if (announce) this.changed();
  }

  /** The room's notification level changed (this device or another one). */
  setLevel(roomId: string, level: NotifyLevel): void {
    const room = this.rooms.get(roomId);
    if (!room || room.level === level) return;
    room.level = level;
    this.changed();
  }

  remove(roomId: string): void {
    if (this.rooms.delete(roomId)) this.changed();
  }

  /**
   * A new message; `unseen` when it is from someone else and the user is not looking at its room,
   * `addressed` when it mentions the user (or is a DM).
   */
  messageArrived(roomId: string, seq: number, unseen: boolean, addressed = false): void {
    const room = this.rooms.get(roomId) ?? { count: 0, lastSeq: 0, readSeq: 0, level: 'all', addressed: [] };
    if (seq <= room.readSeq) return;
    room.lastSeq = Math.max(room.lastSeq, seq);
    if (unseen) room.count += 1;
    if (unseen && addressed) room.addressed.push(seq);
    this.rooms.set(roomId, room);
    if (unseen) this.changed();
  }

  /** The user (on this or another device) read the room up to seq. */
  markRead(roomId: string, seq: number): void {
    const room = this.rooms.get(roomId);
    if (!room || seq <= room.readSeq) return;
    room.readSeq = seq;
    room.count = seq >= room.lastSeq ? 0 : Math.min(room.count, room.lastSeq - seq);
    room.addressed = room.addressed.filter((addressedSeq) => addressedSeq > seq);
    this.changed();
  }

  /** Every room's unread count, whatever its level. */
  counts(): ReadonlyMap<string, number> {
    return new Map([...this.rooms].map(([id, room]) => [id, room.count]));
  }

  /** What each room adds to the badge and the tray at its notification level. */
  badgeCounts(): ReadonlyMap<string, number> {
    return new Map([...this.rooms].map(([id, room]) => [id, badgeCount(room)]));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
