import { sidebarOrder } from '../lib/sidebar-order';
import type { Room } from '../shared/contract';
import { useMessagesStore } from '../stores/messages';
import { useRoomsStore } from '../stores/rooms';
import { loadLatest, loadsSettled } from './messages';
import { warnFailure } from './report-failure';

/**
 * Fetches the latest page of rooms before they are opened, so that opening them only has to draw:
 *
 * - after the room list arrives, a handful of rooms (those with unread messages first, then the
 *   top of the sidebar), one request at a time, once the window is idle and the open room's own
 *   page is in;
 * - a room the pointer rests on or presses, just ahead of the click.
 *
 * Each room is fetched at most once per session; a fetched page then stays current through the
 * live and synced messages main pushes, like the page of any room opened before.
 */

/** How many rooms the room list may prefetch, per session. */
export const PREFETCH_ROOMS = 5;
/** How long the pointer rests on a room before its page is fetched. */
export const HOVER_INTENT_MS = 120;

const fetched = new Set<string>();
let listBudget = PREFETCH_ROOMS;
let generation = 0;

const hasWindow = (roomId: string): boolean => Boolean(useMessagesStore.getState().timelines[roomId]);

function fetchOnce(roomId: string): Promise<void> {
  if (fetched.has(roomId) || hasWindow(roomId)) return Promise.resolve();
  fetched.add(roomId);
  return loadLatest(roomId).catch(warnFailure(`prefetch room ${roomId}`));
}

/** The room is about to be opened (pointer down on it, or resting on it): fetch its page now. */
export function prefetchRoom(roomId: string): void {
  void fetchOnce(roomId);
}

const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1_000 });
    else setTimeout(resolve, 50);
  });

/** Which rooms the room list prefetches: unread (and not set to notify nothing) first, then in sidebar order. */
function prefetchCandidates(rooms: Record<string, Room>, limit: number): string[] {
  const ordered = sidebarOrder(rooms).filter((r) => !fetched.has(r.id) && !hasWindow(r.id));
  const unread = ordered.filter((r) => r.unreadCount > 0 && r.notify !== 'none');
  const rest = ordered.filter((r) => !unread.includes(r));
  return [...unread, ...rest].slice(0, limit).map((r) => r.id);
}

/** After the room list arrived: prefetches a handful of rooms in the background, one at a time. */
export async function prefetchFromRoomList(): Promise<void> {
  const mine = generation;
  // After the room that opens with the list has drawn and its own page is in.
  await whenIdle();
  await loadsSettled();
  await whenIdle();
  if (mine !== generation) return;
  for (const roomId of prefetchCandidates(useRoomsStore.getState().rooms, listBudget)) {
    if (mine !== generation || listBudget <= 0) return;
    if (fetched.has(roomId) || hasWindow(roomId)) continue;
    listBudget -= 1;
    await fetchOnce(roomId);
  }
}

/** Signing out (or in as someone else) starts a new session. */
export function resetPrefetch(): void {
  fetched.clear();
  listBudget = PREFETCH_ROOMS;
  generation += 1;
}
