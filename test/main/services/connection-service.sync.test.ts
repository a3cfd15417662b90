/**
 * The connection, sync and receipt logic of main against a real Droplink server. Alice's
 * desktop connects through a TCP proxy that the test cuts to simulate a network outage.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, DesktopEvent } from '../../../common/ipc';
import type { Message, Room } from '../../../common/protocol';
import { systemClock } from '../../../main/services/clock';
import { ChangeCatchUp } from '../../../main/services/change-catch-up';
import { ConnectionService } from '../../../main/services/connection-service';
import { MessageIntake } from '../../../main/services/message-intake';
import { ReceiptBatcher } from '../../../main/services/receipt-batcher';
import { closeAllClients, connectUser, register, type ProtocolClient, type Registered } from '../../support/protocol-client';
import { startTestServer, type TestServer } from '../../support/test-server';
import { silentLogger } from '../support';
import { startTcpProxy, type TcpProxy } from '../tcp-proxy';

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Desktop {
  connection: ConnectionService;
  intake: MessageIntake;
  changes: ChangeCatchUp;
  events: DesktopEvent[];
  states: ConnectionState['status'][];
  unauthorized: number;
}

/** Wires connection + intake + change catch-up + delivered receipts the way composeDesktopApp does. */
function desktopFor(url: string, user: Registered, pageSize: number): Desktop {
  const events: DesktopEvent[] = [];
  const states: ConnectionState['status'][] = [];
  const desktop: Desktop = {
    connection: undefined as never,
    intake: undefined as never,
    changes: undefined as never,
    events,
    states,
    unauthorized: 0,
  };
  const connection = new ConnectionService(systemClock, silentLogger, () => (desktop.unauthorized += 1), {
    backoff: { initialMs: 50, maxMs: 300, jitter: 0 },
  });
  const intake = new MessageIntake(connection, (event) => events.push(event), silentLogger, pageSize);
  const changes = new ChangeCatchUp(connection, (event) => events.push(event), silentLogger, { pageSize });
  const delivered = new ReceiptBatcher('receipts:delivered', connection, systemClock, silentLogger, 50);
  intake.onArrival((message) => {
    changes.seen(message);
    if (message.senderId !== user.user.id) delivered.note(message.roomId, message.seq);
  });
  connection.onState((state) => states.push(state.status));
  connection.onServerEvent((name, payload) => {
    if (name === 'message:new') intake.live(payload as Message);
    if (name === 'room:updated') intake.noteRoom(payload as Room);
    if (name === 'message:updated') {
      changes.seen(payload as Message);
      events.push({ type: 'message:updated', payload: payload as Message });
    }
  });
  connection.onConnected(async () => {
    changes.connecting();
    const ack = await connection.request('rooms:list', {});
    if (ack.ok) {
      await intake.syncAll(ack.rooms);
      await changes.catchUp(ack.rooms.map((room) => room.id));
    }
    await delivered.flush();
  });
  connection.use({ url, token: user.token, user: user.user });
  desktop.connection = connection;
  desktop.intake = intake;
  desktop.changes = changes;
  return desktop;
}

const bodiesIn = (events: DesktopEvent[], roomId: string): string[] =>
  events.flatMap((e) => {
    if (e.type === 'message:new' && e.payload.roomId === roomId) return [e.payload.body];
    if (e.type === 'messages:synced' && e.payload.roomId === roomId) return e.payload.messages.map((m) => m.body);
    return [];
  });

const updatesIn = (events: DesktopEvent[]): Message[] => events.flatMap((e) => (e.type === 'message:updated' ? [e.payload] : []));

