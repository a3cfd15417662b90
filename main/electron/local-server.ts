import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import { LOCAL_SERVER_FAILED, LOCAL_SERVER_READY, LOCAL_SERVER_STOP, type LocalServerCommand, type LocalServerMessage } from '../local-server/messages';
import type { LocalServerEndpoint, LocalServerPort, Logger } from '../ports';
import { localServerEnv, type LocalServerLogLevel } from '../services/local-server-env';
import { openRotatingLogFile, type RotatingLogFile } from '../services/rotating-log-file';

export const LOCAL_SERVER_LOG_FILE = 'local-server.log';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
/** 32 random bytes, base64url: 43 characters, above the server's CLIENT_SECRET minimum. */
const SECRET_BYTES = 32;

export interface LocalServerOptions {
  /** out/main/local-server.js (inside app.asar when packaged). */
  entryFile: string;
  /** The server's DATA_DIR and the process's working directory (a real folder, never inside the asar). */
  dataDir: string;
  /** The profile's logs folder (app.getPath('logs')): the server's output goes to local-server.log there. */
  logsDir: string;
  log: Logger;
  logLevel?: LocalServerLogLevel;
  /** Main's environment, of which only the OS variables the server needs are passed on. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
  startTimeoutMs?: number;
  stopGraceMs?: number;
}

export interface LocalServerProcess extends LocalServerPort {
  /** Asks the server to shut down gracefully; kills it if it has not exited after a grace period. */
  stop(): Promise<void>;
}

const isMessage = (value: unknown): value is LocalServerMessage =>
  typeof value === 'object' &&
  value !== null &&
  (((value as { type?: unknown }).type === LOCAL_SERVER_READY && typeof (value as { url?: unknown }).url === 'string') ||
    ((value as { type?: unknown }).type === LOCAL_SERVER_FAILED && typeof (value as { error?: unknown }).error === 'string'));

/**
 * The bundled Droplink server for "no server configured": forked on first use as a utility
 * process (its own process; main never runs server code itself), PGlite data in the profile.
 * Each start gets a new random client secret, so only this app can sign in or connect to it.
 */
export function localServerProcess(options: LocalServerOptions): LocalServerProcess {
  const { entryFile, dataDir, logsDir, log } = options;
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;
  let child: UtilityProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let endpoint: Promise<LocalServerEndpoint> | null = null;
  let output: RotatingLogFile | null = null;

  const writeOutput = (line: string): void => output?.write(`[${new Date().toISOString()}] ${line}\n`);

  const start = (): Promise<LocalServerEndpoint> =>
    new Promise<LocalServerEndpoint>((resolve, reject) => {
      const clientSecret = randomBytes(SECRET_BYTES).toString('base64url');
      mkdirSync(dataDir, { recursive: true });
      output ??= openRotatingLogFile(path.join(logsDir, LOCAL_SERVER_LOG_FILE), {
        onError: (err) => log.warn('local server: cannot write its log file', err),
      });
      writeOutput(`main: starting ${entryFile}`);
      const proc = utilityProcess.fork(entryFile, [], {
        serviceName: 'Droplink local server',
        cwd: dataDir,
        env: localServerEnv({
          dataDir,
          clientSecret,
          logLevel: options.logLevel ?? 'warn',
          platform: process.platform,
          parentEnv: options.parentEnv ?? process.env,
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      for (const stream of [proc.stdout, proc.stderr]) stream?.on('data', (chunk: Buffer | string) => output?.write(chunk));

      let settled = false;
      const fail = (reason: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new Error(reason));
      };
      const timer = setTimeout(() => {
        fail(`the local server did not start within ${startTimeoutMs} ms`);
        proc.kill();
      }, startTimeoutMs);

      proc.on('message', (message: unknown) => {
        if (!isMessage(message)) return;
        if (message.type === LOCAL_SERVER_FAILED) return fail(`the local server failed to start: ${message.error}`);
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        writeOutput(`main: local server ready at ${message.url}`);
        resolve({ url: message.url, clientSecret });
      });
      proc.on('error', (type: string, location: string) => {
        writeOutput(`main: local server fatal error ${type} at ${location}`);
        log.error(`local server fatal error ${type} at ${location}`);
      });
      exited = new Promise<void>((done) => {
        proc.once('exit', (code: number) => {
          if (child === proc) {
            child = null;
            // The next endpoint() starts a new one (with a new secret).
            endpoint = null;
            log.warn(`local server exited with code ${code}`);
          }
          writeOutput(`main: local server exited with code ${code}`);
          fail(`the local server exited with code ${code}`);
          done();
        });
      });
    });

  return {
    endpoint() {
      endpoint ??= start().catch((err: unknown) => {
        endpoint = null;
        throw err;
      });
      return endpoint;
    },
    async stop() {
      const proc = child;
      child = null;
      endpoint = null;
      if (proc) {
        const stopped = exited;
        const command: LocalServerCommand = { type: LOCAL_SERVER_STOP };
        proc.postMessage(command);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const forced = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            writeOutput(`main: local server did not stop within ${stopGraceMs} ms; killing it`);
            proc.kill();
            resolve();
          }, stopGraceMs);
        });
        await Promise.race([stopped, forced]);
        clearTimeout(timer);
      }
      output?.close();
      output = null;
    },
  };
}
