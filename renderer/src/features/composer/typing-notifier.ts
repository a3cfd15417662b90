/** Re-send "typing" at most this often while the user keeps typing. */
export const TYPING_THROTTLE_MS = 3_000;
/** Say "stopped typing" after this long without a keystroke. */
export const TYPING_IDLE_MS = 5_000;

/**
 * Decides when to tell the room that I am typing: at once on the first keystroke, then at most
 * every few seconds (receivers drop the indicator after 6 s without a refresh), and "stopped"
 * after a pause, on send, or when the text is cleared.
 */
export class TypingNotifier {
  private lastSentAt = -Infinity;
  private typing = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The text changed; `empty` when it was cleared. */
  input(empty: boolean): void {
    if (empty) return this.stop();
    const now = this.now();
    if (!this.typing || now - this.lastSentAt >= TYPING_THROTTLE_MS) {
      this.typing = true;
      this.lastSentAt = now;
      this.send(true);
    }
    this.armIdleTimer();
  }

  stop(): void {
    this.clearIdleTimer();
    if (!this.typing) return;
    this.typing = false;
    this.lastSentAt = -Infinity;
    this.send(false);
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
