/**
 * main/electron/local-server.ts against a utilityProcess stand-in that records what fork() was
 * given and lets the test play the child's part (messages, output, exit).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_SERVER_FAILED, LOCAL_SERVER_READY, LOCAL_SERVER_STOP } from '../../../main/local-server/messages';
import type { Logger } from '../../../main/ports';
import { loadConfig } from '../../../server/config';

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const { PassThrough } = await import('node:stream');
  class FakeUtilityProcess extends EventEmitter {
    readonly stdout: NodeJS.ReadWriteStream | null;
    readonly stderr: NodeJS.ReadWriteStream | null;
    readonly posted: unknown[] = [];
    killed = false;
    /** What kill() does; by default the child exits like a killed process. */
    onKill: () => void = () => this.exit(15);
    constructor(
      readonly modulePath: string,
      readonly args: string[],
      readonly options: { cwd?: string; env?: Record<string, string>; stdio?: unknown; serviceName?: string },
    ) {
      super();
      const piped = Array.isArray(options.stdio) ? options.stdio : [options.stdio, options.stdio, options.stdio];
      this.stdout = piped[1] === 'pipe' ? new PassThrough() : null;
      this.stderr = piped[2] === 'pipe' ? new PassThrough() : null;
    }
    postMessage(message: unknown): void {
      this.posted.push(message);
    }
    kill(): boolean {
      this.killed = true;
      this.onKill();
      return true;
    }
    /** The child says something to main. */
    say(message: unknown): void {
      this.emit('message', message);
    }
    exit(code: number): void {
      this.emit('exit', code);
    }
  }
  const forks: FakeUtilityProcess[] = [];
  return {
    forks,
    module: {
      utilityProcess: {
        fork: (modulePath: string, args: string[], options: ConstructorParameters<typeof FakeUtilityProcess>[2]) => {
          const child = new FakeUtilityProcess(modulePath, args, options);
          forks.push(child);
          return child;
        },
      },
    },
  };
});
vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const { localServerProcess, LOCAL_SERVER_LOG_FILE } = await import('../../../main/electron/local-server');

type Child = (typeof fake.forks)[number];

