/**
 * Runs one Droplink server in a process of its own, so that a test can kill it abruptly
 * (SIGKILL: no graceful shutdown). Configured by its environment like the real server;
 * `argv[2]` is the startServer options as JSON. Prints `{"url": ...}` on one line once it listens.
 * Started by `spawnServerProcess` in test-server.ts.
 */
import { startServer, type ServerOptions } from '../../server/app';
import { loadConfig } from '../../server/config';

const options = JSON.parse(process.argv[2] ?? '{}') as ServerOptions;
startServer(loadConfig(process.env), options).then(
  (server) => process.stdout.write(`${JSON.stringify({ url: server.url })}\n`),
  (error: unknown) => {
    process.stderr.write(`server-process: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
