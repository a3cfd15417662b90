/** The parent's side of the load generators: splits the rooms among them and merges their answers. */
import { IpcPeer, type IpcMessage } from '../support/ipc-peer';
import type { StepCounts } from './metrics';
import type { ServerKind } from './server-kinds';

const GENERATOR_SCRIPT = new URL('./load-generator.ts', import.meta.url).pathname;
const SETUP_TIMEOUT_MS = 10 * 60_000;
const CONNECT_TIMEOUT_MS = 3 * 60_000;

export interface ConnectResult {
  ok: number;
  failed: number;
  firstError: string | null;
  lastDoneAt: number;
}

export interface StepResult extends StepCounts {
  /** How long the generators took to send their share (behind the clock if much over durationMs). */
  sendMs: number;
  /** Sends still without an ack after the settle wait. */
  unsettled: number;
}

const sum = (replies: IpcMessage[], key: string): number => replies.reduce((total, r) => total + Number(r[key] ?? 0), 0);
const max = (replies: IpcMessage[], key: string): number => replies.reduce((m, r) => Math.max(m, Number(r[key] ?? 0)), 0);

export class LoadFleet {
  private constructor(
    private readonly generators: IpcPeer[],
    private readonly rooms: number,
    private readonly roomSize: number,
  ) {}

  static async start(options: { count: number; kind: ServerKind; url: string; runId: string; rooms: number; roomSize: number }): Promise<LoadFleet> {
    const count = Math.min(options.count, options.rooms);
    const generators = Array.from({ length: count }, (_, g) => IpcPeer.start(GENERATOR_SCRIPT, [], `load generator ${g + 1}`));
    const fleet = new LoadFleet(generators, options.rooms, options.roomSize);
    try {
      await Promise.all(
        generators.map((generator, g) => {
          const rooms = Array.from({ length: options.rooms }, (_, r) => r).filter((r) => r % count === g);
          return generator.request(
            { type: 'init', kind: options.kind, url: options.url, runId: options.runId, rooms, roomSize: options.roomSize },
            'ready',
            SETUP_TIMEOUT_MS,
          );
        }),
      );
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  private all(message: IpcMessage | ((g: number) => IpcMessage), reply: string, timeoutMs: number): Promise<IpcMessage[]> {
    return Promise.all(this.generators.map((generator, g) => generator.request(typeof message === 'function' ? message(g) : message, reply, timeoutMs)));
  }

  private static connectResult(replies: IpcMessage[]): ConnectResult {
    return {
      ok: sum(replies, 'ok'),
      failed: sum(replies, 'failed'),
      firstError: (replies.find((r) => r.firstError)?.firstError as string | undefined) ?? null,
      lastDoneAt: max(replies, 'lastDoneAt'),
    };
  }

  async idleConnect(perUser: number): Promise<ConnectResult> {
    return LoadFleet.connectResult(await this.all({ type: 'idle-connect', perUser }, 'idle-connected', CONNECT_TIMEOUT_MS));
  }

  async idleClose(): Promise<void> {
    await this.all({ type: 'idle-close' }, 'idle-closed', 30_000);
  }

  async storm(perUser: number, startAt: number): Promise<ConnectResult> {
    return LoadFleet.connectResult(await this.all({ type: 'storm', perUser, startAt }, 'storm-done', CONNECT_TIMEOUT_MS));
  }

  async loadConnect(): Promise<ConnectResult> {
    return LoadFleet.connectResult(await this.all({ type: 'load-connect' }, 'load-connected', CONNECT_TIMEOUT_MS));
  }

  /** One step at `rate` messages/s over all rooms; each generator sends its rooms' share. */
  async step(options: { step: string; rate: number; durationMs: number; drainMs: number; settleMs: number; startAt: number }): Promise<StepResult> {
    const share = (g: number): number => (options.rate * this.roomsOf(g)) / this.rooms;
    const timeout = options.startAt - Date.now() + options.durationMs + options.drainMs + options.settleMs + 60_000;
    const replies = await this.all((g) => ({ type: 'step', ...options, rate: share(g) }), 'step-done', timeout);
    const failed: Record<string, number> = {};
    for (const reply of replies) {
      for (const [code, n] of Object.entries(reply.failed as Record<string, number>)) failed[code] = (failed[code] ?? 0) + n;
    }
    const lastDeliveryAt = max(replies, 'lastDeliveryAt');
    return {
      offeredRate: options.rate,
      durationMs: options.durationMs,
      roomSize: this.roomSize,
      sent: sum(replies, 'sent'),
      latenciesMs: replies.flatMap((r) => Array.from(r.latencies as Float64Array)),
      lastDeliveryMs: lastDeliveryAt > 0 ? lastDeliveryAt - options.startAt : 0,
      acked: sum(replies, 'acked'),
      failed,
      pending: sum(replies, 'pending'),
      sendMs: max(replies, 'sendMs'),
      unsettled: sum(replies, 'unsettled'),
    };
  }

  private roomsOf(g: number): number {
    return Array.from({ length: this.rooms }, (_, r) => r).filter((r) => r % this.generators.length === g).length;
  }

  async stop(): Promise<void> {
    await Promise.all(this.generators.map((generator) => generator.stop(5_000)));
  }

  kill(): void {
    for (const generator of this.generators) generator.kill();
  }
}
