/**
 * CLIENT_SECRET and ALLOWED_HOSTS: the settings the desktop app's local server runs with, so
 * that only the app that started it can register, log in and connect, and no page reaches it
 * through DNS rebinding. Storage-independent, so PGlite only.
 */
import { request as httpRequest } from 'node:http';
import net from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthResponseSchema, MeResponseSchema, UNAUTHORIZED_CONNECT_ERROR } from '../../common/protocol';
import { closeAllClients, connect, connectError, DEFAULT_PASSWORD, expectErrorBody, http, uniqueName, type HttpResult } from '../support/protocol-client';
import { closeAll, startTestServer, type TestServer } from '../support/test-server';

const SECRET = 'a'.repeat(20) + 'local-client-secret-0123456789';
const HEADER = 'X-Droplink-Client-Secret';

const credentials = (username = uniqueName('cs')) => ({ username, password: DEFAULT_PASSWORD });

/** A request with a Host header of our choosing (fetch does not allow setting it). */
function rawRequest(
  server: TestServer,
  method: string,
  pathname: string,
  host: string,
  json?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: pathname,
        headers: { host, ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: parsed, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends raw bytes and returns the status line of the answer. */
function rawStatusLine(server: TestServer, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: server.port });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n')) {
        socket.destroy();
        resolve(text.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.write(bytes);
  });
}

/** A Socket.IO connect that sends a forged Host header; resolves with the connect_error. */
function connectErrorWithHost(server: TestServer, host: string, auth: Record<string, unknown>): Promise<Error> {
  const socket = io(server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000, extraHeaders: { host } });
  return new Promise<Error>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected although the Host was forged')));
    socket.once('connect_error', (err: Error) => resolve(err));
  }).finally(() => socket.disconnect());
}

async function registerWithSecret(server: TestServer, secret = SECRET) {
  const res = await http(server, 'POST', '/api/auth/register', { json: credentials(), headers: { [HEADER]: secret } });
  expect(res.status).toBe(201);
  return AuthResponseSchema.parse(res.body);
}

