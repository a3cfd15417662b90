import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemberListDialog } from '../../../../renderer/src/features/members/MemberListDialog';
import type { Room } from '../../../../renderer/src/shared/contract';
import { useRoomsStore } from '../../../../renderer/src/stores/rooms';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeRoom, makeUser } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

let bridge: FakeBridge;
const me = makeUser({ username: 'alice', displayName: 'Alice' });
const bob = makeUser({ username: 'bob', displayName: 'Bob', status: 'away' });
const carol = makeUser({ username: 'carol', displayName: 'Carol', status: 'offline', avatarUrl: null });

function setup(room: Room) {
  resetStores();
  bridge = installFakeBridge();
  signIn(me);
  useUsersStore.getState().upsertUsers([bob, carol]);
  useRoomsStore.getState().setRooms([room]);
  let closed = false;
  render(<MemberListDialog roomId={room.id} onClose={() => (closed = true)} />);
  return { closed: () => closed };
}

const memberList = () => screen.getByRole('list', { name: 'Members' });

describe('MemberListDialog', () => {
  beforeEach(() => resetStores());

  it('lists every member with presence and an Admin badge, admins first; plain members get no controls', () => {
    const room = makeRoom({ name: 'general', memberIds: [me.id, bob.id, carol.id], adminIds: [carol.id] });
    setup(room);
    const items = within(memberList()).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['Carol, admin, Offline', 'Alice (you), Online', 'Bob, Away']);
    expect(within(items[0]!).getByText('Admin')).toBeInTheDocument();
    expect(screen.getByText('@bob · Away')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove .* from the room/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /admin/ })).not.toBeInTheDocument();
  });

  it('an admin removes a member after confirming; the room the server answers replaces the old one', async () => {
    const room = makeRoom({ name: 'general', memberIds: [me.id, bob.id, carol.id], adminIds: [me.id] });
    bridge = installFakeBridge();
    setup(room);
    bridge.handle('rooms:remove', ({ roomId, userId }) => ({ room: { ...room, id: roomId, memberIds: room.memberIds.filter((id) => id !== userId) } }));

    await userEvent.click(screen.getByRole('button', { name: 'Remove Bob from the room' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove Bob?' });
    expect(bridge.callsOf('rooms:remove')).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));

    expect(bridge.callsOf('rooms:remove')).toEqual([{ roomId: room.id, userId: bob.id }]);
    await screen.findByRole('dialog', { name: 'Members of #general' });
    expect(useRoomsStore.getState().rooms[room.id]!.memberIds).toEqual([me.id, carol.id]);
    expect(within(memberList()).queryByText('Bob')).not.toBeInTheDocument();
  });

  it('cancelling the confirmation removes nobody', async () => {
    const room = makeRoom({ name: 'general', memberIds: [me.id, bob.id], adminIds: [me.id] });
    setup(room);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Bob from the room' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsOf('rooms:remove')).toEqual([]);
    expect(within(memberList()).getByText('Bob')).toBeInTheDocument();
  });

  it('says why a removal failed, in the confirmation, and keeps the member', async () => {
    const room = makeRoom({ name: 'general', memberIds: [me.id, bob.id], adminIds: [me.id] });
    setup(room);
    bridge.handle('rooms:remove', () => {
      throw new FakeFailure('forbidden', 'Only room admins can remove members.');
    });
    await userEvent.click(screen.getByRole('button', { name: 'Remove Bob from the room' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only room admins can remove members.');
    expect(useRoomsStore.getState().rooms[room.id]!.memberIds).toContain(bob.id);
  });

  it('an admin makes a member admin, and takes it back; the last-admin refusal is shown', async () => {
    const room = makeRoom({ name: 'general', memberIds: [me.id, bob.id], adminIds: [me.id] });
    setup(room);
    bridge.handle('rooms:role', ({ roomId, userId, role }) => ({
      room: { ...room, id: roomId, adminIds: role === 'admin' ? [me.id, userId] : [me.id] },
    }));
    await userEvent.click(screen.getByRole('button', { name: 'Make Bob an admin' }));
    expect(bridge.callsOf('rooms:role')).toEqual([{ roomId: room.id, userId: bob.id, role: 'admin' }]);
    expect(await screen.findByRole('listitem', { name: 'Bob, admin, Away' })).toBeInTheDocument();

    bridge.handle('rooms:role', () => {
      throw new FakeFailure('invalid_input', 'A room keeps at least one admin.');
    });
    await userEvent.click(screen.getByRole('button', { name: 'Make Bob a member, not an admin' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A room keeps at least one admin.');
  });

  it('DMs have no admins and nothing to manage', () => {
    const room = makeRoom({ kind: 'dm', name: null, memberIds: [me.id, bob.id], adminIds: [] });
    setup(room);
    expect(within(memberList()).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /Invite people|Remove|admin/ })).not.toBeInTheDocument();
  });
});
