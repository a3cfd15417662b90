import { io, type Socket } from 'socket.io-client';
import {
  SERVER_EVENT_NAMES,
  UNAUTHORIZED_CONNECT_ERROR,
  type Ack,
  type ClientEventName,
  type ClientPayload,
  type ServerEventName,
  type ServerPayload,
  type SessionEndReason,
} from '../../common/protocol';
import type { ConnectionState } from '../../common/ipc';
import type { Clock, Logger, TimerHandle } from '../ports';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { errorInfo, OFFLINE_ERROR } from './errors';
import { checkAck, checkPush } from './server-answers';
import type { SessionTarget } from './session-service';

const ACK_TIMEOUT_MS = 10_000;
/**
 * How long a wake check waits for the server's answer (or a young connect attempt) before reconnecting.
 * Short: a false alarm costs one reconnect and a sync; a dead link missed costs the heartbeat's 45 s.
 */
const WAKE_CHECK_TIMEOUT_MS = 1_000;
/**
 * A `rate_limited` answer to these is waited out and asked again (reconnect catch-up in a user's
 * many rooms can exceed the server's read budget; giving up would leave a gap). Sends have the
 * outbox's own retry, typing is pointless to repeat.
 */
const NOT_RETRIED_WHEN_LIMITED: ReadonlySet<ClientEventName> = new Set(['messages:send', 'typing']);
const RATE_LIMIT_RETRIES = 5;
const RATE_LIMIT_WAIT_MAX_S = 30;

export type ServerEventListener = <E extends ServerEventName>(event: E, payload: ServerPayload<E>) => void;
/** Runs after every (re)connect, before the state turns online (sync, presence, outbox). */
export type ConnectedHook = () => Promise<void>;

export interface ConnectionOptions {
  backoff?: BackoffOptions;
  ackTimeoutMs?: number;
  wakeCheckTimeoutMs?: number;
  /** Asked before each reconnect: where the session's server is now (the local server may have restarted elsewhere). */
  refreshTarget?: (target: SessionTarget) => Promise<SessionTarget>;
}

/**
 * Called when the server refuses the session's token (`reason` null) or ends its session
 * (`session:revoked`); `token` is the one it refused.
 */
/** What a wake check did: nothing to check (signed out), found the socket alive, or (re)connects now. */
export type WakeCheckOutcome = 'idle' | 'alive' | 'reconnecting';

export type UnauthorizedListener = (token: string, reason: SessionEndReason | null) => void;

/**
 * The one socket to the server. Reconnects with its own backoff (so `retryAt` is known),
 * validates every push against the protocol and turns an "unauthorized" refusal or a
 * `session:revoked` push into a sign-out. Requests while offline fail at once with a clear
 * error instead of hanging.
 */
