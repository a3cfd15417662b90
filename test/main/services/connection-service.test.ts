/**
 * What the server sends is checked against common/protocol before main uses it: a real Socket.IO
 * server (not Droplink's: one that misbehaves on purpose) answers with malformed acks and pushes.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../common/protocol';
import type { Clock } from '../../../main/ports';
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
/** Per event: how many times it is answered `rate_limited` before ACKS (counted down per request). */
const LIMITED_ANSWERS: Record<string, number> = {};
const rateLimited = { ok: false, error: { code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 2 } };

let http: HttpServer;
let io: Server;
let url = '';
let client: Socket | null = null;

beforeAll(async () => {
  http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  io.on('connection', (socket) => {
    client = socket;
    socket.onAny((event: string, _payload: unknown, ack?: (answer: unknown) => void) => {
      const limited = LIMITED_ANSWERS[event] ?? 0;
      if (limited > 0) LIMITED_ANSWERS[event] = limited - 1;
      ack?.(limited > 0 ? rateLimited : ACKS[event]);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
});

/** The system clock with timers 100x faster; records the delays asked for. */
const waits: number[] = [];
const fastClock: Clock = {
  ...systemClock,
  setTimeout: (fn, ms) => {
    waits.push(ms);
    return systemClock.setTimeout(fn, ms / 100);
  },
};

async function connected() {
  const log = testLogger('connection');
  const connection = new ConnectionService(fastClock, log, () => undefined, { ackTimeoutMs: 2_000 });
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

describe('ConnectionService waits out rate limits', () => {
  it('asks a rate-limited read again after the time the server names, then returns its answer', async () => {
    const { connection, log } = await connected();
    LIMITED_ANSWERS['rooms:list'] = 2;
    waits.length = 0;
    expect(await connection.request('rooms:list', {})).toEqual({ ok: true, rooms: [room] });
    expect(waits).toEqual([2_000, 2_000]);
    expect(log.lines.filter((l) => l.includes("'rooms:list' was rate limited"))).toHaveLength(2);
    connection.dispose();
  });

  it('gives up after five waits and hands the rate_limited answer on', async () => {
    const { connection } = await connected();
    LIMITED_ANSWERS['rooms:list'] = 100;
    waits.length = 0;
    expect(await connection.request('rooms:list', {})).toEqual(rateLimited);
    expect(waits).toHaveLength(5);
    LIMITED_ANSWERS['rooms:list'] = 0;
    connection.dispose();
  });

  it('does not repeat typing (the outbox retries sends itself)', async () => {
    const { connection } = await connected();
    LIMITED_ANSWERS.typing = 1;
    waits.length = 0;
    expect(await connection.request('typing', { roomId: ROOM, typing: true })).toEqual(rateLimited);
    expect(waits).toEqual([]);
    connection.dispose();
  });
});
