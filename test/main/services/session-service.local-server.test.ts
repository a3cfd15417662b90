/**
 * Main's session and connection against a real server started the way the app starts its
 * local server (CLIENT_SECRET, ALLOWED_HOSTS=self): with the secret from the local server port,
 * register, login and the socket work; without it, or with another, they are refused; and the
 * secret never goes to a server the user configured.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../common/ipc';
import { CLIENT_SECRET_HEADER } from '../../../common/protocol';
import type { LocalServerEndpoint, LocalServerPort, StoredSession, TokenVault } from '../../../main/ports';
import { systemClock } from '../../../main/services/clock';
import { ConnectionService } from '../../../main/services/connection-service';
import { DesktopError } from '../../../main/services/errors';
import { SessionService } from '../../../main/services/session-service';
import { DEFAULT_PASSWORD, uniqueName } from '../../support/protocol-client';
import { closeAll, startTestServer, type TestServer } from '../../support/test-server';
import { silentLogger } from '../support';

const SECRET = 'k'.repeat(11) + '-this-launch-only-0123456789abcdef';

function memoryVault(): TokenVault {
  let stored: StoredSession | null = null;
  return {
    load: async () => stored,
    save: async (session) => void (stored = session),
    clear: async () => void (stored = null),
  };
}

const localPort = (endpoint: () => LocalServerEndpoint): LocalServerPort => ({ endpoint: async () => endpoint() });

interface Desktop {
  session: SessionService;
  connection: ConnectionService;
  states: ConnectionState['status'][];
  dispose(): void;
}

/** SessionService -> ConnectionService, wired as composeDesktopApp does (refreshTarget included). */
function desktop(localServer: LocalServerPort, configuredServerUrl = ''): Desktop {
  const states: ConnectionState['status'][] = [];
  const session = new SessionService(memoryVault(), localServer, silentLogger, () => configuredServerUrl);
  const connection = new ConnectionService(systemClock, silentLogger, () => void session.expire(), {
    backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
    refreshTarget: (target) => session.refreshTarget(target),
  });
  session.onChange((_state, target) => connection.use(target));
  connection.onState((state) => states.push(state.status));
  return { session, connection, states, dispose: () => connection.dispose() };
}

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function refusal(promise: Promise<unknown>): Promise<DesktopError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DesktopError);
    return err as DesktopError;
  }
  throw new Error('expected the request to be refused');
}

const credentials = () => ({ username: uniqueName('ls'), password: DEFAULT_PASSWORD });

describe('main against a local server that wants its client secret', () => {
  let server: TestServer;
  const open: Desktop[] = [];
  const make = (localServer: LocalServerPort, configuredServerUrl = ''): Desktop => {
    const d = desktop(localServer, configuredServerUrl);
    open.push(d);
    return d;
  };

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { CLIENT_SECRET: SECRET, ALLOWED_HOSTS: 'self' } });
  });
  afterEach(() => {
    for (const d of open.splice(0)) d.dispose();
  });
  afterAll(() => closeAll(server));

  it('registers, logs in and connects with the secret from the local server port', async () => {
    const port = localPort(() => ({ url: server.url, clientSecret: SECRET }));
    const alice = credentials();
    const first = make(port);
    expect(await first.session.register('', alice)).toMatchObject({ status: 'signedIn', serverUrl: '' });
    await until(() => first.connection.isOnline(), 'the socket to come online');
    const ack = await first.connection.request('rooms:list', {});
    expect(ack.ok).toBe(true);

    const second = make(port);
    expect(await second.session.login('', alice)).toMatchObject({ status: 'signedIn' });
    await until(() => second.connection.isOnline(), 'the second device to come online');
  });

  it('with another secret (e.g. a previous launch), register and login are refused as forbidden', async () => {
    const alice = credentials();
    await make(localPort(() => ({ url: server.url, clientSecret: SECRET }))).session.register('', alice);
    const stale = make(localPort(() => ({ url: server.url, clientSecret: 'x'.repeat(43) })));
    expect((await refusal(stale.session.register('', credentials()))).info.code).toBe('forbidden');
    expect((await refusal(stale.session.login('', alice))).info.code).toBe('forbidden');
    expect(stale.session.state().status).toBe('signedOut');
  });

  it.each([
    ['without the secret', undefined],
    ['with another secret', 'y'.repeat(43)],
  ])('a socket %s is refused as unauthorized, which signs the session out', async (_what, clientSecret) => {
    const d = make(localPort(() => ({ url: server.url, clientSecret: SECRET })));
    await d.session.register('', credentials());
    await until(() => d.connection.isOnline(), 'online with the secret');
    // The token is valid, but this connection attempt does not bring the launch's secret.
    const target = d.session.current();
    if (!target) throw new Error('no session target');
    d.connection.use({ url: target.url, token: target.token, user: target.user, ...(clientSecret ? { clientSecret } : {}) });
    await until(() => d.states.includes('unauthorized'), 'the refusal');
    await until(() => d.session.state().status === 'signedOut', 'the sign-out');
  });

  it('the same server under its URL typed into Settings gets no secret from main, so it refuses', async () => {
    const d = make(
      localPort(() => ({ url: server.url, clientSecret: SECRET })),
      server.url,
    );
    expect((await refusal(d.session.register(server.url, credentials()))).info.code).toBe('forbidden');
  });
});

