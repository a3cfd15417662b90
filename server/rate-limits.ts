import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ProtocolError } from '../common/protocol';
import { RATE_LIMIT_LOGINS_WINDOW_SECONDS, RATE_LIMIT_MESSAGES_WINDOW_SECONDS, type ServerConfig } from './config';

/** A `rate_limited` failure that knows when the client may try again. */
export class RateLimitedError extends ProtocolError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

class RateLimit {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly what: string,
  ) {}

  /** Counts one attempt for `key`; throws `RateLimitedError` when over the limit. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new RateLimitedError(`too many ${this.what}; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

export interface RateLimits {
  messages: RateLimit;
  logins: RateLimit;
}

/** In Redis when there is one (shared by all nodes, with an in-memory fallback if Redis fails), else in memory. */
export function createRateLimits(config: ServerConfig, redis: Redis | null): RateLimits {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `droplink:${keyPrefix}`, points, duration, insuranceLimiter: memory }) : memory;
  };
  return {
    messages: new RateLimit(make('messages', config.rateLimitMessages, RATE_LIMIT_MESSAGES_WINDOW_SECONDS), 'messages'),
    logins: new RateLimit(make('logins', config.rateLimitLogins, RATE_LIMIT_LOGINS_WINDOW_SECONDS), 'login attempts'),
  };
}
