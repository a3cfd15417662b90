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

describe('UnreadTracker with notification levels', () => {
  const leveled = (id: string, notify: 'all' | 'mentions' | 'none', lastSeq = 0, unreadCount = 0): Room => ({ ...room(id, lastSeq, unreadCount), notify });

  it("leaves 'none' rooms out of the badge and counts only addressed messages in 'mentions' rooms", () => {
    const tracker = new UnreadTracker();
    tracker.reset([leveled('all', 'all', 2, 2), leveled('quiet', 'none', 5, 5), leveled('pings', 'mentions', 3, 3)]);
    expect(Object.fromEntries(tracker.badgeCounts())).toEqual({ all: 2, quiet: 0, pings: 0 });

    tracker.messageArrived('quiet', 6, true, true);
    tracker.messageArrived('pings', 4, true, false);
    tracker.messageArrived('pings', 5, true, true);
    tracker.messageArrived('pings', 6, false, true); // seen: neither unread nor on the badge
    expect(Object.fromEntries(tracker.badgeCounts())).toEqual({ all: 2, quiet: 0, pings: 1 });
    // The plain counts are every unread message, whatever the level.
    expect(Object.fromEntries(tracker.counts())).toEqual({ all: 2, quiet: 6, pings: 5 });

    tracker.markRead('pings', 4);
    expect(tracker.badgeCounts().get('pings')).toBe(1);
    tracker.markRead('pings', 5);
    expect(tracker.badgeCounts().get('pings')).toBe(0);
  });

  it('follows a level change, and a room update keeps the mentions not yet read', () => {
    const tracker = new UnreadTracker();
    let changes = 0;
    tracker.onChange(() => (changes += 1));
    tracker.reset([leveled('r', 'all')]);
    tracker.messageArrived('r', 1, true, false);
    tracker.messageArrived('r', 2, true, true);
    expect(tracker.badgeCounts().get('r')).toBe(2);
    const before = changes;
    tracker.setLevel('r', 'mentions');
    expect(changes).toBe(before + 1);
    expect(tracker.badgeCounts().get('r')).toBe(1);
    tracker.setLevel('r', 'mentions');
    expect(changes).toBe(before + 1);
    tracker.setFromRoom(leveled('r', 'mentions', 2, 2));
    expect(tracker.badgeCounts().get('r')).toBe(1);
    tracker.setLevel('r', 'none');
    expect(tracker.badgeCounts().get('r')).toBe(0);
  });

  it("rooms from servers without levels count as 'all'", () => {
    const tracker = new UnreadTracker();
    tracker.reset([room('old', 4, 4)]);
    expect(tracker.badgeCounts().get('old')).toBe(4);
  });
});
