/**
 * At most `max` sockets per user on this node, counting those still in their handshake, so that
 * a burst of connections cannot slip past the count together.
 */
export class SocketCap {
  private readonly joining = new Map<string, number>();

  constructor(
    private readonly max: number,
    /** The user's sockets connected to this node. */
    private readonly connected: (userId: string) => number,
  ) {}

  /** Holds a place for a socket of `userId`; null when the user has `max` already. Release once it has connected or failed. */
  reserve(userId: string): (() => void) | null {
    const joining = this.joining.get(userId) ?? 0;
    if (this.connected(userId) + joining >= this.max) return null;
    this.joining.set(userId, joining + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.joining.get(userId) ?? 1) - 1;
      if (left > 0) this.joining.set(userId, left);
      else this.joining.delete(userId);
    };
  }
}
