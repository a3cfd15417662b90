/**
 * A small real HTTP server on 127.0.0.1 for the link preview tests: routes by path, counts the
 * requests per path and tells how much of a streamed body was written before the client hung up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => unknown;

export interface LocalSite {
  readonly port: number;
  /** `127.0.0.1:<port>`, as LINK_PREVIEW_ALLOW names it. */
  readonly hostPort: string;
  url(pathname: string): string;
  /** Requests received per path (query included). */
  hits(pathname: string): number;
  /** Resolves once a request for the path arrived (including one that arrived already). */
  requested(pathname: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalSite(routes: Record<string, Route>): Promise<LocalSite> {
  const counts = new Map<string, number>();
  const waiters = new Map<string, Array<() => void>>();
  const server = http.createServer((request, response) => {
    const pathname = request.url ?? '/';
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    for (const wake of waiters.get(pathname) ?? []) wake();
    waiters.delete(pathname);
    const route = routes[pathname];
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(route(request, response)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostPort: `127.0.0.1:${port}`,
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    hits: (pathname) => counts.get(pathname) ?? 0,
    requested: (pathname) =>
      (counts.get(pathname) ?? 0) > 0 ? Promise.resolve() : new Promise((resolve) => waiters.set(pathname, [...(waiters.get(pathname) ?? []), resolve])),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An HTML page with the given head. */
export const htmlPage =
  (head: string, contentType = 'text/html; charset=utf-8'): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': contentType }).end(`<!doctype html><html><head>${head}</head><body><p>body</p></body></html>`);
  };

/** Streams `total` bytes (after `prefix`) in 64 KiB chunks; `written()` tells how many went out before the client closed. */
export function streamedBody(prefix: string, total: number, contentType = 'text/html'): Route & { written(): number; closed: Promise<void> } {
  let written = 0;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const route: Route = (_request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    response.on('close', markClosed);
    response.write(prefix);
    written = prefix.length;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (written < total && !response.destroyed) {
        written += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
  return Object.assign(route, { written: () => written, closed });
}
