import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ElectronMirror {
  /** base URL for ELECTRON_MIRROR (ends with "/") */
  url: string;
  /** request paths, in order */
  requests: string[];
  close(): Promise<void>;
}

const CHUNK = 256 * 1024;

/**
 * A local stand-in for Electron's release server: serves `files` by path, with Content-Length,
 * in chunks (so a download reports progress along the way), 404 for anything else.
 */
export async function startElectronMirror(files: Record<string, Buffer>): Promise<ElectronMirror> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mirror').pathname;
    requests.push(path);
    const body = files[path];
    if (!body) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    let offset = 0;
    const writeNext = (): void => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', writeNext);
          return;
        }
      }
      response.end();
    };
    writeNext();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A SHASUMS256.txt as Electron publishes it: `<sha256> *<file name>` per line. */
export function shasums(entries: Record<string, Buffer>): Buffer {
  const lines = Object.entries(entries).map(([name, bytes]) => `${createHash('sha256').update(bytes).digest('hex')} *${name}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
