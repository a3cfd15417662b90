/**
 * Starts real Droplink servers for the black-box protocol tests.
 *
 * Every server listens on an ephemeral port on 127.0.0.1 with a fresh temporary
 * DATA_DIR and, for the 'postgres' storage, a fresh database that is dropped on close.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer, type ServerOptions } from '../../server/app';
import { loadConfig } from '../../server/config';

export type Storage = 'pglite' | 'postgres';

/** The PostgreSQL database the tests connect to in order to create their own databases. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
/** The Redis server the cluster tests use. */
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type EnvOverrides = Record<string, string | undefined>;

export interface StartOptions {
  /** Extra or overriding env vars (RATE_LIMIT_MESSAGES, TOKEN_TTL, OFFLINE_GRACE_MS, REDIS_URL, ...). */
  env?: EnvOverrides;
  /** Reuse an existing DATA_DIR (not removed on close: its owner removes it). */
  dataDir?: string;
  /** Reuse an existing database (postgres only; not dropped on close: its owner drops it). */
  databaseUrl?: string;
  /**
   * Passed to startServer. With REDIS_URL and no `redisKeyPrefix`, the prefix is derived
   * from the database (or DATA_DIR), so the nodes of one test cluster share their Redis
   * keys and no other test's cluster sees them.
   */
  serverOptions?: ServerOptions;
}

/** The Redis key prefix of a test cluster whose nodes share `databaseUrl` (or `dataDir`). */
function testRedisKeyPrefix(databaseUrl: string | undefined, dataDir: string): string {
  const scope = databaseUrl ? new URL(databaseUrl).pathname.slice(1) : path.basename(dataDir);
  return `droplink-test:${scope}`;
}

export interface TestServer {
  readonly storage: Storage;
  /** Base URL, e.g. http://127.0.0.1:41234 (changes after restart()). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The database URL (postgres) or undefined (pglite). */
  readonly databaseUrl: string | undefined;
  /** The env the server was started with. */
  readonly env: Readonly<Record<string, string>>;
  /** The startServer options it was started with (with the derived Redis key prefix). */
  readonly serverOptions: Readonly<ServerOptions>;
  /** Stops the server process-internal listener and storage, keeping DATA_DIR and the database. */
  stop(): Promise<void>;
  /** Stops (if running) and starts again on the same DATA_DIR and database, on a new port. */
  restart(): Promise<void>;
  /** Stops the server and removes what this helper created (temp dir, database). Idempotent. */
  close(): Promise<void>;
}

const randomSuffix = (): string => `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

let pgReachable: Promise<boolean> | undefined;
/** True when the PostgreSQL admin database answers. Cached. */
export function postgresReachable(): Promise<boolean> {
  pgReachable ??= withAdmin(async (c) => {
    await c.query('SELECT 1');
    return true;
  }).catch(() => false);
  return pgReachable;
}

let redisReachableP: Promise<boolean> | undefined;
/** True when Redis answers PING at REDIS_TEST_URL. Cached. */
export function redisReachable(): Promise<boolean> {
  redisReachableP ??= new Promise<boolean>((resolve) => {
    const u = new URL(REDIS_TEST_URL);
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
  return redisReachableP;
}

/**
 * The storages to run storage-dependent suites against: always 'pglite', plus 'postgres'
 * when PostgreSQL is reachable. In CI a missing PostgreSQL is an error, never a silent skip.
 */
export async function storages(): Promise<Storage[]> {
  if (await postgresReachable()) return ['pglite', 'postgres'];
  if (process.env.CI) {
    throw new Error(`CI: PostgreSQL is not reachable at ${PG_ADMIN_URL}; the postgres suites must not be skipped`);
  }
  return ['pglite'];
}

/** Creates a fresh, empty database and returns its URL. */
export async function createTestDatabase(): Promise<{ url: string; name: string }> {
  const name = `droplink_t_${randomSuffix()}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), name };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Starts a real server. Always close() it in afterAll. */
export async function startTestServer(storage: Storage, opts: StartOptions = {}): Promise<TestServer> {
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async (): Promise<void> => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  };

  try {
    let dataDir = opts.dataDir;
    if (!dataDir) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-test-'));
      dataDir = dir;
      cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
    }
    let databaseUrl: string | undefined;
    if (storage === 'postgres') {
      databaseUrl = opts.databaseUrl;
      if (!databaseUrl) {
        const db = await createTestDatabase();
        databaseUrl = db.url;
        cleanups.push(() => dropTestDatabase(db.name));
      }
    }

    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      // Every test client comes from 127.0.0.1: per-address limits would make the suites share one
      // budget. test/server/auth-limits.test.ts sets them low to test them.
      RATE_LIMIT_REGISTRATIONS: '1000000',
      RATE_LIMIT_LOGINS_PER_ADDRESS: '1000000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }

    const serverOptions: ServerOptions = { ...opts.serverOptions };
    if (env.REDIS_URL) serverOptions.redisKeyPrefix ??= testRedisKeyPrefix(databaseUrl, dataDir);

    let handle: Awaited<ReturnType<typeof startServer>> | undefined = await startServer(loadConfig(env), serverOptions);
    let closed = false;
    const finalDataDir = dataDir;

    const stop = async (): Promise<void> => {
      const h = handle;
      handle = undefined;
      if (h) await h.close();
    };

    const server: TestServer = {
      storage,
      get url() {
        if (!handle) throw new Error('test server is stopped');
        return handle.url.replace(/\/+$/, '');
      },
      get port() {
        if (!handle) throw new Error('test server is stopped');
        return handle.port;
      },
      dataDir: finalDataDir,
      databaseUrl,
      env,
      serverOptions,
      stop,
      async restart() {
        await stop();
        handle = await startServer(loadConfig(env), serverOptions);
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await stop();
        } finally {
          await cleanup();
        }
      },
    };
    return server;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Closes every server given, ignoring undefined (a beforeAll that failed half way). */
export async function closeAll(...servers: Array<TestServer | undefined>): Promise<void> {
  const results = await Promise.allSettled(servers.map(async (s) => s?.close()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A Droplink server in a child process (test/support/server-process.ts). */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Sends the signal (default SIGKILL: no graceful shutdown) and resolves once the process is gone. Idempotent. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const SUPPORT_DIR = path.dirname(fileURLToPath(import.meta.url));
const SERVER_PROCESS_SCRIPT = path.join(SUPPORT_DIR, 'server-process.ts');

/**
 * Starts a server in a child process with exactly `env` (plus PATH) and `options`, e.g.
 * another node of a test cluster: `spawnServerProcess(nodeA.env, nodeA.serverOptions)`.
 * Its DATA_DIR and database belong to the caller.
 */
export async function spawnServerProcess(env: Readonly<Record<string, string>>, options: ServerOptions = {}, startTimeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_PROCESS_SCRIPT, JSON.stringify(options)], {
    cwd: path.resolve(SUPPORT_DIR, '../..'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`server process did not start in ${startTimeoutMs} ms: ${stderr}`)), startTimeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((l) => l.startsWith('{"url"'));
        if (!line) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url.replace(/\/+$/, ''));
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`server process exited before listening: ${stderr}`));
      });
    });
    return { url, pid: child.pid ?? -1, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
