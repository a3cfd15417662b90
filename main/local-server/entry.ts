/**
 * Entry of the local server's utility process (built to out/main/local-server.js): starts the
 * real Droplink server from server/ with the environment main gave it, reports its URL, and
 * shuts it down gracefully (sockets closed, database flushed) when main asks or on SIGTERM.
 */
import { startServer, type RunningServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { LOCAL_SERVER_FAILED, LOCAL_SERVER_READY, LOCAL_SERVER_STOP, type LocalServerMessage } from './messages';

const report = (message: LocalServerMessage): void => process.parentPort.postMessage(message);
const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

let running: RunningServer | null = null;
let stopRequested = false;

function stop(): void {
  if (stopRequested) return;
  stopRequested = true;
  // Still starting: the start's own continuation closes it.
  if (!running) return;
  running.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`local server: shutdown failed: ${describe(err)}\n`);
      process.exit(1);
    },
  );
}

process.parentPort.on('message', (event: { data: unknown }) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === LOCAL_SERVER_STOP) stop();
});
process.on('SIGTERM', stop);

async function start(): Promise<void> {
  try {
    running = await startServer(loadConfig(process.env));
  } catch (err) {
    process.stderr.write(`local server: failed to start: ${describe(err)}\n`);
    report({ type: LOCAL_SERVER_FAILED, error: describe(err) });
    process.exit(1);
  }
  process.stdout.write(`local server listening on ${running.url}\n`);
  if (stopRequested) {
    stopRequested = false;
    stop();
    return;
  }
  report({ type: LOCAL_SERVER_READY, url: running.url });
}

void start();
