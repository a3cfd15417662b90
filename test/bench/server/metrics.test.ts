import { describe, expect, it } from 'vitest';
import { percentile, ratio, stepFigures, type StepCounts } from '../../../bench/server/metrics';

const counts = (overrides: Partial<StepCounts>): StepCounts => ({
  offeredRate: 10,
  durationMs: 1000,
  roomSize: 10,
  sent: 10,
  latenciesMs: [],
  lastDeliveryMs: 0,
  acked: 0,
  failed: {},
  pending: 0,
  ...overrides,
});

describe('bench metrics', () => {
  it('expects every member of the room (the sender too) to receive each message once', () => {
    // 10 messages into rooms of 10: 100 deliveries expected, 95 arrived.
    const figures = stepFigures(counts({ latenciesMs: Array.from({ length: 95 }, (_, i) => i + 1), lastDeliveryMs: 900 }));
    expect(figures.expectedDeliveries).toBe(100);
    expect(figures.deliveries).toBe(95);
    expect(figures.deliveredPercent).toBe(95);
    expect(figures.deliveriesPerSecond).toBe(95);
  });

  it('spreads deliveries over the time to the last one when a server falls behind', () => {
    const figures = stepFigures(counts({ latenciesMs: Array.from({ length: 100 }, () => 5), lastDeliveryMs: 4000 }));
    expect(figures.deliveredPercent).toBe(100);
    expect(figures.deliveriesPerSecond).toBe(25);
  });

  it('reports nothing delivered as 0% with no latency', () => {
    const figures = stepFigures(counts({ failed: { internal: 10 } }));
    expect(figures).toMatchObject({ deliveries: 0, deliveredPercent: 0, deliveriesPerSecond: 0, p50Ms: null, p99Ms: null, failed: { internal: 10 } });
  });

  it('takes nearest-rank percentiles of unsorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('gives no ratio without a reference figure', () => {
    expect(ratio(300, 1000)).toBe(0.3);
    expect(ratio(300, 0)).toBeNull();
    expect(ratio(300, undefined)).toBeNull();
  });
});
