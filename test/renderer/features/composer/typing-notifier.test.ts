import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TYPING_THROTTLE_MS, TypingNotifier } from '../../../../renderer/src/features/composer/typing-notifier';

describe('TypingNotifier', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends "typing" at once, then at most every few seconds while typing goes on', () => {
    const sent: boolean[] = [];
    const notifier = new TypingNotifier((t) => sent.push(t));
    notifier.input(false);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(200);
      notifier.input(false);
    }
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(TYPING_THROTTLE_MS);
    notifier.input(false);
    expect(sent).toEqual([true, true]);
  });

  it('sends "stopped" after a pause, when cleared, or on stop(), and only once', () => {
    const sent: boolean[] = [];
    const notifier = new TypingNotifier((t) => sent.push(t));
    notifier.input(false);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([true, false]);
    notifier.input(false);
    notifier.input(true);
    notifier.stop();
    expect(sent).toEqual([true, false, true, false]);
  });
});
