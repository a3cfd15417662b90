/**
 * main/local-server/entry.ts in its own process, the way utilityProcess runs it: a
 * `process.parentPort` stand-in over fork()'s IPC channel, cwd in the data folder, and exactly
 * the environment main builds for it. Proves the environment is enough to run the real server,
 * that the secret and Host check are on, and that main's stop command shuts it down cleanly.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET_HEADER } from '../../../common/protocol';
import { LOCAL_SERVER_FAILED, LOCAL_SERVER_READY, LOCAL_SERVER_STOP, type LocalServerMessage } from '../../../main/local-server/messages';
import { localServerEnv } from '../../../main/services/local-server-env';
import { DEFAULT_PASSWORD, http, uniqueName } from '../../support/protocol-client';

const ENTRY = fileURLToPath(new URL('../../../main/local-server/entry.ts', import.meta.url));
const PARENT_PORT_STAND_IN = `
import { EventEmitter } from 'node:events';
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send?.(message);
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
process.parentPort = parentPort;
`;
const EXEC_ARGV = ['--import', import.meta.resolve('tsx'), '--import', `data:text/javascript,${encodeURIComponent(PARENT_PORT_STAND_IN)}`];

interface Launched {
  child: ChildProcess;
  dataDir: string;
  clientSecret: string;
  output: () => string;
  message: Promise<LocalServerMessage>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

function launch(envPatch: Record<string, string> = {}): Launched {
  const root = mkdtempSync(path.join(os.tmpdir(), 'droplink-entry-'));
  dirs.push(root);
  const dataDir = path.join(root, 'local-server');
  mkdirSync(dataDir);
  const clientSecret = randomBytes(32).toString('base64url');
  const env = { ...localServerEnv({ dataDir, clientSecret, logLevel: 'warn', platform: process.platform, parentEnv: process.env }), ...envPatch };
  const child = fork(ENTRY, [], { cwd: dataDir, env, execArgv: EXEC_ARGV, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const message = new Promise<LocalServerMessage>((resolve, reject) => {
    child.once('message', (m: LocalServerMessage) => resolve(m));
    void exit.then(({ code }) => reject(new Error(`exited with ${code} before reporting: ${output}`)));
  });
  return { child, dataDir, clientSecret, output: () => output, message, exit };
}

async function ready(server: Launched): Promise<string> {
  const message = await server.message;
  if (message.type !== LOCAL_SERVER_READY) throw new Error(`the local server failed: ${message.error}\n${server.output()}`);
  return message.url;
}

describe('the local server entry', () => {
  it('runs the real server on the environment main builds: loopback, secret required, stops on command', async () => {
    const server = launch();
    const url = await ready(server);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const body = { username: uniqueName('entry'), password: DEFAULT_PASSWORD };
    expect((await http({ url }, 'POST', '/api/auth/register', { json: body })).status).toBe(403);
    expect((await http({ url }, 'POST', '/api/auth/register', { json: body, headers: { [CLIENT_SECRET_HEADER]: server.clientSecret } })).status).toBe(201);
    expect((await http({ url }, 'POST', '/api/auth/login', { json: body, headers: { [CLIENT_SECRET_HEADER]: server.clientSecret } })).status).toBe(200);
    // The embedded database lives in the data folder main chose (its cwd), nowhere else.
    expect(existsSync(path.join(server.dataDir, 'db'))).toBe(true);

    const command = { type: LOCAL_SERVER_STOP };
    server.child.send(command);
    expect(await server.exit).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('shuts down gracefully on SIGTERM as well', async () => {
    if (process.platform === 'win32') return; // no POSIX signals to send
    const server = launch();
    await ready(server);
    server.child.kill('SIGTERM');
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toContain('shutdown failed');
  }, 60_000);

  it('reports a bad configuration as FAILED, naming the variable, and exits 1', async () => {
    const server = launch({ CLIENT_SECRET: 'too-short' });
    const message = await server.message;
    expect(message.type).toBe(LOCAL_SERVER_FAILED);
    expect(message.type === LOCAL_SERVER_FAILED && message.error).toContain('CLIENT_SECRET');
    expect((await server.exit).code).toBe(1);
  }, 60_000);
});