describe('a server with CLIENT_SECRET and ALLOWED_HOSTS=self (the desktop local server)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { CLIENT_SECRET: SECRET, ALLOWED_HOSTS: 'self' } });
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  describe('register and login need X-Droplink-Client-Secret', () => {
    it.each([
      ['no header', undefined],
      ['an empty header', ''],
      ['a wrong secret of the same length', SECRET.replace(/.$/, 'X')],
      ['a prefix of the secret', SECRET.slice(0, -1)],
      ['the secret with more after it', `${SECRET}x`],
    ])('register with %s is 403 forbidden and creates no user', async (_what, secret) => {
      const body = credentials();
      const res = await http(server, 'POST', '/api/auth/register', { json: body, ...(secret === undefined ? {} : { headers: { [HEADER]: secret } }) });
      expectErrorBody(res, 403, 'forbidden');
      // The username is still free: nothing was stored.
      const again = await http(server, 'POST', '/api/auth/register', { json: body, headers: { [HEADER]: SECRET } });
      expect(again.status).toBe(201);
    });

    it('register with the secret is 201 with {user, token}', async () => {
      const auth = await registerWithSecret(server);
      expect(auth.token.length).toBeGreaterThan(10);
    });

    it('login without or with a wrong secret is 403 even with the right password; with it, 200', async () => {
      const body = credentials();
      await http(server, 'POST', '/api/auth/register', { json: body, headers: { [HEADER]: SECRET } });
      expectErrorBody(await http(server, 'POST', '/api/auth/login', { json: body }), 403, 'forbidden');
      expectErrorBody(await http(server, 'POST', '/api/auth/login', { json: body, headers: { [HEADER]: 'nope' } }), 403, 'forbidden');
      const ok = await http(server, 'POST', '/api/auth/login', { json: body, headers: { [HEADER]: SECRET } });
      expect(ok.status).toBe(200);
      AuthResponseSchema.parse(ok.body);
    });

    it('the secret is checked before the body: a bad body without it is still 403', async () => {
      expectErrorBody(await http(server, 'POST', '/api/auth/register', { json: { username: 1 } }), 403, 'forbidden');
      expectErrorBody(await http(server, 'POST', '/api/auth/register', { json: { username: 1 }, headers: { [HEADER]: SECRET } }), 400, 'invalid_input');
    });

    it('other endpoints are unchanged: health is open, /api/me needs only the token', async () => {
      expect((await http(server, 'GET', '/api/health')).status).toBe(200);
      const auth = await registerWithSecret(server);
      const me = await http(server, 'GET', '/api/me', { token: auth.token });
      expect(me.status).toBe(200);
      expect(MeResponseSchema.parse(me.body).user.id).toBe(auth.user.id);
      expectErrorBody(await http(server, 'GET', '/api/me'), 401, 'unauthorized');
    });
  });

  describe('the socket handshake needs auth.clientSecret', () => {
    it.each([
      ['no clientSecret', undefined],
      ['a wrong clientSecret', 'wrong'],
      ['a non-string clientSecret', 12345],
    ])('a valid token with %s is refused with connect_error "unauthorized"', async (_what, clientSecret) => {
      const auth = await registerWithSecret(server);
      const err = await connectError(server, { token: auth.token, ...(clientSecret === undefined ? {} : { clientSecret }) });
      expect(err.message).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });

    it('the secret without a valid token is refused too', async () => {
      const err = await connectError(server, { token: 'not-a-jwt', clientSecret: SECRET });
      expect(err.message).toBe(UNAUTHORIZED_CONNECT_ERROR);
    });

    it('a valid token with the secret connects and is served', async () => {
      const auth = await registerWithSecret(server);
      const socket = io(server.url, { auth: { token: auth.token, clientSecret: SECRET }, transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const ack = (await socket.timeout(8000).emitWithAck('rooms:list', {})) as { ok: boolean };
        expect(ack.ok).toBe(true);
      } finally {
        socket.disconnect();
      }
    });

    it('the test client helper without the secret cannot connect', async () => {
      const auth = await registerWithSecret(server);
      await expect(connect(server, auth.token)).rejects.toThrow(UNAUTHORIZED_CONNECT_ERROR);
    });
  });

  describe('any Host but its own is refused (DNS rebinding)', () => {
    it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('%s:<port> is served', async (name) => {
      const res = await rawRequest(server, 'GET', '/api/health', `${name}:${server.port}`);
      expect(res.status).toBe(200);
    });

    it.each([
      ['a rebinding name on the same port', (port: number) => `evil.example:${port}`],
      ['a rebinding name without a port', () => 'evil.example'],
      ['loopback on another port', (port: number) => `127.0.0.1:${port + 1}`],
      ['loopback without the port', () => 'localhost'],
      ['a malformed host', () => 'local host:1'],
      ['a user-info trick', (port: number) => `127.0.0.1:${port}@evil.example`],
    ])('%s gets 421 with the protocol error body and nothing else', async (_what, host) => {
      const res = await rawRequest(server, 'GET', '/api/health', host(server.port));
      expectErrorBody(res, 421, 'forbidden');
      expect(res.text).not.toContain('version');
    });

    it('a request without a Host header (HTTP/1.0) is refused', async () => {
      expect(await rawStatusLine(server, 'GET /api/health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.[01] 421 /);
    });

    it('register with the right secret through a rebinding Host is refused and stores nothing', async () => {
      const body = credentials();
      const res = await rawRequest(server, 'POST', '/api/auth/register', `evil.example:${server.port}`, body, { [HEADER]: SECRET });
      expectErrorBody(res, 421, 'forbidden');
      expectErrorBody(await http(server, 'POST', '/api/auth/login', { json: body, headers: { [HEADER]: SECRET } }), 401, 'unauthorized');
    });

    it('unknown routes through a rebinding Host are refused the same way (no 404 that reveals the server)', async () => {
      expectErrorBody(await rawRequest(server, 'GET', '/nothing-here', 'evil.example'), 421, 'forbidden');
    });

    it('a Socket.IO polling handshake with a rebinding Host is 403; with its own Host it opens', async () => {
      const bad = await rawRequest(server, 'GET', '/socket.io/?EIO=4&transport=polling', `evil.example:${server.port}`);
      expect(bad.status).toBe(403);
      expect(bad.text).not.toContain('"sid"');
      const good = await rawRequest(server, 'GET', '/socket.io/?EIO=4&transport=polling', `localhost:${server.port}`);
      expect(good.status).toBe(200);
      expect(good.text).toContain('"sid"');
    });

    it('a WebSocket handshake with a rebinding Host fails even with a valid token and the secret', async () => {
      const auth = await registerWithSecret(server);
      const err = await connectErrorWithHost(server, `evil.example:${server.port}`, { token: auth.token, clientSecret: SECRET });
      expect(err.message).not.toBe('');
      expect(err.message).not.toBe(UNAUTHORIZED_CONNECT_ERROR);
    });
  });
});

describe('a server with an ALLOWED_HOSTS list', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { ALLOWED_HOSTS: 'Chat.Example.com, 10.0.0.5:4000,[::1]' } });
  });
  afterAll(() => closeAll(server));

  it.each(['chat.example.com', 'chat.example.com:8443', 'CHAT.EXAMPLE.COM', '10.0.0.5:4000', '[::1]:9', '[::1]'])('serves Host %s', async (host) => {
    expect((await rawRequest(server, 'GET', '/api/health', host)).status).toBe(200);
  });

  it.each(['10.0.0.5', '10.0.0.5:4001', 'example.com', `127.0.0.1:PORT`, 'evil.chat.example.com'])('refuses Host %s', async (host) => {
    const res = await rawRequest(server, 'GET', '/api/health', host.replace('PORT', String(server.port)));
    expectErrorBody(res, 421, 'forbidden');
  });

  it('without CLIENT_SECRET, register needs no header', async () => {
    const res = await rawRequest(server, 'POST', '/api/auth/register', 'chat.example.com', credentials());
    expect(res.status).toBe(201);
  });
});

describe('a server without CLIENT_SECRET or ALLOWED_HOSTS (a team server) is unchanged', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    closeAllClients();
    await closeAll(server);
  });

  it('registers and logs in without the header, and ignores one if sent', async () => {
    const body = credentials();
    expect((await http(server, 'POST', '/api/auth/register', { json: body })).status).toBe(201);
    expect((await http(server, 'POST', '/api/auth/login', { json: body })).status).toBe(200);
    expect((await http(server, 'POST', '/api/auth/login', { json: body, headers: { [HEADER]: 'anything' } })).status).toBe(200);
  });

  it('answers any Host', async () => {
    expect((await rawRequest(server, 'GET', '/api/health', 'chat.example.com')).status).toBe(200);
  });

  it('connects with only a token', async () => {
    const res = await http(server, 'POST', '/api/auth/register', { json: credentials() });
    const auth = AuthResponseSchema.parse(res.body);
    const client = await connect(server, auth.token, auth.user.id);
    expect(client.connected).toBe(true);
    client.close();
  });
});
