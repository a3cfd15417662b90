import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Room } from '../../common/protocol';
import { badgeOverlayFile, trayView, unreadTotal } from '../../main/services/tray-view';
import { UnreadTracker } from '../../main/services/unread-tracker';

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

describe('trayView', () => {
  it('shows the read icon and the plain name with nothing unread', () => {
    const view = trayView({ unreadByRoom: new Map(), mutedRoomIds: [], status: 'online' });
    expect(view).toMatchObject({ icon: 'read', tooltip: 'Droplink', badgeCount: 0 });
    expect(view.menu.map((item) => item.id)).toEqual(['open', 'status:online', 'status:away', 'status:dnd', 'quit']);
    expect(view.menu.filter((item) => item.checked).map((item) => item.id)).toEqual(['status:online']);
  });

  it('counts unread messages across rooms, leaving muted rooms out', () => {
    const unreadByRoom = new Map([
      ['a', 2],
      ['b', 1],
      ['muted', 7],
    ]);
    expect(unreadTotal(unreadByRoom, ['muted'])).toBe(3);
    const view = trayView({ unreadByRoom, mutedRoomIds: ['muted'], status: 'dnd' });
    expect(view).toMatchObject({ icon: 'unread', tooltip: 'Droplink: 3 unread messages', badgeCount: 3 });
    expect(view.menu.find((item) => item.checked)?.id).toBe('status:dnd');
    expect(trayView({ unreadByRoom: new Map([['a', 1]]), mutedRoomIds: [], status: 'online' }).tooltip).toBe('Droplink: 1 unread message');
  });
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

describe('badgeOverlayFile', () => {
  it('names a shipped overlay icon for each count, none for zero', () => {
    expect(badgeOverlayFile(0)).toBeNull();
    expect(badgeOverlayFile(1)).toBe('badge-1.png');
    expect(badgeOverlayFile(9)).toBe('badge-9.png');
    expect(badgeOverlayFile(10)).toBe('badge-9plus.png');
    for (const count of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 250]) {
      expect(existsSync(new URL(`../../resources/${badgeOverlayFile(count)}`, import.meta.url))).toBe(true);
    }
  });
});
