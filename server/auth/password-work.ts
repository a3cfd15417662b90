import pLimit, { type LimitFunction } from 'p-limit';
import { RateLimitedError } from '../rate-limits';

/**
 * Runs password hashing (argon2, CPU and memory heavy) at most `concurrency` at a time, with at
 * most `queueMax` waiting; past that a request is refused with `rate_limited` at once instead of
 * piling up behind the others.
 */
export class PasswordWork {
  private readonly limit: LimitFunction;

  constructor(
    private readonly concurrency: number,
    private readonly queueMax: number,
  ) {
    this.limit = pLimit(concurrency);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.activeCount + this.limit.pendingCount >= this.concurrency + this.queueMax) {
      return Promise.reject(new RateLimitedError('the server is busy checking passwords; try again in a second', 1));
    }
    return this.limit(work);
  }
}
