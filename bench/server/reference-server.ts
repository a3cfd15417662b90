/**
 * The reference: the example server of the original guide (ORIGINAL-GUIDE.md section 5), with the
 * same behaviour: `joinRoom` joins a Socket.IO room, `sendMessage` broadcasts `receiveMessage` to
 * everyone in the room (the sender included), no authentication, nothing stored. The guide mounts
 * an Express app on the HTTP server; it serves no routes, so a bare HTTP server behaves the same.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

interface SendMessage {
  roomId: string;
  message: string;
  senderId: string;
}

export function startReferenceServer(port: number): Promise<ListeningServer> {
  const server = createServer();
  const io = new Server(server);

  io.on('connection', (socket) => {
    console.log('User connected', socket.id);

    socket.on('joinRoom', (roomId: string) => {
      void socket.join(roomId);
    });

    socket.on('sendMessage', ({ roomId, message, senderId }: SendMessage) => {
      io.to(roomId).emit('receiveMessage', { message, senderId, timestamp: new Date() });
    });

    socket.on('disconnect', () => {
      console.log('User disconnected', socket.id);
    });
  });

  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({ port: (server.address() as AddressInfo).port, close: () => io.close() });
    });
  });
}
