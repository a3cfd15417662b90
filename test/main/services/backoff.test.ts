import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../main/services/backoff';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with bounded jitter', () => {
    const options = { initialMs: 100, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const jittered = backoffDelay(3, { ...options, jitter: 0.5 }, () => 0);
    expect(jittered).toBe(400);
  });
});
