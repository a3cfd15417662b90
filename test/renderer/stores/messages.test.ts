import { describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../../renderer/src/bridge/dispatch';
import { useMessagesStore } from '../../../renderer/src/stores/messages';
import { useRoomsStore } from '../../../renderer/src/stores/rooms';
import { makeMessage, makeMessages, makeRoom, makeUser } from '../support/factories';
import { signIn } from '../support/stores';

const seqsOf = (roomId: string) => useMessagesStore.getState().timelines[roomId]?.messages.map((m) => m.seq);

describe('messages store', () => {
  it('merges history pages, live and synced messages of a room without duplicates', () => {
    const room = makeRoom({ lastSeq: 100 });
    useRoomsStore.getState().setRooms([room]);
    const store = useMessagesStore.getState();
    store.setWindow(room.id, makeMessages(room.id, 51, 100), { hasOlder: true, hasNewer: false });
    dispatchEvents([{ type: 'message:new', payload: makeMessage(room.id, 101) }]);
    dispatchEvents([
      { type: 'messages:synced', payload: { roomId: room.id, messages: makeMessages(room.id, 100, 103) } },
      { type: 'message:new', payload: makeMessage(room.id, 103) },
    ]);
    store.addOlder(room.id, makeMessages(room.id, 1, 50), false);
    expect(seqsOf(room.id)).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
    expect(useMessagesStore.getState().timelines[room.id]!.hasOlder).toBe(false);
  });

  it('ignores live messages for a window detached from the live end (after a jump), leaving the gap to paging', () => {
    const room = makeRoom();
    useMessagesStore.getState().setWindow(room.id, makeMessages(room.id, 10, 20), { hasOlder: true, hasNewer: true });
    useMessagesStore.getState().receiveNew(room.id, [makeMessage(room.id, 500)]);
    expect(seqsOf(room.id)).toEqual(makeMessages(room.id, 10, 20).map((m) => m.seq));
    useMessagesStore.getState().addNewer(room.id, makeMessages(room.id, 21, 500), false);
    expect(seqsOf(room.id)).toHaveLength(491);
    expect(useMessagesStore.getState().timelines[room.id]!.hasNewer).toBe(false);
  });

  it('does not hold messages of rooms never opened (their previews live in the rooms store)', () => {
    const room = makeRoom();
    useRoomsStore.getState().setRooms([room]);
    dispatchEvents([{ type: 'message:new', payload: makeMessage(room.id, 1, { body: 'hello' }) }]);
    expect(useMessagesStore.getState().timelines[room.id]).toBeUndefined();
    expect(useRoomsStore.getState().rooms[room.id]!.lastMessage?.body).toBe('hello');
  });

  it('applies edits, deletions and reactions to loaded messages and to the room preview', () => {
    const room = makeRoom();
    const messages = makeMessages(room.id, 1, 3);
    useRoomsStore.getState().setRooms([{ ...room, lastSeq: 3, lastMessage: messages[2]! }]);
    useMessagesStore.getState().setWindow(room.id, messages, { hasOlder: false, hasNewer: false });
    const deleted = { ...messages[2]!, body: '', deletedAt: '2025-01-02T00:00:00.000Z' };
    dispatchEvents([{ type: 'message:updated', payload: deleted }]);
    expect(useMessagesStore.getState().timelines[room.id]!.messages[2]!.deletedAt).not.toBeNull();
    expect(useRoomsStore.getState().rooms[room.id]!.lastMessage?.deletedAt).not.toBeNull();
  });

  it('a message in one room leaves the other rooms\u2019 timelines untouched', () => {
    const a = makeRoom();
    const b = makeRoom();
    const store = useMessagesStore.getState();
    store.setWindow(a.id, makeMessages(a.id, 1, 3), { hasOlder: false, hasNewer: false });
    store.setWindow(b.id, makeMessages(b.id, 1, 3), { hasOlder: false, hasNewer: false });
    const before = useMessagesStore.getState().timelines[b.id];
    signIn(makeUser());
    dispatchEvents([{ type: 'message:new', payload: makeMessage(a.id, 4) }]);
    expect(useMessagesStore.getState().timelines[b.id]).toBe(before);
  });
});
