import type { TokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import type { Logger } from './logger';
import type { PresenceTracker } from './presence/presence-tracker';
import type { RateLimits } from './rate-limits';
import type { Database, Storage } from './storage/database';

/** What the HTTP routes and socket handlers share. */
export interface AppContext {
  config: ServerConfig;
  version: string;
  logger: Logger;
  storage: Storage;
  db: Database;
  tokens: TokenService;
  presence: PresenceTracker;
  rateLimits: RateLimits;
}
