import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
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

    const alert = await within(screen.getByRole('region', { name: 'Notifications' })).findByRole('alert');
    expect(alert).toHaveTextContent('Could not leave #general');
    expect(alert).toHaveTextContent('Not connected to the server; try again when online.');
    expect(bridge.callsOf('rooms:leave')).toEqual([{ roomId: room.id }]);
    expect(useRoomsStore.getState().rooms[room.id]).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows nothing when leaving works', async () => {
    renderHeader();
    await choose('Leave channel');
    expect(useRoomsStore.getState().rooms[room.id]).toBeUndefined();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says when muting failed', async () => {
    bridge.handle('settings:set', () => {
      throw new FakeFailure('internal', 'The settings could not be saved.');
    });
    renderHeader();
    await choose('Mute room');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not mute #generalThe settings could not be saved. Try again in a moment.');
  });
});