describe('main follows its local server when it is restarted', () => {
  it('reconnects to the new port with the new secret; the token still works (same data folder)', async () => {
    const before = await startTestServer('pglite', { env: { CLIENT_SECRET: SECRET, ALLOWED_HOSTS: 'self' } });
    let current: LocalServerEndpoint = { url: before.url, clientSecret: SECRET };
    let asked = 0;
    const d = desktop(
      localPort(() => {
        asked += 1;
        return current;
      }),
    );
    let after: TestServer | undefined;
    try {
      await d.session.register('', credentials());
      await until(() => d.connection.isOnline(), 'online on the first launch');
      const askedBefore = asked;
      const firstUrl = before.url;

      // The local server crashes; the next one (same DATA_DIR, so the same accounts and token key) gets a new port and secret.
      await before.stop();
      await until(() => !d.connection.isOnline(), 'the outage to be noticed');
      const secondSecret = 'n'.repeat(12) + '-second-launch-secret-0123456789';
      after = await startTestServer('pglite', { dataDir: before.dataDir, env: { CLIENT_SECRET: secondSecret, ALLOWED_HOSTS: 'self' } });
      expect(after.url).not.toBe(firstUrl);
      current = { url: after.url, clientSecret: secondSecret };

      await until(() => d.connection.isOnline(), 'online on the restarted local server', 15_000);
      expect(asked).toBeGreaterThan(askedBefore);
      expect(d.session.current()).toMatchObject({ url: after.url, clientSecret: secondSecret });
      expect(d.session.state().status).toBe('signedIn');
      expect((await d.connection.request('rooms:list', {})).ok).toBe(true);
    } finally {
      d.dispose();
      await closeAll(after, before);
    }
  });

  it('a session on a configured server is never redirected to the local server', async () => {
    const d = desktop(
      localPort(() => ({ url: 'http://127.0.0.1:1', clientSecret: SECRET })),
      'https://chat.example.com',
    );
    const target = {
      url: 'https://chat.example.com',
      token: 't',
      user: { id: 'u', username: 'u', displayName: 'U', status: 'online' as const, lastSeenAt: null },
    };
    expect(await d.session.refreshTarget(target)).toBe(target);
    d.dispose();
  });
});

describe('main never sends the local secret to a configured server', () => {
  let recorder: Server;
  let url: string;
  const seen: Array<{ url: string | undefined; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    recorder = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'unauthorized', message: 'wrong username or password' } }));
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => recorder.close(() => resolve())));

  it('register and login to another server carry no X-Droplink-Client-Secret', async () => {
    let asked = 0;
    const d = desktop(
      localPort(() => {
        asked += 1;
        return { url: 'http://127.0.0.1:1', clientSecret: SECRET };
      }),
      url,
    );
    await refusal(d.session.register(url, credentials()));
    await refusal(d.session.login(url, credentials()));
    d.dispose();
    expect(seen.map((r) => r.url)).toEqual(['/api/auth/register', '/api/auth/login']);
    for (const request of seen) expect(request.headers).not.toHaveProperty(CLIENT_SECRET_HEADER);
    expect(JSON.stringify(seen)).not.toContain(SECRET);
    // The local server was not even started for it.
    expect(asked).toBe(0);
  });
});
