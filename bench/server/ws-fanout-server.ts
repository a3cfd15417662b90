/**
 * A raw `ws` fan-out with the reference's behaviour and nothing else: a client joins rooms and
 * whatever it sends to a room goes to every socket in it. It shows what the transport alone costs
 * (no Socket.IO framing, no adapter). Wire: JSON text frames
 *   client -> server  {"type":"join","roomId"} | {"type":"send","roomId","message","senderId"}
 *   server -> client  {"message","senderId","timestamp"}
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ListeningServer } from './reference-server';

type ClientFrame = { type: 'join'; roomId: string } | { type: 'send'; roomId: string; message: string; senderId: string };

export function startWsFanoutServer(port: number): Promise<ListeningServer> {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });

  wss.on('connection', (socket) => {
    const joined = new Set<string>();
    socket.on('message', (data) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse((data as Buffer).toString('utf8')) as ClientFrame; // text frames arrive as a Buffer (binaryType nodebuffer)
      } catch {
        return;
      }
      if (frame.type === 'join') {
        let members = rooms.get(frame.roomId);
        if (!members) rooms.set(frame.roomId, (members = new Set()));
        members.add(socket);
        joined.add(frame.roomId);
      } else if (frame.type === 'send') {
        const out = JSON.stringify({ message: frame.message, senderId: frame.senderId, timestamp: new Date() });
        for (const member of rooms.get(frame.roomId) ?? []) member.send(out);
      }
    });
    socket.on('close', () => {
      for (const roomId of joined) rooms.get(roomId)?.delete(socket);
    });
  });

  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      resolve({
        port: (wss.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => done());
          }),
      });
    });
  });
}
