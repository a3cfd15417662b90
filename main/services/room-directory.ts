import type { Room } from '../../common/protocol';

/** The signed-in user's rooms as main last heard of them (for notifications and unreads). */
export class RoomDirectory {
  private readonly rooms = new Map<string, Room>();

  replaceAll(rooms: readonly Room[]): void {
    this.rooms.clear();
    for (const room of rooms) this.rooms.set(room.id, room);
  }

  upsert(room: Room): void {
    this.rooms.set(room.id, room);
  }

  remove(roomId: string): void {
    this.rooms.delete(roomId);
  }

  get(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  clear(): void {
    this.rooms.clear();
  }
}
