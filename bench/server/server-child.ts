/**
 * One server under test in a process of its own (argv[2]: reference | ws | droplink), so that it
 * has an event loop and a heap to itself. Droplink is the real server (`startServer` with
 * `loadConfig(process.env)`); the parent sets its environment.
 *
 *   -> { type: 'listening', url }
 *   { type: 'memory' } -> { type: 'memory', rss, heapUsed, external } after a full GC
 *   { type: 'close' } -> closes the server and exits
 */
import { replyError, serveRequests } from '../support/ipc-peer';
import type { ServerKind } from './server-kinds';

interface Running {
  url: string;
  close(): Promise<void>;
}

async function start(kind: ServerKind): Promise<Running> {
  if (kind === 'droplink') {
    const { startServer } = await import('../../server/app');
    const { loadConfig } = await import('../../server/config');
    const running = await startServer(loadConfig(process.env));
    return { url: running.url.replace(/\/+$/, ''), close: () => running.close() };
  }
  const listening =
    kind === 'reference'
      ? await (await import('./reference-server')).startReferenceServer(0)
      : await (await import('./ws-fanout-server')).startWsFanoutServer(0);
  return { url: `${kind === 'ws' ? 'ws' : 'http'}://127.0.0.1:${listening.port}`, close: () => listening.close() };
}

async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage();
}

const kind = process.argv[2] as ServerKind;
start(kind).then(
  (running) => {
    serveRequests(async (message) => {
      if (message.type === 'memory') {
        const { rss, heapUsed, external } = await settledMemory();
        return { type: 'memory', rss, heapUsed, external };
      }
      if (message.type === 'close') {
        await running.close().finally(() => process.exit(0));
      }
      return null;
    });
    process.send?.({ type: 'listening', url: running.url });
  },
  (error: unknown) => {
    replyError(error);
    process.exit(1);
  },
);
