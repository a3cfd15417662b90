import { describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../../renderer/src/bridge/dispatch';
import { readSeqOf, useRoomsStore } from '../../../renderer/src/stores/rooms';
import { makeMessage, makeRoom, makeUser } from '../support/factories';
import { signIn } from '../support/stores';

describe('unread handling', () => {
  it('counts messages from others as unread, never my own', () => {
    const me = makeUser();
    const other = makeUser();
    signIn(me);
    const room = makeRoom({ lastSeq: 10, readSeq: 10, unreadCount: 0 });
    useRoomsStore.getState().setRooms([room]);
    dispatchEvents([
      { type: 'message:new', payload: makeMessage(room.id, 11, { senderId: other.id }) },
      { type: 'message:new', payload: makeMessage(room.id, 12, { senderId: other.id }) },
      { type: 'message:new', payload: makeMessage(room.id, 13, { senderId: me.id }) },
    ]);
    const after = useRoomsStore.getState().rooms[room.id]!;
    expect(after.lastSeq).toBe(13);
    expect(after.unreadCount).toBe(2);
    expect(after.lastMessage?.seq).toBe(13);
  });

  it('does not count a message twice when it arrives live and again from sync', () => {
    signIn(makeUser());
    const room = makeRoom({ lastSeq: 1, readSeq: 1 });
    useRoomsStore.getState().setRooms([room]);
    const message = makeMessage(room.id, 2);
    dispatchEvents([{ type: 'message:new', payload: message }]);
    dispatchEvents([{ type: 'messages:synced', payload: { roomId: room.id, messages: [message] } }]);
    expect(useRoomsStore.getState().rooms[room.id]!.unreadCount).toBe(1);
  });

  it('marking read clears the count and only moves forward', () => {
    const room = makeRoom({ lastSeq: 20, readSeq: 15, unreadCount: 5 });
    useRoomsStore.getState().setRooms([room]);
    useRoomsStore.getState().markRead(room.id, 18);
    expect(useRoomsStore.getState().rooms[room.id]).toMatchObject({ readSeq: 18, unreadCount: 2 });
    useRoomsStore.getState().markRead(room.id, 10);
    expect(useRoomsStore.getState().rooms[room.id]!.readSeq).toBe(18);
    useRoomsStore.getState().markRead(room.id, 20);
    expect(useRoomsStore.getState().rooms[room.id]!.unreadCount).toBe(0);
  });

  it('derives the read position when the server did not send one', () => {
    expect(readSeqOf(makeRoom({ lastSeq: 30, unreadCount: 4, readSeq: undefined }))).toBe(26);
  });

  it('room:updated adds or replaces a room, room:removed drops it', () => {
    const room = makeRoom({ name: 'old' });
    dispatchEvents([{ type: 'room:updated', payload: room }]);
    dispatchEvents([{ type: 'room:updated', payload: { ...room, name: 'new' } }]);
    expect(useRoomsStore.getState().rooms[room.id]!.name).toBe('new');
    dispatchEvents([{ type: 'room:removed', payload: { roomId: room.id } }]);
    expect(useRoomsStore.getState().rooms[room.id]).toBeUndefined();
  });
});
