/**
 * Which seqs of one room main has already handed to the renderer. `watermark` is the highest
 * seq below which nothing is missing; seqs seen above it (out-of-order arrival, e.g. an ack
 * racing a push) are remembered so that each message is forwarded exactly once.
 */
export class RoomSeqTracker {
  private readonly above = new Set<number>();

  constructor(private mark: number) {}

  get watermark(): number {
    return this.mark;
  }

  /** True the first time a seq is seen. */
  accept(seq: number): boolean {
    if (seq <= this.mark || this.above.has(seq)) return false;
    this.above.add(seq);
    while (this.above.delete(this.mark + 1)) this.mark += 1;
    return true;
  }
}
