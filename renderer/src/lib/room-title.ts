import type { Room, User } from '../shared/contract';
import { displayNameOf } from '../stores/users';

/** The other member of a DM, or null for channels and groups. */
export const dmPartnerId = (room: Room, myId: string | null): string | null => (room.kind === 'dm' ? (room.memberIds.find((id) => id !== myId) ?? myId) : null);

/** How a room is named in the UI: "general" for channels and groups, the partner's name for DMs. */
export function roomTitle(room: Room, users: Record<string, User>, myId: string | null): string {
  if (room.kind !== 'dm') return room.name ?? 'Untitled';
  const partner = dmPartnerId(room, myId);
  return partner ? displayNameOf(users[partner]) : 'Direct message';
}

/** Title with its sigil, for places that mix kinds (switcher, search). */
export function roomLabel(room: Room, users: Record<string, User>, myId: string | null): string {
  const title = roomTitle(room, users, myId);
  return room.kind === 'channel' ? `#${title}` : title;
}
