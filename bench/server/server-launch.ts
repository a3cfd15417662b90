/**
 * Starts one server under test in its own process (server-child.ts). Droplink gets a fresh
 * temporary data directory, on PostgreSQL also a fresh database, both removed when it stops.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IpcPeer } from '../support/ipc-peer';
import { createBenchDatabase, type BenchDatabase } from './postgres-database';
import { kindOf, SERVER_LABELS, type ServerTarget } from './server-kinds';

const SERVER_SCRIPT = new URL('./server-child.ts', import.meta.url).pathname;
const START_TIMEOUT_MS = 120_000;

/**
 * Droplink's limits sized for the benchmark's offered load (8,000 msgs/s over 1,000 users is 80
 * per user per 10 s; every user registers from 127.0.0.1). Set in the environment to override.
 * The write budget follows RATE_LIMIT_MESSAGES; the other budgets' defaults cover the load.
 */
const DROPLINK_BENCH_LIMITS: Record<string, string> = {
  RATE_LIMIT_MESSAGES: '1000000',
  RATE_LIMIT_LOGINS: '1000000',
  RATE_LIMIT_REGISTRATIONS: '1000000',
  RATE_LIMIT_LOGINS_PER_ADDRESS: '1000000',
};

type ServerMemory = {
  rss: number;
  heapUsed: number;
  external: number;
};

export interface LaunchedServer {
  url: string;
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
  /** Ends the server at once and removes its data (the deadline). */
  kill(): Promise<void>;
}

export async function launchServer(target: ServerTarget, options: { postgresUrl: string; logLevel: string; cpuProfileDir?: string }): Promise<LaunchedServer> {
  const kind = kindOf(target);
  let database: BenchDatabase | null = null;
  let dataDir: string | null = null;
  const cleanUp = async (): Promise<void> => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const env: Record<string, string> = {};
  if (kind === 'droplink') {
    if (target === 'droplink-postgres') database = await createBenchDatabase(options.postgresUrl);
    dataDir = mkdtempSync(path.join(tmpdir(), 'droplink-bench-'));
    Object.assign(env, DROPLINK_BENCH_LIMITS, {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      JWT_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: options.logLevel,
      REDIS_URL: '',
      CLIENT_SECRET: '',
      ALLOWED_HOSTS: '',
    });
    for (const name of Object.keys(DROPLINK_BENCH_LIMITS)) if (process.env[name]) env[name] = process.env[name];
  }
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(options.cpuProfileDir, target)] : [];
  const peer = IpcPeer.start(SERVER_SCRIPT, [kind], SERVER_LABELS[target], env, profile);
  try {
    const { url } = await peer.request<{ type: string; url: string }>(null, 'listening', START_TIMEOUT_MS);
    return {
      url,
      memory: () => peer.request<ServerMemory & { type: string }>({ type: 'memory' }, 'memory', 60_000),
      stop: () => peer.stop().finally(cleanUp),
      kill: async () => {
        peer.kill();
        await cleanUp();
      },
    };
  } catch (error) {
    peer.kill();
    await cleanUp();
    throw error;
  }
}
