import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browseChannels, refreshRooms } from '../../../renderer/src/services/rooms';
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

describe('browseChannels', () => {
  it('follows nextCursor until the last page, so a directory of any size is shown whole', async () => {
    const pages: Record<string, { rooms: ReturnType<typeof makeRoom>[]; nextCursor: string | null }> = {
      first: { rooms: [makeRoom({ name: 'a' }), makeRoom({ name: 'b' })], nextCursor: 'c1' },
      c1: { rooms: [makeRoom({ name: 'c' })], nextCursor: 'c2' },
      c2: { rooms: [makeRoom({ name: 'd' })], nextCursor: null },
    };
    const asked: unknown[] = [];
    bridge.handle('rooms:browse', (args) => {
      asked.push(args);
      const page = pages[args.cursor ?? 'first'];
      if (!page) throw new FakeFailure('invalid_input', 'unknown cursor');
      return page;
    });
    const rooms = await browseChannels();
    expect(rooms.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(asked).toEqual([{ limit: 500 }, { cursor: 'c1', limit: 500 }, { cursor: 'c2', limit: 500 }]);
  });
});
