import { describe, expect, it } from 'vitest';
import { RoomSeqTracker } from '../../../main/services/room-seq-tracker';

describe('RoomSeqTracker', () => {
  it('accepts each seq once, also when they arrive out of order', () => {
    const tracker = new RoomSeqTracker(3);
    expect([2, 3, 5, 4, 5, 6, 4].map((seq) => tracker.accept(seq))).toEqual([false, false, true, true, false, true, false]);
    expect(tracker.watermark).toBe(6);
  });

  it('keeps the watermark below a gap so a sync fills it', () => {
    const tracker = new RoomSeqTracker(0);
    tracker.accept(1);
    tracker.accept(3);
    expect(tracker.watermark).toBe(1);
    expect(tracker.accept(2)).toBe(true);
    expect(tracker.watermark).toBe(3);
  });
});
