/**
 * The benchmark end to end in its quick mode (BENCH_QUICK=1) against the reference and Droplink on
 * PGlite: it finishes, prints its tables, and its last line is the JSON with counted deliveries.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const RUN_TIMEOUT_MS = 8 * 60_000;

interface Step {
  step: string;
  sent: number;
  expectedDeliveries: number;
  deliveries: number;
  deliveriesPerSecond: number;
  deliveredPercent: number;
  p50Ms: number | null;
  p99Ms: number | null;
  ratioToReference: number | null;
}

interface Report {
  error: string | null;
  main: Step | null;
  sweep: Step[];
  memory: { connected: number; heapKBPerSocket: number; rssKBPerSocket: number } | null;
  storm: { sockets: number; ok: number; ms: number } | null;
}

describe('npm run bench:server (quick)', () => {
  it(
    'measures the reference and Droplink on PGlite and ends with one JSON line',
    async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/server/run.ts'], {
        cwd: root,
        env: { ...process.env, BENCH_QUICK: '1', BENCH_SERVERS: 'reference,droplink-pglite' },
        timeout: RUN_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      });
      const lines = stdout.trimEnd().split('\n');
      expect(lines.some((line) => line.startsWith('## Droplink on PGlite'))).toBe(true);
      const summary = JSON.parse(lines.at(-1)!) as {
        quick: boolean;
        clients: number;
        roomSize: number;
        servers: Record<string, Report>;
        met: Record<string, unknown>;
      };
      expect(summary).toMatchObject({ quick: true, clients: 200, roomSize: 10 });
      expect(Object.keys(summary.servers)).toEqual(['reference', 'droplink-pglite']);
      expect(Object.keys(summary.met)).toEqual(['droplink-pglite']);

      for (const [name, report] of Object.entries(summary.servers)) {
        expect(report.error, name).toBeNull();
        expect(report.sweep.map((s) => s.step)).toEqual(['sweep 200/s', 'sweep 400/s', 'sweep 800/s', 'sweep 1600/s']);
        for (const step of [report.main!, ...report.sweep]) {
          expect(step.sent, `${name} ${step.step}`).toBeGreaterThan(0);
          expect(step.expectedDeliveries).toBe(step.sent * summary.roomSize);
          expect(step.deliveries, `${name} ${step.step}`).toBeGreaterThan(0);
          expect(step.deliveries).toBeLessThanOrEqual(step.expectedDeliveries);
          expect(step.deliveredPercent).toBeCloseTo((step.deliveries / step.expectedDeliveries) * 100, 1);
          expect(step.deliveriesPerSecond).toBeGreaterThan(0);
          expect(step.p50Ms).not.toBeNull();
          expect(step.p99Ms!).toBeGreaterThanOrEqual(step.p50Ms!);
          expect(step.ratioToReference).not.toBeNull();
        }
        expect(report.memory?.connected).toBe(400);
        expect(report.storm).toMatchObject({ sockets: 400, ok: 400 });
        expect(report.storm!.ms).toBeGreaterThan(0);
      }
      expect(summary.servers.reference!.main!.ratioToReference).toBe(1);
    },
    RUN_TIMEOUT_MS + 30_000,
  );
});
