/** What the benchmark reports per server, the targets of issue 8, and the ratios to the reference. */
import { ratio, type StepFigures } from './metrics';
import type { ServerTarget } from './server-kinds';

export interface StepReport extends StepFigures {
  step: string;
  /** deliveries/s over the reference's in the same step of the same run. */
  ratioToReference: number | null;
  /** Sends with no ack after the settle wait (they were still loading the server). */
  unsettled: number;
  sendMs: number;
}

interface MemoryReport {
  sockets: number;
  connected: number;
  failed: number;
  /** (JS heap + external memory) growth after GC, per connected socket. */
  heapKBPerSocket: number;
  rssKBPerSocket: number;
}

interface StormReport {
  sockets: number;
  ok: number;
  failed: number;
  /** From the common start until the last socket was connected and had its room list. */
  ms: number;
  firstError: string | null;
}

export interface ServerReport {
  target: ServerTarget;
  label: string;
  error: string | null;
  setupMs: number;
  loadSockets: { ok: number; failed: number; firstError: string | null } | null;
  memory: MemoryReport | null;
  storm: StormReport | null;
  main: StepReport | null;
  sweep: StepReport[];
}

export const TARGETS = {
  postgresRatio: 0.7,
  postgresP99Ms: 100,
  pgliteRatio: 0.3,
  heapKBPerSocket: 20,
  stormMs: 5000,
} as const;

/** Fills in each step's ratio to the reference's step of the same name. */
export function addRatios(reports: ServerReport[]): void {
  const reference = reports.find((r) => r.target === 'reference' && r.error === null);
  const referenceStep = (name: string): StepReport | undefined => [reference?.main, ...(reference?.sweep ?? [])].find((s) => s?.step === name) ?? undefined;
  for (const report of reports) {
    for (const step of [report.main, ...report.sweep]) {
      if (step) step.ratioToReference = ratio(step.deliveriesPerSecond, referenceStep(step.step)?.deliveriesPerSecond);
    }
  }
}

export type TargetsMet = Partial<Record<ServerTarget, { deliveries: boolean; memory: boolean; storm: boolean }>>;

export function targetsMet(reports: ServerReport[]): TargetsMet {
  const met: TargetsMet = {};
  for (const report of reports) {
    if (report.target !== 'droplink-pglite' && report.target !== 'droplink-postgres') continue;
    const main = report.main;
    const wanted = report.target === 'droplink-postgres' ? TARGETS.postgresRatio : TARGETS.pgliteRatio;
    const p99Ok = report.target === 'droplink-pglite' || (main?.p99Ms !== null && (main?.p99Ms ?? Infinity) <= TARGETS.postgresP99Ms);
    met[report.target] = {
      deliveries: main !== null && (main.ratioToReference ?? 0) >= wanted && p99Ok,
      memory: report.memory !== null && report.memory.heapKBPerSocket <= TARGETS.heapKBPerSocket,
      storm: report.storm !== null && report.storm.failed === 0 && report.storm.ms <= TARGETS.stormMs,
    };
  }
  return met;
}
