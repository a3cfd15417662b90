import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../common/ipc';
import type { Ack, ClientPayload, ErrorCode, Message } from '../../../common/protocol';
import { systemClock } from '../../../main/services/clock';
import { OutboxService } from '../../../main/services/outbox-service';
import { fileOutboxStore } from '../../../main/storage/file-outbox-store';
import { silentLogger } from '../support';

const USER = '00000000-0000-7000-8000-000000000001';
const ROOM = '00000000-0000-7000-8000-0000000000aa';

type SendPayload = ClientPayload<'messages:send'>;

/** A stand-in for the connection: records sends and answers with what the test scripts. */
class FakeConnection {
  online = true;
  readonly sent: SendPayload[] = [];
  answer: (payload: SendPayload) => Ack<'messages:send'> = (payload) => ({ ok: true, message: stored(payload, this.sent.length) });

  isOnline(): boolean {
    return this.online;
  }

  async request(_event: 'messages:send', payload: SendPayload): Promise<Ack<'messages:send'>> {
    this.sent.push(payload);
    await new Promise((resolve) => setTimeout(resolve, 1));
    return this.answer(payload);
  }
}

function stored(payload: SendPayload, seq: number): Message {
  return {
    id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    roomId: payload.roomId,
    seq,
    senderId: USER,
    clientId: payload.clientId,
    body: payload.body,
    attachments: [],
    reactions: {},
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
  };
}

