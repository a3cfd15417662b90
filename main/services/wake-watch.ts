import type { Clock, TimerHandle, WakeSignals } from '../ports';

export type WakeCause = 'resume' | 'unlock' | 'network' | 'clock-jump';

export interface WakeWatchOptions {
  /** How often the network state is polled and the wall clock compared with the timer. */
  pollMs?: number;
  /** A wall-clock move this much beyond the timer's interval counts as a wake (sleep, or the clock was set). */
  clockJumpMs?: number;
}

const POLL_MS = 2_000;
const CLOCK_JUMP_MS = 30_000;

/**
 * Tells when the connection may have died silently and should be checked at once: the system
 * resumed or was unlocked, the network came or went, or the wall clock jumped between two ticks of
 * the poll timer (timers stand still while the machine sleeps, so a sleep the OS did not report
 * shows up as a jump).
 */
export class WakeWatch {
  private timer: TimerHandle | null = null;
  private lastTick = 0;
  private online = true;
  private readonly listeners = new Set<(cause: WakeCause) => void>();
  private readonly pollMs: number;
  private readonly clockJumpMs: number;

  constructor(
    private readonly signals: WakeSignals,
    private readonly clock: Clock,
    options: WakeWatchOptions = {},
  ) {
    this.pollMs = options.pollMs ?? POLL_MS;
    this.clockJumpMs = options.clockJumpMs ?? CLOCK_JUMP_MS;
    signals.onResume(() => this.announce('resume'));
    signals.onUnlock(() => this.announce('unlock'));
  }

  onWake(listener: (cause: WakeCause) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.stop();
    this.online = this.signals.networkOnline();
    this.lastTick = this.clock.now();
    this.timer = this.clock.setTimeout(() => this.tick(), this.pollMs);
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const now = this.clock.now();
    const drift = Math.abs(now - this.lastTick - this.pollMs);
    this.lastTick = now;
    const wasOnline = this.online;
    this.online = this.signals.networkOnline();
    this.timer = this.clock.setTimeout(() => this.tick(), this.pollMs);
    if (drift > this.clockJumpMs) this.announce('clock-jump');
    else if (this.online !== wasOnline) this.announce('network');
  }

  private announce(cause: WakeCause): void {
    for (const listener of this.listeners) listener(cause);
  }
}
