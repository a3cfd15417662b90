import type { DesktopEvent } from '../../common/ipc';
import { CHANGES_LIMIT_MAX, type Message } from '../../common/protocol';
import type { Logger } from '../ports';
import type { ConnectionService } from './connection-service';
import { RoomChangeCursor } from './room-change-cursor';

/**
 * How far before a room's `complete` time a catch-up starts. A change is stamped when its
 * transaction starts, so one that committed just after the connection dropped can carry a time
 * a little older than a change already seen; re-reading this window (and forwarding only
 * versions main has not seen) makes sure it is not skipped.
 */
const CHANGES_OVERLAP_MS = 10_000;
/** Rooms caught up at the same time after a reconnect. */
const PARALLEL_ROOMS = 4;

export interface ChangeCatchUpOptions {
  pageSize?: number;
  overlapMs?: number;
}

const timeOf = (message: Message): number | undefined => {
  const at = message.updatedAt === undefined ? Number.NaN : Date.parse(message.updatedAt);
  return Number.isNaN(at) ? undefined : at;
};

/**
 * Catches up edits, deletions and reaction changes made to messages main already handed to the
 * window while it was offline (`messages:sync` only brings new messages). Every message main
 * receives passes through `seen`; on a reconnect, `connecting` marks the rooms seen before as
 * stale, and `catchUp` (after the seq sync) pages `messages:changes` from each stale room's
 * cursor and forwards what changed as `message:updated`. A session's first connect has nothing
 * stale, so it asks for nothing.
 */
export class ChangeCatchUp {
  private readonly rooms = new Map<string, RoomChangeCursor>();
  /** Bumped by every connect and reset; a catch-up of an older one stops without committing. */
  private generation = 0;
  private readonly pageSize: number;
  private readonly overlapMs: number;

  constructor(
    private readonly connection: Pick<ConnectionService, 'request'>,
    private readonly emit: (event: DesktopEvent) => void,
    private readonly log: Logger,
    options: ChangeCatchUpOptions = {},
  ) {
    this.pageSize = options.pageSize ?? CHANGES_LIMIT_MAX;
    this.overlapMs = options.overlapMs ?? CHANGES_OVERLAP_MS;
  }

  /** A message main received, in any way (messages from servers without `updatedAt` are ignored). */
  seen(message: Message): void {
    const at = timeOf(message);
    if (at === undefined) return;
    let room = this.rooms.get(message.roomId);
    if (!room) {
      room = new RoomChangeCursor(this.overlapMs);
      this.rooms.set(message.roomId, room);
    }
    room.see(message.id, at);
  }

  seenAll(messages: readonly Message[]): void {
    for (const message of messages) this.seen(message);
  }

  /** First thing on every connect, before anything is received on the new socket. */
  connecting(): void {
    this.generation += 1;
    for (const room of this.rooms.values()) room.markStale();
  }

  /** After the seq sync: catches up every stale room that is still in `memberRoomIds` (the fresh room list). */
  async catchUp(memberRoomIds: readonly string[]): Promise<void> {
    const generation = this.generation;
    const members = new Set(memberRoomIds);
    for (const [roomId, room] of this.rooms) if (room.isStale && !members.has(roomId)) this.rooms.delete(roomId);
    const queue = [...this.rooms].filter(([, room]) => room.isStale);
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next && generation === this.generation; next = queue.shift()) {
        const [roomId, room] = next;
        if (await this.catchUpRoom(roomId, room, generation)) room.caughtUp();
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_ROOMS, queue.length) }, worker));
  }

  forgetRoom(roomId: string): void {
    this.rooms.delete(roomId);
  }

  /** Another session (or none): nothing of the previous one applies. */
  reset(): void {
    this.generation += 1;
    this.rooms.clear();
  }

  /** Pages the room's changes; true when all of them arrived. */
  private async catchUpRoom(roomId: string, room: RoomChangeCursor, generation: number): Promise<boolean> {
    let cursor: { since: string; sinceId?: string } = {
      since: new Date(Math.max((room.complete ?? 0) - this.overlapMs, 0)).toISOString(),
    };
    for (;;) {
      const ack = await this.connection.request('messages:changes', { roomId, ...cursor, limit: this.pageSize });
      if (generation !== this.generation || this.rooms.get(roomId) !== room) return false;
      if (!ack.ok) {
        this.log.warn(`changes: room ${roomId} not caught up: ${ack.error.code}`);
        return false;
      }
      for (const message of ack.messages) {
        const at = timeOf(message);
        if (message.roomId !== roomId || at === undefined || !room.isNews(message.id, at)) continue;
        room.see(message.id, at);
        this.emit({ type: 'message:updated', payload: message });
      }
      const last = ack.messages.at(-1);
      if (!ack.hasMore) return true;
      if (!last?.updatedAt) return false;
      cursor = { since: last.updatedAt, sinceId: last.id };
    }
  }
}
