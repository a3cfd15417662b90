import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SessionEndReason } from '../../common/protocol';

interface SocketData {
  userId: string;
  /** The claims of the socket's token, so a revocation or the token's expiry can end it. */
  tokenId: string;
  generation: number;
  /** Unix seconds. */
  expiresAt: number;
  /** The user's rooms when the connection was authenticated. */
  initialRoomIds: string[];
}

/**
 * Tokens no longer count: one (`tokenId`) or all the user's below a generation. Sent to every node
 * (`serverSideEmit`), each ending its own matching sockets.
 */
export interface SessionRevocation {
  userId: string;
  reason: SessionEndReason;
  tokenId?: string;
  belowGeneration?: number;
}

interface InterServerEvents {
  'sessions:revoked': (revocation: SessionRevocation) => void;
}

export type DroplinkServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DroplinkSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
