import type { Message, Room } from '../../common/protocol';
import { SYNC_LIMIT_MAX } from '../../common/protocol';
import type { DesktopEvent } from '../../common/ipc';
import type { Logger } from '../ports';
import type { ConnectionService } from './connection-service';
import { RoomSeqTracker } from './room-seq-tracker';

export type ArrivalListener = (message: Message, via: 'live' | 'synced') => void;

/**
 * Every message reaches the renderer through here, exactly once: live pushes as `message:new`,
 * what was missed while offline as `messages:synced`. On every (re)connect `syncAll` pages
 * `messages:sync` from each room's watermark; live pushes that arrive meanwhile are held back
 * and replayed after the sync, so none overtakes an older message or is forwarded twice.
 */
export class MessageIntake {
  private readonly trackers = new Map<string, RoomSeqTracker>();
  private syncing = false;
  private held: Message[] = [];
  private readonly listeners = new Set<ArrivalListener>();

  constructor(
    private readonly connection: Pick<ConnectionService, 'request'>,
    private readonly emit: (event: DesktopEvent) => void,
    private readonly log: Logger,
    private readonly pageSize = SYNC_LIMIT_MAX,
  ) {}

  onArrival(listener: ArrivalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A room main learned about (rooms:list, room:updated): later messages are news. */
  noteRoom(room: Pick<Room, 'id' | 'lastSeq'>): void {
    if (!this.trackers.has(room.id)) this.trackers.set(room.id, new RoomSeqTracker(room.lastSeq));
  }

  forgetRoom(roomId: string): void {
    this.trackers.delete(roomId);
  }

  /** A live `message:new` push, or an acked send from the outbox. */
  live(message: Message): void {
    if (this.syncing) {
      this.held.push(message);
      return;
    }
    if (this.trackerFor(message).accept(message.seq)) {
      this.emit({ type: 'message:new', payload: message });
      this.notify(message, 'live');
    }
  }

  /** Catches up every room (called on each connect with the fresh room list). */
  async syncAll(rooms: readonly Room[]): Promise<void> {
    this.syncing = true;
    try {
      for (const room of rooms) {
        const tracker = this.trackers.get(room.id);
        if (!tracker) {
          // First sight of the room in this app run: the renderer loads its history on demand.
          this.noteRoom(room);
          continue;
        }
        if (room.lastSeq > tracker.watermark) await this.syncRoom(room.id, tracker);
      }
    } finally {
      this.syncing = false;
      const held = this.held;
      this.held = [];
      for (const message of held) this.live(message);
    }
  }

  private async syncRoom(roomId: string, tracker: RoomSeqTracker): Promise<void> {
    let after = tracker.watermark;
    for (;;) {
      const ack = await this.connection.request('messages:sync', { roomId, after, limit: this.pageSize });
      if (!ack.ok) {
        this.log.warn(`sync: room ${roomId} stopped at seq ${after}: ${ack.error.code}`);
        return;
      }
      const fresh = ack.messages.filter((m) => m.roomId === roomId && tracker.accept(m.seq));
      if (fresh.length > 0) {
        this.emit({ type: 'messages:synced', payload: { roomId, messages: fresh } });
        for (const message of fresh) this.notify(message, 'synced');
      }
      const last = ack.messages.at(-1);
      if (!ack.hasMore || !last || last.seq <= after) return;
      after = last.seq;
    }
  }

  private trackerFor(message: Message): RoomSeqTracker {
    let tracker = this.trackers.get(message.roomId);
    if (!tracker) {
      tracker = new RoomSeqTracker(message.seq - 1);
      this.trackers.set(message.roomId, tracker);
    }
    return tracker;
  }

  private notify(message: Message, via: 'live' | 'synced'): void {
    for (const listener of this.listeners) listener(message, via);
  }
}
