import { mkdir, readFile } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { resolveJwtSecret } from './auth/jwt-secret';
import { TokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import { installErrorHandling, sendError } from './http/errors';
import { HostGuard } from './http/host-guard';
import { authRoutes } from './http/routes/auth';
import { avatarRoutes } from './http/routes/avatars';
import { fileRoutes } from './http/routes/files';
import { healthRoutes } from './http/routes/health';
import { previewRoutes } from './http/routes/previews';
import { uploadRoutes } from './http/routes/uploads';
import { userRoutes } from './http/routes/users';
import { ProtocolError } from '../common/protocol';
import { createLogger, type Logger } from './logger';
import { MemoryPresence } from './presence/memory-presence';
import type { PresenceTracker } from './presence/presence-tracker';
import { RedisPresence, type PresenceTimings } from './presence/redis-presence';
import { createRateLimits } from './rate-limits';
import { startSocketServer } from './realtime/socket-server';
import { startUploadCleanup } from './services/upload-cleanup';
import { openStorage, type Storage } from './storage/database';

export interface RunningServer {
  /** http://host:port */
  url: string;
  port: number;
  /** Graceful shutdown: stops accepting, lets running sends finish, closes sockets, storage and Redis. */
  close(): Promise<void>;
}

/** Settings that do not come from the environment: for embedding the server and for tests. */
export interface ServerOptions {
  /**
   * Namespace of this cluster's presence keys and Socket.IO adapter channel in Redis, so
   * that several clusters can share one Redis; every node of a cluster uses the same.
   * Unset: `droplink` for presence and Socket.IO's default channel.
   */
  redisKeyPrefix?: string;
  /** Heartbeat and dead-node sweep intervals of Redis presence (defaults: DEFAULT_PRESENCE_TIMINGS). */
  presenceTimings?: Partial<PresenceTimings>;
}

/** JSON bodies are small (credentials); uploads are multipart and limited separately. */
const JSON_BODY_LIMIT = 64 * 1024;
const REDIS_CONNECT_TIMEOUT_MS = 10_000;

async function readVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  return z.object({ version: z.string() }).parse(JSON.parse(text)).version;
}

interface RedisClients {
  pub: Redis;
  sub: Redis;
}

async function connectRedis(url: string, logger: Logger): Promise<RedisClients> {
  const pub = new Redis(url, { connectTimeout: REDIS_CONNECT_TIMEOUT_MS, lazyConnect: true });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (error) => logger.error({ err: error }, 'redis connection error'));
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    throw error;
  }
  return { pub, sub };
}

/** Closes what was opened, newest first, without letting one failure skip the rest. */
class Resources {
  private readonly closers: Array<() => Promise<unknown>> = [];

  add(closer: () => Promise<unknown>): void {
    this.closers.push(closer);
  }

  async closeAll(logger: Logger): Promise<void> {
    for (const closer of this.closers.splice(0).reverse()) {
      await closer().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    }
  }
}

export async function startServer(config: ServerConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const resources = new Resources();
  try {
    await mkdir(config.dataDir, { recursive: true });
    const [version, jwtSecret] = await Promise.all([readVersion(), resolveJwtSecret(config.jwtSecret, config.dataDir)]);

    const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : null;
    if (redis) resources.add(async () => Promise.allSettled([redis.pub.quit(), redis.sub.quit()]));

    const storage: Storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, poolMax: config.databasePoolMax });
    resources.add(() => storage.close());

    let presence: PresenceTracker;
    if (redis) {
      const tracker = new RedisPresence(redis.pub, {
        keyPrefix: options.redisKeyPrefix,
        timings: options.presenceTimings,
        logger,
      });
      resources.add(() => tracker.close());
      await tracker.start();
      presence = tracker;
    } else {
      presence = new MemoryPresence();
      resources.add(() => presence.close());
    }

    const ctx: AppContext = {
      config,
      version,
      logger,
      storage,
      db: storage.db,
      tokens: new TokenService(jwtSecret, config.tokenTtlSeconds),
      presence,
      rateLimits: createRateLimits(config, redis?.pub ?? null),
    };
    const uploadCleanup = startUploadCleanup(storage.db, {
      dataDir: config.dataDir,
      unattachedGraceMs: config.uploadUnattachedGraceMs,
      intervalMs: config.uploadCleanupIntervalMs,
      logger,
    });
    resources.add(() => uploadCleanup.stop());

    // Typed as Fastify's own logger interface, so that routes get the plain FastifyInstance type.
    const fastifyLogger: FastifyBaseLogger = logger;
    const app = Fastify({
      loggerInstance: fastifyLogger,
      bodyLimit: JSON_BODY_LIMIT,
      trustProxy: false,
      return503OnClosing: true,
      // Keep-alive connections (a finished download, say) must not hold a shutdown open.
      forceCloseConnections: true,
    });
    resources.add(() => app.close());
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-content-type-options', 'nosniff');
    });
    installErrorHandling(app);
    const hostGuard = new HostGuard(config.allowedHosts, config.host);
    app.addHook('onRequest', async (request, reply) => {
      if (hostGuard.allows(request.headers.host)) return;
      // 421 Misdirected Request: this server does not answer for that name.
      return sendError(reply, new ProtocolError('forbidden', 'this server does not answer for that host'), 421);
    });
    await app.register(multipart, {
      limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
    });
    healthRoutes(app, ctx);
    // `realtime` (below) is set before any request is served.
    authRoutes(app, ctx, (revocation) => realtime.sessionsRevoked(revocation));
    userRoutes(app, ctx);
    uploadRoutes(app, ctx);
    fileRoutes(app, ctx);
    previewRoutes(app, ctx);
    // Requests are served only after listen(), by when `realtime` below is set.
    avatarRoutes(app, ctx, (user) => realtime.userUpdated(user));

    await app.ready();
    const realtime = startSocketServer(
      app.server,
      ctx,
      redis && { ...redis, adapterKey: options.redisKeyPrefix && `${options.redisKeyPrefix}:socket.io` },
      (host) => hostGuard.allows(host),
    );
    resources.add(() => realtime.close());

    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    hostGuard.bind(port);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;

    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      port,
      close: () => (closing ??= resources.closeAll(logger)),
    };
  } catch (error) {
    await resources.closeAll(logger);
    throw error;
  }
}
