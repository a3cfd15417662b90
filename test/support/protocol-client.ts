/**
 * A small typed client for the Droplink wire protocol (HTTP + Socket.IO), for tests.
 *
 * Every ack and every push it hands back is checked against the zod schemas in
 * common/protocol, so a test that uses it asserts the response shapes for free.
 */
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import {
  AuthResponseSchema,
  clientEvents,
  ErrorBodySchema,
  serverEvents,
  type Ack,
  type AuthResponse,
  type ClientEventName,
  type ClientPayload,
  type ClientResult,
  type ClientToServerEvents,
  type ErrorBody,
  type ErrorCode,
  type ErrorInfo,
  type Message,
  type Room,
  type ServerEventName,
  type ServerPayload,
  type ServerToClientEvents,
  type User,
} from '../../common/protocol';

/** Anything with a base URL: a TestServer, or `{ url }`. */
export interface HasUrl {
  readonly url: string;
}

export const DEFAULT_PASSWORD = 'correct horse battery';
const ACK_TIMEOUT_MS = 8000;
const WAIT_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 10_000;

let counter = 0;
/** A unique, valid username (lower-case, <= 32 chars). */
export function uniqueName(prefix = 'u'): string {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix.slice(0, 10)}_${process.pid.toString(36)}${counter.toString(36)}${rand}`.toLowerCase().slice(0, 32);
}

export const newClientId = (): string => uuidv7();

// ---------------------------------------------------------------- HTTP

type FetchBody = NonNullable<Parameters<typeof fetch>[1]>['body'];

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** fetch + JSON decoding (body is undefined when not JSON). */
export async function http<T = unknown>(
  server: HasUrl,
  method: string,
  pathname: string,
  opts: { token?: string; json?: unknown; body?: FetchBody; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(server.url + pathname, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** Asserts a protocol error body `{error:{code,message}}` with no stack trace, and returns it. */
export function expectErrorBody(res: HttpResult, status: number, code: ErrorCode): ErrorBody {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status} ${code}, got ${res.status}: ${res.text.slice(0, 500)}`);
  }
  const body = ErrorBodySchema.parse(res.body);
  if (body.error.code !== code) throw new Error(`expected error code ${code}, got ${body.error.code}: ${res.text}`);
  if (body.error.message.length === 0) throw new Error('error message is empty');
  assertNoStackTrace(res.text);
  return body;
}

export function assertNoStackTrace(text: string): void {
  if (/\n\s+at\s|\bat .+\.(ts|js):\d+|node_modules|"stack"\s*:/.test(text)) {
    throw new Error(`response leaks a stack trace: ${text.slice(0, 500)}`);
  }
}

export interface Registered {
  user: User;
  token: string;
  username: string;
  password: string;
}

/** Registers a fresh user (unique username unless given) and returns {user, token}. */
export async function register(server: HasUrl, username: string = uniqueName(), opts: { password?: string; displayName?: string } = {}): Promise<Registered> {
  const password = opts.password ?? DEFAULT_PASSWORD;
  const res = await http(server, 'POST', '/api/auth/register', {
    json: { username, password, ...(opts.displayName !== undefined ? { displayName: opts.displayName } : {}) },
  });
  if (res.status !== 201) throw new Error(`register ${username} failed: ${res.status} ${res.text}`);
  const { user, token } = AuthResponseSchema.parse(res.body);
  return { user, token, username: user.username, password };
}

/** Registers n users with bounded parallelism (password hashing is CPU bound). */
export async function registerMany(server: HasUrl, n: number, prefix = 'u', parallel = 4): Promise<Registered[]> {
  const out = new Array<Registered>(n);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      out[i] = await register(server, uniqueName(prefix));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker));
  return out;
}

export async function login(server: HasUrl, username: string, password: string): Promise<HttpResult> {
  return http(server, 'POST', '/api/auth/login', { json: { username, password } });
}

export async function loginOk(server: HasUrl, username: string, password: string): Promise<AuthResponse> {
  const res = await login(server, username, password);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return AuthResponseSchema.parse(res.body);
}

// ---------------------------------------------------------------- Socket.IO

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Received<E extends ServerEventName = ServerEventName> {
  event: E;
  payload: ServerPayload<E>;
  at: number;
  /** Set when the payload does not match the protocol schema of the event. */
  shapeError?: string;
}

class AckError extends Error {
  constructor(
    readonly event: string,
    readonly error: ErrorInfo,
  ) {
    super(`${event} failed: ${error.code}: ${error.message}`);
  }
}

/** A connected test client: one device of one user. */
export class ProtocolClient {
  /** Every server push received since connect, in arrival order. */
  readonly received: Received[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly socket: TypedSocket,
    readonly userId: string | undefined,
  ) {
    socket.onAny((event: string, payload: unknown) => {
      if (!(event in serverEvents)) return;
      const name = event as ServerEventName;
      // Shape check of every push against the protocol schema.
      const parsed = serverEvents[name].safeParse(payload);
      let shapeError: string | undefined;
      if (!parsed.success) {
        shapeError = `${event} push does not match the protocol: ${parsed.error.message} in ${JSON.stringify(payload).slice(0, 300)}`;
        this.shapeErrors.push(shapeError);
      }
      this.received.push({ event: name, payload: payload as ServerPayload<typeof name>, at: Date.now(), shapeError });
      for (const l of this.listeners) l();
    });
  }

