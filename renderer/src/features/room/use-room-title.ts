import { dmPartnerId } from '../../lib/room-title';
import type { RoomKind } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { displayNameOf, useUsersStore } from '../../stores/users';

export interface RoomTitle {
  kind: RoomKind | null;
  /** "general", or the other person's name in a DM. */
  title: string;
  /** "#general" for channels, the title otherwise. */
  label: string;
}

/** A room's name, re-rendering only when the name itself changes (not on every message). */
export function useRoomTitle(roomId: string): RoomTitle {
  const myId = useSessionStore(selectMyId);
  const kind = useRoomsStore((s) => s.rooms[roomId]?.kind ?? null);
  const name = useRoomsStore((s) => s.rooms[roomId]?.name ?? null);
  const partnerId = useRoomsStore((s) => {
    const room = s.rooms[roomId];
    return room ? dmPartnerId(room, myId) : null;
  });
  const partnerName = useUsersStore((s) => (partnerId ? displayNameOf(s.users[partnerId]) : null));
  const title = kind === 'dm' ? (partnerName ?? 'Direct message') : (name ?? 'Untitled');
  return { kind, title, label: kind === 'channel' ? `#${title}` : title };
}