let root: string;
let warnings: string[];
const log: Logger = { info: () => undefined, warn: (message) => void warnings.push(message), error: (message) => void warnings.push(message) };
const LEAKY = {
  DATABASE_URL: 'postgres://attacker@evil.example/db',
  REDIS_URL: 'redis://evil.example:6379',
  JWT_SECRET: 'attacker-known-secret-0123456789',
  NODE_OPTIONS: '--inspect',
};
const saved: Record<string, string | undefined> = {};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'droplink-local-server-'));
  warnings = [];
  fake.forks.length = 0;
  for (const [name, value] of Object.entries(LEAKY)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

/** An installed app's layout: the entry lives inside app.asar, which is a file, not a folder. */
function layout() {
  return {
    entryFile: path.join(root, 'Droplink', 'resources', 'app.asar', 'out', 'main', 'local-server.js'),
    dataDir: path.join(root, 'userData', 'local-server'),
    logsDir: path.join(root, 'userData', 'logs'),
  };
}

function lastChild(): Child {
  const child = fake.forks.at(-1);
  if (!child) throw new Error('utilityProcess.fork was not called');
  return child;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('localServerProcess', () => {
  it('forks the entry with its cwd in the data folder (created), never inside app.asar', () => {
    const paths = layout();
    void localServerProcess({ ...paths, log }).endpoint();
    const child = lastChild();
    expect(fake.forks).toHaveLength(1);
    expect(child.modulePath).toBe(paths.entryFile);
    expect(child.args).toEqual([]);
    expect(child.options.serviceName).toBe('Droplink local server');
    expect(child.options.cwd).toBe(paths.dataDir);
    expect(child.options.cwd?.split(path.sep).some((part) => part.endsWith('.asar'))).toBe(false);
    expect(existsSync(paths.dataDir)).toBe(true);
  });

  it('passes an explicit environment: only the whitelist, nothing exported by the user leaks in', () => {
    void localServerProcess({ ...layout(), log }).endpoint();
    const env = lastChild().options.env ?? {};
    const expected = ['ALLOWED_HOSTS', 'CLIENT_SECRET', 'DATA_DIR', 'HOST', 'LOG_LEVEL', 'NODE_ENV', 'PORT'];
    const osVariables = Object.keys(env).filter((name) => !expected.includes(name));
    expect(osVariables.every((name) => ['TMPDIR', 'SystemRoot', 'windir', 'TEMP', 'TMP'].includes(name))).toBe(true);
    for (const name of Object.keys(LEAKY)) expect(env).not.toHaveProperty(name);
    expect(JSON.stringify(env)).not.toContain('evil.example');
    expect(env).toMatchObject({ DATA_DIR: layout().dataDir, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'production', ALLOWED_HOSTS: 'self', LOG_LEVEL: 'warn' });
    // And the server accepts it as its whole configuration.
    expect(loadConfig(env)).toMatchObject({ databaseUrl: null, redisUrl: null, jwtSecret: null, allowedHosts: 'self' });
  });

  it('makes a random secret at each launch and gives main the same one the server got', async () => {
    const server = localServerProcess({ ...layout(), log });
    const first = server.endpoint();
    const child = lastChild();
    const secret = child.options.env?.CLIENT_SECRET ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    child.say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:41234' });
    await expect(first).resolves.toEqual({ url: 'http://127.0.0.1:41234', clientSecret: secret });

    child.exit(1);
    const second = server.endpoint();
    const relaunched = lastChild();
    expect(relaunched).not.toBe(child);
    const secondSecret = relaunched.options.env?.CLIENT_SECRET;
    expect(secondSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secondSecret).not.toBe(secret);
    relaunched.say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:5000' });
    await expect(second).resolves.toEqual({ url: 'http://127.0.0.1:5000', clientSecret: secondSecret });
  });

  it('starts once: every caller gets the same endpoint while it runs', async () => {
    const server = localServerProcess({ ...layout(), log });
    const a = server.endpoint();
    const b = server.endpoint();
    expect(a).toBe(b);
    lastChild().say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:1' });
    await a;
    expect(server.endpoint()).toBe(a);
    expect(fake.forks).toHaveLength(1);
  });

  it('pipes stdout and stderr into <logs>/local-server.log, appended across launches', async () => {
    const paths = layout();
    const server = localServerProcess({ ...paths, log });
    void server.endpoint().catch(() => undefined);
    const child = lastChild();
    expect(child.options.stdio).toEqual(['ignore', 'pipe', 'pipe']);
    child.stdout?.write('listening on http://127.0.0.1:1\n');
    child.stderr?.write('a warning from pino\n');
    const file = path.join(paths.logsDir, LOCAL_SERVER_LOG_FILE);
    await until(() => existsSync(file) && readFileSync(file, 'utf8').includes('a warning from pino'), 'the log file');
    child.exit(1);
    void server.endpoint().catch(() => undefined);
    lastChild().stderr?.write('second launch\n');
    await until(() => readFileSync(file, 'utf8').includes('second launch'), 'the second launch in the log');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('listening on http://127.0.0.1:1');
    expect(text).toContain('exited with code 1');
    expect(text.indexOf('a warning from pino')).toBeLessThan(text.indexOf('second launch'));
    // The secret is never written to the log.
    expect(text).not.toContain(fake.forks[0]?.options.env?.CLIENT_SECRET ?? '<none>');
  });

  it('a FAILED report rejects with its reason, and the next call starts again', async () => {
    const server = localServerProcess({ ...layout(), log });
    const attempt = server.endpoint();
    lastChild().say({ type: LOCAL_SERVER_FAILED, error: 'EADDRINUSE' });
    await expect(attempt).rejects.toThrow(/EADDRINUSE/);
    lastChild().exit(1);
    const retry = server.endpoint();
    expect(fake.forks).toHaveLength(2);
    lastChild().say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:2' });
    await expect(retry).resolves.toMatchObject({ url: 'http://127.0.0.1:2' });
  });

  it('an exit before READY rejects; an exit after it is logged and the next call relaunches', async () => {
    const server = localServerProcess({ ...layout(), log });
    const attempt = server.endpoint();
    lastChild().exit(3);
    await expect(attempt).rejects.toThrow(/code 3/);
    const running = server.endpoint();
    lastChild().say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:3' });
    await running;
    lastChild().exit(9);
    expect(warnings.some((w) => w.includes('exited with code 9'))).toBe(true);
    void server.endpoint();
    expect(fake.forks).toHaveLength(3);
  });

  it('ignores messages that are not the protocol', async () => {
    const server = localServerProcess({ ...layout(), log });
    const attempt = server.endpoint();
    const child = lastChild();
    child.say({ type: LOCAL_SERVER_READY });
    child.say('ready');
    child.say(null);
    child.say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:4' });
    await expect(attempt).resolves.toMatchObject({ url: 'http://127.0.0.1:4' });
  });

  it('gives up on a server that never reports, and kills it', async () => {
    const server = localServerProcess({ ...layout(), log, startTimeoutMs: 30 });
    const attempt = server.endpoint();
    await expect(attempt).rejects.toThrow(/did not start within 30 ms/);
    expect(lastChild().killed).toBe(true);
  });

  it('stop() asks for a graceful shutdown and waits for the exit', async () => {
    const server = localServerProcess({ ...layout(), log });
    const running = server.endpoint();
    const child = lastChild();
    child.say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:5' });
    await running;
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    expect(child.posted).toEqual([{ type: LOCAL_SERVER_STOP }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    child.exit(0);
    await stopping;
    expect(child.killed).toBe(false);
    // A deliberate stop is not reported as a crash.
    expect(warnings).toEqual([]);
  });

  it('stop() kills a server that does not exit within the grace period', async () => {
    const server = localServerProcess({ ...layout(), log, stopGraceMs: 30 });
    void server.endpoint();
    const child = lastChild();
    child.say({ type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:6' });
    await server.stop();
    expect(child.killed).toBe(true);
  });

  it('stop() without a running server does nothing', async () => {
    await localServerProcess({ ...layout(), log }).stop();
    expect(fake.forks).toHaveLength(0);
  });
});
