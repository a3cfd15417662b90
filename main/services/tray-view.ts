import type { SettableStatus } from '../../common/protocol';
import { PRODUCT_NAME } from '../app-identity';
import type { TrayMenuItem, TrayView } from '../ports';

export interface TrayInput {
  /** What each room adds to the badge at its notification level (UnreadTracker.badgeCounts). */
  unreadByRoom: ReadonlyMap<string, number>;
  status: SettableStatus;
}

const STATUS_LABELS: Record<SettableStatus, string> = { online: 'Online', away: 'Away', dnd: 'Do not disturb' };

export function unreadTotal(unreadByRoom: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of unreadByRoom.values()) total += count;
  return total;
}

/** What the tray icon, its tooltip and menu, and the dock/taskbar badge show. */
export function trayView(input: TrayInput): TrayView {
  const unread = unreadTotal(input.unreadByRoom);
  const statusItems: TrayMenuItem[] = (Object.keys(STATUS_LABELS) as SettableStatus[]).map((status) => ({
    id: `status:${status}`,
    label: STATUS_LABELS[status],
    checked: input.status === status,
  }));
  return {
    icon: unread > 0 ? 'unread' : 'read',
    tooltip: unread === 0 ? PRODUCT_NAME : `${PRODUCT_NAME}: ${unread} unread message${unread === 1 ? '' : 's'}`,
    menu: [{ id: 'open', label: `Open ${PRODUCT_NAME}` }, ...statusItems, { id: 'quit', label: 'Quit' }],
    badgeCount: unread,
  };
}

/** Windows has no numeric badge: the taskbar overlay icon (resources/badge-*.png) for a count, or null. */
export function badgeOverlayFile(count: number): string | null {
  if (count <= 0) return null;
  return count > 9 ? 'badge-9plus.png' : `badge-${count}.png`;
}

export const sameTrayView = (a: TrayView | null, b: TrayView): boolean => JSON.stringify(a) === JSON.stringify(b);
