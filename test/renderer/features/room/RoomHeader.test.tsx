import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DialogHost } from '../../../../renderer/src/features/chat/DialogHost';
import { Notices } from '../../../../renderer/src/features/notices/Notices';
import { RoomHeader } from '../../../../renderer/src/features/room/RoomHeader';
import { useRoomsStore } from '../../../../renderer/src/stores/rooms';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeRoom, makeUser } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

let bridge: FakeBridge;
const me = makeUser({ username: 'alice' });
const room = makeRoom({ name: 'general', memberIds: [me.id] });

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  signIn(me);
  useRoomsStore.getState().setRooms([room]);
});

const renderHeader = () =>
  render(
    <>
      <RoomHeader roomId={room.id} />
      <DialogHost />
      <Notices />
    </>,
  );

async function choose(item: string): Promise<void> {
  await userEvent.click(screen.getByRole('button', { name: 'Room options' }));
  await userEvent.click(screen.getByRole('menuitem', { name: item }));
}

describe('RoomHeader', () => {
  it('says why leaving failed and what to do, in an alert, and keeps the room', async () => {
    bridge.handle('rooms:leave', () => {
      throw new FakeFailure('internal', 'Not connected to the server; try again when online.');
    });
    renderHeader();
    await choose('Leave channel');
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Leave #general?' })).getByRole('button', { name: 'Leave' }));

    const alert = await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('alert');
    expect(alert).toHaveTextContent('Could not leave #general');
    expect(alert).toHaveTextContent('Not connected to the server; try again when online.');
    expect(bridge.callsOf('rooms:leave')).toEqual([{ roomId: room.id }]);
    expect(useRoomsStore.getState().rooms[room.id]).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks before leaving: Cancel keeps the room', async () => {
    renderHeader();
    await choose('Leave channel');
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Leave #general?' })).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsOf('rooms:leave')).toEqual([]);
    expect(useRoomsStore.getState().rooms[room.id]).toBeDefined();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('only admins may rename: they get the details dialog, which sends rooms:update', async () => {
    renderHeader();
    await userEvent.click(screen.getByRole('button', { name: 'Room options' }));
    expect(screen.queryByRole('menuitem', { name: 'Edit channel details' })).not.toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Invite people' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');

    useRoomsStore.getState().upsertRoom({ ...room, adminIds: [me.id] });
    bridge.handle('rooms:update', ({ name, topic }) => ({ room: { ...room, adminIds: [me.id], name: name ?? room.name, topic: topic ?? room.topic } }));
    await choose('Edit channel details');
    const dialog = screen.getByRole('dialog', { name: 'Channel details' });
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Name' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'town-square');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Topic/ }), 'Everything else');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(bridge.callsOf('rooms:update')).toEqual([{ roomId: room.id, name: 'town-square', topic: 'Everything else' }]);
    expect(await screen.findByRole('heading', { name: 'town-square' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('the member count opens the member list', async () => {
    renderHeader();
    await userEvent.click(screen.getByRole('button', { name: '1 member' }));
    expect(screen.getByRole('dialog', { name: 'Members of #general' })).toBeInTheDocument();
  });

  it('shows nothing when leaving works', async () => {
    renderHeader();
    await choose('Leave channel');
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(useRoomsStore.getState().rooms[room.id]).toBeUndefined();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("sets the room's notification level on the server and shows the level chosen", async () => {
    bridge.handle('rooms:notify', ({ level }) => ({ room: { ...room, notify: level } }));
    renderHeader();
    await userEvent.click(screen.getByRole('button', { name: 'Notifications: All messages' }));
    expect(screen.getByRole('menuitemradio', { name: 'All messages' })).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(screen.getByRole('menuitemradio', { name: 'Mentions only' }));
    expect(bridge.callsOf('rooms:notify')).toEqual([{ roomId: room.id, level: 'mentions' }]);
    expect(await screen.findByRole('button', { name: 'Notifications: Mentions only' })).toBeInTheDocument();
    expect(useRoomsStore.getState().rooms[room.id]?.notify).toBe('mentions');
  });

  it('says when changing the notification level failed', async () => {
    bridge.handle('rooms:notify', () => {
      throw new FakeFailure('internal', 'Not connected to the server; try again when online.');
    });
    renderHeader();
    await userEvent.click(screen.getByRole('button', { name: 'Notifications: All messages' }));
    await userEvent.click(screen.getByRole('menuitemradio', { name: 'Nothing' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not change the notifications of #general to nothing');
    expect(useRoomsStore.getState().rooms[room.id]?.notify).toBeUndefined();
  });
});
