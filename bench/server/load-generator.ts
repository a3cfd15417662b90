/**
 * A load generator: a child process that owns whole rooms and their members, so a room's turn-taking
 * stays in one process. The parent (load-fleet.ts) drives all generators with the same commands:
 *
 *   init { kind, url, runId, rooms: number[], roomSize }  -> ready      (Droplink: users and rooms created)
 *   idle-connect { perUser }                              -> idle-connected { ok, failed, firstError }
 *   idle-close                                            -> idle-closed
 *   storm { startAt, perUser }                            -> storm-done { ok, failed, lastDoneAt, firstError }
 *   load-connect                                          -> load-connected { ok, failed, firstError }
 *   step { step, rate, durationMs, startAt, drainMs, settleMs } -> step-done { sent, latencies, ... }
 *
 * Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now), the
 * same clock in every process on the machine. A message's text carries its step and send time.
 */
import { connectClient, type BenchConnection, type SendOutcome } from './clients';
import { createGroup, mapLimit, registerUsers, type SeededUser } from './droplink-seed';
import { serveRequests, type IpcMessage } from '../support/ipc-peer';
import type { ServerKind } from './server-kinds';

const CONNECT_PARALLEL = 50;
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 300);

interface Room {
  id: string;
  /** Indexes into `users`. */
  members: number[];
  turn: number;
}

interface User {
  name: string;
  seeded?: SeededUser;
}

interface Step {
  name: string;
  countUntil: number;
  latencies: number[];
  lastDeliveryAt: number;
}

class Generator {
  private kind!: ServerKind;
  private url!: string;
  private rooms: Room[] = [];
  private users: User[] = [];
  private idle: BenchConnection[] = [];
  private load: BenchConnection[] = [];
  private step: Step | null = null;
  private pendingAcks = 0;

  async init(message: IpcMessage): Promise<IpcMessage> {
    this.kind = message.kind as ServerKind;
    this.url = String(message.url);
    const roomSize = Number(message.roomSize);
    const roomIndexes = message.rooms as number[];
    this.users = roomIndexes.flatMap((r) => Array.from({ length: roomSize }, (_, m) => ({ name: `b${String(message.runId)}_${r * roomSize + m}` })));
    const ids = roomIndexes.map((r) => `room-${r}`);
    if (this.kind === 'droplink') {
      const seeded = await registerUsers(
        this.url,
        this.users.map((u) => u.name),
      );
      seeded.forEach((s, i) => (this.users[i]!.seeded = s));
      await mapLimit(roomIndexes, 4, async (r, i) => {
        const members = seeded.slice(i * roomSize, (i + 1) * roomSize);
        ids[i] = await createGroup(this.url, members[0]!, members.slice(1), `bench room ${r}`);
      });
    }
    this.rooms = ids.map((id, i) => ({ id, members: Array.from({ length: roomSize }, (_, m) => i * roomSize + m), turn: 0 }));
    return { type: 'ready' };
  }

  private connectUser(index: number): Promise<BenchConnection> {
    return connectClient(this.kind, this.url, this.users[index]!.seeded?.token);
  }

  private async connectMany(indexes: number[], parallel: number, onEach: (c: BenchConnection, index: number) => Promise<void>) {
    let ok = 0;
    let failed = 0;
    let firstError: string | null = null;
    let lastDoneAt = 0;
    await mapLimit(indexes, parallel, async (index) => {
      try {
        const connection = await this.connectUser(index);
        await onEach(connection, index);
        ok += 1;
        lastDoneAt = Math.max(lastDoneAt, now());
      } catch (error) {
        failed += 1;
        firstError ??= errorText(error);
      }
    });
    return { ok, failed, firstError, lastDoneAt };
  }

  private idleIndexes(perUser: number): number[] {
    return Array.from({ length: this.users.length * perUser }, (_, i) => i % this.users.length);
  }

  /** Sockets that connect (Droplink: authenticated, `rooms:list` answered) and then do nothing. */
  async idleConnect(message: IpcMessage): Promise<IpcMessage> {
    const result = await this.connectMany(this.idleIndexes(Number(message.perUser)), CONNECT_PARALLEL, async (connection) => {
      this.idle.push(connection);
      await connection.fetchRooms();
    });
    return { type: 'idle-connected', ...result };
  }

  idleClose(): IpcMessage {
    for (const connection of this.idle.splice(0)) connection.close();
    return { type: 'idle-closed' };
  }

