import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../../renderer/src/bridge/dispatch';
import { useMessagesStore } from '../../../renderer/src/stores/messages';
import { useRoomsStore } from '../../../renderer/src/stores/rooms';
import { useThreadsStore } from '../../../renderer/src/stores/threads';
import { makeMessage, makeRoom, makeUser } from '../support/factories';
import { resetStores, signIn } from '../support/stores';

const room = makeRoom({ lastSeq: 3 });
const root = makeMessage(room.id, 1, { body: 'root' });
const replyTo = (seq: number, body = `reply ${seq}`) => makeMessage(room.id, seq, { body, threadRootId: root.id });

beforeEach(() => {
  resetStores();
  useThreadsStore.getState().reset();
  signIn(makeUser());
  useRoomsStore.getState().setRooms([room]);
  useMessagesStore.getState().setWindow(room.id, [root], { hasOlder: false, hasNewer: false });
});

describe('threads store', () => {
  it('routes replies, live and synced, to their thread and keeps the timeline to top-level messages', () => {
    useThreadsStore.getState().setPage(root.id, room.id, [], false);
    dispatchEvents([
      { type: 'message:new', payload: replyTo(4) },
      { type: 'messages:synced', payload: { roomId: room.id, messages: [makeMessage(room.id, 5, { body: 'top' }), replyTo(6)] } },
    ]);
    expect(useThreadsStore.getState().threads[root.id]!.replies.map((m) => m.seq)).toEqual([4, 6]);
    expect(useMessagesStore.getState().timelines[room.id]!.messages.map((m) => m.seq)).toEqual([1, 5]);
    expect(useThreadsStore.getState().latestReplySeq[room.id]).toBe(6);
    // Replies count in the room like any message (the server counts them too).
    expect(useRoomsStore.getState().rooms[room.id]!.lastSeq).toBe(6);
  });

  it('keeps replies that arrived live while the first page was on its way', () => {
    useThreadsStore.getState().setPage(root.id, room.id, [], false);
    useThreadsStore.getState().receiveReplies([replyTo(9, 'live')]);
    useThreadsStore.getState().setPage(root.id, room.id, [replyTo(7), replyTo(8)], true);
    const thread = useThreadsStore.getState().threads[root.id]!;
    expect(thread.replies.map((m) => m.body)).toEqual(['reply 7', 'reply 8', 'live']);
    expect(thread.hasOlder).toBe(true);
  });

  it("applies edits to replies and new summaries to the open thread's root", () => {
    useThreadsStore.getState().openThread(root);
    useThreadsStore.getState().setPage(root.id, room.id, [replyTo(4)], false);
    const edited = { ...useThreadsStore.getState().threads[root.id]!.replies[0]!, body: 'edited', editedAt: '2025-01-01T10:00:00.000Z' };
    const summarised = { ...root, thread: { replyCount: 1, lastReplyAt: '2025-01-01T09:00:04.000Z', participantIds: [root.senderId] } };
    dispatchEvents([
      { type: 'message:updated', payload: edited },
      { type: 'message:updated', payload: summarised },
    ]);
    expect(useThreadsStore.getState().threads[root.id]!.replies[0]!.body).toBe('edited');
    expect(useThreadsStore.getState().roots[root.id]!.thread?.replyCount).toBe(1);
    expect(useMessagesStore.getState().timelines[room.id]!.messages[0]!.thread?.replyCount).toBe(1);
  });

  it("takes main's threads with unseen replies, and forgets a room's threads when it goes", () => {
    dispatchEvents([{ type: 'threads:unread', payload: { byRoom: { [room.id]: [root.id] } } }]);
    expect(useThreadsStore.getState().unread[room.id]).toEqual([root.id]);
    useThreadsStore.getState().openThread(root);
    useThreadsStore.getState().setPage(root.id, room.id, [], false);
    useThreadsStore.getState().forgetRoom(room.id);
    expect(useThreadsStore.getState().open).toBeNull();
    expect(useThreadsStore.getState().threads[root.id]).toBeUndefined();
  });
});

describe('timeline list index', () => {
  it('lowers by exactly the number of messages an older page prepends, whatever their seqs', () => {
    useMessagesStore.getState().setWindow(room.id, [makeMessage(room.id, 40), makeMessage(room.id, 44)], { hasOlder: true, hasNewer: false });
    const first = useMessagesStore.getState().timelines[room.id]!.firstIndex;
    // Seqs 10..39 hold replies: the older page has 3 top-level messages spread over 30 seqs.
    useMessagesStore.getState().addOlder(room.id, [makeMessage(room.id, 10), makeMessage(room.id, 25), makeMessage(room.id, 39)], false);
    expect(useMessagesStore.getState().timelines[room.id]!.firstIndex).toBe(first - 3);
    useMessagesStore.getState().receiveNew(room.id, [makeMessage(room.id, 50)]);
    expect(useMessagesStore.getState().timelines[room.id]!.firstIndex).toBe(first - 3);
  });
});
