import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { UNAUTHORIZED_CONNECT_ERROR, type User } from '../../common/protocol';
import { bearerToken } from '../auth/authenticate';
import { SessionGate } from '../auth/session-gate';
import { clientSecretAccepted } from '../auth/client-secret';
import type { AppContext } from '../context';
import { roomIdsOfUser } from '../services/membership';
import { Broadcaster } from './broadcaster';
import { roomChannel, userChannel } from './channels';
import type { RealtimeDeps } from './deps';
import { EVENT_GROUPS } from './event-groups';
import { bindHandlers, InFlight, type HandlerTable } from './handler';
import { messageHandlers } from './handlers/messages';
import { previewHandlers } from './handlers/previews';
import { pinHandlers } from './handlers/pins';
import { presenceHandlers } from './handlers/presence';
import { receiptHandlers } from './handlers/receipts';
import { roomNotifyHandlers } from './handlers/room-notify';
import { roomHandlers } from './handlers/rooms';
import { typingHandlers } from './handlers/typing';
import { userHandlers } from './handlers/users';
import { LinkPreviewWorker } from '../previews/preview-worker';
import { PresenceLifecycle } from './presence-lifecycle';
import { announceUserUpdated } from './user-updates';
import { SessionEndings } from './session-endings';
import { SocketCap } from './socket-cap';
import type { DroplinkServer, SessionRevocation } from './types';

/** The `connect_error` message for a user who has `SOCKETS_PER_USER` sockets on this node already. */
const TOO_MANY_SOCKETS_CONNECT_ERROR = 'rate_limited';

/** Socket.IO's limit for one incoming packet; no valid event comes near it. */
const MAX_PACKET_BYTES = 1_000_000;

export interface RealtimeServer {
  /** Refuses new connections and events, lets running ones finish, disconnects this node's sockets. */
  close(): Promise<void>;
  /** Pushes `user:updated` for a profile changed outside a socket event (the avatar routes). */
  userUpdated(user: User): Promise<void>;
  /** Ends the revoked tokens' sockets on every node (call once the revocation is stored). */
  sessionsRevoked(revocation: SessionRevocation): void;
}

export function startSocketServer(
  httpServer: HttpServer,
  ctx: AppContext,
  redis: { pub: Redis; sub: Redis; /** The adapter's channel prefix; unset: Socket.IO's default. */ adapterKey?: string } | null,
  /** ALLOWED_HOSTS: handshakes with another Host header are refused with HTTP 403. */
  allowsHost: (host: string | undefined) => boolean = () => true,
): RealtimeServer {
  const inFlight = new InFlight();
  const io: DroplinkServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_PACKET_BYTES,
    serveClient: false,
    allowRequest: (request, callback) => callback(null, !inFlight.draining && allowsHost(request.headers.host)),
    ...(redis ? { adapter: createAdapter(redis.pub, redis.sub, redis.adapterKey ? { key: redis.adapterKey } : {}) } : {}),
  });
  const broadcaster = new Broadcaster(io);
  const presence = new PresenceLifecycle(ctx, broadcaster);
  const previews = new LinkPreviewWorker({
    config: ctx.config.linkPreviews,
    db: ctx.db,
    logger: ctx.logger,
    publish: (message) => broadcaster.message('message:updated', message),
  });
  const deps: RealtimeDeps = { ctx, broadcaster, presence, previews };
  const handlers: HandlerTable = {
    ...roomHandlers(deps),
    ...messageHandlers(deps),
    ...previewHandlers(deps),
    ...pinHandlers(deps),
    ...roomNotifyHandlers(deps),
    ...receiptHandlers(deps),
    ...typingHandlers(deps),
    ...presenceHandlers(deps),
    ...userHandlers(deps),
  };

  const socketCap = new SocketCap(ctx.config.limits.socketsPerUser, (userId) => io.of('/').adapter.rooms.get(userChannel(userId))?.size ?? 0);
  const sessionGate = new SessionGate(ctx.db);
  const sessionEndings = new SessionEndings(io, sessionGate, ctx.logger, redis !== null);
  io.use((socket, next) => {
    const { auth, headers } = socket.handshake;
    const given = auth as { token?: unknown; clientSecret?: unknown } | undefined;
    if (!clientSecretAccepted(ctx.config.clientSecret, given?.clientSecret)) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
    const token = given?.token ?? bearerToken(headers.authorization);
    const authenticate = async () => {
      const claims = await ctx.tokens.verify(token);
      if (!claims || !(await sessionGate.accepts(claims))) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
      const { userId, tokenId, generation, expiresAt } = claims;
      const release = socketCap.reserve(userId);
      if (!release) return next(new Error(TOO_MANY_SOCKETS_CONNECT_ERROR));
      try {
        socket.data = { userId, tokenId, generation, expiresAt, initialRoomIds: await roomIdsOfUser(ctx.db, userId) };
        next();
      } finally {
        // Socket.IO connects the socket (which joins its user channel) a tick after next().
        setImmediate(release);
      }
    };
    authenticate().catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'socket authentication failed');
      next(new Error('internal'));
    });
  });

  io.on('connection', (socket) => {
    const { userId, initialRoomIds } = socket.data;
    // Handlers are bound synchronously so that no event sent right after connecting is lost.
    void socket.join([userChannel(userId), ...initialRoomIds.map(roomChannel)]);
    bindHandlers(socket, handlers, inFlight, ctx.logger, (event, user) => ctx.rateLimits.events[EVENT_GROUPS[event]].consume(user));
    const report = (what: string) => (error: unknown) => ctx.logger.error({ err: error, userId }, what);
    const cancelExpiry = sessionEndings.expireAt(socket);
    sessionEndings.recheck(socket).catch(report('session re-check failed'));
    void inFlight.track(presence.deviceConnected(userId, socket.id, initialRoomIds).catch(report('presence connect failed')));
    socket.on('disconnect', () => {
      cancelExpiry();
      void inFlight.track(presence.deviceDisconnected(userId, socket.id).catch(report('presence disconnect failed')));
    });
  });

  return {
    userUpdated: (user) => announceUserUpdated(ctx, broadcaster, user),
    sessionsRevoked: (revocation) => sessionEndings.revoked(revocation),
    async close() {
      await inFlight.drain();
      // `local`: only this node's sockets; the others stay with their nodes.
      io.local.disconnectSockets(true);
      await inFlight.drain();
      await previews.close();
      await presence.close();
      // io.close() closes the HTTP server too, which waits for its keep-alive connections (up to
      // Fastify's 72 s keep-alive timeout when one is not idle yet); Fastify's own close, next,
      // would destroy them anyway (forceCloseConnections).
      httpServer.closeAllConnections();
      // Resolves once the HTTP server is closed too (an error only means it was closed already).
      await io.close();
    },
  };
}