  /** Every idle socket comes back at once and fetches its rooms. */
  async storm(message: IpcMessage): Promise<IpcMessage> {
    const indexes = this.idleIndexes(Number(message.perUser));
    await sleep(Number(message.startAt) - now());
    const opened: BenchConnection[] = [];
    const result = await this.connectMany(indexes, indexes.length, async (connection) => {
      opened.push(connection);
      await connection.fetchRooms();
    });
    for (const connection of opened) connection.close();
    return { type: 'storm-done', ...result };
  }

  async loadConnect(): Promise<IpcMessage> {
    const indexes = this.users.map((_, i) => i);
    this.load = new Array<BenchConnection>(indexes.length);
    const roomOf = new Map<number, Room>();
    for (const room of this.rooms) for (const member of room.members) roomOf.set(member, room);
    const result = await this.connectMany(indexes, CONNECT_PARALLEL, async (connection, index) => {
      this.load[index] = connection;
      connection.join(roomOf.get(index)!.id);
      connection.onText((text) => this.heard(text));
    });
    await sleep(500); // the joins reach the server
    return { type: 'load-connected', ...result };
  }

  private heard(text: string): void {
    const step = this.step;
    if (!step) return;
    const at = now();
    const [name, sentAt] = text.split('|');
    if (name !== step.name || at > step.countUntil) return;
    step.latencies.push(at - Number(sentAt));
    step.lastDeliveryAt = at;
  }

  async runStep(message: IpcMessage): Promise<IpcMessage> {
    const name = String(message.step);
    const rate = Number(message.rate);
    const durationMs = Number(message.durationMs);
    const startAt = Number(message.startAt);
    const drainMs = Number(message.drainMs);
    const total = Math.round((rate * durationMs) / 1000);
    const step: Step = { name, countUntil: startAt + durationMs + drainMs, latencies: [], lastDeliveryAt: 0 };
    this.step = step;
    let acked = 0;
    const failed: Record<string, number> = {};
    let countingAcks = true;
    const onAck = (outcome: SendOutcome): void => {
      this.pendingAcks -= 1;
      if (!countingAcks) return;
      if (outcome === null) acked += 1;
      else failed[outcome] = (failed[outcome] ?? 0) + 1;
    };

    await sleep(startAt - now());
    let sent = 0;
    while (sent < total) {
      const elapsed = now() - startAt;
      const due = elapsed >= durationMs ? total : Math.min(total, Math.floor((elapsed * rate) / 1000));
      for (; sent < due; sent++) {
        const room = this.rooms[sent % this.rooms.length]!;
        const sender = room.members[room.turn++ % room.members.length]!;
        const connection = this.load[sender];
        if (!connection) continue; // its connect failed; the message counts as sent and undelivered
        this.pendingAcks += this.kind === 'droplink' ? 1 : 0;
        connection.send(room.id, this.users[sender]!.name, `${name}|${now().toFixed(3)}|${sent}`, onAck);
      }
      await sleep(2);
    }
    const sendMs = now() - startAt;
    await sleep(step.countUntil - now());
    countingAcks = false;
    const pendingAtEnd = this.pendingAcks;
    this.step = null;
    // Outstanding sends would load the next step: wait for them, within bounds.
    const settleUntil = now() + Number(message.settleMs);
    while (this.pendingAcks > 0 && now() < settleUntil) await sleep(50);
    return {
      type: 'step-done',
      sent,
      sendMs,
      latencies: Float64Array.from(step.latencies),
      lastDeliveryAt: step.lastDeliveryAt,
      acked,
      failed,
      pending: pendingAtEnd,
      unsettled: this.pendingAcks,
    };
  }

  close(): void {
    for (const connection of [...this.idle, ...this.load]) connection?.close();
  }
}

const generator = new Generator();
serveRequests(async (message) => {
  switch (message.type) {
    case 'init':
      return generator.init(message);
    case 'idle-connect':
      return generator.idleConnect(message);
    case 'idle-close':
      return generator.idleClose();
    case 'storm':
      return generator.storm(message);
    case 'load-connect':
      return generator.loadConnect();
    case 'step':
      return generator.runStep(message);
    case 'close':
      generator.close();
      setTimeout(() => process.exit(0), 100);
      return null;
    default:
      throw new Error(`unknown command ${message.type}`);
  }
});
