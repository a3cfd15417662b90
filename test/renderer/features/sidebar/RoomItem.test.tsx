import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { RoomItem } from '../../../../renderer/src/features/sidebar/RoomItem';
import { useRoomsStore } from '../../../../renderer/src/stores/rooms';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import type { User } from '../../../../renderer/src/shared/contract';
import { installFakeBridge } from '../../support/fake-bridge';
import { makeRoom, makeUser } from '../../support/factories';
import { signIn } from '../../support/stores';

let me: User;
let alice: User;

beforeEach(() => {
  installFakeBridge();
  me = makeUser({ displayName: 'Me Myself' });
  alice = makeUser({ displayName: 'Alice Archer' });
  signIn(me);
  useUsersStore.getState().upsertUsers([alice]);
});

describe('sidebar room item', () => {
  it('is bold with a count when it has unread messages, and names it for screen readers', () => {
    const room = makeRoom({ name: 'launch', unreadCount: 3, lastSeq: 10, readSeq: 7 });
    useRoomsStore.getState().setRooms([room]);
    render(<ul>{<RoomItem roomId={room.id} />}</ul>);
    const button = screen.getByRole('button', { name: 'launch, 3 unread' });
    expect(button).toHaveClass('room-item--unread');
    expect(button).toHaveTextContent('3');
  });

  it('shows a DM under the other person\u2019s name with their presence', () => {
    const dm = makeRoom({ kind: 'dm', name: null, memberIds: [me.id, alice.id] });
    useRoomsStore.getState().setRooms([dm]);
    useUsersStore.getState().setPresence(alice.id, 'away', null);
    render(<ul>{<RoomItem roomId={dm.id} />}</ul>);
    expect(screen.getByRole('button', { name: 'Alice Archer' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Away' })).toBeInTheDocument();
  });
});
