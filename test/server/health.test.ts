/**
 * GET /api/health when the storage goes away under a running server (PostgreSQL only:
 * the embedded PGlite cannot be taken away from outside the process).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '../../common/protocol';
import { assertNoStackTrace, closeAllClients, eventually, http, newMember } from '../support/protocol-client';
import { PG_ADMIN_URL, closeAll, postgresReachable, startTestServer, type TestServer } from '../support/test-server';

const pgUp = await postgresReachable();
if (process.env.CI && !pgUp) throw new Error(`CI: PostgreSQL is not reachable at ${PG_ADMIN_URL}`);

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe.runIf(pgUp)('health when storage is down (postgres)', () => {
  let server: TestServer;
  let dbName: string;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    dbName = new URL(server.databaseUrl!).pathname.slice(1);
    expect(dbName).toMatch(/^droplink_t_/);
  });
  afterAll(async () => {
    closeAllClients();
    if (dbName) await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await closeAll(server);
  });

  it('503 while the database refuses connections, 200 again once it is back, and the server survives', async () => {
    const alice = await newMember(server, 'hl');
    expect((await http(server, 'GET', '/api/health')).status).toBe(200);

    await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}'`);

    const down = await eventually(
      async () => {
        const res = await http(server, 'GET', '/api/health');
        return res.status === 503 ? res : undefined;
      },
      10_000,
      200,
    );
    expect(down.status).toBe(503);
    assertNoStackTrace(down.text);

    // requests that need storage fail cleanly instead of hanging or crashing
    const ack = await alice.c.call('rooms:list', {}, 10_000).catch((err: Error) => err);
    if (!(ack instanceof Error)) expect(ack.ok).toBe(false);

    await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    const up = await eventually(
      async () => {
        const res = await http(server, 'GET', '/api/health');
        return res.status === 200 ? res : undefined;
      },
      15_000,
      200,
    );
    expect(HealthResponseSchema.parse(up.body).storage).toBe('postgres');
    // and the server serves again
    const bob = await newMember(server, 'hl2');
    expect((await bob.c.ok('rooms:list', {})).rooms).toEqual(expect.any(Array));
  }, 45_000);
});
