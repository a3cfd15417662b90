import path from 'node:path';
import { z } from 'zod';
import { LIMITS_ENV, limitsConfig, type LimitsConfig } from './limits-config';
import { LINK_PREVIEWS_ENV, linkPreviewsConfig, type LinkPreviewsConfig } from './previews/previews-config';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path; created at start-up if missing. */
  dataDir: string;
  /** PostgreSQL connection string, or null for the embedded PGlite database in `dataDir/db`. */
  databaseUrl: string | null;
  /** null: generated once and kept in `dataDir/jwt-secret`. */
  jwtSecret: string | null;
  /** null: a single node, presence and rate limits kept in memory. */
  redisUrl: string | null;
  tokenTtlSeconds: number;
  uploadMaxBytes: number;
  /** Bytes of uploads one user may keep stored; an upload past it is refused (413 too_large). */
  uploadQuotaBytes: number;
  /** How often this node removes stale uploads (never attached, or of deleted messages). */
  uploadCleanupIntervalMs: number;
  /** How long an upload may stay unattached to a message before the clean-up removes it. */
  uploadUnattachedGraceMs: number;
  /** Messages per user per `RATE_LIMIT_MESSAGES_WINDOW_SECONDS`. */
  rateLimitMessages: number;
  /** Login attempts per username and IP per `RATE_LIMIT_LOGINS_WINDOW_SECONDS`. */
  rateLimitLogins: number;
  /** Per-user event budgets, sockets per user, per-address auth limits, password hashing at once. */
  limits: LimitsConfig;
  offlineGraceMs: number;
  /** Sends waiting for the group commit beyond which new sends are refused with `rate_limited`. */
  sendQueueMax: number;
  /**
   * Send batches committed side by side, each for its own share of the rooms (a room always goes
   * to the same lane, so its order holds). null: 4 on PostgreSQL, 1 on PGlite (one connection).
   */
  sendLanes: number | null;
  /** Most PostgreSQL connections this node opens. */
  databasePoolMax: number;
  logLevel: LogLevel;
  /**
   * null: anyone may register and log in. Set (the desktop app's local server): register, login
   * and the socket handshake must present it (`X-Droplink-Client-Secret`, `auth.clientSecret`).
   */
  clientSecret: string | null;
  /** null: any Host header is served. 'self': only this server's loopback names and bound port. */
  allowedHosts: AllowedHosts | null;
  /** LINK_PREVIEWS, LINK_PREVIEW_ALLOW. */
  linkPreviews: LinkPreviewsConfig;
}

export type AllowedHosts = 'self' | readonly string[];

export const RATE_LIMIT_MESSAGES_WINDOW_SECONDS = 10;
export const RATE_LIMIT_LOGINS_WINDOW_SECONDS = 15 * 60;
const JWT_SECRET_MIN_LENGTH = 16;
const CLIENT_SECRET_MIN_LENGTH = 32;
export const ALLOWED_HOSTS_SELF = 'self';

/** A bad environment variable; the message names it and says what is allowed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const MAX_PORT = 65_535;
const MAX_UPLOAD_BYTES = 2 ** 31 - 1;

function integer(min: number, max: number) {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, allowed).transform(Number).pipe(z.number().int().min(min, allowed).max(max, allowed));
}

function urlWithScheme(schemes: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
  );
}

/** host, host:port, [v6] or [v6]:port; lower-cased. */
const HOST_ENTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

const allowedHostsSchema = z
  .string()
  .transform((value): AllowedHosts => {
    if (value.toLowerCase() === ALLOWED_HOSTS_SELF) return ALLOWED_HOSTS_SELF;
    return value
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== '');
  })
  .refine(
    (hosts) => hosts === ALLOWED_HOSTS_SELF || (hosts.length > 0 && hosts.every((entry) => HOST_ENTRY.test(entry))),
    `must be "${ALLOWED_HOSTS_SELF}" or a comma-separated list of host or host:port (e.g. chat.example.com,10.0.0.5:4000)`,
  );

