/** Remembered message versions are dropped once the map is this big and they are older than the overlap. */
const PRUNE_MIN = 256;

/**
 * What main knows about the changes (`Message.updatedAt`, in ms) of one room's messages.
 * `complete` is the time up to which every change has reached main: it follows the newest
 * version seen while the room is up to date, and stands still while the room is `stale`
 * (from a reconnect until its catch-up finished), so that messages arriving meanwhile do not
 * move it past changes that were missed. `versions` keeps each recently seen message's
 * updatedAt, so a catch-up that starts a little before `complete` forwards only real news.
 */
export class RoomChangeCursor {
  private completeAt: number | undefined;
  private newestAt: number | undefined;
  private stale = false;
  private readonly versions = new Map<string, number>();
  private pruneAbove = PRUNE_MIN;

  constructor(private readonly overlapMs: number) {}

  /** Where a catch-up starts: undefined when nothing of the room was seen before this connection. */
  get complete(): number | undefined {
    return this.completeAt;
  }

  /** True when `at` is newer than every version of the message seen so far. */
  isNews(messageId: string, at: number): boolean {
    return at > (this.versions.get(messageId) ?? -Infinity);
  }

  /** Records a version of a message of this room (live, synced, acked, relayed, pushed update, caught up). */
  see(messageId: string, at: number): void {
    if (this.isNews(messageId, at)) this.versions.set(messageId, at);
    this.newestAt = Math.max(this.newestAt ?? at, at);
    if (!this.stale) this.completeAt = this.newestAt;
    if (this.versions.size > this.pruneAbove) this.prune();
  }

  /** A reconnect: changes may have been missed since `complete` (nothing to miss if it is unset). */
  markStale(): void {
    if (this.completeAt !== undefined) this.stale = true;
  }

  get isStale(): boolean {
    return this.stale;
  }

  /** The catch-up went through: everything up to the newest version seen has reached main. */
  caughtUp(): void {
    this.stale = false;
    this.completeAt = this.newestAt;
    this.prune();
  }

  /** Versions older than a catch-up could return are no longer needed to tell news apart. */
  private prune(): void {
    if (this.completeAt !== undefined) {
      const horizon = this.completeAt - this.overlapMs;
      for (const [id, at] of this.versions) if (at < horizon) this.versions.delete(id);
    }
    this.pruneAbove = Math.max(PRUNE_MIN, this.versions.size * 2);
  }
}
