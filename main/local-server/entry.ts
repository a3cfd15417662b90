/**
 * Entry of the local server's utility process (built to out/main/local-server.js): starts the
 * real Droplink server from server/ with the environment main gave it and reports its URL.
 */
import { startServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { LOCAL_SERVER_FAILED, LOCAL_SERVER_READY, type LocalServerMessage } from './messages';

const report = (message: LocalServerMessage): void => process.parentPort.postMessage(message);

startServer(loadConfig(process.env)).then(
  (server) => report({ type: LOCAL_SERVER_READY, url: server.url }),
  (err: unknown) => {
    report({ type: LOCAL_SERVER_FAILED, error: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  },
);
