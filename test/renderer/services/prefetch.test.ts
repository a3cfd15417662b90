import { beforeEach, describe, expect, it } from 'vitest';
import { loadRooms, openRoom } from '../../../renderer/src/services/rooms';
import { PREFETCH_ROOMS, prefetchRoom, resetPrefetch } from '../../../renderer/src/services/prefetch';
import { useMessagesStore } from '../../../renderer/src/stores/messages';
import { useRoomsStore } from '../../../renderer/src/stores/rooms';
import { useUiStore } from '../../../renderer/src/stores/ui';
import type { Room } from '../../../renderer/src/shared/contract';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../support/fake-bridge';
import { makeMessages, makeRoom, makeUser } from '../support/factories';
import { signIn } from '../support/stores';

const settle = async (bridge: FakeBridge, calls: number): Promise<void> => {
  await expect.poll(() => bridge.callsOf('messages:history').length, { timeout: 3_000 }).toBe(calls);
  await new Promise((resolve) => setTimeout(resolve, 100));
};

function bridgeWith(rooms: Room[]): FakeBridge {
  const bridge = installFakeBridge();
  bridge.handle('rooms:list', () => ({ rooms }));
  bridge.handle('messages:history', ({ roomId }) => ({ messages: makeMessages(roomId, 1, 3), hasMore: false }));
  bridge.handle('users:get', () => ({ users: [] }));
  return bridge;
}

beforeEach(() => {
  resetPrefetch();
  signIn(makeUser());
});

describe('prefetching the latest page of rooms', () => {
  it('fetches a handful of rooms after the room list, unread ones first, once each, one at a time', async () => {
    const rooms = Array.from({ length: PREFETCH_ROOMS + 3 }, (_, i) => makeRoom({ name: `room${i}` }));
    const unread = makeRoom({ name: 'zz-last', unreadCount: 2, lastSeq: 3, readSeq: 1 });
    const bridge = bridgeWith([...rooms, unread]);

    await loadRooms();
    await settle(bridge, PREFETCH_ROOMS);
    const fetched = bridge.callsOf('messages:history').map((c) => c.roomId);
    expect(fetched[0]).toBe(unread.id);
    expect(fetched).toEqual([unread.id, ...rooms.slice(0, PREFETCH_ROOMS - 1).map((r) => r.id)]);
    expect(useMessagesStore.getState().timelines[unread.id]?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);

    // Opening a prefetched room draws what is there; another room list (reconnect) fetches nothing twice.
    openRoom(unread.id);
    await loadRooms();
    await settle(bridge, PREFETCH_ROOMS);
    expect(new Set(bridge.callsOf('messages:history').map((c) => c.roomId)).size).toBe(PREFETCH_ROOMS);
  });

  it('pressing a room fetches it ahead of the click, and the click does not fetch it again', async () => {
    const room = makeRoom({ name: 'pressed' });
    const bridge = bridgeWith([room]);
    useRoomsStore.getState().setRooms([room]);
    prefetchRoom(room.id);
    prefetchRoom(room.id);
    openRoom(room.id);
    await settle(bridge, 1);
    expect(useUiStore.getState().activeRoomId).toBe(room.id);
    expect(useMessagesStore.getState().timelines[room.id]?.messages).toHaveLength(3);
  });

  it('a failed prefetch leaves no empty window behind, so opening the room fetches it again', async () => {
    const room = makeRoom({ name: 'flaky' });
    const bridge = bridgeWith([room]);
    let fail = true;
    bridge.handle('messages:history', ({ roomId }) => {
      if (fail) throw new FakeFailure('internal', 'server unreachable');
      return { messages: makeMessages(roomId, 1, 2), hasMore: false };
    });
    prefetchRoom(room.id);
    await settle(bridge, 1);
    expect(useMessagesStore.getState().timelines[room.id]).toBeUndefined();

    fail = false;
    await loadRooms();
    openRoom(room.id);
    await settle(bridge, 2);
    expect(useMessagesStore.getState().timelines[room.id]?.messages).toHaveLength(2);
  });
});
