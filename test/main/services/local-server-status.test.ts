import { describe, expect, it } from 'vitest';
import type { LocalServerEndpoint, LocalServerPort } from '../../../main/ports';
import { trackLocalServer } from '../../../main/services/local-server-status';

function controllablePort() {
  const pending: { resolve(value: LocalServerEndpoint): void; reject(err: Error): void }[] = [];
  let current: Promise<LocalServerEndpoint> | null = null;
  const port: LocalServerPort & { stopped: boolean; stop(): void } = {
    stopped: false,
    endpoint() {
      current ??= new Promise<LocalServerEndpoint>((resolve, reject) => pending.push({ resolve, reject }));
      return current;
    },
    stop() {
      this.stopped = true;
    },
  };
  return { port, pending, forget: () => (current = null) };
}

describe('trackLocalServer', () => {
  it('reports not started, starting, then running with the URL but never the secret', async () => {
    const { port, pending } = controllablePort();
    const tracked = trackLocalServer(port);
    expect(tracked.status()).toEqual({ state: 'not started' });
    const endpoint = tracked.port.endpoint();
    expect(tracked.status()).toEqual({ state: 'starting' });
    pending[0]?.resolve({ url: 'http://127.0.0.1:40123', clientSecret: 'very-secret' });
    await endpoint;
    expect(tracked.status()).toEqual({ state: 'running', url: 'http://127.0.0.1:40123' });
    expect(JSON.stringify(tracked.status())).not.toContain('very-secret');
  });

  it('reports a failed start, and a later successful restart', async () => {
    const { port, pending, forget } = controllablePort();
    const tracked = trackLocalServer(port);
    const first = tracked.port.endpoint();
    pending[0]?.reject(new Error('the local server exited with code 1'));
    await expect(first).rejects.toThrow();
    expect(tracked.status()).toEqual({ state: 'failed', error: 'the local server exited with code 1' });
    forget();
    const second = tracked.port.endpoint();
    pending[1]?.resolve({ url: 'http://127.0.0.1:40124', clientSecret: 's' });
    await second;
    expect(tracked.status()).toEqual({ state: 'running', url: 'http://127.0.0.1:40124' });
  });

  it("keeps the port's other members", () => {
    const { port } = controllablePort();
    const tracked = trackLocalServer(port);
    tracked.port.stop();
    expect(port.stopped).toBe(true);
  });
});
