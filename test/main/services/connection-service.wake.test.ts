/**
 * Waking up against a real Droplink server: Alice's desktop connects through a TCP proxy that
 * freezes her connection (nothing forwarded, nothing closed: what sleep leaves behind), and the
 * wake event makes main notice at once instead of at the next heartbeat (45 s by default).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, DesktopEvent } from '../../../common/ipc';
import type { Message, Room } from '../../../common/protocol';
import type { Clock, WakeSignals } from '../../../main/ports';
import { ChangeCatchUp } from '../../../main/services/change-catch-up';
import { systemClock } from '../../../main/services/clock';
import { ConnectionService, type WakeCheckOutcome } from '../../../main/services/connection-service';
import { MessageIntake } from '../../../main/services/message-intake';
import { WakeWatch } from '../../../main/services/wake-watch';
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
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class FakeWakeSignals implements WakeSignals {
  private readonly resume: Array<() => void> = [];
  onResume(listener: () => void): void {
    this.resume.push(listener);
  }
  onUnlock(): void {}
  networkOnline(): boolean {
    return true;
  }
  fireResume(): void {
    for (const listener of this.resume) listener();
  }
}

interface Desktop {
  connection: ConnectionService;
  signals: FakeWakeSignals;
  watch: WakeWatch;
  events: DesktopEvent[];
  states: ConnectionState[];
  checks: WakeCheckOutcome[];
}

/** Connection + intake + change catch-up + the wake watch, wired the way composeDesktopApp does. */
function desktopFor(url: string, user: Registered, backoff = { initialMs: 50, maxMs: 300, jitter: 0 }, watchClock: Clock = systemClock): Desktop {
  const events: DesktopEvent[] = [];
  const states: ConnectionState[] = [];
  const checks: WakeCheckOutcome[] = [];
  const connection = new ConnectionService(systemClock, silentLogger, () => undefined, { backoff });
  const intake = new MessageIntake(connection, (event) => events.push(event), silentLogger);
  const changes = new ChangeCatchUp(connection, (event) => events.push(event), silentLogger);
  intake.onArrival((message) => changes.seen(message));
  connection.onState((state) => states.push(state));
  connection.onServerEvent((name, payload) => {
    if (name === 'message:new') intake.live(payload as Message);
    if (name === 'room:updated') intake.noteRoom(payload as Room);
  });
  connection.onConnected(async () => {
    changes.connecting();
    const ack = await connection.request('rooms:list', {});
    if (ack.ok) {
      await intake.syncAll(ack.rooms);
      await changes.catchUp(ack.rooms.map((room) => room.id));
    }
  });
  const signals = new FakeWakeSignals();
  const watch = new WakeWatch(signals, watchClock, { pollMs: 100 });
  watch.onWake((cause) => void connection.checkNow(cause).then((outcome) => checks.push(outcome)));
  watch.start();
  connection.use({ url, token: user.token, user: user.user });
  return { connection, signals, watch, events, states, checks };
}

const bodiesIn = (events: DesktopEvent[], roomId: string): string[] =>
  events.flatMap((e) => {
    if (e.type === 'message:new' && e.payload.roomId === roomId) return [e.payload.body];
    if (e.type === 'messages:synced' && e.payload.roomId === roomId) return e.payload.messages.map((m) => m.body);
    return [];
  });
const onlineCount = (desktop: Desktop): number => desktop.states.filter((s) => s.status === 'online').length;

