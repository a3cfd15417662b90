import { AuthResponseSchema, API_PATHS, type User } from '../../common/protocol';
import { serverUrlProblem, type SessionState } from '../../common/ipc';
import type { LocalServerPort, Logger, StoredSession, TokenVault } from '../ports';
import { DesktopError, errorInfo } from './errors';
import { requestJson } from './http-client';

export const SESSION_EXPIRED_REASON = 'Your session has expired. Please sign in again.';

/** Where the signed-in session talks to: the resolved base URL and the bearer token. */
export interface SessionTarget {
  url: string;
  token: string;
  user: User;
  /** Only for the local server: the secret it wants in the socket handshake. */
  clientSecret?: string;
}

/** A resolved server: where it is and, for the local server only, the secret it was started with. */
interface ResolvedServer {
  url: string;
  clientSecret?: string;
}

export type SessionListener = (state: SessionState, target: SessionTarget | null) => void;

/**
 * Register, log in, log out, expire. The token only lives in the TokenVault and in memory;
 * an empty server URL means the bundled local server.
 */
export class SessionService {
  private stored: StoredSession | null = null;
  private target: SessionTarget | null = null;
  private signedOutReason: string | null = null;
  private readonly listeners = new Set<SessionListener>();

  constructor(
    private readonly vault: TokenVault,
    private readonly localServer: LocalServerPort,
    private readonly log: Logger,
    private readonly configuredServerUrl: () => string,
  ) {}

  /** Restores a stored session (called once at startup). */
  async restore(): Promise<void> {
    let stored: StoredSession | null = null;
    try {
      stored = await this.vault.load();
    } catch (err) {
      this.log.warn('session: the stored token could not be read; signing out', err);
    }
    if (!stored) return;
    if (serverUrlProblem(stored.serverUrl) !== null) {
      // Written by an older version that accepted any string: never connect there, sign in again.
      this.log.warn('session: the stored server URL is not acceptable; signing out');
      await this.signOut(null);
      return;
    }
    try {
      await this.signIn(stored);
    } catch (err) {
      this.log.warn('session: could not resolve the stored server', err);
    }
  }

  state(): SessionState {
    if (this.stored) return { status: 'signedIn', serverUrl: this.stored.serverUrl, user: this.stored.user };
    return { status: 'signedOut', serverUrl: this.configuredServerUrl(), reason: this.signedOutReason };
  }

  current(): SessionTarget | null {
    return this.target;
  }

  async register(serverUrl: string, body: { username: string; password: string; displayName?: string }): Promise<SessionState> {
    return this.authenticate(serverUrl, API_PATHS.register, body);
  }

  async login(serverUrl: string, body: { username: string; password: string }): Promise<SessionState> {
    return this.authenticate(serverUrl, API_PATHS.login, body);
  }

  async logout(): Promise<SessionState> {
    await this.signOut(null);
    return this.state();
  }

  /** The server refused the token: back to the sign-in screen, saying why. */
  async expire(reason = SESSION_EXPIRED_REASON): Promise<void> {
    if (!this.stored) return;
    await this.signOut(reason);
  }

  /**
   * The signed-in user changed (name, avatar): what state() reports and the vault keeps follows,
   * so the next launch starts from it. Listeners are not told: the connection stays as it is.
   */
  async updateUser(user: User): Promise<void> {
    if (!this.stored || this.stored.user.id !== user.id) return;
    this.stored = { ...this.stored, user };
    try {
      await this.vault.save(this.stored);
    } catch (err) {
      this.log.warn('session: could not store the updated profile', err);
    }
  }

  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Before a reconnect: a session on the local server follows it when it was restarted (after a
   * crash it listens on a new port with a new secret; endpoint() also starts it again).
   */
  async refreshTarget(target: SessionTarget): Promise<SessionTarget> {
    if (target !== this.target || this.stored?.serverUrl.trim() !== '') return target;
    const server = await this.localServer.endpoint();
    if (target !== this.target) return target;
    if (server.url === target.url && server.clientSecret === target.clientSecret) return target;
    this.target = { ...target, url: server.url, clientSecret: server.clientSecret };
    return this.target;
  }

  /** What a configured server string stands for ('' = the local server, with its secret). */
  private async resolve(serverUrl: string): Promise<ResolvedServer> {
    if (serverUrl.trim() === '') return this.localServer.endpoint();
    return { url: serverUrl.trim().replace(/\/+$/, '') };
  }

  private async authenticate(serverUrl: string, pathname: string, body: unknown): Promise<SessionState> {
    const server = await this.resolve(serverUrl).catch(() => {
      throw new DesktopError(errorInfo('internal', 'The local server could not be started.'));
    });
    const response = AuthResponseSchema.safeParse(
      await requestJson(server.url, pathname, { method: 'POST', json: body, ...(server.clientSecret ? { clientSecret: server.clientSecret } : {}) }),
    );
    if (!response.success) throw new DesktopError(errorInfo('internal', 'The server sent an unexpected answer.'));
    const stored: StoredSession = { serverUrl, token: response.data.token, user: response.data.user };
    await this.vault.save(stored);
    await this.signIn(stored);
    return this.state();
  }

  private async signIn(stored: StoredSession): Promise<void> {
    const server = await this.resolve(stored.serverUrl);
    this.stored = stored;
    this.signedOutReason = null;
    this.target = { ...server, token: stored.token, user: stored.user };
    this.emit();
  }

  private async signOut(reason: string | null): Promise<void> {
    this.stored = null;
    this.target = null;
    this.signedOutReason = reason;
    try {
      await this.vault.clear();
    } catch (err) {
      this.log.warn('session: could not clear the stored token', err);
    }
    this.emit();
  }

  private emit(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state, this.target);
  }
}
