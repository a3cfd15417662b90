import { AuthResponseSchema, API_PATHS, ChangePasswordResponseSchema, type SessionEndReason, type User } from '../../common/protocol';
import { serverUrlProblem, type SessionState } from '../../common/ipc';
import type { LocalServerPort, Logger, StoredSession, TokenVault } from '../ports';
import { DesktopError, errorInfo, SIGNED_OUT_ERROR, toErrorInfo } from './errors';
import { requestJson } from './http-client';

export const SESSION_EXPIRED_REASON = 'Your session has expired. Please sign in again.';

/** What the sign-in screen says when the server ended the session (`session:revoked`). */
export const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  logged_out: 'You were signed out because this session was signed out on the server.',
  logged_out_everywhere: 'You were signed out because "Sign out everywhere" was chosen on another device.',
  password_changed: 'You were signed out because your password was changed on another device.',
  expired: SESSION_EXPIRED_REASON,
};

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
  /** A password change or "sign out everywhere" waiting for the server: the revocation it causes must not sign this device out. */
  private changing: Promise<unknown> | null = null;
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

  /**
   * Forgets the token at once, then tells the server (`POST /api/auth/logout`). When the server
   * cannot be told, the sign-in screen says so: the token stays valid there until it expires.
   */
  async logout(): Promise<SessionState> {
    const target = this.target;
    await this.signOut(null);
    if (!target) return this.state();
    try {
      await requestJson(target.url, API_PATHS.logout, { method: 'POST', token: target.token });
    } catch (err) {
      const info = toErrorInfo(err);
      // unauthorized: the server refuses that token already, so there is nothing to tell it.
      if (info.code !== 'unauthorized') {
        this.log.warn('session: the server could not be told about the sign-out', err);
        if (!this.stored) {
          const why = info.message.replace(/[.\s]+$/, '');
          this.signedOutReason = `Signed out on this device, but the server could not be told (${why}). Your sign-in stays valid on the server until it expires.`;
          this.emit();
        }
      }
    }
    return this.state();
  }

  /** Extension `POST /api/auth/logout {everywhere: true}`: every token of the user is refused, this one included; signs out here once the server agreed. */
  async logoutEverywhere(): Promise<SessionState> {
    const target = this.requireTarget();
    await this.whileChanging(requestJson(target.url, API_PATHS.logout, { method: 'POST', token: target.token, json: { everywhere: true } }));
    if (this.stored?.token === target.token) await this.signOut(null);
    return this.state();
  }

  /** `POST /api/auth/password`: the server answers a new token (every other one is refused), kept in place of the old one. */
  async changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    const target = this.requireTarget();
    const raw = await this.whileChanging(
      requestJson(target.url, API_PATHS.password, { method: 'POST', token: target.token, json: { currentPassword, newPassword } }),
    );
    const response = ChangePasswordResponseSchema.safeParse(raw);
    if (!response.success) throw new DesktopError(errorInfo('internal', 'The server sent an unexpected answer.'));
    // Signed out or in again meanwhile: that session is not this one.
    if (!this.stored || !this.target || this.stored.token !== target.token) return this.state();
    this.stored = { ...this.stored, token: response.data.token };
    this.target = { ...this.target, token: response.data.token };
    try {
      await this.vault.save(this.stored);
    } catch (err) {
      this.log.warn('session: could not store the new token', err);
    }
    this.emit();
    return this.state();
  }

  /**
   * The server refused the token or ended its session: back to the sign-in screen, saying why.
   * `token`: the refused one; when it is no longer this session's (a password change here replaced
   * it meanwhile), nothing happens.
   */
  async expire(reason = SESSION_EXPIRED_REASON, token?: string): Promise<void> {
    // Whatever the change's outcome, the check below decides; its failure is the caller's to report.
    while (this.changing) await Promise.allSettled([this.changing]);
    if (!this.stored || (token !== undefined && this.stored.token !== token)) return;
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

  private requireTarget(): SessionTarget {
    if (!this.target) throw new DesktopError(SIGNED_OUT_ERROR);
    return this.target;
  }

  private async whileChanging<T>(work: Promise<T>): Promise<T> {
    this.changing = work;
    try {
      return await work;
    } finally {
      if (this.changing === work) this.changing = null;
    }
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
