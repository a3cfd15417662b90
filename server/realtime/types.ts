import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/protocol';

interface SocketData {
  userId: string;
  /** The user's rooms when the connection was authenticated. */
  initialRoomIds: string[];
}

export type DroplinkServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DroplinkSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
