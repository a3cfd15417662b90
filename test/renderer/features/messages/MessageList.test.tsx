import { act, render, screen, within } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatchEvents } from '../../../../renderer/src/bridge/dispatch';
import { MessageList } from '../../../../renderer/src/features/messages/MessageList';
import { RoomItem } from '../../../../renderer/src/features/sidebar/RoomItem';
import { useMessagesStore } from '../../../../renderer/src/stores/messages';
import { useRoomsStore } from '../../../../renderer/src/stores/rooms';
import { useUiStore } from '../../../../renderer/src/stores/ui';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import type { Message, User } from '../../../../renderer/src/shared/contract';
import { installFakeBridge } from '../../support/fake-bridge';
import { makeMessage, makeRoom, makeUser } from '../../support/factories';
import { signIn } from '../../support/stores';

// jsdom cannot scroll, and Virtuoso keeps the list hidden until its initial scroll completes:
// the tests render the real list without the starting position.
vi.mock('react-virtuoso', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react-virtuoso')>();
  const Virtuoso = (props: Record<string, unknown>) => <actual.Virtuoso {...props} initialTopMostItemIndex={undefined} />;
  return { ...actual, Virtuoso };
});

const withViewport = (children: ReactNode) => (
  <VirtuosoMockContext.Provider value={{ viewportHeight: 2000, itemHeight: 60 }}>{children}</VirtuosoMockContext.Provider>
);

let me: User;
let alice: User;

beforeEach(() => {
  installFakeBridge();
  me = makeUser({ displayName: 'Me Myself' });
  alice = makeUser({ displayName: 'Alice Archer' });
  signIn(me);
  useUsersStore.getState().upsertUsers([alice]);
});

function openRoomWith(messages: Message[], overrides: Parameters<typeof makeRoom>[0] = {}) {
  const room = makeRoom({ id: messages[0]?.roomId, memberIds: [me.id, alice.id], lastSeq: messages.at(-1)?.seq ?? 0, ...overrides });
  useRoomsStore.getState().setRooms([...Object.values(useRoomsStore.getState().rooms), room]);
  useMessagesStore.getState().setWindow(room.id, messages, { hasOlder: false, hasNewer: false });
  return room;
}

describe('message list', () => {
  it('groups messages, separates days, marks edits and deletions', () => {
    const room = makeRoom();
    const day1 = '2025-02-10T10:00:00';
    const day2 = '2025-02-11T10:00:00';
    const at = (local: string, offsetSec: number) => new Date(Date.parse(local) + offsetSec * 1000).toISOString();
    openRoomWith(
      [
        makeMessage(room.id, 1, { senderId: alice.id, body: 'first', createdAt: at(day1, 0) }),
        makeMessage(room.id, 2, { senderId: alice.id, body: 'second', createdAt: at(day1, 30) }),
        makeMessage(room.id, 3, { senderId: me.id, body: 'mine', createdAt: at(day2, 0), editedAt: at(day2, 60) }),
        makeMessage(room.id, 4, { senderId: me.id, body: '', createdAt: at(day2, 90), deletedAt: at(day2, 120) }),
      ],
      { id: room.id },
    );
    render(withViewport(<MessageList roomId={room.id} title="#general" />));

    const log = screen.getByRole('log', { name: 'Messages in #general' });
    const articles = within(log).getAllByRole('article');
    expect(articles).toHaveLength(4);
    expect(within(articles[0]!).getByText('Alice Archer')).toBeInTheDocument();
    expect(within(articles[1]!).queryByText('Alice Archer')).toBeNull();
    expect(
      within(log)
        .getAllByRole('separator')
        .map((s) => s.getAttribute('aria-label')),
    ).toEqual([expect.stringMatching(/February 10/), expect.stringMatching(/February 11/)]);
    expect(within(articles[2]!).getByText('(edited)')).toBeInTheDocument();
    expect(within(articles[3]!).getByText('This message was deleted.')).toBeInTheDocument();
    expect(screen.getByText('This is the very beginning of #general.')).toBeInTheDocument();
  });

  it('draws the "new messages" line where the unread messages start', () => {
    const room = makeRoom();
    const messages = [1, 2, 3, 4].map((seq) => makeMessage(room.id, seq, { senderId: alice.id, body: `m${seq}` }));
    openRoomWith(messages, { id: room.id });
    useUiStore.getState().openRoom(room.id, 2);
    render(withViewport(<MessageList roomId={room.id} title="#general" />));
    const line = screen.getByRole('separator', { name: 'New messages' });
    expect(line.closest('.message-row')).toHaveAttribute('data-seq', '3');
  });

  it('marks the room read when its latest message is in view and the window is focused', () => {
    const bridge = installFakeBridge();
    const room = makeRoom();
    openRoomWith([makeMessage(room.id, 1, { senderId: alice.id }), makeMessage(room.id, 2, { senderId: alice.id })], {
      id: room.id,
      readSeq: 0,
      unreadCount: 2,
    });
    render(withViewport(<MessageList roomId={room.id} title="#general" />));
    expect(bridge.callsOf('receipts:read')).toEqual([{ roomId: room.id, seq: 2 }]);
    expect(useRoomsStore.getState().rooms[room.id]!.unreadCount).toBe(0);
  });

  it('does not mark read while the window is in the background', () => {
    const bridge = installFakeBridge();
    useUiStore.getState().setWindowFocused(false);
    const room = makeRoom();
    openRoomWith([makeMessage(room.id, 1, { senderId: alice.id })], { id: room.id, readSeq: 0, unreadCount: 1 });
    render(withViewport(<MessageList roomId={room.id} title="#general" />));
    expect(bridge.callsOf('receipts:read')).toEqual([]);
  });

  it('a message in one room does not re-render another room\u2019s list or sidebar entry', () => {
    const roomA = makeRoom({ name: 'alpha' });
    const roomB = makeRoom({ name: 'beta' });
    openRoomWith([makeMessage(roomA.id, 1, { senderId: alice.id })], { id: roomA.id, name: 'alpha' });
    openRoomWith([makeMessage(roomB.id, 1, { senderId: alice.id })], { id: roomB.id, name: 'beta' });
    const commits: Record<string, number> = {};
    const count = (id: string) => () => void (commits[id] = (commits[id] ?? 0) + 1);
    render(
      withViewport(
        <>
          <Profiler id="list-a" onRender={count('list-a')}>
            <MessageList roomId={roomA.id} title="#alpha" />
          </Profiler>
          <Profiler id="list-b" onRender={count('list-b')}>
            <MessageList roomId={roomB.id} title="#beta" />
          </Profiler>
          <ul>
            <Profiler id="item-a" onRender={count('item-a')}>
              <RoomItem roomId={roomA.id} />
            </Profiler>
            <Profiler id="item-b" onRender={count('item-b')}>
              <RoomItem roomId={roomB.id} />
            </Profiler>
          </ul>
        </>,
      ),
    );
    const before = { ...commits };
    act(() => dispatchEvents([{ type: 'message:new', payload: makeMessage(roomA.id, 2, { senderId: alice.id, body: 'only in alpha' }) }]));

    expect(screen.getByText('only in alpha')).toBeInTheDocument();
    expect(commits['list-a']).toBeGreaterThan(before['list-a']!);
    expect(commits['item-a']).toBeGreaterThan(before['item-a']!);
    expect(commits['list-b']).toBe(before['list-b']);
    expect(commits['item-b']).toBe(before['item-b']);
  });
});
