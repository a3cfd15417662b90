import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../common/ipc/settings';
import { AuthScreen } from '../../../../renderer/src/features/auth/AuthScreen';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { FakeFailure, installFakeBridge, type FakeBridge } from '../../support/fake-bridge';
import { makeUser } from '../../support/factories';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = installFakeBridge();
  useSessionStore.setState({ session: { status: 'signedOut', serverUrl: '', reason: null } });
  useSettingsStore.setState({
    settings: { ...DEFAULT_SETTINGS, serverUrl: 'http://chat.example.com:4000' },
  });
});

async function signInWith(username: string, password: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), username);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign in and registration', () => {
  it('prefills the server URL from settings and signs in', async () => {
    const user = makeUser({ username: 'alice' });
    bridge.handle('session:login', (args) => ({ status: 'signedIn', serverUrl: args.serverUrl, user }));
    render(<AuthScreen />);
    expect(screen.getByRole('textbox', { name: 'Server URL' })).toHaveValue('http://chat.example.com:4000');
    await signInWith('alice', 'secret password');
    expect(bridge.callsOf('session:login')).toEqual([{ serverUrl: 'http://chat.example.com:4000', username: 'alice', password: 'secret password' }]);
    expect(useSessionStore.getState().session).toMatchObject({ status: 'signedIn', user: { username: 'alice' } });
  });

  it('says so plainly when the password is wrong', async () => {
    bridge.handle('session:login', () => {
      throw new FakeFailure('unauthorized', 'invalid credentials');
    });
    render(<AuthScreen />);
    await signInWith('alice', 'nope nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('says when the server cannot be reached', async () => {
    bridge.handle('session:login', () => {
      throw new FakeFailure('internal', 'Cannot reach the server at http://chat.example.com:4000.');
    });
    render(<AuthScreen />);
    await signInWith('alice', 'whatever1');
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach the Droplink server at http://chat.example.com:4000.");
  });

  it('says when a username is taken, and checks the form before asking', async () => {
    bridge.handle('session:register', () => {
      throw new FakeFailure('conflict', 'username taken');
    });
    render(<AuthScreen />);
    await userEvent.click(screen.getByRole('button', { name: 'Create an account' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Username' }), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByRole('alert')).toHaveTextContent('at least 8 characters');
    expect(bridge.callsOf('session:register')).toEqual([]);

    await userEvent.type(screen.getByLabelText('Password'), ' but longer');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That username is already taken.');
  });
});