const fail = (code: ErrorCode): Ack<'messages:send'> => ({ ok: false, error: { code, message: code } });

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('OutboxService', () => {
  let dir: string;
  let connection: FakeConnection;
  let changes: OutboxItem[][];
  let delivered: Message[];

  const make = (): OutboxService =>
    new OutboxService({
      store: fileOutboxStore(dir),
      connection: connection as never,
      clock: systemClock,
      log: silentLogger,
      changed: (items) => changes.push(items),
      sent: (message) => delivered.push(message),
      retryBackoff: { initialMs: 20, maxMs: 50, jitter: 0 },
    });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-outbox-'));
    connection = new FakeConnection();
    changes = [];
    delivered = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('sends in order while online and removes what the server acked', async () => {
    const outbox = make();
    await outbox.open(USER);
    const items = [];
    for (const body of ['one', 'two', 'three']) items.push(await outbox.enqueue({ roomId: ROOM, body }));
    await until(() => delivered.length === 3);
    expect(connection.sent.map((p) => p.body)).toEqual(['one', 'two', 'three']);
    expect(connection.sent.map((p) => p.clientId)).toEqual(items.map((i) => i.clientId));
    expect(new Set(items.map((i) => i.clientId)).size).toBe(3);
    expect(outbox.list()).toEqual([]);
    expect(changes.at(-1)).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, 'outbox', `${USER}.json`), 'utf8'))).toEqual([]);
  });

  it('persists queued items across a restart and sends them once online', async () => {
    connection.online = false;
    const first = make();
    await first.open(USER);
    const queued = await first.enqueue({ roomId: ROOM, body: 'offline' });
    expect(queued).toMatchObject({ status: 'queued', attempts: 0, error: null, attachmentIds: [] });
    await first.settle();
    first.dispose();

    const onDisk = JSON.parse(await readFile(path.join(dir, 'outbox', `${USER}.json`), 'utf8')) as OutboxItem[];
    expect(onDisk.map((i) => i.clientId)).toEqual([queued.clientId]);

    const second = make();
    await second.open(USER);
    expect(second.list().map((i) => i.body)).toEqual(['offline']);
    connection.online = true;
    await second.pump(); // what a reconnect does
    await until(() => delivered.length === 1);
    expect(connection.sent.map((p) => p.clientId)).toEqual([queued.clientId]);
    expect(second.list()).toEqual([]);
  });

  it('a reply keeps its thread root through a restart and is sent with it, in order with the room messages', async () => {
    const ROOT = '00000000-0000-7000-8000-0000000000bb';
    connection.online = false;
    const first = make();
    await first.open(USER);
    const reply = await first.enqueue({ roomId: ROOM, body: 'in the thread', threadRootId: ROOT });
    await first.enqueue({ roomId: ROOM, body: 'in the room' });
    expect(reply).toMatchObject({ threadRootId: ROOT, status: 'queued' });
    await first.settle();
    first.dispose();

    const second = make();
    await second.open(USER);
    expect(second.list().map((i) => i.threadRootId)).toEqual([ROOT, undefined]);
    connection.online = true;
    await second.pump();
    await until(() => delivered.length === 2);
    expect(connection.sent.map((p) => [p.body, p.threadRootId])).toEqual([
      ['in the thread', ROOT],
      ['in the room', undefined],
    ]);
    expect('threadRootId' in connection.sent[1]!).toBe(false);
  });

  it('an item interrupted while sending is sent again with the same clientId', async () => {
    await mkdir(path.join(dir, 'outbox'), { recursive: true });
    const interrupted: OutboxItem = {
      clientId: '00000000-0000-7000-8000-00000000c1d0',
      roomId: ROOM,
      body: 'mid-flight',
      attachmentIds: [],
      createdAt: new Date().toISOString(),
      status: 'sending',
      attempts: 1,
      error: null,
    };
    await writeFile(path.join(dir, 'outbox', `${USER}.json`), JSON.stringify([interrupted, { junk: true }]));
    const outbox = make();
    connection.online = false;
    await outbox.open(USER);
    expect(outbox.list()).toEqual([{ ...interrupted, status: 'queued' }]); // junk dropped
    connection.online = true;
    await outbox.pump();
    await until(() => delivered.length === 1);
    expect(connection.sent[0]?.clientId).toBe(interrupted.clientId);
  });

  it('a transient failure keeps the order and retries later', async () => {
    let failures = 2;
    connection.answer = (payload) => (failures-- > 0 ? fail('rate_limited') : { ok: true, message: stored(payload, connection.sent.length) });
    const outbox = make();
    await outbox.open(USER);
    await outbox.enqueue({ roomId: ROOM, body: 'a' });
    await outbox.enqueue({ roomId: ROOM, body: 'b' });
    await until(() => delivered.length === 2);
    expect(delivered.map((m) => m.body)).toEqual(['a', 'b']);
    expect(connection.sent.map((p) => p.body)).toEqual(['a', 'a', 'a', 'b']);
  });

  it('a permanent failure marks the item failed and the queue moves on; retry and discard', async () => {
    connection.answer = (payload) => (payload.body === 'bad' ? fail('forbidden') : { ok: true, message: stored(payload, connection.sent.length) });
    const outbox = make();
    await outbox.open(USER);
    const bad = await outbox.enqueue({ roomId: ROOM, body: 'bad' });
    await outbox.enqueue({ roomId: ROOM, body: 'good' });
    await until(() => delivered.length === 1);
    expect(outbox.list()).toEqual([
      expect.objectContaining({ clientId: bad.clientId, status: 'failed', attempts: 1, error: { code: 'forbidden', message: 'forbidden' } }),
    ]);

    await outbox.retry(bad.clientId);
    await until(() => connection.sent.length === 3);
    await until(() => outbox.list()[0]?.status === 'failed');
    expect(outbox.list()[0]?.attempts).toBe(2);

    await outbox.discard(bad.clientId);
    expect(outbox.list()).toEqual([]);
    await expect(outbox.discard(bad.clientId)).rejects.toMatchObject({ info: { code: 'not_found' } });
  });

  it('refuses empty messages and keeps one outbox per user', async () => {
    connection.online = false;
    const outbox = make();
    await expect(outbox.enqueue({ roomId: ROOM, body: 'x' })).rejects.toMatchObject({ info: { code: 'unauthorized' } });
    await outbox.open(USER);
    await expect(outbox.enqueue({ roomId: ROOM, body: '   ' })).rejects.toMatchObject({ info: { code: 'invalid_input' } });
    await outbox.enqueue({ roomId: ROOM, body: 'mine' });
    outbox.close();
    await outbox.open('00000000-0000-7000-8000-000000000002');
    expect(outbox.list()).toEqual([]);
    await outbox.open(USER);
    expect(outbox.list().map((i) => i.body)).toEqual(['mine']);
  });
});
