/**
 * What the server sends is checked against common/protocol before main uses it: a real Socket.IO
 * server (not Droplink's: one that misbehaves on purpose) answers with malformed acks and pushes.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../common/protocol';
import { systemClock } from '../../../main/services/clock';
import { ConnectionService } from '../../../main/services/connection-service';
import { testLogger } from '../../harness/recording-ports';

const SECRET = 'TOP-SECRET-MESSAGE-BODY';
const ROOM = '00000000-0000-7000-8000-0000000000a1';
const USER = '00000000-0000-7000-8000-0000000000b1';

const message = (seq: number, body: string): Message => ({
  id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  roomId: ROOM,
  seq,
  senderId: USER,
  clientId: `00000000-0000-7000-9000-${String(seq).padStart(12, '0')}`,
  body,
  attachments: [],
  reactions: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  deletedAt: null,
});
const room = {
  id: ROOM,
  kind: 'channel',
  name: 'general',
  topic: null,
  memberIds: [USER],
  lastSeq: 1,
  unreadCount: 0,
  lastMessage: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** Per event: the ack this server answers with. */
const ACKS: Record<string, unknown> = {
  'rooms:list': { ok: true, rooms: [room] },
  'rooms:browse': { ok: true, rooms: [{ ...room, id: 'not-a-uuid', name: SECRET }] },
  'rooms:join': { ok: true },
  'messages:history': { ok: true, messages: [{ ...message(1, SECRET), seq: -1 }], hasMore: false },
  'receipts:list': { ok: false, error: { code: 'teapot', message: SECRET } },
  'users:get': SECRET,
  'rooms:leave': { ok: 'yes' },
  typing: { ok: false, error: { code: 'forbidden', message: 'not a member' } },
  'presence:set': { ok: true, extra: 'dropped' },
};

let http: HttpServer;
let io: Server;
let url = '';
let client: Socket | null = null;

beforeAll(async () => {
  http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  io.on('connection', (socket) => {
    client = socket;
    socket.onAny((event: string, _payload: unknown, ack?: (answer: unknown) => void) => ack?.(ACKS[event]));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
});

async function connected() {
  const log = testLogger('connection');
  const connection = new ConnectionService(systemClock, log, () => undefined, { ackTimeoutMs: 2_000 });
  const pushes: { name: string; payload: unknown }[] = [];
  connection.onServerEvent((name, payload) => void pushes.push({ name, payload }));
  client = null;
  connection.use({ url, token: 't', user: { id: USER, username: 'alice', displayName: 'Alice', status: 'online', lastSeenAt: null } });
  const deadline = Date.now() + 5_000;
  while (!(connection.isOnline() && client)) {
    if (Date.now() > deadline) throw new Error('did not connect');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { connection, log, pushes, server: client as Socket };
}

describe('ConnectionService validates what the server sends', () => {
  it('passes valid acks through (unknown fields stripped) and valid failures as they are', async () => {
    const { connection } = await connected();
    expect(await connection.request('rooms:list', {})).toEqual({ ok: true, rooms: [room] });
    expect(await connection.request('presence:set', { status: 'away' })).toEqual({ ok: true });
    expect(await connection.request('typing', { roomId: ROOM, typing: true })).toEqual({ ok: false, error: { code: 'forbidden', message: 'not a member' } });
    connection.dispose();
  });

  it.each([
    ['rooms:browse', {}, 'rooms.0.id'],
    ['rooms:join', { roomId: ROOM }, 'room:'],
    ['messages:history', { roomId: ROOM }, 'messages.0.seq'],
    ['receipts:list', { roomId: ROOM }, 'error.code'],
    ['users:get', { userIds: [USER] }, 'not an ack object'],
    ['rooms:leave', { roomId: ROOM }, 'neither true nor false'],
  ] as const)('a malformed %s ack becomes an "unexpected answer" error and is logged without its contents', async (event, payload, where) => {
    const { connection, log } = await connected();
    const ack = await connection.request(event, payload as never);
    expect(ack).toEqual({ ok: false, error: { code: 'internal', message: 'The server sent an unexpected answer.' } });
    const line = log.lines.find((l) => l.includes(`malformed '${event}' ack`));
    expect(line).toContain(where);
    expect(log.lines.join('\n')).not.toContain(SECRET);
    connection.dispose();
  });

  it('drops malformed pushes (logged without contents) and still delivers the valid ones, in order', async () => {
    const { connection, log, pushes, server } = await connected();
    server.emit('message:new', { ...message(1, SECRET), roomId: 'nope' });
    server.emit('message:new', message(2, 'hello'));
    server.emit('typing', { roomId: ROOM, userId: USER, typing: 'yes' });
    server.emit('presence', { userId: USER, status: 'online', lastSeenAt: null });
    server.emit('room:removed', SECRET);
    server.emit('receipt', { roomId: ROOM, userId: USER, deliveredSeq: 2, readSeq: 1 });
    const deadline = Date.now() + 5_000;
    while (pushes.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pushes.map((p) => p.name)).toEqual(['message:new', 'presence', 'receipt']);
    expect(pushes[0]?.payload).toEqual(message(2, 'hello'));
    const dropped = log.lines.filter((l) => l.includes('dropped a malformed'));
    expect(dropped).toHaveLength(3);
    expect(dropped[0]).toMatch(/'message:new' push .*roomId/);
    expect(dropped[1]).toMatch(/'typing' push .*typing/);
    expect(dropped[2]).toMatch(/'room:removed' push/);
    expect(log.lines.join('\n')).not.toContain(SECRET);
    connection.dispose();
  });
});
