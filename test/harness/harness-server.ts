import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server';

/** A real Droplink server for one test that can be stopped and started again on the same port and DATA_DIR. */
export interface HarnessServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Set when started like the app's local server (CLIENT_SECRET, ALLOWED_HOSTS=self). */
  readonly clientSecret: string | null;
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * `asLocalServer`: run with a client secret and the Host check, as the desktop app runs its local server.
 * `env`: more server configuration (e.g. LINK_PREVIEW_ALLOW for a page the test serves).
 */
export async function startHarnessServer(options: { asLocalServer?: boolean; env?: Readonly<Record<string, string>> } = {}): Promise<HarnessServer> {
  const port = await freePort();
  const clientSecret = options.asLocalServer ? randomBytes(32).toString('base64url') : null;
  const localEnv = clientSecret ? { CLIENT_SECRET: clientSecret, ALLOWED_HOSTS: 'self' } : {};
  // A fixed port (rather than 0) so that clients reconnect to the same URL after start().
  const server: TestServer = await startTestServer('pglite', { env: { PORT: String(port), OFFLINE_GRACE_MS: '500', ...options.env, ...localEnv } });
  let running = true;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    dataDir: server.dataDir,
    clientSecret,
    get running() {
      return running;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.stop();
    },
    async start() {
      if (running) return;
      await server.restart();
      running = true;
    },
    close: () => server.close(),
  };
}
