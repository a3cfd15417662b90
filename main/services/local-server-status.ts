import type { LocalServerEndpoint, LocalServerPort } from '../ports';

export type LocalServerStatus = { state: 'not started' } | { state: 'starting' } | { state: 'running'; url: string } | { state: 'failed'; error: string };

/**
 * Wraps the local server port to remember how its latest start went, for diagnostics. Only the
 * URL is kept, never the client secret.
 */
export function trackLocalServer<P extends LocalServerPort>(port: P): { port: P; status(): LocalServerStatus } {
  let status: LocalServerStatus = { state: 'not started' };
  let latest: Promise<LocalServerEndpoint> | null = null;
  const endpoint = (): Promise<LocalServerEndpoint> => {
    const pending = port.endpoint();
    if (pending !== latest) {
      latest = pending;
      status = { state: 'starting' };
      pending.then(
        ({ url }) => {
          if (latest === pending) status = { state: 'running', url };
        },
        (err: unknown) => {
          if (latest === pending) status = { state: 'failed', error: err instanceof Error ? err.message : String(err) };
        },
      );
    }
    return pending;
  };
  // Every other member (stop(), ...) is the port's own, called on the port itself.
  const wrapped = new Proxy(port, {
    get(target, key) {
      if (key === 'endpoint') return endpoint;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { port: wrapped, status: () => status };
}
