/**
 * Per-address limits on register and login, and the cap on concurrent password hashing: one
 * address cannot create accounts or guess passwords without bound, nor saturate the CPU with argon2.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../common/protocol';
import { DEFAULT_PASSWORD, expectErrorBody, http, login, register, uniqueName } from '../support/protocol-client';
import { closeAll, startTestServer, storages, type TestServer } from '../support/test-server';

const STORAGES = await storages();
const REGISTRATIONS = 3;
const LOGINS_PER_ADDRESS = 4;

/** A JSON POST sent from another loopback address (127.0.0.0/8 all reach the server on Linux). */
function postFrom(localAddress: string, server: TestServer, pathname: string, json: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, server.url);
    const body = JSON.stringify(json);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(STORAGES)('per-address limits on register and login (%s)', (storage) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(storage, {
      env: { RATE_LIMIT_REGISTRATIONS: String(REGISTRATIONS), RATE_LIMIT_LOGINS_PER_ADDRESS: String(LOGINS_PER_ADDRESS) },
    });
  });
  afterAll(async () => {
    await closeAll(server);
  });

  it(`one address registers ${REGISTRATIONS} accounts, then gets 429 rate_limited with Retry-After; another address is served`, async () => {
    const first = await register(server);
    // A taken name counts too: registering is not a free way to probe for usernames.
    expectErrorBody(await http(server, 'POST', '/api/auth/register', { json: { username: first.username, password: DEFAULT_PASSWORD } }), 409, 'conflict');
    await register(server);
    const refused = await http(server, 'POST', '/api/auth/register', { json: { username: uniqueName('late'), password: DEFAULT_PASSWORD } });
    expectErrorBody(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const elsewhere = await postFrom('127.0.0.2', server, '/api/auth/register', { username: uniqueName('other'), password: DEFAULT_PASSWORD });
    expect(elsewhere.status).toBe(201);
  });

  it(`one address tries ${LOGINS_PER_ADDRESS} logins whatever the usernames, then 429 even with the right password`, async () => {
    const user = await postFrom('127.0.0.3', server, '/api/auth/register', { username: uniqueName('lgn'), password: DEFAULT_PASSWORD });
    const { user: created } = user.body as { user: { username: string } };
    const address = '127.0.0.4';
    const attempts = [];
    for (let i = 0; i < LOGINS_PER_ADDRESS; i++) {
      attempts.push((await postFrom(address, server, '/api/auth/login', { username: uniqueName('guess'), password: 'wrong password' })).status);
    }
    expect(attempts).toEqual(Array(LOGINS_PER_ADDRESS).fill(401));
    const refused = await postFrom(address, server, '/api/auth/login', { username: created.username, password: DEFAULT_PASSWORD });
    expect(refused.status).toBe(429);
    expect(ErrorBodySchema.parse(refused.body).error.code).toBe('rate_limited');
    const elsewhere = await postFrom('127.0.0.5', server, '/api/auth/login', { username: created.username, password: DEFAULT_PASSWORD });
    expect(elsewhere.status).toBe(200);
  });
});

describe('concurrent password hashing is capped (pglite)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '2', RATE_LIMIT_LOGINS: '1000' } });
  });
  afterAll(async () => {
    await closeAll(server);
  });

  it('a burst of logins is answered 429 rate_limited past the queue, not left to pile up; the server serves right after', async () => {
    const user = await register(server);
    const burst = await Promise.all(Array.from({ length: 16 }, () => login(server, user.username, user.password)));
    const statuses = burst.map((r) => r.status);
    const busy = burst.filter((r) => r.status === 429);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    // One hashing and two waiting are served, at least; most of the burst is turned away at once.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(busy.length).toBeGreaterThanOrEqual(8);
    for (const r of busy) expect(expectErrorBody(r, 429, 'rate_limited').error.message).toMatch(/busy/);
    expect((await login(server, user.username, user.password)).status).toBe(200);
  });
});
