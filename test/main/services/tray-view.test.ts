import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { badgeOverlayFile, trayView, unreadTotal } from '../../../main/services/tray-view';

describe('trayView', () => {
  it('shows the read icon and the plain name with nothing unread', () => {
    const view = trayView({ unreadByRoom: new Map(), status: 'online' });
    expect(view).toMatchObject({ icon: 'read', tooltip: 'Droplink', badgeCount: 0 });
    expect(view.menu.map((item) => item.id)).toEqual(['open', 'status:online', 'status:away', 'status:dnd', 'quit']);
    expect(view.menu.filter((item) => item.checked).map((item) => item.id)).toEqual(['status:online']);
  });

  it('adds up what each room puts on the badge (its level applied by the unread tracker)', () => {
    const unreadByRoom = new Map([
      ['a', 2],
      ['b', 1],
      ['nothing', 0],
    ]);
    expect(unreadTotal(unreadByRoom)).toBe(3);
    const view = trayView({ unreadByRoom, status: 'dnd' });
    expect(view).toMatchObject({ icon: 'unread', tooltip: 'Droplink: 3 unread messages', badgeCount: 3 });
    expect(view.menu.find((item) => item.checked)?.id).toBe('status:dnd');
    expect(trayView({ unreadByRoom: new Map([['a', 1]]), status: 'online' }).tooltip).toBe('Droplink: 1 unread message');
  });
});

describe('badgeOverlayFile', () => {
  it('names a shipped overlay icon for each count, none for zero', () => {
    expect(badgeOverlayFile(0)).toBeNull();
    expect(badgeOverlayFile(1)).toBe('badge-1.png');
    expect(badgeOverlayFile(9)).toBe('badge-9.png');
    expect(badgeOverlayFile(10)).toBe('badge-9plus.png');
    for (const count of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 250]) {
      expect(existsSync(new URL(`../../../resources/${badgeOverlayFile(count)}`, import.meta.url))).toBe(true);
    }
  });
});
