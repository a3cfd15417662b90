/**
 * Shutting down with an HTTP connection that is not idle (a client half-way through a request, or
 * one whose keep-alive connection is not marked idle yet under load): the close must not wait for
 * it (Node's server.close would, up to the request and keep-alive timeouts).
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer | undefined;
let client: Socket | undefined;
afterEach(async () => {
  client?.destroy();
  if (server) await closeAll(server);
});

describe('socket server shutdown', () => {
  it('a client stuck half-way through its request headers does not hold the shutdown', async () => {
    server = await startTestServer('pglite');
    const { hostname, port } = new URL(server.url);
    client = connect(Number(port), hostname);
    await new Promise<void>((resolve) => client!.once('connect', () => resolve()));
    client.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closedByServer = new Promise<void>((resolve) => client!.once('close', () => resolve()));
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    await closedByServer;
  }, 30_000);
});
