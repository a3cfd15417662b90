/**
 * v1.1 sessions: `POST /api/auth/logout` (and the `{everywhere: true}` extension) and
 * `POST /api/auth/password` refuse tokens over HTTP and at the socket handshake, and end their
 * sockets with `session:revoked`; a socket also ends when its token expires.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, ChangePasswordResponseSchema, UNAUTHORIZED_CONNECT_ERROR, type SessionEndReason } from '../../common/protocol';
import {
  closeAllClients,
  connectError,
  connectUser,
  expectErrorBody,
  expectNoPush,
  http,
  login,
  loginOk,
  register,
  type HasUrl,
  type ProtocolClient,
  type Registered,
} from '../support/protocol-client';
import { closeAll, postgresReachable, redisReachable, REDIS_TEST_URL, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const NEW_PASSWORD = 'a brand new passphrase';

/** Resolves once the server ends the socket, with the reason it gave first. */
function ended(c: ProtocolClient, timeoutMs = 5000): Promise<SessionEndReason> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket not ended within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      if (c.connected) return;
      clearTimeout(timer);
      const [revoked] = c.events('session:revoked');
      if (revoked) resolve(revoked.reason);
      else reject(new Error('disconnected without session:revoked'));
    };
    c.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') check();
      else reject(new Error(`disconnected: ${reason}`));
    });
    check();
  });
}

const me = (server: HasUrl, token: string) => http(server, 'GET', API_PATHS.me, { token });
const logout = (server: HasUrl, token: string | undefined, json?: unknown) => http(server, 'POST', API_PATHS.logout, { token, json });
const changePassword = (server: HasUrl, token: string | undefined, json: unknown) => http(server, 'POST', API_PATHS.password, { token, json });

async function expectRefused(server: HasUrl, token: string): Promise<void> {
  expectErrorBody(await me(server, token), 401, 'unauthorized');
  expect((await connectError(server, { token })).message).toBe(UNAUTHORIZED_CONNECT_ERROR);
}

/** The same user signed in a second time: another token. */
async function secondToken(server: HasUrl, user: Registered, password = user.password): Promise<Registered> {
  return { ...user, token: (await loginOk(server, user.username, password)).token };
}

