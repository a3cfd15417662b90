import type { DesktopEvent } from '../../common/ipc';
import type { Clock, TimerHandle } from '../ports';

const DEFAULT_BATCH_INTERVAL_MS = 24;

/**
 * Coalesces events for the renderer: everything pushed within one interval goes out in a
 * single IPC send, so a burst of messages costs one structured clone, not one per message.
 */
export class EventBatcher {
  private pending: DesktopEvent[] = [];
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly send: (batch: DesktopEvent[]) => void,
    private readonly intervalMs = DEFAULT_BATCH_INTERVAL_MS,
  ) {}

  push(event: DesktopEvent): void {
    this.pending.push(event);
    this.timer ??= this.clock.setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends whatever is pending now (also used on shutdown). */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.send(batch);
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
