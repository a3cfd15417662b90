import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshRooms } from '../../../renderer/src/services/rooms';
import { useNoticesStore } from '../../../renderer/src/stores/notices';
import { useRoomsStore } from '../../../renderer/src/stores/rooms';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../support/fake-bridge';
import { makeRoom, makeUser } from '../support/factories';
import { resetStores, signIn } from '../support/stores';

let bridge: FakeBridge;

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  signIn(makeUser());
  bridge.handle('rooms:list', () => {
    throw new FakeFailure('internal', 'The server did not answer in time.');
  });
});

afterEach(() => vi.restoreAllMocks());

describe('refreshRooms', () => {
  it('says so when the first room list cannot be had: the person is looking at an empty app', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    refreshRooms();
    await waitFor(() => expect(useNoticesStore.getState().notices).toHaveLength(1));
    expect(useNoticesStore.getState().notices[0]).toMatchObject({
      tone: 'error',
      title: 'Could not load your rooms',
      detail: 'The server did not answer in time. Restart Droplink to try again.',
    });
  });

  it('only warns in the console when a list is already shown (a refresh after reconnecting)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    useRoomsStore.getState().setRooms([makeRoom()]);
    refreshRooms();
    await waitFor(() => expect(warn).toHaveBeenCalledWith('Could not refresh the room list:', 'internal', 'The server did not answer in time.'));
    expect(useNoticesStore.getState().notices).toEqual([]);
  });
});