describe.each(STORAGES)('sessions (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage);
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('logout refuses that token over HTTP and at the handshake, and ends its sockets only', async () => {
    const first = await register(server);
    const second = await secondToken(server, first);
    const [a1, a2, b] = [await connectUser(server, first), await connectUser(server, first), await connectUser(server, second)];
    const res = await logout(server, first.token);
    expect(res.status).toBe(204);
    expect(await ended(a1)).toBe('logged_out');
    expect(await ended(a2)).toBe('logged_out');
    await expectRefused(server, first.token);
    expect(b.connected).toBe(true);
    await b.ok('rooms:list', {});
    expect(b.events('session:revoked')).toEqual([]);
    expect((await me(server, second.token)).status).toBe(200);
  });

  it('logout answers 401 without a valid token, and 400 for a body it does not know', async () => {
    expectErrorBody(await logout(server, undefined), 401, 'unauthorized');
    expectErrorBody(await logout(server, 'not-a-token'), 401, 'unauthorized');
    const user = await register(server);
    expectErrorBody(await logout(server, user.token, { everywhere: 'yes' }), 400, 'invalid_input');
    expect((await logout(server, user.token)).status).toBe(204);
    expectErrorBody(await logout(server, user.token), 401, 'unauthorized');
  });

  it('logout {everywhere: true} refuses every token of the user, this one included', async () => {
    const first = await register(server);
    const second = await secondToken(server, first);
    const other = await register(server);
    const [a, b, o] = [await connectUser(server, first), await connectUser(server, second), await connectUser(server, other)];
    expect((await logout(server, second.token, { everywhere: true })).status).toBe(204);
    expect(await ended(a)).toBe('logged_out_everywhere');
    expect(await ended(b)).toBe('logged_out_everywhere');
    await expectRefused(server, first.token);
    await expectRefused(server, second.token);
    expect(o.connected).toBe(true);
    // Signing in again works.
    const again = await secondToken(server, first);
    expect((await me(server, again.token)).status).toBe(200);
    (await connectUser(server, again)).close();
  });

  it('a password change answers a working token and refuses every other token of the user', async () => {
    const first = await register(server);
    const second = await secondToken(server, first);
    const other = await register(server);
    const [a, b, o] = [await connectUser(server, first), await connectUser(server, second), await connectUser(server, other)];
    const res = await changePassword(server, first.token, { currentPassword: first.password, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    const { token } = ChangePasswordResponseSchema.parse(res.body);
    expect(await ended(a)).toBe('password_changed');
    expect(await ended(b)).toBe('password_changed');
    await expectRefused(server, first.token);
    await expectRefused(server, second.token);
    expect((await me(server, token)).status).toBe(200);
    const fresh = await connectUser(server, { ...first, token });
    await expectNoPush(fresh, 'session:revoked', () => true, 300);
    expect(fresh.connected).toBe(true);
    expect(o.connected).toBe(true);
    expectErrorBody(await login(server, first.username, first.password), 401, 'unauthorized');
    expect((await login(server, first.username, NEW_PASSWORD)).status).toBe(200);
    fresh.close();
  });

  it('a password change answers 403 for a wrong current password, 400 for bad input, 401 without a valid token', async () => {
    const user = await register(server);
    expectErrorBody(await changePassword(server, user.token, { currentPassword: 'wrong password', newPassword: NEW_PASSWORD }), 403, 'forbidden');
    for (const body of [
      {},
      { currentPassword: user.password },
      { currentPassword: user.password, newPassword: 'short' },
      { currentPassword: '', newPassword: NEW_PASSWORD },
      'text',
    ]) {
      expectErrorBody(await changePassword(server, user.token, body), 400, 'invalid_input');
    }
    expectErrorBody(await changePassword(server, undefined, { currentPassword: user.password, newPassword: NEW_PASSWORD }), 401, 'unauthorized');
    expectErrorBody(await changePassword(server, 'forged', { currentPassword: user.password, newPassword: NEW_PASSWORD }), 401, 'unauthorized');
    // Nothing changed: the token and the password still work.
    expect((await me(server, user.token)).status).toBe(200);
    expect((await login(server, user.username, user.password)).status).toBe(200);
  });

  it('revocations hold after a restart', async () => {
    const loggedOut = await register(server);
    const changed = await register(server);
    const kept = await secondToken(server, loggedOut);
    expect((await logout(server, loggedOut.token)).status).toBe(204);
    const res = await changePassword(server, changed.token, { currentPassword: changed.password, newPassword: NEW_PASSWORD });
    const { token } = ChangePasswordResponseSchema.parse(res.body);
    await server.restart();
    await expectRefused(server, loggedOut.token);
    await expectRefused(server, changed.token);
    expect((await me(server, kept.token)).status).toBe(200);
    expect((await me(server, token)).status).toBe(200);
    (await connectUser(server, { ...changed, token })).close();
  });
});

describe('sessions: rate limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { RATE_LIMIT_LOGINS: '2' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('wrong current passwords count like failed logins: past RATE_LIMIT_LOGINS, 429 even for the right one', async () => {
    const user = await register(server);
    for (let i = 0; i < 2; i++) {
      expectErrorBody(await changePassword(server, user.token, { currentPassword: 'wrong password', newPassword: NEW_PASSWORD }), 403, 'forbidden');
    }
    const limited = await changePassword(server, user.token, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expectErrorBody(limited, 429, 'rate_limited');
    expect((await login(server, user.username, user.password)).status).toBe(429);
    expect((await me(server, user.token)).status).toBe(200);
  });
});

describe.each(STORAGES)('token expiry (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { TOKEN_TTL: '2s' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('a socket is ended with reason "expired" when its token expires', async () => {
    const user = await register(server);
    const c = await connectUser(server, user);
    expect(await ended(c, 6000)).toBe('expired');
    await expectRefused(server, user.token);
  });
});

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);

describe.runIf(pgUp && redisUp)('sessions across two nodes (postgres, Redis)', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_TEST_URL, JWT_SECRET: randomBytes(32).toString('hex') };
    nodeA = await startTestServer('postgres', { env });
    nodeB = await startTestServer('postgres', { env, databaseUrl: nodeA.databaseUrl, dataDir: nodeA.dataDir });
  }, 90_000);
  afterAll(async () => {
    closeAllClients();
    await closeAll(nodeB);
    await closeAll(nodeA);
  });

  it('a logout on one node ends that token on the other and refuses its handshakes there', async () => {
    const first = await register(nodeA);
    const second = await secondToken(nodeA, first);
    // Connected first, so node B has the user's session state in memory.
    const [onB, keptOnB] = [await connectUser(nodeB, first), await connectUser(nodeB, second)];
    expect((await logout(nodeA, first.token)).status).toBe(204);
    expect(await ended(onB)).toBe('logged_out');
    await expectRefused(nodeB, first.token);
    expect(keptOnB.connected).toBe(true);
    (await connectUser(nodeB, second)).close();
  });

  it('a password change on one node ends the other tokens on both', async () => {
    const first = await register(nodeA);
    const second = await secondToken(nodeB, first);
    const [onA, onB] = [await connectUser(nodeA, second), await connectUser(nodeB, first)];
    const res = await changePassword(nodeB, first.token, { currentPassword: first.password, newPassword: NEW_PASSWORD });
    const { token } = ChangePasswordResponseSchema.parse(res.body);
    expect(await ended(onA)).toBe('password_changed');
    expect(await ended(onB)).toBe('password_changed');
    await expectRefused(nodeA, second.token);
    await expectRefused(nodeA, first.token);
    (await connectUser(nodeA, { ...first, token })).close();
  });
});
