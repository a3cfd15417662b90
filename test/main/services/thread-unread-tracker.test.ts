import { describe, expect, it } from 'vitest';
import { ThreadUnreadTracker } from '../../../main/services/thread-unread-tracker';

describe('ThreadUnreadTracker', () => {
  it('lists per room the threads with unseen replies until each is seen', () => {
    const tracker = new ThreadUnreadTracker();
    let changes = 0;
    tracker.onChange(() => (changes += 1));
    tracker.replyArrived('room-a', 'root-1');
    tracker.replyArrived('room-a', 'root-1');
    tracker.replyArrived('room-a', 'root-2');
    tracker.replyArrived('room-b', 'root-3');
    expect(tracker.snapshot()).toEqual({ 'room-a': ['root-1', 'root-2'], 'room-b': ['root-3'] });
    tracker.seen('room-a', 'root-1');
    expect(tracker.snapshot()).toEqual({ 'room-a': ['root-2'], 'room-b': ['root-3'] });
    const before = changes;
    tracker.seen('room-a', 'root-1'); // nothing left to clear: no change announced
    expect(changes).toBe(before);
    tracker.forgetRoom('room-b');
    tracker.seen('room-a', 'root-2');
    expect(tracker.snapshot()).toEqual({});
  });
});
