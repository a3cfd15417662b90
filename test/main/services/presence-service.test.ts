import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettableStatus } from '../../../common/protocol';
import type { IdleMonitor } from '../../../main/ports';
import { systemClock } from '../../../main/services/clock';
import { PresenceService } from '../../../main/services/presence-service';

class FakeIdle implements IdleMonitor {
  seconds = 0;
  lock: () => void = () => undefined;
  unlock: () => void = () => undefined;
  idleSeconds = (): number => this.seconds;
  onLock = (listener: () => void): void => void (this.lock = listener);
  onUnlock = (listener: () => void): void => void (this.unlock = listener);
}

describe('PresenceService', () => {
  let idle: FakeIdle;
  let minutes: number;
  let changes: SettableStatus[];
  let presence: PresenceService;

  beforeEach(() => {
    vi.useFakeTimers();
    idle = new FakeIdle();
    minutes = 10;
    changes = [];
    presence = new PresenceService(idle, systemClock, () => minutes, 1000);
    presence.onChange((status) => changes.push(status));
    presence.start();
  });
  afterEach(() => {
    presence.stop();
    vi.useRealTimers();
  });

  it('goes away after the idle time and comes back on activity', () => {
    idle.seconds = 9 * 60;
    vi.advanceTimersByTime(1000);
    expect(presence.status()).toBe('online');
    idle.seconds = 10 * 60;
    vi.advanceTimersByTime(1000);
    expect(presence.status()).toBe('away');
    idle.seconds = 2;
    vi.advanceTimersByTime(1000);
    expect(presence.status()).toBe('online');
    expect(changes).toEqual(['away', 'online']);
  });

  it('is away while the screen is locked, whatever the idle time says', () => {
    idle.lock();
    expect(presence.status()).toBe('away');
    vi.advanceTimersByTime(5000);
    expect(presence.status()).toBe('away');
    idle.unlock();
    expect(presence.status()).toBe('online');
  });

  it('never overrides a status the user chose', () => {
    presence.choose('dnd');
    idle.seconds = 3600;
    vi.advanceTimersByTime(1000);
    idle.seconds = 0;
    vi.advanceTimersByTime(1000);
    idle.lock();
    idle.unlock();
    expect(presence.status()).toBe('dnd');
    expect(changes).toEqual(['dnd']);
  });

  it('auto-away can be turned off (0 minutes)', () => {
    minutes = 0;
    idle.seconds = 99_999;
    vi.advanceTimersByTime(3000);
    expect(presence.status()).toBe('online');
  });

  it('shows dnd while the schedule says so, whatever was chosen, and goes back afterwards', () => {
    presence.choose('away');
    changes.length = 0;
    presence.setScheduledDnd(true);
    expect(presence.status()).toBe('dnd');
    presence.choose('online');
    expect(presence.status()).toBe('dnd');
    presence.setScheduledDnd(false);
    expect(presence.status()).toBe('online');
    expect(changes).toEqual(['dnd', 'online']);
  });
});
