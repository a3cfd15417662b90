import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/settings';
import { dispatchEvents } from '../../../../renderer/src/bridge/dispatch';
import { ThreadPane } from '../../../../renderer/src/features/threads/ThreadPane';
import { openThread } from '../../../../renderer/src/services/threads';
import type { Message } from '../../../../renderer/src/shared/contract';
import { useMessagesStore } from '../../../../renderer/src/stores/messages';
import { useRoomsStore } from '../../../../renderer/src/stores/rooms';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { useThreadsStore } from '../../../../renderer/src/stores/threads';
import { useUiStore } from '../../../../renderer/src/stores/ui';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import { installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeMessage, makeOutboxItem, makeRoom, makeUser } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

const me = makeUser({ username: 'alice', displayName: 'Alice' });
const bob = makeUser({ username: 'bob', displayName: 'Bob' });
let bridge: FakeBridge;
let room: ReturnType<typeof makeRoom>;
let root: Message;

const reply = (seq: number, body: string, senderId = bob.id): Message => makeMessage(room.id, seq, { body, senderId, threadRootId: root.id });

function renderPane() {
  return render(<ThreadPane roomId={room.id} rootId={root.id} roomLabel="#general" />);
}

beforeEach(() => {
  resetStores();
  useThreadsStore.getState().reset();
  useSettingsStore.setState({ settings: { ...DEFAULT_SETTINGS } });
  bridge = installFakeBridge();
  signIn(me);
  useUsersStore.getState().upsertUsers([bob]);
  room = makeRoom({ memberIds: [me.id, bob.id], lastSeq: 10 });
  useRoomsStore.getState().setRooms([room]);
  useUiStore.getState().openRoom(room.id);
  root = makeMessage(room.id, 1, {
    body: 'the plan',
    senderId: me.id,
    thread: { replyCount: 2, lastReplyAt: '2025-01-01T09:00:03.000Z', participantIds: [me.id, bob.id] },
  });
  bridge.handle('users:get', () => ({ users: [] }));
  bridge.handle('messages:send', (args) => makeOutboxItem(args.roomId, { body: args.body, ...(args.threadRootId ? { threadRootId: args.threadRootId } : {}) }));
});

describe('ThreadPane', () => {
  it("shows the root and the thread's newest replies, and pages back to older ones", async () => {
    bridge.handle('messages:history', (args) =>
      args.before === undefined ? { messages: [reply(5, 'second'), reply(7, 'third')], hasMore: true } : { messages: [reply(3, 'first')], hasMore: false },
    );
    await act(() => openThread(root));
    renderPane();
    expect(bridge.callsOf('messages:history')[0]).toEqual({ roomId: room.id, threadRootId: root.id, limit: 50 });
    const pane = screen.getByRole('complementary', { name: /Thread/ });
    expect(within(pane).getByText('the plan')).toBeInTheDocument();
    const log = within(pane).getByRole('log', { name: 'Replies in thread' });
    expect(
      within(log)
        .getAllByRole('article')
        .map((a) => a.textContent),
    ).toEqual([expect.stringContaining('second'), expect.stringContaining('third')]);
    // No reply summary and no "Reply in thread" inside the thread itself.
    expect(within(pane).queryByRole('button', { name: /Open thread/ })).toBeNull();
    expect(within(pane).queryByRole('button', { name: 'Reply in thread' })).toBeNull();

    await userEvent.click(within(pane).getByRole('button', { name: 'Load earlier replies' }));
    expect(bridge.callsOf('messages:history')[1]).toEqual({ roomId: room.id, threadRootId: root.id, before: 5, limit: 50 });
    expect(within(log).getAllByRole('article')).toHaveLength(3);
    expect(within(pane).queryByRole('button', { name: 'Load earlier replies' })).toBeNull();
  });

  it('takes live replies from main, and they stay out of the room timeline', async () => {
    bridge.handle('messages:history', () => ({ messages: [], hasMore: false }));
    useMessagesStore.getState().setWindow(room.id, [root], { hasOlder: false, hasNewer: false });
    await act(() => openThread(root));
    renderPane();
    act(() => dispatchEvents([{ type: 'message:new', payload: reply(11, 'live one') }]));
    expect(within(screen.getByRole('log', { name: 'Replies in thread' })).getByText('live one')).toBeInTheDocument();
    expect(useMessagesStore.getState().timelines[room.id]!.messages.map((m) => m.seq)).toEqual([1]);
    // The room is read up to its latest reply too.
    expect(useThreadsStore.getState().latestReplySeq[room.id]).toBe(11);
    // The root's new summary, pushed as message:updated, reaches the pane's copy.
    const updated = { ...root, thread: { replyCount: 3, lastReplyAt: '2025-01-01T09:00:11.000Z', participantIds: [me.id, bob.id] } };
    act(() => dispatchEvents([{ type: 'message:updated', payload: updated }]));
    expect(screen.getByRole('separator', { name: 'Replies' })).toHaveTextContent('3 replies');
  });

  it('sends a reply with its root through the outbox and shows it pending until stored', async () => {
    bridge.handle('messages:history', () => ({ messages: [], hasMore: false }));
    await act(() => openThread(root));
    renderPane();
    const box = screen.getByRole('textbox', { name: 'Reply' });
    expect(box).toHaveFocus();
    await userEvent.type(box, 'on it{Enter}');
    expect(bridge.callsOf('messages:send')).toEqual([{ roomId: room.id, body: 'on it', threadRootId: root.id }]);
    expect(within(screen.getByRole('log', { name: 'Replies in thread' })).getByRole('article', { name: /sending/ })).toHaveTextContent('on it');
  });

  it('tells main which thread is on screen, and Escape closes it', async () => {
    bridge.handle('messages:history', () => ({ messages: [], hasMore: false }));
    await act(() => openThread(root));
    const { unmount } = renderPane();
    expect(bridge.callsOf('ui:focus-room')).toContainEqual({ roomId: room.id, threadRootId: root.id });
    await userEvent.keyboard('{Escape}');
    expect(useThreadsStore.getState().open).toBeNull();
    unmount();
    expect(bridge.callsOf('ui:focus-room').at(-1)).toEqual({ roomId: room.id, threadRootId: null });
  });

  it('says when the replies could not be loaded', async () => {
    const { FakeFailure } = await import('../../support/fake-bridge');
    const { Notices } = await import('../../../../renderer/src/features/notices/Notices');
    bridge.handle('messages:history', () => {
      throw new FakeFailure('internal', 'Not connected to the server; try again when online.');
    });
    useThreadsStore.getState().openThread(root);
    render(
      <>
        <ThreadPane roomId={room.id} rootId={root.id} roomLabel="#general" />
        <Notices />
      </>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the replies of the thread');
  });
});
