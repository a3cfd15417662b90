import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ProtocolError, type ErrorInfo } from '../common/protocol';
import { RATE_LIMIT_LOGINS_WINDOW_SECONDS, RATE_LIMIT_MESSAGES_WINDOW_SECONDS, type ServerConfig } from './config';
import { EVENT_BUDGET_WINDOW_SECONDS, REGISTRATIONS_WINDOW_SECONDS, type EventBudgets } from './limits-config';

/** A `rate_limited` failure that knows when the client may try again. */
export class RateLimitedError extends ProtocolError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }

  override toInfo(): ErrorInfo {
    return { ...super.toInfo(), retryAfterSeconds: this.retryAfterSeconds };
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

export type EventGroup = keyof EventBudgets;

export interface RateLimits {
  messages: RateLimit;
  logins: RateLimit;
  /** Per user, one budget per group of socket events. */
  events: Record<EventGroup, RateLimit>;
  /** Per address: accounts created, and login attempts whatever the username. */
  registrations: RateLimit;
  loginsPerAddress: RateLimit;
}

/** In Redis when there is one (shared by all nodes, with an in-memory fallback if Redis fails), else in memory. */
export function createRateLimits(config: ServerConfig, redis: Redis | null): RateLimits {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!redis) return memory;
    // A key over its budget is then refused from memory until its window ends: a flood costs Redis nothing.
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `droplink:${keyPrefix}`,
      points,
      duration,
      insuranceLimiter: memory,
      inMemoryBlockOnConsumed: points,
    });
  };
  const { limits } = config;
  const budget = (group: EventGroup, what: string) => new RateLimit(make(`events:${group}`, limits.events[group], EVENT_BUDGET_WINDOW_SECONDS), what);
  return {
    messages: new RateLimit(make('messages', config.rateLimitMessages, RATE_LIMIT_MESSAGES_WINDOW_SECONDS), 'messages'),
    logins: new RateLimit(make('logins', config.rateLimitLogins, RATE_LIMIT_LOGINS_WINDOW_SECONDS), 'login attempts'),
    events: {
      writes: budget('writes', 'changes'),
      reads: budget('reads', 'requests'),
      searches: budget('searches', 'searches'),
      receipts: budget('receipts', 'receipts'),
      signals: budget('signals', 'typing and presence updates'),
    },
    registrations: new RateLimit(make('registrations', limits.registrationsPerAddress, REGISTRATIONS_WINDOW_SECONDS), 'accounts created from this address'),
    loginsPerAddress: new RateLimit(make('logins-per-address', limits.loginsPerAddress, RATE_LIMIT_LOGINS_WINDOW_SECONDS), 'login attempts from this address'),
  };
}
