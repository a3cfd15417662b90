import os from 'node:os';
import { z } from 'zod';

/** Per-user budgets of socket events, each per `EVENT_BUDGET_WINDOW_SECONDS`. */
export interface EventBudgets {
  /** Creating and changing things: send, edit, delete, react, rooms:create/dm/join/leave/invite/update. */
  writes: number;
  /** Fetching: rooms:list/browse, messages:history/sync/changes, receipts:list, users:get. */
  reads: number;
  searches: number;
  /** receipts:delivered and receipts:read. */
  receipts: number;
  /** typing and presence:set. */
  signals: number;
}

export interface LimitsConfig {
  events: EventBudgets;
  /** Sockets one user may hold open on one node; more are refused at the handshake. */
  socketsPerUser: number;
  /** Accounts registered per address per `REGISTRATIONS_WINDOW_SECONDS`. */
  registrationsPerAddress: number;
  /** Login attempts per address (any username) per `RATE_LIMIT_LOGINS_WINDOW_SECONDS`. */
  loginsPerAddress: number;
  /** Password hashes computed at once; more wait in a queue of `passwordHashQueue`, beyond it `rate_limited`. */
  passwordHashConcurrency: number;
  passwordHashQueue: number;
}

export const EVENT_BUDGET_WINDOW_SECONDS = 10;
export const REGISTRATIONS_WINDOW_SECONDS = 60 * 60;
const DEFAULT_WRITES = 120;

function integer(min: number, max: number) {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, allowed).transform(Number).pipe(z.number().int().min(min, allowed).max(max, allowed));
}

const budget = () => integer(1, 1_000_000);

/** The environment variables of the limits; spread into the server's env schema. */
export const LIMITS_ENV = {
  RATE_LIMIT_WRITES: budget().optional(),
  RATE_LIMIT_READS: budget().default(600),
  RATE_LIMIT_SEARCHES: budget().default(10),
  RATE_LIMIT_RECEIPTS: budget().default(120),
  RATE_LIMIT_SIGNALS: budget().default(30),
  SOCKETS_PER_USER: integer(1, 10_000).default(20),
  RATE_LIMIT_REGISTRATIONS: budget().default(20),
  RATE_LIMIT_LOGINS_PER_ADDRESS: budget().default(100),
  PASSWORD_HASH_CONCURRENCY: integer(1, 256).default(Math.max(1, os.availableParallelism() - 1)),
  PASSWORD_HASH_QUEUE: integer(0, 100_000).default(32),
};

type LimitsEnv = z.output<z.ZodObject<typeof LIMITS_ENV>>;

export function limitsConfig(env: LimitsEnv, rateLimitMessages: number): LimitsConfig {
  return {
    events: {
      // Sends are writes too, so the write budget never undercuts the message budget.
      writes: env.RATE_LIMIT_WRITES ?? Math.max(DEFAULT_WRITES, 2 * rateLimitMessages),
      reads: env.RATE_LIMIT_READS,
      searches: env.RATE_LIMIT_SEARCHES,
      receipts: env.RATE_LIMIT_RECEIPTS,
      signals: env.RATE_LIMIT_SIGNALS,
    },
    socketsPerUser: env.SOCKETS_PER_USER,
    registrationsPerAddress: env.RATE_LIMIT_REGISTRATIONS,
    loginsPerAddress: env.RATE_LIMIT_LOGINS_PER_ADDRESS,
    passwordHashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
    passwordHashQueue: env.PASSWORD_HASH_QUEUE,
  };
}
