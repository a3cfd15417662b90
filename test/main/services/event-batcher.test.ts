import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopEvent } from '../../../common/ipc';
import { systemClock } from '../../../main/services/clock';
import { EventBatcher } from '../../../main/services/event-batcher';

const nav = (roomId: string): DesktopEvent => ({ type: 'navigate', payload: { roomId } });

describe('EventBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends everything pushed within one interval as one batch, in order', () => {
    const sent: DesktopEvent[][] = [];
    const batcher = new EventBatcher(systemClock, (batch) => sent.push(batch), 20);
    for (let i = 0; i < 500; i += 1) batcher.push(nav(String(i)));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.map((e) => (e.payload as { roomId: string }).roomId)).toEqual(Array.from({ length: 500 }, (_, i) => String(i)));
  });

  it('starts a new batch after a flush and sends nothing when idle', () => {
    const sent: DesktopEvent[][] = [];
    const batcher = new EventBatcher(systemClock, (batch) => sent.push(batch), 20);
    batcher.push(nav('a'));
    vi.advanceTimersByTime(20);
    vi.advanceTimersByTime(200);
    batcher.push(nav('b'));
    batcher.push(nav('c'));
    vi.advanceTimersByTime(20);
    expect(sent.map((batch) => batch.length)).toEqual([1, 2]);
  });

  it('flush() sends at once; dispose() drops what is pending', () => {
    const sent: DesktopEvent[][] = [];
    const batcher = new EventBatcher(systemClock, (batch) => sent.push(batch), 20);
    batcher.push(nav('a'));
    batcher.flush();
    expect(sent).toHaveLength(1);
    batcher.push(nav('b'));
    batcher.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
  });
});
