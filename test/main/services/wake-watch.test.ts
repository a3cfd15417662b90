import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WakeSignals } from '../../../main/ports';
import { systemClock } from '../../../main/services/clock';
import { WakeWatch, type WakeCause } from '../../../main/services/wake-watch';

class FakeSignals implements WakeSignals {
  online = true;
  resume: () => void = () => undefined;
  unlock: () => void = () => undefined;
  onResume = (listener: () => void): void => void (this.resume = listener);
  onUnlock = (listener: () => void): void => void (this.unlock = listener);
  networkOnline = (): boolean => this.online;
}

describe('WakeWatch', () => {
  let signals: FakeSignals;
  let watch: WakeWatch;
  let causes: WakeCause[];

  beforeEach(() => {
    vi.useFakeTimers();
    signals = new FakeSignals();
    watch = new WakeWatch(signals, systemClock, { pollMs: 1000, clockJumpMs: 30_000 });
    causes = [];
    watch.onWake((cause) => causes.push(cause));
    watch.start();
  });
  afterEach(() => {
    watch.stop();
    vi.useRealTimers();
  });

  it('passes on resume and unlock', () => {
    signals.resume();
    signals.unlock();
    expect(causes).toEqual(['resume', 'unlock']);
  });

  it('tells when the network goes and comes back, not while it stays', () => {
    vi.advanceTimersByTime(3000);
    expect(causes).toEqual([]);
    signals.online = false;
    vi.advanceTimersByTime(1000);
    expect(causes).toEqual(['network']);
    vi.advanceTimersByTime(5000);
    signals.online = true;
    vi.advanceTimersByTime(1000);
    expect(causes).toEqual(['network', 'network']);
  });

  it('takes a wall-clock jump between two ticks for a wake, forwards or backwards, but not a small drift', () => {
    vi.setSystemTime(Date.now() + 20_000); // within the tolerance (e.g. NTP)
    vi.advanceTimersByTime(1000);
    expect(causes).toEqual([]);
    vi.setSystemTime(Date.now() + 10 * 60_000); // the timer stood still while the machine slept
    vi.advanceTimersByTime(1000);
    expect(causes).toEqual(['clock-jump']);
    vi.advanceTimersByTime(1000);
    expect(causes).toEqual(['clock-jump']); // measured from the last tick, so once
    vi.setSystemTime(Date.now() - 5 * 60_000);
    vi.advanceTimersByTime(1000);
    expect(causes).toEqual(['clock-jump', 'clock-jump']);
  });

  it('watches nothing after stop()', () => {
    watch.stop();
    signals.online = false;
    vi.setSystemTime(Date.now() + 10 * 60_000);
    vi.advanceTimersByTime(5000);
    expect(causes).toEqual([]);
  });
});
