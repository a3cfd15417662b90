import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountSettings } from '../../../../renderer/src/features/settings/AccountSettings';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeUser } from '../../support/factories';

let bridge: FakeBridge;
const user = makeUser({ username: 'alice' });

beforeEach(() => {
  bridge = installFakeBridge();
  useSessionStore.setState({ session: { status: 'signedIn', serverUrl: '', user } });
});

async function fill(current: string, next: string, confirm: string) {
  if (current) await userEvent.type(screen.getByLabelText('Current password'), current);
  if (next) await userEvent.type(screen.getByLabelText('New password'), next);
  if (confirm) await userEvent.type(screen.getByLabelText('Confirm new password'), confirm);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('change password', () => {
  it('sends the current and new password, then clears the form and says it worked', async () => {
    bridge.handle('session:change-password', () => ({ status: 'signedIn', serverUrl: '', user }));
    render(<AccountSettings />);
    await fill('old password', 'new password!', 'new password!');
    expect(bridge.callsOf('session:change-password')).toEqual([{ currentPassword: 'old password', newPassword: 'new password!' }]);
    expect(await screen.findByRole('status')).toHaveTextContent('Password changed. Your other devices were signed out.');
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(useSessionStore.getState().session).toMatchObject({ status: 'signedIn' });
  });

  it.each([
    ['', 'new password!', 'new password!', 'Enter your current password.'],
    ['old password', 'short', 'short', 'The new password needs at least 8 characters.'],
    ['old password', 'new password!', 'new password?', 'The new passwords do not match.'],
  ])('checks the form before sending (%#)', async (current, next, confirm, message) => {
    render(<AccountSettings />);
    await fill(current, next, confirm);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(bridge.callsOf('session:change-password')).toEqual([]);
  });

  it('shows a wrong current password inline', async () => {
    bridge.handle('session:change-password', () => {
      throw new FakeFailure('forbidden', 'the current password is wrong');
    });
    render(<AccountSettings />);
    await fill('old password', 'new password!', 'new password!');
    expect(await screen.findByRole('alert')).toHaveTextContent('The current password is wrong.');
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('sign out everywhere', () => {
  it('asks first, then signs out through main', async () => {
    bridge.handle('session:logout-everywhere', () => ({ status: 'signedOut', serverUrl: '', reason: null }));
    render(<AccountSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(bridge.callsOf('session:logout-everywhere')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out all devices' }));
    expect(bridge.callsOf('session:logout-everywhere')).toEqual([{}]);
    expect(useSessionStore.getState().session).toMatchObject({ status: 'signedOut' });
  });

  it('cancel keeps the user signed in', async () => {
    render(<AccountSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible();
    expect(bridge.callsOf('session:logout-everywhere')).toEqual([]);
  });

  it('shows why it failed when the server could not do it', async () => {
    bridge.handle('session:logout-everywhere', () => {
      throw new FakeFailure('internal', 'Cannot reach the server at http://chat.example.com.');
    });
    render(<AccountSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out all devices' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server');
    expect(useSessionStore.getState().session).toMatchObject({ status: 'signedIn' });
  });
});
