import { describe, expect, it } from 'vitest';
import type { Room } from '../../../common/protocol';
import { UnreadTracker } from '../../../main/services/unread-tracker';

const room = (id: string, lastSeq: number, unreadCount: number): Room => ({
  id,
  kind: 'channel',
  name: id,
  topic: null,
  memberIds: [],
  lastSeq,
  unreadCount,
  lastMessage: null,
  createdAt: '2024-01-01T00:00:00.000Z',
});

describe('UnreadTracker', () => {
  it('starts from the server counts, counts unseen messages, and clears on read', () => {
    const tracker = new UnreadTracker();
    let changes = 0;
    tracker.onChange(() => (changes += 1));
    tracker.reset([room('a', 10, 2), room('b', 3, 0)]);
    expect(Object.fromEntries(tracker.counts())).toEqual({ a: 2, b: 0 });

    tracker.messageArrived('b', 4, true);
    tracker.messageArrived('b', 5, false); // seen (focused room) or own: not counted
    expect(tracker.counts().get('b')).toBe(1);

    tracker.markRead('a', 10);
    expect(tracker.counts().get('a')).toBe(0);
    tracker.markRead('b', 4); // read up to 4 of 5: 1 may still be unread, never more than before
    expect(tracker.counts().get('b')).toBe(1);
    tracker.markRead('b', 5);
    expect(tracker.counts().get('b')).toBe(0);
    expect(changes).toBeGreaterThanOrEqual(4);
  });

  it('ignores stale receipts and messages below the read position', () => {
    const tracker = new UnreadTracker();
    tracker.reset([room('a', 5, 0)]);
    tracker.markRead('a', 5);
    tracker.markRead('a', 3);
    tracker.messageArrived('a', 4, true);
    expect(tracker.counts().get('a')).toBe(0);
  });

  it('counts a message in a room it never heard of, and forgets removed rooms', () => {
    const tracker = new UnreadTracker();
    tracker.messageArrived('new', 1, true);
    expect(tracker.counts().get('new')).toBe(1);
    tracker.remove('new');
    expect(tracker.counts().size).toBe(0);
  });
});
