/** The benchmark's load, from the environment: the full run of issue 8, or a quick one (BENCH_QUICK=1). */
import { SERVER_TARGETS, type ServerTarget } from './server-kinds';

export interface BenchConfig {
  quick: boolean;
  /** One socket per user; users are grouped into rooms of `roomSize`. */
  clients: number;
  roomSize: number;
  mainRate: number;
  mainMs: number;
  sweepRates: number[];
  sweepMs: number;
  /** A step at a quarter of the main rate before the main step, not reported. */
  warmUpMs: number;
  /** After the last send, how long deliveries still count. */
  drainMs: number;
  /** Then, how long to wait for a server's outstanding acks before the next step. */
  settleMs: number;
  /** Idle sockets per user for the memory figure and the reconnect storm. */
  idleSocketsPerUser: number;
  generators: number;
  targets: ServerTarget[];
  postgresUrl: string;
  droplinkLogLevel: string;
  /** When set (BENCH_CPU_PROF_DIR), every server under test writes a V8 CPU profile there. */
  cpuProfileDir: string | undefined;
  /** The whole benchmark gives up after this long (exit 2). */
  deadlineMs: number;
}

const FULL = {
  clients: 1000,
  mainRate: 4000,
  mainMs: 8000,
  sweepRates: [1000, 2000, 4000, 8000],
  sweepMs: 4000,
  warmUpMs: 2000,
  drainMs: 5000,
  settleMs: 20_000,
  deadlineMs: 25 * 60_000,
};
const QUICK = {
  clients: 200,
  mainRate: 800,
  mainMs: 2000,
  sweepRates: [200, 400, 800, 1600],
  sweepMs: 1000,
  warmUpMs: 500,
  drainMs: 2000,
  settleMs: 5000,
  deadlineMs: 5 * 60_000,
};

function targetsFrom(value: string | undefined): ServerTarget[] {
  if (!value?.trim()) return [...SERVER_TARGETS];
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(SERVER_TARGETS as readonly string[]).includes(name)) throw new Error(`BENCH_SERVERS: unknown server "${name}" (known: ${SERVER_TARGETS.join(', ')})`);
  }
  return SERVER_TARGETS.filter((target) => names.includes(target));
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${value}")`);
  return n;
}

/** BENCH_SWEEP: the sweep's rates (comma list), or `none` to skip it (e.g. for a profile of the main step). */
function sweepFrom(value: string | undefined, fallback: number[]): number[] {
  if (value === undefined || value.trim() === '') return fallback;
  if (value.trim() === 'none') return [];
  return value.split(',').map((rate) => positiveInteger('BENCH_SWEEP', rate.trim(), 1));
}

export function loadBenchConfig(env: Record<string, string | undefined>): BenchConfig {
  const quick = env.BENCH_QUICK === '1';
  return {
    quick,
    ...(quick ? QUICK : FULL),
    sweepRates: sweepFrom(env.BENCH_SWEEP, (quick ? QUICK : FULL).sweepRates),
    roomSize: 10,
    idleSocketsPerUser: 2,
    generators: positiveInteger('BENCH_GENERATORS', env.BENCH_GENERATORS, 2),
    targets: targetsFrom(env.BENCH_SERVERS),
    postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test',
    droplinkLogLevel: env.BENCH_LOG_LEVEL ?? 'silent',
    cpuProfileDir: env.BENCH_CPU_PROF_DIR || undefined,
  };
}
