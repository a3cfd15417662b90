import type { Clock, Logger, TimerHandle } from '../ports';
import type { ConnectionService } from './connection-service';

export const DELIVERED_FLUSH_MS = 1_000;
export const READ_FLUSH_MS = 300;

/**
 * Collects the highest seq per room and sends one receipt per room per interval. Receipts only
 * move forward on the server, so a lost one is made good by the next. What could not be sent
 * while offline is sent again on the next flush (e.g. after reconnecting).
 */
export class ReceiptBatcher {
  private readonly pending = new Map<string, number>();
  private timer: TimerHandle | null = null;

  constructor(
    private readonly kind: 'receipts:delivered' | 'receipts:read',
    private readonly connection: Pick<ConnectionService, 'request' | 'isOnline'>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  note(roomId: string, seq: number): void {
    if ((this.pending.get(roomId) ?? -1) >= seq) return;
    this.pending.set(roomId, seq);
    this.timer ??= this.clock.setTimeout(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (!this.connection.isOnline() || this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    await Promise.all(
      batch.map(async ([roomId, seq]) => {
        const ack = await this.connection.request(this.kind, { roomId, seq });
        if (ack.ok) return;
        if (ack.error.code === 'internal' || ack.error.code === 'rate_limited') this.note(roomId, seq);
        else this.log.warn(`${this.kind} for room ${roomId} refused: ${ack.error.code}`);
      }),
    );
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
