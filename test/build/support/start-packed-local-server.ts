import { fork, type ChildProcess } from 'node:child_process';
import { LOCAL_SERVER_READY, LOCAL_SERVER_STOP, type LocalServerCommand, type LocalServerMessage } from '../../../main/local-server/messages';

/**
 * Loaded with `node --import` before the entry: the `process.parentPort` Electron's
 * utilityProcess provides, carried over the IPC channel of child_process.fork().
 */
const PARENT_PORT_STAND_IN = `
import { EventEmitter } from 'node:events';
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send?.(message);
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
process.parentPort = parentPort;
`;
const STAND_IN_URL = `data:text/javascript,${encodeURIComponent(PARENT_PORT_STAND_IN)}`;

/** A local server started from a packed app's files, and how to stop it. */
export interface RunningLocalServer {
  url: string;
  output: () => string;
  /** Asks it to shut down as main does (LOCAL_SERVER_STOP over parentPort); resolves with its exit code, killing it after `graceMs`. */
  stop: (graceMs?: number) => Promise<number | null>;
}

/**
 * Starts `entryFile` the way main's utilityProcess.fork does: its own process with a
 * `process.parentPort`, only the given environment, and `cwd` (a writable directory outside the
 * app); resolves on its READY message, rejects on FAILED, exit or timeout.
 */
export function startPackedLocalServer(entryFile: string, cwd: string, env: Record<string, string>, timeoutMs: number): Promise<RunningLocalServer> {
  const child = fork(entryFile, [], { cwd, env, execArgv: ['--import', STAND_IN_URL], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const stop = (graceMs = 10_000) => stopProcess(child, graceMs);
  return new Promise<RunningLocalServer>((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      void stopProcess(child, 1_000).then(() => reject(new Error(`${reason}\n--- local server output ---\n${output}`)));
    };
    const timer = setTimeout(() => fail(`no READY from the local server within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`the local server exited (code ${code}, signal ${signal}) before READY`));
    child.once('error', (err) => fail(`the local server could not start: ${err.message}`));
    child.on('message', (message: LocalServerMessage) => {
      if (message.type !== LOCAL_SERVER_READY) return fail(`the local server reported failure: ${message.error}`);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: message.url, output: () => output, stop });
    });
  });
}

function stopProcess(child: ChildProcess, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise<number | null>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(force);
      resolve(code);
    });
    const command: LocalServerCommand = { type: LOCAL_SERVER_STOP };
    if (child.connected) child.send(command);
    else child.kill('SIGTERM');
  });
}
