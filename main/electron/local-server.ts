import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { LocalServerPort, Logger } from '../ports';
import { LOCAL_SERVER_READY, type LocalServerMessage } from '../local-server/messages';

/**
 * The bundled Droplink server for "no server configured": forked on first use as a utility
 * process (its own process; main never runs server code itself), PGlite data in the profile.
 */
export function localServerProcess(entryFile: string, dataDir: string, log: Logger): LocalServerPort & { stop(): void } {
  let child: UtilityProcess | null = null;
  let url: Promise<string> | null = null;
  const start = (): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const proc = utilityProcess.fork(entryFile, [], {
        serviceName: 'Droplink local server',
        cwd: path.dirname(entryFile),
        env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
        stdio: 'inherit',
      });
      child = proc;
      proc.on('message', (message: LocalServerMessage) => {
        if (message.type === LOCAL_SERVER_READY) resolve(message.url);
        else reject(new Error(message.error));
      });
      proc.once('exit', (code) => {
        child = null;
        url = null;
        reject(new Error(`local server exited with code ${code}`));
        log.warn(`local server exited with code ${code}`);
      });
    });
  return {
    url() {
      url ??= start();
      return url;
    },
    stop() {
      child?.kill();
      child = null;
    },
  };
}
