import { describe, expect, it } from 'vitest';
import { loadBenchConfig } from '../../../bench/server/bench-config';

describe('loadBenchConfig', () => {
  it('runs the full load on every server by default', () => {
    const config = loadBenchConfig({});
    expect(config).toMatchObject({ quick: false, clients: 1000, mainRate: 4000, sweepRates: [1000, 2000, 4000, 8000], cpuProfileDir: undefined });
    expect(config.targets).toHaveLength(4);
  });

  it('takes the sweep as a list of rates, or none', () => {
    expect(loadBenchConfig({ BENCH_SWEEP: '1000, 4000' }).sweepRates).toEqual([1000, 4000]);
    expect(loadBenchConfig({ BENCH_SWEEP: 'none' }).sweepRates).toEqual([]);
    expect(loadBenchConfig({ BENCH_QUICK: '1' }).sweepRates).toEqual([200, 400, 800, 1600]);
  });

  it('refuses a rate that is not a whole positive number, and an unknown server', () => {
    expect(() => loadBenchConfig({ BENCH_SWEEP: '1000,fast' })).toThrow(/BENCH_SWEEP/);
    expect(() => loadBenchConfig({ BENCH_SERVERS: 'reference,nginx' })).toThrow(/unknown server "nginx"/);
  });

  it('passes a profile directory through', () => {
    expect(loadBenchConfig({ BENCH_CPU_PROF_DIR: '/tmp/prof' }).cpuProfileDir).toBe('/tmp/prof');
  });
});
