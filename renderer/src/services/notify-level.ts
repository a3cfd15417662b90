import { call } from '../bridge/call';
import type { Room } from '../shared/contract';
import { useRoomsStore } from '../stores/rooms';

export type NotifyLevel = NonNullable<Room['notify']>;

/** How a room notifies: the server's per-user level, 'all' from servers that have none. */
export const notifyLevelOf = (room: Pick<Room, 'notify'> | undefined): NotifyLevel => room?.notify ?? 'all';

export const NOTIFY_LEVEL_LABELS: Record<NotifyLevel, string> = {
  all: 'All messages',
  mentions: 'Mentions only',
  none: 'Nothing',
};

/** Sets the signed-in user's level for the room on the server (their other devices follow). */
export async function setNotifyLevel(roomId: string, level: NotifyLevel): Promise<void> {
  const { room } = await call('rooms:notify', { roomId, level });
  useRoomsStore.getState().upsertRoom(room);
}
