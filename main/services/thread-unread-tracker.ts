/**
 * Threads the user takes part in that have replies the user has not seen, per room: raised by
 * replies from others while that thread is not open on screen, cleared when the user opens it.
 * Only replies that arrive while the app runs are counted (the server keeps no per-thread read
 * position).
 */
export class ThreadUnreadTracker {
  /** roomId -> rootId -> unseen replies. */
  private readonly rooms = new Map<string, Map<string, number>>();
  private readonly listeners = new Set<() => void>();

  replyArrived(roomId: string, rootId: string): void {
    let threads = this.rooms.get(roomId);
    if (!threads) {
      threads = new Map();
      this.rooms.set(roomId, threads);
    }
    threads.set(rootId, (threads.get(rootId) ?? 0) + 1);
    this.changed();
  }

  seen(roomId: string, rootId: string): void {
    const threads = this.rooms.get(roomId);
    if (!threads?.delete(rootId)) return;
    if (threads.size === 0) this.rooms.delete(roomId);
    this.changed();
  }

  forgetRoom(roomId: string): void {
    if (this.rooms.delete(roomId)) this.changed();
  }

  clear(): void {
    if (this.rooms.size === 0) return;
    this.rooms.clear();
    this.changed();
  }

  /** roomId -> the roots of its threads with unseen replies. */
  snapshot(): Record<string, string[]> {
    return Object.fromEntries([...this.rooms].map(([roomId, threads]) => [roomId, [...threads.keys()]]));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