  /** Pushes that did not match the protocol schema (tests may assert this is empty). */
  readonly shapeErrors: string[] = [];

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Emits a client event with an ack callback and resolves with the raw ack. */
  async call<E extends ClientEventName>(event: E, payload: ClientPayload<E>, timeoutMs = ACK_TIMEOUT_MS): Promise<Ack<E>> {
    const raw = await this.rawCall(event, [payload], timeoutMs);
    return raw as Ack<E>;
  }

  /** Emits anything (for malformed-input tests) with an ack callback appended. */
  async rawCall(event: string, args: unknown[], timeoutMs = ACK_TIMEOUT_MS): Promise<unknown> {
    const s = this.socket as unknown as Socket;
    return s.timeout(timeoutMs).emitWithAck(event, ...args);
  }

  /** Emits without an ack callback. */
  rawEmit(event: string, ...args: unknown[]): void {
    (this.socket as unknown as Socket).emit(event, ...args);
  }

  /** Calls, asserts `ok: true` and validates the result shape; returns the result. */
  async ok<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<ClientResult<E>> {
    const ack = (await this.call(event, payload)) as unknown;
    if (!ack || typeof ack !== 'object') throw new Error(`${event}: ack is not an object: ${JSON.stringify(ack)}`);
    const a = ack as { ok?: unknown; error?: ErrorInfo };
    if (a.ok !== true) {
      if (a.ok === false && a.error) throw new AckError(event, a.error);
      throw new Error(`${event}: malformed ack ${JSON.stringify(ack)}`);
    }
    const parsed = clientEvents[event].result.safeParse(ack);
    if (!parsed.success) {
      throw new Error(`${event}: ack does not match the protocol: ${parsed.error.message}\n${JSON.stringify(ack).slice(0, 1000)}`);
    }
    return parsed.data as ClientResult<E>;
  }

  /** Calls and asserts `ok: false` with the given code; returns the error. */
  async fail<E extends ClientEventName>(event: E, payload: ClientPayload<E>, code: ErrorCode): Promise<ErrorInfo> {
    return expectAckError(await this.call(event, payload), code, event);
  }

  /** Like fail() but with an arbitrary (possibly malformed) payload. */
  async failRaw(event: string, payload: unknown, code: ErrorCode): Promise<ErrorInfo> {
    return expectAckError(await this.rawCall(event, [payload]), code, event);
  }

  /** Pushes of one event received so far (optionally filtered). */
  events<E extends ServerEventName>(event: E, predicate?: (p: ServerPayload<E>) => boolean): ServerPayload<E>[] {
    const out: ServerPayload<E>[] = [];
    for (const r of this.received) {
      if (r.event !== event) continue;
      const p = r.payload as ServerPayload<E>;
      if (!predicate || predicate(p)) out.push(p);
    }
    return out;
  }

