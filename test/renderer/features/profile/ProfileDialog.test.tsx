import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { subscribeToEvents } from '../../../../renderer/src/bridge/subscribe';
import { ProfileDialog } from '../../../../renderer/src/features/profile/ProfileDialog';
import type { User } from '../../../../renderer/src/shared/contract';
import { useUsersStore } from '../../../../renderer/src/stores/users';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeUser } from '../../support/factories';
import { resetStores, signIn } from '../../support/stores';

// jsdom's Blob has no arrayBuffer(); the app reads files with it (Chromium has it).
if (!Blob.prototype.arrayBuffer)
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsArrayBuffer(this);
    });
  };

let bridge: FakeBridge;
const me = makeUser({ username: 'alice', displayName: 'Alice', avatarUrl: null });

beforeEach(() => {
  resetStores();
  bridge = installFakeBridge();
  signIn(me);
  bridge.handle('images:link', ({ path }) => ({ url: `app://droplink/proxied${path}` }));
});

const png = (bytes = 64) => new File([new Uint8Array(bytes)], 'me.png', { type: 'image/png' });

describe('ProfileDialog', () => {
  it('saves a new display name with users:update and shows it everywhere the users store feeds', async () => {
    bridge.handle('users:update', ({ displayName }) => ({ user: { ...me, displayName } }));
    render(<ProfileDialog onClose={() => undefined} />);
    const field = screen.getByRole('textbox', { name: 'Display name' });
    await userEvent.clear(field);
    await userEvent.type(field, '  Alice Liddell ');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(bridge.callsOf('users:update')).toEqual([{ displayName: 'Alice Liddell' }]);
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(useUsersStore.getState().users[me.id]!.displayName).toBe('Alice Liddell');
  });

  it('refuses an empty name without asking the server, and shows what the server refuses', async () => {
    render(<ProfileDialog onClose={() => undefined} />);
    const field = screen.getByRole('textbox', { name: 'Display name' });
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Your name cannot be empty.');
    expect(bridge.callsOf('users:update')).toEqual([]);

    bridge.handle('users:update', () => {
      throw new FakeFailure('rate_limited', 'Too many changes; wait a moment.');
    });
    await userEvent.type(field, 'Al');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many changes; wait a moment.');
  });

  it('uploads a picture through main with progress, then shows it (through the proxy link) instead of the initials', async () => {
    const unsubscribe = subscribeToEvents();
    let finish: (user: User) => void = () => undefined;
    bridge.handle(
      'profile:set-avatar',
      ({ uploadId }) =>
        new Promise((resolve) => {
          bridge.emit({ type: 'upload:progress', payload: { uploadId, loaded: 32, total: 128 } });
          finish = (user) => resolve({ user });
        }),
    );
    render(<ProfileDialog onClose={() => undefined} />);
    expect(document.querySelector('.avatar img')).toBeNull();
    await userEvent.upload(screen.getByLabelText('Choose a picture'), png());

    const progress = await screen.findByRole('progressbar', { name: 'Uploading picture' });
    expect(progress).toHaveAttribute('value', '25');
    const [args] = bridge.callsOf('profile:set-avatar');
    expect(args!.mime).toBe('image/png');
    expect(args!.data).toBeInstanceOf(Uint8Array);
    expect(args!.data.byteLength).toBe(64);

    finish({ ...me, avatarUrl: `/api/users/${me.id}/avatar?v=1` });
    await screen.findByRole('button', { name: 'Remove picture' });
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    await expect.poll(() => document.querySelector('.avatar img')?.getAttribute('src')).toBe(`app://droplink/proxied/api/users/${me.id}/avatar?v=1`);
    expect(bridge.callsOf('images:link')).toEqual([{ path: `/api/users/${me.id}/avatar?v=1` }]);
    unsubscribe();
  });

  it('refuses a file that is not an image, or too large, before sending it; shows the server refusing one', async () => {
    render(<ProfileDialog onClose={() => undefined} />);
    const input = screen.getByLabelText('Choose a picture');
    await userEvent.upload(input, new File(['x'], 'notes.txt', { type: 'text/plain' }), { applyAccept: false });
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a PNG, JPEG, WebP or GIF image.');
    await userEvent.upload(input, png(5 * 1024 * 1024 + 1));
    expect(await screen.findByRole('alert')).toHaveTextContent('larger than 5 MiB');
    expect(bridge.callsOf('profile:set-avatar')).toEqual([]);

    bridge.handle('profile:set-avatar', () => {
      throw new FakeFailure('invalid_input', 'That file is not an image the server can read.');
    });
    await userEvent.upload(input, png());
    expect(await screen.findByRole('alert')).toHaveTextContent('That file is not an image the server can read.');
    expect(useUsersStore.getState().users[me.id]!.avatarUrl).toBeNull();
  });

  it('removes the picture with profile:remove-avatar; the initials come back', async () => {
    useUsersStore.getState().upsertUsers([{ ...me, avatarUrl: `/api/users/${me.id}/avatar?v=2` }]);
    bridge.handle('profile:remove-avatar', () => ({ user: { ...me, avatarUrl: null } }));
    render(<ProfileDialog onClose={() => undefined} />);
    await expect.poll(() => document.querySelector('.avatar img')).not.toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove picture' }));
    expect(bridge.callsOf('profile:remove-avatar')).toEqual([{}]);
    await screen.findByRole('button', { name: 'Upload picture' });
    expect(document.querySelector('.avatar img')).toBeNull();
    expect(document.querySelector('.avatar')).toHaveTextContent('AL');
  });
});