describe('waking up: the connection is checked at once', () => {
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
  afterEach(() => {
    desktop?.watch.stop();
    desktop?.connection.dispose();
  });
  afterAll(async () => {
    closeAllClients();
    await proxy?.close();
    await server?.close();
  });

  it('a frozen socket is replaced within 2 s of the wake, and every message sent meanwhile arrives once, in order', async () => {
    desktop = desktopFor(proxy.url, alice);
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    const { room } = await bobClient.ok('rooms:create', { kind: 'group', name: 'sleep', memberIds: [alice.user.id] });
    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'before sleep' });
    await until(() => bodiesIn(desktop!.events, room.id).length === 1, 'the live message');

    proxy.freeze();
    for (let i = 1; i <= 5; i += 1) await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: `while asleep ${i}` });
    await sleep(1500);
    // Without a wake nothing notices: the socket still looks connected and nothing arrived.
    expect(desktop.connection.getState().status).toBe('online');
    expect(desktop.connection.isOnline()).toBe(true);
    expect(bodiesIn(desktop.events, room.id)).toEqual(['before sleep']);
    const onlineBefore = onlineCount(desktop);
    const statesBefore = desktop.states.length;

    const woke = Date.now();
    desktop.signals.fireResume();
    await until(() => bodiesIn(desktop!.events, room.id).length >= 6 && desktop!.connection.getState().status === 'online', 'caught up', 2000);
    expect(Date.now() - woke).toBeLessThan(2000);
    expect(onlineCount(desktop)).toBe(onlineBefore + 1);
    // "Reconnecting": connecting with the reason, straight after the failed check (no backoff wait, no offline).
    expect(desktop.states.slice(statesBefore)[0]).toMatchObject({ status: 'connecting', reason: 'The server did not answer after resume.' });
    expect(desktop.states.slice(statesBefore).map((s) => s.status)).toEqual(['connecting', 'online']);
    expect(desktop.checks).toEqual(['reconnecting']);

    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'after waking' });
    await until(() => bodiesIn(desktop!.events, room.id).length === 7, 'live after the wake');
    await sleep(200); // nothing else may trickle in
    expect(bodiesIn(desktop.events, room.id)).toEqual([
      'before sleep',
      'while asleep 1',
      'while asleep 2',
      'while asleep 3',
      'while asleep 4',
      'while asleep 5',
      'after waking',
    ]);
  });

  it('a wall-clock jump between two ticks (a sleep nobody reported) counts as a wake', async () => {
    let offsetMs = 0;
    const jumpy: Clock = { ...systemClock, now: () => Date.now() + offsetMs };
    desktop = desktopFor(proxy.url, alice, undefined, jumpy);
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    const { room } = await bobClient.ok('rooms:create', { kind: 'group', name: 'jump', memberIds: [alice.user.id] });
    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'before the jump' });
    await until(() => bodiesIn(desktop!.events, room.id).length === 1, 'the live message');
    proxy.freeze();
    await bobClient.ok('messages:send', { roomId: room.id, clientId: crypto.randomUUID(), body: 'while the clock jumped' });
    await sleep(500);
    expect(desktop.checks).toEqual([]);
    expect(bodiesIn(desktop.events, room.id)).toEqual(['before the jump']);

    offsetMs = 10 * 60_000;
    const jumped = Date.now();
    await until(() => bodiesIn(desktop!.events, room.id).length === 2 && desktop!.connection.getState().status === 'online', 'caught up', 2000);
    expect(Date.now() - jumped).toBeLessThan(2000);
    expect(desktop.checks).toEqual(['reconnecting']);
    expect(bodiesIn(desktop.events, room.id)).toEqual(['before the jump', 'while the clock jumped']);
  });

  it('a live socket answers the check and stays as it is', async () => {
    desktop = desktopFor(proxy.url, alice);
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    const statesBefore = desktop.states.length;
    desktop.signals.fireResume();
    desktop.signals.fireResume(); // resume and unlock often come together: one check
    await until(() => desktop!.checks.length === 2, 'the checks');
    expect(desktop.checks).toEqual(['alive', 'alive']);
    expect(desktop.states.slice(statesBefore)).toEqual([]);
  });

  it('while offline waiting out a long backoff, the wake reconnects now', async () => {
    desktop = desktopFor(proxy.url, alice, { initialMs: 60_000, maxMs: 60_000, jitter: 0 });
    await until(() => desktop!.connection.getState().status === 'online', 'online');
    await proxy.cut();
    await until(() => desktop!.connection.getState().status === 'offline', 'offline');
    const retryIn = Date.parse(desktop.connection.getState().retryAt!) - Date.now();
    expect(retryIn).toBeGreaterThan(50_000);
    await proxy.restore();
    await sleep(300);
    expect(desktop.connection.getState().status).toBe('offline'); // still waiting for the backoff

    desktop.signals.fireResume();
    await until(() => desktop!.connection.getState().status === 'online', 'online after the wake', 2000);
    expect(desktop.checks).toEqual(['reconnecting']);
  });

  it('signed out, a wake does nothing', async () => {
    desktop = desktopFor(proxy.url, alice);
    desktop.connection.use(null);
    expect(await desktop.connection.checkNow('resume')).toBe('idle');
  });
});
