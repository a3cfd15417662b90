import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DndSchedule } from '../../../common/ipc';
import { systemClock } from '../../../main/services/clock';
import { DndScheduleWatcher, inDndSchedule, msToNextMinute } from '../../../main/services/dnd-schedule';

const evenings: DndSchedule = { enabled: true, from: '18:00', to: '09:00', weekends: true, showAsDnd: true };
// Local times (the schedule reads the computer's clock): 7 December 2026 is a Monday.
const at = (day: number, hours: number, minutes = 0, seconds = 0): Date => new Date(2026, 11, day, hours, minutes, seconds);

describe('inDndSchedule', () => {
  it.each([
    ['Monday 12:00, working hours', at(7, 12), false],
    ['Monday 17:59', at(7, 17, 59), false],
    ['Monday 18:00, quiet hours start', at(7, 18), true],
    ['Monday 23:59', at(7, 23, 59), true],
    ['Tuesday 00:00, across midnight', at(8, 0), true],
    ['Tuesday 08:59', at(8, 8, 59), true],
    ['Tuesday 09:00, quiet hours end', at(8, 9), false],
    ['Friday 20:00', at(11, 20), true],
    ['Saturday 12:00, weekend', at(12, 12), true],
    ['Sunday 15:30, weekend', at(13, 15, 30), true],
    ['Monday 08:30, after the weekend, still quiet hours', at(14, 8, 30), true],
    ['Monday 10:00, after the weekend', at(14, 10), false],
  ])('%s', (_name, when, expected) => {
    expect(inDndSchedule(evenings, when)).toBe(expected);
  });

  it('keeps weekends like weekdays when weekends are off', () => {
    const weekdaysOnly = { ...evenings, weekends: false };
    expect(inDndSchedule(weekdaysOnly, at(12, 12))).toBe(false);
    expect(inDndSchedule(weekdaysOnly, at(12, 22))).toBe(true);
  });

  it('handles quiet hours within one day', () => {
    const lunch = { ...evenings, from: '12:00', to: '13:30', weekends: false };
    expect(inDndSchedule(lunch, at(7, 11, 59))).toBe(false);
    expect(inDndSchedule(lunch, at(7, 12))).toBe(true);
    expect(inDndSchedule(lunch, at(7, 13, 29))).toBe(true);
    expect(inDndSchedule(lunch, at(7, 13, 30))).toBe(false);
  });

  it('does nothing when off, and no quiet hours when from equals to', () => {
    expect(inDndSchedule({ ...evenings, enabled: false }, at(12, 12))).toBe(false);
    expect(inDndSchedule({ ...evenings, enabled: false }, at(7, 22))).toBe(false);
    const weekendsOnly = { ...evenings, from: '00:00', to: '00:00' };
    expect(inDndSchedule(weekendsOnly, at(7, 22))).toBe(false);
    expect(inDndSchedule(weekendsOnly, at(13, 22))).toBe(true);
  });
});

describe('msToNextMinute', () => {
  it('counts to the next whole minute', () => {
    expect(msToNextMinute(new Date(2026, 11, 7, 10, 0, 0, 0))).toBe(60_000);
    expect(msToNextMinute(new Date(2026, 11, 7, 10, 0, 59, 500))).toBe(500);
  });
});

describe('DndScheduleWatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('reports entering and leaving the quiet hours at the minute they start and end', () => {
    vi.useFakeTimers();
    vi.setSystemTime(at(7, 17, 58, 30)); // Monday 17:58:30
    let schedule = evenings;
    const changes: boolean[] = [];
    const watcher = new DndScheduleWatcher(
      systemClock,
      () => schedule,
      (active) => changes.push(active),
    );
    watcher.start();
    expect(watcher.isActive()).toBe(false);
    vi.advanceTimersByTime(90_000); // 18:00:00
    expect(changes).toEqual([true]);
    expect(watcher.isActive()).toBe(true);
    vi.advanceTimersByTime(15 * 60 * 60_000); // Tuesday 09:00
    expect(changes).toEqual([true, false]);
    schedule = { ...evenings, from: '08:00', to: '10:00' };
    watcher.check(); // the setting changed
    expect(changes).toEqual([true, false, true]);
    watcher.stop();
    vi.advanceTimersByTime(2 * 60 * 60_000);
    expect(changes).toEqual([true, false, true]);
  });
});
