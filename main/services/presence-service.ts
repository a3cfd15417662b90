import type { SettableStatus } from '../../common/protocol';
import type { Clock, IdleMonitor, TimerHandle } from '../ports';

const IDLE_POLL_MS = 15_000;

/**
 * The user's own status. Auto-away after `autoAwayMinutes` of system idle time or on screen
 * lock, back to online on activity; a status the user picked (away or dnd) is never overridden.
 */
export class PresenceService {
  private chosen: SettableStatus = 'online';
  private autoAway = false;
  private locked = false;
  /** The do-not-disturb schedule is on and the user wants others to see it. */
  private scheduledDnd = false;
  private timer: TimerHandle | null = null;
  private readonly listeners = new Set<(status: SettableStatus) => void>();

  constructor(
    private readonly idle: IdleMonitor,
    private readonly clock: Clock,
    private readonly autoAwayMinutes: () => number,
    private readonly pollMs = IDLE_POLL_MS,
  ) {
    idle.onLock(() => {
      this.locked = true;
      this.check();
    });
    idle.onUnlock(() => {
      this.locked = false;
      this.check();
    });
  }

  status(): SettableStatus {
    if (this.scheduledDnd) return 'dnd';
    return this.chosen === 'online' && this.autoAway ? 'away' : this.chosen;
  }

  /** While the do-not-disturb schedule runs (and shows), the status is dnd; afterwards it is what it was. */
  setScheduledDnd(on: boolean): void {
    const before = this.status();
    this.scheduledDnd = on;
    this.announce(before);
  }

  /** An explicit choice by the user (status menu, tray). */
  choose(status: SettableStatus): void {
    const before = this.status();
    this.chosen = status;
    this.autoAway = false;
    this.announce(before);
  }

  start(): void {
    this.stop();
    const tick = (): void => {
      this.check();
      this.timer = this.clock.setTimeout(tick, this.pollMs);
    };
    this.timer = this.clock.setTimeout(tick, this.pollMs);
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Re-evaluates the lock state and idle time now. */
  check(): void {
    const minutes = this.autoAwayMinutes();
    const idle = minutes > 0 && this.idle.idleSeconds() >= minutes * 60;
    this.setAutoAway(this.locked || idle);
  }

  onChange(listener: (status: SettableStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setAutoAway(away: boolean): void {
    const before = this.status();
    this.autoAway = away;
    this.announce(before);
  }

  private announce(before: SettableStatus): void {
    const now = this.status();
    if (now === before) return;
    for (const listener of this.listeners) listener(now);
  }
}
