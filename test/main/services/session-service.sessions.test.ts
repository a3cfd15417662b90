/**
 * Main's session and connection against a real server: signing out tells the server (and still
 * signs out when it cannot be reached), a password change keeps this device signed in with the
 * new token, and a device whose session the server ended returns to sign-in saying why.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../common/ipc';
import { API_PATHS } from '../../../common/protocol';
import type { StoredSession, TokenVault } from '../../../main/ports';
import { systemClock } from '../../../main/services/clock';
import { ConnectionService } from '../../../main/services/connection-service';
import { DesktopError } from '../../../main/services/errors';
import { SESSION_END_MESSAGES, SessionService } from '../../../main/services/session-service';
import { http, register, type Registered } from '../../support/protocol-client';
import { closeAll, startTestServer, type TestServer } from '../../support/test-server';
import { silentLogger } from '../support';

const NEW_PASSWORD = 'another long passphrase';

function memoryVault(): TokenVault & { stored(): StoredSession | null } {
  let stored: StoredSession | null = null;
  return {
    stored: () => stored,
    load: async () => stored,
    save: async (session) => void (stored = session),
    clear: async () => void (stored = null),
  };
}

interface Desktop {
  session: SessionService;
  connection: ConnectionService;
  vault: ReturnType<typeof memoryVault>;
  state(): ConnectionState['status'];
}

const noLocalServer = { endpoint: async () => Promise.reject(new Error('no local server in this test')) };

/** SessionService -> ConnectionService, wired as composeDesktopApp does. */
function desktop(serverUrl: string): Desktop {
  const vault = memoryVault();
  const session = new SessionService(vault, noLocalServer, silentLogger, () => serverUrl);
  const connection = new ConnectionService(
    systemClock,
    silentLogger,
    (token, reason) => void session.expire(reason ? SESSION_END_MESSAGES[reason] : undefined, token),
    {
      backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
    },
  );
  session.onChange((_state, target) => connection.use(target));
  return { session, connection, vault, state: () => connection.getState().status };
}

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('main: sessions the user controls, against a real server', () => {
  let server: TestServer;
  const open: Desktop[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterEach(() => {
    for (const d of open.splice(0)) d.connection.dispose();
  });
  afterAll(() => closeAll(server));

  /** One more desktop of `user`, signed in and online. */
  async function signedIn(user: Registered, password = user.password): Promise<Desktop> {
    const d = desktop(server.url);
    open.push(d);
    await d.session.login(server.url, { username: user.username, password });
    await until(() => d.state() === 'online', 'online');
    return d;
  }
  const tokenOf = (d: Desktop): string => d.session.current()!.token;
  const meStatus = async (token: string) => (await http(server, 'GET', API_PATHS.me, { token })).status;

  it('sign-out tells the server: that token is refused, the other device stays signed in', async () => {
    const user = await register(server);
    const [here, there] = [await signedIn(user), await signedIn(user)];
    const token = tokenOf(here);
    const state = await here.session.logout();
    expect(state).toEqual({ status: 'signedOut', serverUrl: server.url, reason: null });
    expect(here.vault.stored()).toBeNull();
    expect(await meStatus(token)).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(there.session.state().status).toBe('signedIn');
    expect(there.state()).toBe('online');
  });

  it('sign-out forgets the token even when the server cannot be reached, and says the server was not told', async () => {
    const user = await register(server);
    const here = await signedIn(user);
    const token = tokenOf(here);
    await server.stop();
    try {
      const state = await here.session.logout();
      expect(state.status).toBe('signedOut');
      expect(state.status === 'signedOut' && state.reason).toMatch(/server could not be told/);
      expect(here.vault.stored()).toBeNull();
      expect(here.session.current()).toBeNull();
    } finally {
      await server.restart();
    }
    // The server was not told: the token still works there.
    expect(await meStatus(token)).toBe(200);
  });

  it('a password change keeps this device signed in with the new token; the other returns to sign-in saying why', async () => {
    const user = await register(server);
    const [here, there] = [await signedIn(user), await signedIn(user)];
    const [oldHere, oldThere] = [tokenOf(here), tokenOf(there)];
    const state = await here.session.changePassword(user.password, NEW_PASSWORD);
    expect(state.status).toBe('signedIn');
    const fresh = tokenOf(here);
    expect(fresh).not.toBe(oldHere);
    expect(here.vault.stored()?.token).toBe(fresh);
    await until(() => there.session.state().status === 'signedOut', 'the other device signed out');
    expect(there.session.state()).toMatchObject({ status: 'signedOut', reason: SESSION_END_MESSAGES.password_changed });
    expect(there.vault.stored()).toBeNull();
    await until(() => here.state() === 'online', 'this device online again with the new token');
    expect(here.session.state().status).toBe('signedIn');
    expect(await meStatus(fresh)).toBe(200);
    expect(await meStatus(oldHere)).toBe(401);
    expect(await meStatus(oldThere)).toBe(401);
  });

  it('a wrong current password is refused with forbidden and changes nothing', async () => {
    const user = await register(server);
    const here = await signedIn(user);
    const token = tokenOf(here);
    const refusal = await here.session.changePassword('not my password', NEW_PASSWORD).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(DesktopError);
    expect((refusal as DesktopError).info.code).toBe('forbidden');
    expect(tokenOf(here)).toBe(token);
    expect(here.state()).toBe('online');
  });

  it('sign out everywhere signs out this device and the other, which says why', async () => {
    const user = await register(server);
    const [here, there] = [await signedIn(user), await signedIn(user)];
    const state = await here.session.logoutEverywhere();
    expect(state).toEqual({ status: 'signedOut', serverUrl: server.url, reason: null });
    await until(() => there.session.state().status === 'signedOut', 'the other device signed out');
    expect(there.session.state()).toMatchObject({ reason: SESSION_END_MESSAGES.logged_out_everywhere });
    expect(here.session.state()).toMatchObject({ status: 'signedOut', reason: null });
  });
});

describe('main: a session that expires while connected', () => {
  let server: TestServer;
  afterAll(() => closeAll(server));

  it('returns to sign-in with the expiry message', async () => {
    server = await startTestServer('pglite', { env: { TOKEN_TTL: '2s' } });
    const user = await register(server);
    const d = desktop(server.url);
    try {
      await d.session.login(server.url, { username: user.username, password: user.password });
      await until(() => d.session.state().status === 'signedOut', 'signed out', 8000);
      expect(d.session.state()).toMatchObject({ reason: SESSION_END_MESSAGES.expired });
    } finally {
      d.connection.dispose();
    }
  });
});
