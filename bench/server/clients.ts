/**
 * One benchmark client connection per server kind, behind one interface: join a room, send a text,
 * hear every text broadcast to its rooms, and (Droplink) fetch the room list. Droplink is spoken
 * with the real protocol (`messages:send` with an ack, `message:new` pushes, `rooms:list`).
 */
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import WebSocket from 'ws';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../common/protocol';
import type { ServerKind } from './server-kinds';

const CONNECT_TIMEOUT_MS = 30_000;

/** Outcome of one send: null when stored (Droplink's ok ack), else the error code. */
export type SendOutcome = string | null;

export interface BenchConnection {
  join(roomId: string): void;
  /** `onAck` is called only by servers that acknowledge (Droplink). */
  send(roomId: string, senderId: string, text: string, onAck: (outcome: SendOutcome) => void): void;
  onText(listener: (text: string) => void): void;
  /** Droplink: `rooms:list`; the reference and ws have nothing like it and resolve at once. */
  fetchRooms(): Promise<void>;
  close(): void;
}

function socketIoOpen(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error('connect timed out'));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`connect_error: ${error.message}`));
    });
  });
}

const socketOptions = { transports: ['websocket'], reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS };

async function connectReference(url: string): Promise<BenchConnection> {
  const socket = io(url, socketOptions);
  await socketIoOpen(socket);
  return {
    join: (roomId) => void socket.emit('joinRoom', roomId),
    send: (roomId, senderId, text) => void socket.emit('sendMessage', { roomId, message: text, senderId }),
    onText: (listener) => void socket.on('receiveMessage', (payload: { message: string }) => listener(payload.message)),
    fetchRooms: async () => undefined,
    close: () => void socket.disconnect(),
  };
}

async function connectWs(url: string): Promise<BenchConnection> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out')), CONNECT_TIMEOUT_MS);
    socket.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  socket.on('error', () => undefined); // a reset during shutdown; the counts tell the story
  return {
    join: (roomId) => socket.send(JSON.stringify({ type: 'join', roomId })),
    send: (roomId, senderId, text) => socket.send(JSON.stringify({ type: 'send', roomId, message: text, senderId })),
    onText: (listener) => void socket.on('message', (data) => listener((JSON.parse((data as Buffer).toString('utf8')) as { message: string }).message)),
    fetchRooms: async () => undefined,
    close: () => socket.terminate(),
  };
}

type DroplinkSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function connectDroplink(url: string, token: string): Promise<BenchConnection> {
  const socket: DroplinkSocket = io(url, { ...socketOptions, auth: { token } });
  await socketIoOpen(socket);
  return {
    join: () => undefined, // members are subscribed to their rooms when they connect
    send: (roomId, _senderId, text, onAck) =>
      void socket.emit('messages:send', { roomId, clientId: uuidv7(), body: text }, (ack: Ack<'messages:send'>) => onAck(ack.ok ? null : ack.error.code)),
    onText: (listener) => void socket.on('message:new', (message) => listener(message.body)),
    fetchRooms: async () => {
      const ack = (await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('rooms:list', {})) as Ack<'rooms:list'>;
      if (!ack.ok) throw new Error(`rooms:list: ${ack.error.code}`);
    },
    close: () => void socket.disconnect(),
  };
}

export function connectClient(kind: ServerKind, url: string, token: string | undefined): Promise<BenchConnection> {
  if (kind === 'reference') return connectReference(url);
  if (kind === 'ws') return connectWs(url);
  if (!token) throw new Error('a Droplink client needs a token');
  return connectDroplink(url, token);
}