const EnvSchema = z.object({
  PORT: integer(0, MAX_PORT).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:']).optional(),
  JWT_SECRET: z.string().min(JWT_SECRET_MIN_LENGTH, `must be at least ${JWT_SECRET_MIN_LENGTH} characters (or unset to generate one)`).optional(),
  REDIS_URL: urlWithScheme(['redis:', 'rediss:']).optional(),
  TOKEN_TTL: z
    .string()
    .regex(/^[1-9]\d*[smhdw]$/, 'must be a positive number followed by s, m, h, d or w (e.g. 30d, 12h)')
    .transform((value) => Number(value.slice(0, -1)) * (TTL_UNITS[value.slice(-1)] ?? 1))
    .default(30 * 86_400),
  UPLOAD_MAX_BYTES: integer(1, MAX_UPLOAD_BYTES).default(25 * 1024 * 1024),
  UPLOAD_QUOTA_BYTES: integer(1, Number.MAX_SAFE_INTEGER).default(1024 * 1024 * 1024),
  UPLOAD_CLEANUP_INTERVAL_SECONDS: integer(1, 7 * 86_400).default(3600),
  UPLOAD_UNATTACHED_GRACE_SECONDS: integer(0, 365 * 86_400).default(86_400),
  RATE_LIMIT_MESSAGES: integer(1, 1_000_000).default(30),
  RATE_LIMIT_LOGINS: integer(1, 1_000_000).default(10),
  OFFLINE_GRACE_MS: integer(0, 9_999).default(5_000),
  SEND_QUEUE_MAX: integer(1, 1_000_000).default(10_000),
  SEND_LANES: integer(1, 64).optional(),
  DATABASE_POOL_MAX: integer(1, 1_000).default(10),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  CLIENT_SECRET: z
    .string()
    .min(CLIENT_SECRET_MIN_LENGTH, `must be at least ${CLIENT_SECRET_MIN_LENGTH} characters (or unset for open registration)`)
    .optional(),
  ALLOWED_HOSTS: allowedHostsSchema.optional(),
  ...LIMITS_ENV,
  ...LINK_PREVIEWS_ENV,
});

type EnvName = keyof typeof EnvSchema.shape;

/** Reads and validates the server's environment variables; throws `ConfigError` on a bad value. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const input: Partial<Record<EnvName, string>> = {};
  for (const name of Object.keys(EnvSchema.shape) as EnvName[]) {
    const value = env[name]?.trim();
    // An empty variable means "use the default", like an unset one.
    if (value) input[name] = value;
  }
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const shown =
      name === 'JWT_SECRET' || name === 'CLIENT_SECRET' || name === 'DATABASE_URL' || name === 'REDIS_URL' ? '' : ` (got "${input[name as EnvName] ?? ''}")`;
    throw new ConfigError(`Invalid ${name}: ${issue?.message ?? 'bad value'}${shown}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    jwtSecret: e.JWT_SECRET ?? null,
    redisUrl: e.REDIS_URL ?? null,
    tokenTtlSeconds: e.TOKEN_TTL,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadQuotaBytes: e.UPLOAD_QUOTA_BYTES,
    uploadCleanupIntervalMs: e.UPLOAD_CLEANUP_INTERVAL_SECONDS * 1000,
    uploadUnattachedGraceMs: e.UPLOAD_UNATTACHED_GRACE_SECONDS * 1000,
    rateLimitMessages: e.RATE_LIMIT_MESSAGES,
    rateLimitLogins: e.RATE_LIMIT_LOGINS,
    limits: limitsConfig(e, e.RATE_LIMIT_MESSAGES),
    offlineGraceMs: e.OFFLINE_GRACE_MS,
    sendQueueMax: e.SEND_QUEUE_MAX,
    sendLanes: e.SEND_LANES ?? null,
    databasePoolMax: e.DATABASE_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    clientSecret: e.CLIENT_SECRET ?? null,
    allowedHosts: e.ALLOWED_HOSTS ?? null,
    linkPreviews: linkPreviewsConfig(e),
  };
}
