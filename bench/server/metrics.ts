/** The figures of one load step, from the counts the load generators report. */

/** What the load generators counted in one step, merged. */
export interface StepCounts {
  offeredRate: number;
  durationMs: number;
  roomSize: number;
  /** Messages emitted by the clients. */
  sent: number;
  /** Broadcasts received at the members' sockets (the sender's own included) within the step and its drain. */
  latenciesMs: number[];
  /** Last delivery counted, ms after the step started (0: none). */
  lastDeliveryMs: number;
  /** Droplink only: acks by outcome at the end of the drain. */
  acked: number;
  failed: Record<string, number>;
  pending: number;
}

export interface StepFigures {
  offeredPerSecond: number;
  sent: number;
  expectedDeliveries: number;
  deliveries: number;
  deliveriesPerSecond: number;
  deliveredPercent: number;
  p50Ms: number | null;
  p99Ms: number | null;
  acked: number;
  failed: Record<string, number>;
  pending: number;
}

/** Nearest-rank percentile of an unsorted list; null for an empty one. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Every member of a room, the sender included, should receive each message once, so a step expects
 * `sent × roomSize` deliveries. Deliveries per second divide by the sending time, or by the time to
 * the last delivery when that is later (a server that falls behind spreads them out).
 */
export function stepFigures(counts: StepCounts): StepFigures {
  const deliveries = counts.latenciesMs.length;
  const expectedDeliveries = counts.sent * counts.roomSize;
  const seconds = Math.max(counts.durationMs, counts.lastDeliveryMs) / 1000;
  const p50 = percentile(counts.latenciesMs, 50);
  const p99 = percentile(counts.latenciesMs, 99);
  return {
    offeredPerSecond: counts.offeredRate,
    sent: counts.sent,
    expectedDeliveries,
    deliveries,
    deliveriesPerSecond: seconds > 0 ? Math.round(deliveries / seconds) : 0,
    deliveredPercent: expectedDeliveries > 0 ? round((deliveries / expectedDeliveries) * 100, 1) : 0,
    p50Ms: p50 === null ? null : round(p50, 1),
    p99Ms: p99 === null ? null : round(p99, 1),
    acked: counts.acked,
    failed: counts.failed,
    pending: counts.pending,
  };
}

/** `value / reference`, two decimals; null when either is missing or the reference is 0. */
export function ratio(value: number | undefined, reference: number | undefined): number | null {
  if (value === undefined || reference === undefined || reference === 0) return null;
  return round(value / reference, 2);
}