describe('connection and sync against a real server', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let alice: Registered;
  let bob: Registered;
  let bobClient: ProtocolClient;
  let desktop: Desktop | undefined;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    proxy = await startTcpProxy(server.port);
    [alice, bob] = [await register(server), await register(server)];
    bobClient = await connectUser(server, bob);
  });
  afterEach(() => desktop?.connection.dispose());
  afterAll(async () => {
    closeAllClients();
    await proxy?.close();
    await server?.close();
  });

  it('forwards live messages once, catches up after an outage in pages, in order, with nothing doubled', async () => {
    desktop = desktopFor(proxy.url, alice, 2);
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    const { room } = await bobClient.ok('rooms:create', { kind: 'group', name: 'sync', memberIds: [alice.user.id] });
    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'live 1' });
    await until(() => bodiesIn(desktop!.events, room.id).length === 1, 'live message');

    await proxy.cut();
    await until(() => desktop!.connection.getState().status === 'offline', 'offline');
    expect(desktop.connection.getState().retryAt).not.toBeNull();
    expect((await desktop.connection.request('rooms:list', {})).ok).toBe(false); // fails fast while offline
    for (let i = 1; i <= 5; i += 1) await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: `missed ${i}` });

    await proxy.restore();
    await until(() => bodiesIn(desktop!.events, room.id).length === 6, 'synced messages');
    const synced = desktop.events.filter((e) => e.type === 'messages:synced');
    expect(synced.map((e) => (e.type === 'messages:synced' ? e.payload.messages.length : 0))).toEqual([2, 2, 1]); // paged by 2
    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'live 2' });
    await until(() => bodiesIn(desktop!.events, room.id).length === 7, 'live after sync');
    expect(bodiesIn(desktop.events, room.id)).toEqual(['live 1', 'missed 1', 'missed 2', 'missed 3', 'missed 4', 'missed 5', 'live 2']);
    expect(desktop.states).toEqual(expect.arrayContaining(['connecting', 'online', 'offline']));

    // Delivered receipts went out for what arrived, batched per room (not one per message).
    await bobClient.waitFor('receipt', (r) => r.userId === alice.user.id && r.deliveredSeq === 7, 5000);
    const aliceReceipts = bobClient.events('receipt', (r) => r.userId === alice.user.id && r.roomId === room.id);
    expect(aliceReceipts.length).toBeLessThan(7);
  });

  it('a second, overlapping reconnect never doubles a message', async () => {
    desktop = desktopFor(proxy.url, alice, 500);
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    const { room } = await bobClient.ok('rooms:create', { kind: 'group', name: 'flap', memberIds: [alice.user.id] });
    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'a' });
    await until(() => bodiesIn(desktop!.events, room.id).length === 1, 'a');
    for (let round = 0; round < 3; round += 1) {
      await proxy.cut();
      await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: `r${round}` });
      await proxy.restore();
      await until(() => bodiesIn(desktop!.events, room.id).length === round + 2, `round ${round}`);
    }
    expect(bodiesIn(desktop.events, room.id)).toEqual(['a', 'r0', 'r1', 'r2']);
  });

  it('after an outage, catches up the edit, deletion and reaction made meanwhile to older messages, and only those', async () => {
    desktop = desktopFor(proxy.url, alice, 2);
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    const { room } = await bobClient.ok('rooms:create', { kind: 'group', name: 'changes', memberIds: [alice.user.id] });
    const sent: Message[] = [];
    for (let i = 1; i <= 6; i += 1) {
      sent.push((await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: `old ${i}` })).message);
    }
    await bobClient.ok('messages:edit', { messageId: sent[5]!.id, body: 'old 6, edited while alice watched' });
    await until(() => updatesIn(desktop!.events).some((m) => m.id === sent[5]!.id), 'the live edit');
    await bobClient.ok('messages:react', { messageId: sent[4]!.id, emoji: '👀', add: true });
    await until(() => updatesIn(desktop!.events).some((m) => m.id === sent[4]!.id), 'the live reaction');
    expect(bodiesIn(desktop.events, room.id)).toHaveLength(6);
    const connectsBefore = desktop.states.filter((s) => s === 'online').length;

    await proxy.cut();
    await until(() => desktop!.connection.getState().status === 'offline', 'offline');
    const mark = desktop.events.length;
    const edited = (await bobClient.ok('messages:edit', { messageId: sent[0]!.id, body: 'old 1, edited while away' })).message;
    const deleted = (await bobClient.ok('messages:delete', { messageId: sent[1]!.id })).message;
    await bobClient.ok('messages:react', { messageId: sent[2]!.id, emoji: '🎉', add: true });
    const reacted = (await bobClient.ok('messages:react', { messageId: sent[2]!.id, emoji: '👍', add: true })).message;

    await proxy.restore();
    await until(() => desktop!.states.filter((s) => s === 'online').length > connectsBefore, 'back online');
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing else may trickle in
    const caughtUp = updatesIn(desktop.events.slice(mark));
    expect(caughtUp.map((m) => m.id).sort()).toEqual([edited.id, deleted.id, reacted.id].sort());
    const byId = new Map(caughtUp.map((m) => [m.id, m]));
    expect(byId.get(edited.id)).toMatchObject({ body: 'old 1, edited while away', editedAt: edited.editedAt, updatedAt: edited.updatedAt });
    expect(byId.get(deleted.id)).toMatchObject({ body: '', deletedAt: deleted.deletedAt, reactions: {} });
    expect(byId.get(reacted.id)!.reactions).toEqual({ '🎉': [bob.user.id], '👍': [bob.user.id] });
    expect(desktop.events.slice(mark).filter((e) => e.type === 'message:new' || e.type === 'messages:synced')).toEqual([]);

    // A second outage with nothing changed brings nothing again.
    const mark2 = desktop.events.length;
    await proxy.cut();
    await until(() => desktop!.connection.getState().status === 'offline', 'offline again');
    await proxy.restore();
    await until(() => desktop!.connection.getState().status === 'online', 'online again');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(updatesIn(desktop.events.slice(mark2))).toEqual([]);
  });

  it('an unauthorized token turns the state to unauthorized and signs out, without retrying', async () => {
    desktop = desktopFor(server.url, { ...alice, token: `${alice.token}x` }, 100);
    await until(() => desktop!.connection.getState().status === 'unauthorized', 'unauthorized');
    expect(desktop.unauthorized).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desktop.states.filter((s) => s === 'connecting')).toHaveLength(1);
  });
});
