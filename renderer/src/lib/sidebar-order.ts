import type { Room } from '../shared/contract';

const byName = (a: Room, b: Room): number => (a.name ?? '').localeCompare(b.name ?? '', undefined, { sensitivity: 'base' });
const lastActivity = (room: Room): string => room.lastMessage?.createdAt ?? room.createdAt;
const byRecentActivity = (a: Room, b: Room): number => lastActivity(b).localeCompare(lastActivity(a));

/** The sidebar's order: channels and groups by name, direct messages by latest activity. */
export function sidebarSections(rooms: Record<string, Room>): { channels: Room[]; groups: Room[]; dms: Room[] } {
  const all = Object.values(rooms);
  return {
    channels: all.filter((r) => r.kind === 'channel').sort(byName),
    groups: all.filter((r) => r.kind === 'group').sort(byName),
    dms: all.filter((r) => r.kind === 'dm').sort(byRecentActivity),
  };
}

export const sidebarOrder = (rooms: Record<string, Room>): Room[] => {
  const { channels, groups, dms } = sidebarSections(rooms);
  return [...channels, ...groups, ...dms];
};
