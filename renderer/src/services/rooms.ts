import { call } from '../bridge/call';
import { roomLabel } from '../lib/room-title';
import { BROWSE_LIMIT_MAX, type Room } from '../shared/contract';
import { useMessagesStore } from '../stores/messages';
import { readSeqOf, useRoomsStore } from '../stores/rooms';
import { getMyId } from '../stores/session';
import { useThreadsStore } from '../stores/threads';
import { useUiStore } from '../stores/ui';
import { useUsersStore } from '../stores/users';
import { loadLatest } from './messages';
import { prefetchFromRoomList } from './prefetch';
import { loadReceipts } from './receipts';
import { reportFailure, warnFailure } from './report-failure';
import { ensureUsers } from './users';

function learnRoom(room: Room): void {
  useRoomsStore.getState().upsertRoom(room);
  ensureUsers(room.memberIds);
}

export async function loadRooms(): Promise<void> {
  const { rooms } = await call('rooms:list', {});
  useRoomsStore.getState().setRooms(rooms);
  ensureUsers(new Set(rooms.flatMap((r) => [...r.memberIds, ...(r.lastMessage ? [r.lastMessage.senderId] : [])])));
  const active = useUiStore.getState().activeRoomId;
  if (active && !rooms.some((r) => r.id === active)) openRoom(null);
  void prefetchFromRoomList();
}

/** Loads the room list unasked (sign-in, back online): says so only while there is no list to show yet. */
export function refreshRooms(): void {
  loadRooms().catch((error: unknown) => {
    if (useRoomsStore.getState().loaded) warnFailure('refresh the room list')(error);
    else reportFailure('load your rooms', 'Restart Droplink to try again.')(error);
  });
}

/** Shows a room: loads its latest messages the first time, and tells main which room is in view. */
export function openRoom(roomId: string | null, options: { load?: boolean } = {}): void {
  const room = roomId ? useRoomsStore.getState().rooms[roomId] : undefined;
  const ui = useUiStore.getState();
  if (roomId === ui.activeRoomId) return;
  ui.openRoom(room ? room.id : null, room && room.unreadCount > 0 ? readSeqOf(room) : undefined);
  call('ui:focus-room', { roomId: room ? room.id : null }).catch(warnFailure('tell the app which room is open'));
  if (!room) return;
  if ((options.load ?? true) && !useMessagesStore.getState().timelines[room.id]) {
    const label = roomLabel(room, useUsersStore.getState().users, getMyId());
    void loadLatest(room.id).catch(reportFailure(`load the messages of ${label}`, 'Open another room and come back to try again.'));
  }
  void loadReceipts(room.id);
}

export async function createRoom(kind: 'channel' | 'group', name: string, topic: string, memberIds: string[]): Promise<void> {
  const { room } = await call('rooms:create', {
    kind,
    name,
    ...(topic.trim() ? { topic } : {}),
    ...(memberIds.length ? { memberIds } : {}),
  });
  learnRoom(room);
  openRoom(room.id);
}

/** Enough for any real directory; the dialog filters what it has. */
const BROWSE_PAGES_MAX = 40;

/** Every channel one may join, page by page (the server answers at most BROWSE_LIMIT_MAX a page). */
export async function browseChannels(): Promise<Room[]> {
  const all: Room[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < BROWSE_PAGES_MAX; page++) {
    const { rooms, nextCursor } = await call('rooms:browse', cursor === undefined ? { limit: BROWSE_LIMIT_MAX } : { cursor, limit: BROWSE_LIMIT_MAX });
    all.push(...rooms);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return all;
}

export async function joinRoom(roomId: string): Promise<void> {
  const { room } = await call('rooms:join', { roomId });
  learnRoom(room);
  openRoom(room.id);
}

export async function leaveRoom(roomId: string): Promise<void> {
  await call('rooms:leave', { roomId });
  forgetRoom(roomId);
}

export function forgetRoom(roomId: string): void {
  useRoomsStore.getState().removeRoom(roomId);
  useMessagesStore.getState().forgetRoom(roomId);
  useThreadsStore.getState().forgetRoom(roomId);
  if (useUiStore.getState().activeRoomId === roomId) openRoom(null);
}

export async function startDm(userId: string): Promise<void> {
  const { room } = await call('rooms:dm', { userId });
  learnRoom(room);
  openRoom(room.id);
}

export async function inviteToRoom(roomId: string, userIds: string[]): Promise<void> {
  const { room } = await call('rooms:invite', { roomId, userIds });
  learnRoom(room);
}

/** Renames a channel or group and sets its topic (room admins only; the server says `forbidden` otherwise). */
export async function updateRoom(roomId: string, change: { name?: string; topic?: string }): Promise<void> {
  const { room } = await call('rooms:update', { roomId, ...change });
  learnRoom(room);
}

/** Removes someone from a channel or group (room admins only). */
export async function removeMember(roomId: string, userId: string): Promise<void> {
  const { room } = await call('rooms:remove', { roomId, userId });
  learnRoom(room);
}

export async function setMemberRole(roomId: string, userId: string, role: 'admin' | 'member'): Promise<void> {
  const { room } = await call('rooms:role', { roomId, userId, role });
  learnRoom(room);
}

export const isRoomAdmin = (room: Room, userId: string | null): boolean => userId !== null && (room.adminIds ?? []).includes(userId);
