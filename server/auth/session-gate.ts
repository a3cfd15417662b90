import type { Queryable } from '../storage/database';
import { loadSessionState, type SessionState } from './sessions';
import type { SessionClaims } from './tokens';

const DEFAULT_CAPACITY = 100_000;
/**
 * How long a node trusts a user's remembered session state. Revocations reach every node at once
 * (`forget`, through the cluster); this bounds how long one that missed such a message (Redis
 * down) could still let a signed-out token connect.
 */
const DEFAULT_TTL_MS = 30_000;
const MAX_LOADS = 3;

/**
 * Checks socket handshakes against token revocation without a query per handshake: each user's
 * token generation and signed-out token ids are remembered (bounded, oldest first out) until a
 * revocation for that user is announced or the entry is `ttlMs` old. A user who does not exist
 * is refused.
 */
export class SessionGate {
  private readonly states = new Map<string, { state: SessionState; loadedAt: number }>();
  /** Bumped by every `forget`: a state loaded while it changed may predate a revocation and is loaded again. */
  private version = 0;

  constructor(
    private readonly db: Queryable,
    private readonly options: { capacity?: number; ttlMs?: number; now?: () => number } = {},
  ) {}

  async accepts(claims: SessionClaims): Promise<boolean> {
    const state = await this.stateOf(claims.userId);
    return state !== null && state.generation === claims.generation && !state.revokedTokenIds.has(claims.tokenId);
  }

  /** Drops what is remembered of the user (their tokens changed). */
  forget(userId: string): void {
    this.version += 1;
    this.states.delete(userId);
  }

  private async stateOf(userId: string): Promise<SessionState | null> {
    const now = this.options.now ?? Date.now;
    const cached = this.states.get(userId);
    if (cached && now() - cached.loadedAt < (this.options.ttlMs ?? DEFAULT_TTL_MS)) return cached.state;
    let state: SessionState | null = null;
    for (let attempt = 0; attempt < MAX_LOADS; attempt += 1) {
      const before = this.version;
      const loadedAt = now();
      state = await loadSessionState(this.db, userId);
      if (this.version !== before) continue;
      if (state) this.remember(userId, state, loadedAt);
      break;
    }
    return state;
  }

  private remember(userId: string, state: SessionState, loadedAt: number): void {
    this.states.delete(userId);
    if (this.states.size >= (this.options.capacity ?? DEFAULT_CAPACITY)) this.states.delete(this.states.keys().next().value!);
    this.states.set(userId, { state, loadedAt });
  }
}
