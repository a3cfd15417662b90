import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../../renderer/src/bridge/dispatch';
import { useAvatarUploadStore } from '../../../renderer/src/stores/avatar-upload';
import { useUsersStore } from '../../../renderer/src/stores/users';
import { makeUser } from '../support/factories';
import { resetStores } from '../support/stores';

beforeEach(() => resetStores());

describe('dispatchEvents: people', () => {
  it('user:updated replaces what the users store knows of that user (name, picture)', () => {
    const bob = makeUser({ username: 'bob', displayName: 'Bob', avatarUrl: null });
    useUsersStore.getState().upsertUsers([bob]);
    dispatchEvents([{ type: 'user:updated', payload: { ...bob, displayName: 'Robert', avatarUrl: `/api/users/${bob.id}/avatar?v=1` } }]);
    expect(useUsersStore.getState().users[bob.id]).toMatchObject({ displayName: 'Robert', avatarUrl: `/api/users/${bob.id}/avatar?v=1` });
  });

  it("upload:progress moves the avatar upload's progress only for its own upload id", () => {
    useAvatarUploadStore.getState().start('00000000-0000-7000-8000-0000000000aa', 100);
    dispatchEvents([{ type: 'upload:progress', payload: { uploadId: '00000000-0000-7000-8000-0000000000bb', loaded: 90, total: 100 } }]);
    expect(useAvatarUploadStore.getState().upload?.loaded).toBe(0);
    dispatchEvents([{ type: 'upload:progress', payload: { uploadId: '00000000-0000-7000-8000-0000000000aa', loaded: 40, total: 120 } }]);
    expect(useAvatarUploadStore.getState().upload).toEqual({ uploadId: '00000000-0000-7000-8000-0000000000aa', loaded: 40, total: 120 });
  });
});