export class ConnectionService {
  private socket: Socket | null = null;
  private target: SessionTarget | null = null;
  private state: ConnectionState = { status: 'offline', retryAt: null, reason: null };
  private attempt = 0;
  private retryTimer: TimerHandle | null = null;
  private openedAt = 0;
  private wakeCheck: Promise<WakeCheckOutcome> | null = null;
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly eventListeners = new Set<ServerEventListener>();
  private readonly connectedHooks: ConnectedHook[] = [];
  private readonly backoff: BackoffOptions;
  private readonly ackTimeoutMs: number;
  private readonly wakeCheckTimeoutMs: number;
  private readonly refreshTarget: ((target: SessionTarget) => Promise<SessionTarget>) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onUnauthorized: UnauthorizedListener,
    options: ConnectionOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
    this.wakeCheckTimeoutMs = options.wakeCheckTimeoutMs ?? WAKE_CHECK_TIMEOUT_MS;
    this.refreshTarget = options.refreshTarget;
  }

  getState(): ConnectionState {
    return this.state;
  }

  isOnline(): boolean {
    return this.socket?.connected === true;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onServerEvent(listener: ServerEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnected(hook: ConnectedHook): void {
    this.connectedHooks.push(hook);
  }

  /** Connects as the given session (or disconnects when null). */
  use(target: SessionTarget | null): void {
    this.teardown();
    this.target = target;
    this.attempt = 0;
    if (target) this.open();
    else this.setState({ status: 'offline', retryAt: null, reason: null });
  }

  /** Emits a client event and resolves with its ack; never rejects. Waits out `rate_limited` (see above). */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<E>> {
    let ack = await this.requestOnce(event, payload);
    for (let retry = 0; retry < RATE_LIMIT_RETRIES && !NOT_RETRIED_WHEN_LIMITED.has(event); retry++) {
      if (ack.ok || ack.error.code !== 'rate_limited') break;
      const waitS = Math.min(ack.error.retryAfterSeconds ?? 1, RATE_LIMIT_WAIT_MAX_S);
      this.log.warn(`connection: '${event}' was rate limited; asking again in ${waitS} s`);
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, waitS * 1000));
      ack = await this.requestOnce(event, payload);
    }
    return ack;
  }

  private async requestOnce<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<E>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: OFFLINE_ERROR };
    let raw: unknown;
    try {
      raw = await socket.timeout(this.ackTimeoutMs).emitWithAck(event, payload);
    } catch {
      return { ok: false, error: errorInfo('internal', 'The server did not answer in time.') };
    }
    const ack = checkAck(event, raw);
    if (ack.ok) return ack.value;
    this.log.warn(`connection: dropped a malformed '${event}' ack from the server (${ack.problem})`);
    return { ok: false, error: errorInfo('internal', 'The server sent an unexpected answer.') };
  }

  /**
   * The system woke, was unlocked or its network changed (`why` says which, for the log): a socket
   * that looks connected may be dead without anything having closed it. It must answer a cheap
   * request within a short deadline; otherwise, or when it was not connected, this reconnects at
   * once with the backoff reset (the usual sync and catch-up follow). Concurrent calls share one check.
   */
  checkNow(why: string): Promise<WakeCheckOutcome> {
    this.wakeCheck ??= this.runWakeCheck(why).finally(() => (this.wakeCheck = null));
    return this.wakeCheck;
  }

  private async runWakeCheck(why: string): Promise<WakeCheckOutcome> {
    const target = this.target;
    const socket = this.socket;
    if (!target) return 'idle';
    if (!socket) {
      if (this.retryTimer === null) return 'reconnecting'; // reopen() is already under way
      this.reconnectNow(this.state.reason);
      return 'reconnecting';
    }
    if (!socket.connected) {
      if (this.clock.now() - this.openedAt < this.wakeCheckTimeoutMs) return 'reconnecting'; // a fresh attempt
      this.reconnectNow(this.state.reason);
      return 'reconnecting';
    }
    // Any answer proves the link carries both ways, so the ack's content is not used.
    const answered = await socket
      .timeout(this.wakeCheckTimeoutMs)
      .emitWithAck('users:get', { userIds: [target.user.id] } satisfies ClientPayload<'users:get'>)
      .then(
        () => true,
        () => false,
      );
    if (socket !== this.socket) return 'reconnecting';
    if (answered) return 'alive';
    this.log.warn(`connection: no answer within ${this.wakeCheckTimeoutMs} ms after ${why}; reconnecting now`);
    this.reconnectNow(`The server did not answer after ${why}.`);
    return 'reconnecting';
  }

  /** Drops the socket (or the wait for the next attempt) and connects again now, backoff reset. */
  private reconnectNow(reason: string | null): void {
    this.teardown();
    this.attempt = 0;
    this.setState({ status: 'connecting', retryAt: null, reason });
    void this.reopen();
  }

  dispose(): void {
    this.teardown();
    this.target = null;
  }

  private open(): void {
    const target = this.target;
    if (!target) return;
    // reconnectNow() has announced it already.
    if (this.state.status !== 'connecting') this.setState({ status: 'connecting', retryAt: null, reason: this.state.reason });
    this.openedAt = this.clock.now();
    const socket = io(target.url, {
      auth: { token: target.token, ...(target.clientSecret ? { clientSecret: target.clientSecret } : {}) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => void this.connected(socket));
    socket.on('connect_error', (err: Error) => {
      if (socket !== this.socket) return;
      if (err.message === UNAUTHORIZED_CONNECT_ERROR) return this.unauthorized(target.token, null);
      this.scheduleReconnect(`Cannot reach the server: ${err.message}`);
    });
    socket.on('disconnect', (reason: string) => {
      if (socket !== this.socket || reason === 'io client disconnect') return;
      this.scheduleReconnect(`Disconnected: ${reason}`);
    });
    for (const name of SERVER_EVENT_NAMES) {
      if (name !== 'session:revoked') socket.on(name, (payload: unknown) => this.dispatch(name, payload));
    }
    // The server disconnects right after it: no reconnect, the session is over.
    socket.on('session:revoked', (payload: unknown) => {
      if (socket !== this.socket) return;
      const push = checkPush('session:revoked', payload);
      if (!push.ok) return this.log.warn(`connection: dropped a malformed 'session:revoked' push from the server (${push.problem})`);
      this.unauthorized(target.token, push.value.reason);
    });
  }

  private unauthorized(token: string, reason: SessionEndReason | null): void {
    this.teardown();
    this.setState({ status: 'unauthorized', retryAt: null, reason: reason ? 'The server ended the session.' : 'The server refused the session token.' });
    this.onUnauthorized(token, reason);
  }

  private async connected(socket: Socket): Promise<void> {
    if (socket !== this.socket) return;
    this.attempt = 0;
    for (const hook of this.connectedHooks) {
      try {
        await hook();
      } catch (err) {
        this.log.warn('connection: a reconnect step failed', err);
      }
      if (socket !== this.socket || !socket.connected) return;
    }
    this.setState({ status: 'online', retryAt: null, reason: null });
  }

  private dispatch(name: ServerEventName, payload: unknown): void {
    const push = checkPush(name, payload);
    if (!push.ok) {
      this.log.warn(`connection: dropped a malformed '${name}' push from the server (${push.problem})`);
      return;
    }
    for (const listener of this.eventListeners) listener(name, push.value);
  }

  private scheduleReconnect(reason: string): void {
    this.closeSocket();
    if (!this.target) return;
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.setState({ status: 'offline', retryAt: new Date(this.clock.now() + delay).toISOString(), reason });
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.reopen();
    }, delay);
  }

  private async reopen(): Promise<void> {
    const target = this.target;
    if (!target) return;
    let next = target;
    try {
      if (this.refreshTarget) next = await this.refreshTarget(target);
    } catch (err) {
      this.log.warn('connection: could not refresh the server address; retrying the last one', err);
    }
    // use() or dispose() ran meanwhile: that call decides what to connect to.
    if (this.target !== target || this.socket || this.retryTimer) return;
    this.target = next;
    this.open();
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  private teardown(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeSocket();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