  /**
   * Resolves with the first push of `event` matching `predicate`, including pushes that
   * already arrived (so register nothing in advance); rejects after timeoutMs, or when a
   * matching push does not match the protocol schema.
   */
  waitFor<E extends ServerEventName>(event: E, predicate?: (p: ServerPayload<E>) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<ServerPayload<E>> {
    return this.waitForCount(event, 1, predicate, timeoutMs).then((all) => all[0] as ServerPayload<E>);
  }

  /** Resolves once at least `count` matching pushes were received (all of them). */
  waitForCount<E extends ServerEventName>(
    event: E,
    count: number,
    predicate?: (p: ServerPayload<E>) => boolean,
    timeoutMs = WAIT_TIMEOUT_MS,
  ): Promise<ServerPayload<E>[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events(event, predicate);
        if (found.length >= count) {
          cleanup();
          // every push a test waits for is also checked against the protocol schema
          const bad = this.received.find((r) => r.event === event && r.shapeError && found.includes(r.payload as ServerPayload<E>));
          if (bad) reject(new Error(bad.shapeError));
          else resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        const got = this.events(event, predicate).length;
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} '${event}' push(es) (got ${got})`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => {
        check();
      };
      if (check()) return;
      this.listeners.add(listener);
    });
  }

  /** A live array of the pushes of `event` from now on. */
  collect<E extends ServerEventName>(event: E): ServerPayload<E>[] {
    const out: ServerPayload<E>[] = [];
    this.socket.on(event as never, ((p: ServerPayload<E>) => out.push(p)) as never);
    return out;
  }

  /** Forgets the pushes received so far. */
  clear(): void {
    this.received.length = 0;
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Asserts an ack is `{ok:false, error:{code, message}}` with the given code. */
export function expectAckError(ack: unknown, code: ErrorCode, what = 'ack'): ErrorInfo {
  const a = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (!a || a.ok !== false || !a.error || typeof a.error.message !== 'string') {
    throw new Error(`${what}: expected {ok:false, error:{code:${code}}}, got ${JSON.stringify(ack)?.slice(0, 500)}`);
  }
  if (a.error.code !== code) {
    throw new Error(`${what}: expected error code ${code}, got ${JSON.stringify(a.error)}`);
  }
  assertNoStackTrace(JSON.stringify(ack));
  return a.error as ErrorInfo;
}

const openClients = new Set<ProtocolClient>();

function openSocket(server: HasUrl, auth: Record<string, unknown> | undefined, timeoutMs = CONNECT_TIMEOUT_MS): TypedSocket {
  return io(server.url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
}

/**
 * Connects one device with the token and waits until the server answers a first
 * request (so the connection is fully set up).
 */
export async function connect(server: HasUrl, token: string, userId?: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<ProtocolClient> {
  const socket = openSocket(server, { token }, timeoutMs);
  // Wrap before the handshake completes so that no early push is missed.
  const client = new ProtocolClient(socket, userId);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`connect_error: ${err.message}`));
    });
  });
  openClients.add(client);
  socket.on('disconnect', () => openClients.delete(client));
  await client.ok('rooms:list', {});
  return client;
}

/** Connects a registered user's device. */
/** `timeoutMs`: for a handshake known to be slow (a user in 100,000 rooms joins 100,000 channels). */
export function connectUser(server: HasUrl, u: Pick<Registered, 'token' | 'user'>, timeoutMs?: number): Promise<ProtocolClient> {
  return connect(server, u.token, u.user.id, timeoutMs);
}

/** Tries to connect and resolves with the connect_error (rejects if the connection succeeds). */
export async function connectError(server: HasUrl, auth: Record<string, unknown> | undefined): Promise<Error> {
  const socket = openSocket(server, auth);
  try {
    return await new Promise<Error>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`neither connect nor connect_error within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        reject(new Error('connected although it should have been refused'));
      });
      socket.once('connect_error', (err: Error) => {
        clearTimeout(timer);
        resolve(err);
      });
    });
  } finally {
    socket.disconnect();
  }
}

/** Disconnects every client still open (call in afterAll / afterEach). */
export function closeAllClients(): void {
  for (const c of openClients) c.close();
  openClients.clear();
}

// ---------------------------------------------------------------- scenario helpers

/** The seqs of a list of messages, in list order. */
export const seqsOf = (ms: ReadonlyArray<{ seq: number }>): number[] => ms.map((m) => m.seq);
/** The ids of a list, in list order. */
export const idsOf = (xs: ReadonlyArray<{ id: string }>): string[] => xs.map((x) => x.id);
/** from..to inclusive. */
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A registered user with one connected device. */
export interface Member extends Registered {
  c: ProtocolClient;
}

export async function newMember(server: HasUrl, prefix = 'u'): Promise<Member> {
  const r = await register(server, uniqueName(prefix));
  return { ...r, c: await connectUser(server, r) };
}

export async function newMembers(server: HasUrl, n: number, prefix = 'u', parallel = 8): Promise<Member[]> {
  const regs = await registerMany(server, n, prefix);
  const out = new Array<Member>(n);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const r = regs[i]!;
      out[i] = { ...r, c: await connectUser(server, r) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker));
  return out;
}

/** Creates a room through `owner` with the others as members. */
export async function createRoom(
  owner: ProtocolClient,
  kind: 'channel' | 'group',
  members: Array<{ user: User }> = [],
  name = `room-${Math.random().toString(36).slice(2, 8)}`,
): Promise<Room> {
  const { room } = await owner.ok('rooms:create', { kind, name, memberIds: members.map((m) => m.user.id) });
  return room;
}

/** Sends a text message and returns the stored message. */
export async function send(c: ProtocolClient, roomId: string, body: string, clientId = newClientId()): Promise<Message> {
  const { message } = await c.ok('messages:send', { roomId, clientId, body });
  return message;
}

/** All messages of a room via messages:sync paging (ascending). */
export async function syncAll(c: ProtocolClient, roomId: string, after = 0, limit = 500): Promise<Message[]> {
  const all: Message[] = [];
  let cursor = after;
  for (;;) {
    const page = await c.ok('messages:sync', { roomId, after: cursor, limit });
    all.push(...page.messages);
    const last = page.messages.at(-1);
    if (!page.hasMore || !last) return all;
    cursor = last.seq;
  }
}

/** Waits `ms` and asserts that no push of `event` matching `predicate` arrived meanwhile. */
export async function expectNoPush<E extends ServerEventName>(
  c: ProtocolClient,
  event: E,
  predicate: (p: ServerPayload<E>) => boolean,
  ms = 400,
): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  const got = c.events(event, predicate);
  if (got.length > 0) throw new Error(`unexpected '${event}' push: ${JSON.stringify(got[0]).slice(0, 300)}`);
}

/** Polls `fn` until it returns a truthy value or the timeout passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 3000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${last instanceof Error ? String(last) : JSON.stringify(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
