import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, HealthResponseSchema, MeResponseSchema, UserSchema, UsersResponseSchema, USERS_QUERY_LIMIT } from '../../common/protocol';
import {
  DEFAULT_PASSWORD,
  assertNoStackTrace,
  connectError,
  expectErrorBody,
  http,
  login,
  loginOk,
  register,
  registerMany,
  uniqueName,
} from '../support/protocol-client';
import { closeAll, sleep, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const LOGIN_LIMIT = 5;

describe.each(STORAGES)('HTTP auth (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, { env: { RATE_LIMIT_LOGINS: String(LOGIN_LIMIT) } });
  });
  afterAll(() => closeAll(server));

  describe('GET /api/health', () => {
    it('reports ok, a version, the storage in use and a single-node cluster', async () => {
      const res = await http(server, 'GET', '/api/health');
      expect(res.status).toBe(200);
      const health = HealthResponseSchema.parse(res.body);
      expect(health.status).toBe('ok');
      expect(health.version.length).toBeGreaterThan(0);
      expect(health.storage).toBe(storage);
      expect(health.cluster).toBe('single');
    });

    it('needs no token', async () => {
      const res = await http(server, 'GET', '/api/health', { headers: { authorization: 'Bearer nonsense' } });
      expect(res.status).toBe(200);
    });
  });

  describe('POST /api/auth/register', () => {
    it('returns 201 with {user, token}', async () => {
      const username = uniqueName('reg');
      const res = await http(server, 'POST', '/api/auth/register', {
        json: { username, password: DEFAULT_PASSWORD, displayName: 'Ada Lovelace' },
      });
      expect(res.status).toBe(201);
      const body = res.body as { user: unknown; token: unknown };
      const user = UserSchema.parse(body.user);
      expect(typeof body.token).toBe('string');
      expect((body.token as string).length).toBeGreaterThan(10);
      expect(user.username).toBe(username);
      expect(user.displayName).toBe('Ada Lovelace');
      expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(['online', 'away', 'dnd', 'offline']).toContain(user.status);
      // The password never comes back in any form.
      expect(res.text).not.toContain(DEFAULT_PASSWORD);
      expect(Object.keys(body.user as object)).not.toContain('password');
      expect(Object.keys(body.user as object)).not.toContain('passwordHash');
    });

    it('defaults displayName to something non-empty', async () => {
      const { user } = await register(server);
      expect(user.displayName.length).toBeGreaterThan(0);
    });

    it('stores the username lower-case', async () => {
      const base = uniqueName('Case');
      const mixed = `MiXeD${base}`.slice(0, 32);
      const res = await http(server, 'POST', '/api/auth/register', { json: { username: mixed, password: DEFAULT_PASSWORD } });
      expect(res.status).toBe(201);
      expect((res.body as { user: { username: string } }).user.username).toBe(mixed.toLowerCase());
      // and the user can log in with the lower-case name
      const again = await loginOk(server, mixed.toLowerCase(), DEFAULT_PASSWORD);
      expect(again.user.id).toBe((res.body as { user: { id: string } }).user.id);
    });

    it('409 conflict on a duplicate username, case-insensitively', async () => {
      const { username } = await register(server);
      const same = await http(server, 'POST', '/api/auth/register', { json: { username, password: DEFAULT_PASSWORD } });
      expectErrorBody(same, 409, 'conflict');
      const upper = await http(server, 'POST', '/api/auth/register', {
        json: { username: username.toUpperCase(), password: DEFAULT_PASSWORD },
      });
      expectErrorBody(upper, 409, 'conflict');
    });

    const bad: Array<[string, unknown]> = [
      ['a too short username', { username: 'ab', password: DEFAULT_PASSWORD }],
      ['a too long username', { username: 'a'.repeat(33), password: DEFAULT_PASSWORD }],
      ['a username with a space', { username: 'bad name', password: DEFAULT_PASSWORD }],
      ['a username with a slash', { username: 'bad/name', password: DEFAULT_PASSWORD }],
      ['a username with unicode', { username: 'bådname', password: DEFAULT_PASSWORD }],
      ['a 7-character password', { username: 'valid_name_x', password: '1234567' }],
      ['a 257-character password', { username: 'valid_name_y', password: 'p'.repeat(257) }],
      ['a missing password', { username: 'valid_name_z' }],
      ['a missing username', { password: DEFAULT_PASSWORD }],
      ['an empty object', {}],
      ['a number as username', { username: 12345, password: DEFAULT_PASSWORD }],
      ['an array as password', { username: 'valid_name_w', password: ['x', 'y'] }],
      ['an object as displayName', { username: 'valid_name_v', password: DEFAULT_PASSWORD, displayName: { a: 1 } }],
      ['a 65-character displayName', { username: 'valid_name_u', password: DEFAULT_PASSWORD, displayName: 'd'.repeat(65) }],
      ['a blank displayName', { username: 'valid_name_t', password: DEFAULT_PASSWORD, displayName: '   ' }],
      ['null', null],
      ['an array body', [1, 2, 3]],
      ['a string body', 'hello'],
    ];
    it.each(bad)('400 invalid_input for %s', async (_what, json) => {
      const res = await http(server, 'POST', '/api/auth/register', { json });
      expectErrorBody(res, 400, 'invalid_input');
    });

    it('400 invalid_input for a body that is not JSON', async () => {
      const res = await http(server, 'POST', '/api/auth/register', {
        body: '{"username": "abc", "password": ',
        headers: { 'content-type': 'application/json' },
      });
      expectErrorBody(res, 400, 'invalid_input');
    });

    it('accepts passwords of exactly 8 and 256 characters', async () => {
      const a = await http(server, 'POST', '/api/auth/register', { json: { username: uniqueName('p8'), password: '12345678' } });
      expect(a.status).toBe(201);
      const b = await http(server, 'POST', '/api/auth/register', {
        json: { username: uniqueName('p256'), password: 'x'.repeat(256) },
      });
      expect(b.status).toBe(201);
    });

    it('a rejected registration creates no user', async () => {
      const username = uniqueName('nouser');
      const res = await http(server, 'POST', '/api/auth/register', { json: { username, password: 'short' } });
      expect(res.status).toBe(400);
      const ok = await http(server, 'POST', '/api/auth/register', { json: { username, password: DEFAULT_PASSWORD } });
      expect(ok.status).toBe(201);
    });
  });

  describe('POST /api/auth/login', () => {
    it('200 with {user, token} for the right password; the token works', async () => {
      const reg = await register(server);
      const res = await loginOk(server, reg.username, reg.password);
      expect(res.user.id).toBe(reg.user.id);
      expect(res.user.username).toBe(reg.username);
      const me = await http(server, 'GET', '/api/me', { token: res.token });
      expect(me.status).toBe(200);
      expect(MeResponseSchema.parse(me.body).user.id).toBe(reg.user.id);
    });

    it('accepts the username in any case', async () => {
      const reg = await register(server);
      const res = await loginOk(server, reg.username.toUpperCase(), reg.password);
      expect(res.user.id).toBe(reg.user.id);
    });

    it('401 for a wrong password and for an unknown user, with the same message', async () => {
      const reg = await register(server);
      const wrong = await login(server, reg.username, 'not the password');
      const a = expectErrorBody(wrong, 401, 'unauthorized');
      const unknown = await login(server, uniqueName('ghost'), 'whatever password');
      const b = expectErrorBody(unknown, 401, 'unauthorized');
      expect(b.error.message).toBe(a.error.message);
    });

    it('400 or 401 for malformed bodies, never a crash', async () => {
      for (const json of [null, {}, { username: 1, password: 2 }, [1], 'x']) {
        const res = await http(server, 'POST', '/api/auth/login', { json });
        expect([400, 401]).toContain(res.status);
        ErrorBodySchema.parse(res.body);
        assertNoStackTrace(res.text);
      }
    });

    it(`429 rate_limited after ${LOGIN_LIMIT} attempts for one username, even with the right password`, async () => {
      const reg = await register(server);
      for (let i = 0; i < LOGIN_LIMIT; i++) {
        const res = await login(server, reg.username, `wrong password ${i}`);
        expectErrorBody(res, 401, 'unauthorized');
      }
      const limited = await login(server, reg.username, 'wrong password again');
      expectErrorBody(limited, 429, 'rate_limited');
      const right = await login(server, reg.username, reg.password);
      expectErrorBody(right, 429, 'rate_limited');
      // another username from the same IP is not affected
      const other = await register(server);
      await loginOk(server, other.username, other.password);
    });
  });

  describe('GET /api/me', () => {
    it('200 {user} with the token', async () => {
      const reg = await register(server, uniqueName('me'), { displayName: 'Me Myself' });
      const res = await http(server, 'GET', '/api/me', { token: reg.token });
      expect(res.status).toBe(200);
      const { user } = MeResponseSchema.parse(res.body);
      expect(user).toMatchObject({ id: reg.user.id, username: reg.username, displayName: 'Me Myself' });
    });

    it('401 without a token', async () => {
      expectErrorBody(await http(server, 'GET', '/api/me'), 401, 'unauthorized');
    });

    it('401 with a forged or malformed token', async () => {
      const reg = await register(server);
      const [h, p] = reg.token.split('.');
      const forgedPayload = p ? `${p.slice(0, -2)}${p.endsWith('A') ? 'B' : 'A'}${p.slice(-1)}` : 'x';
      const tokens = [
        'garbage',
        `${reg.token}x`,
        `${h}.${forgedPayload}.${reg.token.split('.')[2] ?? ''}`,
        // alg "none"
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`,
      ];
      for (const token of tokens) {
        expectErrorBody(await http(server, 'GET', '/api/me', { token }), 401, 'unauthorized');
      }
      expectErrorBody(await http(server, 'GET', '/api/me', { headers: { authorization: `Basic ${reg.token}` } }), 401, 'unauthorized');
    });
  });

  describe('GET /api/users', () => {
    it('finds users by username prefix', async () => {
      const prefix = `pfx${Math.random().toString(36).slice(2, 8)}`;
      const a = await register(server, `${prefix}_alpha`);
      const b = await register(server, `${prefix}_beta`);
      await register(server, `z${prefix}_notprefix`);
      const res = await http(server, 'GET', `/api/users?query=${prefix}`, { token: a.token });
      expect(res.status).toBe(200);
      const { users } = UsersResponseSchema.parse(res.body);
      expect(users.map((u) => u.id).sort()).toEqual([a.user.id, b.user.id].sort());
    });

    it('finds users by displayName prefix, case-insensitively', async () => {
      const tag = `Dn${Math.random().toString(36).slice(2, 8)}`;
      const a = await register(server, uniqueName('dn'), { displayName: `${tag} Person` });
      const res = await http(server, 'GET', `/api/users?query=${encodeURIComponent(tag.toLowerCase())}`, { token: a.token });
      expect(res.status).toBe(200);
      const { users } = UsersResponseSchema.parse(res.body);
      expect(users.map((u) => u.id)).toContain(a.user.id);
    });

    it(`returns at most ${USERS_QUERY_LIMIT}`, async () => {
      const prefix = `many${Math.random().toString(36).slice(2, 7)}`;
      const regs = await registerMany(server, USERS_QUERY_LIMIT + 2, prefix);
      const res = await http(server, 'GET', `/api/users?query=${prefix}`, { token: regs[0]!.token });
      expect(res.status).toBe(200);
      const { users } = UsersResponseSchema.parse(res.body);
      expect(users).toHaveLength(USERS_QUERY_LIMIT);
      for (const u of users) expect(u.username.startsWith(prefix)).toBe(true);
    });

    it('never returns password material', async () => {
      const a = await register(server);
      const res = await http(server, 'GET', `/api/users?query=${a.username}`, { token: a.token });
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/password|hash|argon/i);
    });

    it('401 without a token', async () => {
      expectErrorBody(await http(server, 'GET', '/api/users?query=a'), 401, 'unauthorized');
    });
  });

  describe('errors', () => {
    it('an unknown route is 404 with the error body', async () => {
      const res = await http(server, 'GET', '/api/does-not-exist');
      expect(res.status).toBe(404);
      const body = ErrorBodySchema.parse(res.body);
      expect(body.error.code).toBe('not_found');
      assertNoStackTrace(res.text);
    });

    it('an unknown method on a known path gives an error body, not a crash', async () => {
      const res = await http(server, 'DELETE', '/api/auth/register');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      ErrorBodySchema.parse(res.body);
      assertNoStackTrace(res.text);
    });

    it('a huge JSON body is refused with an error body and the server keeps serving', async () => {
      const res = await http(server, 'POST', '/api/auth/register', {
        json: { username: 'x'.repeat(5_000_000), password: DEFAULT_PASSWORD },
      });
      expect([400, 413]).toContain(res.status);
      ErrorBodySchema.parse(res.body);
      assertNoStackTrace(res.text);
      const health = await http(server, 'GET', '/api/health');
      expect(health.status).toBe(200);
    });
  });
});

describe('token expiry (TOKEN_TTL=2s)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { TOKEN_TTL: '2s' } });
  });
  afterAll(() => closeAll(server));

  it('an expired token is refused by HTTP (401) and by Socket.IO (connect_error "unauthorized")', async () => {
    const reg = await register(server);
    const fresh = await http(server, 'GET', '/api/me', { token: reg.token });
    expect(fresh.status).toBe(200);
    await sleep(3200);
    expectErrorBody(await http(server, 'GET', '/api/me', { token: reg.token }), 401, 'unauthorized');
    expectErrorBody(await http(server, 'GET', '/api/users?query=a', { token: reg.token }), 401, 'unauthorized');
    const err = await connectError(server, { token: reg.token });
    expect(err.message).toBe('unauthorized');
    // logging in again gives a working token
    const again = await loginOk(server, reg.username, reg.password);
    expect((await http(server, 'GET', '/api/me', { token: again.token })).status).toBe(200);
  });
});
