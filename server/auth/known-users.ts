import type { Queryable } from '../storage/database';
import { findUserById } from '../services/users';

const DEFAULT_CAPACITY = 100_000;

/**
 * Which user ids are known to exist, so that a socket handshake whose token verifies needs no
 * query (users are never deleted, so a remembered id stays true). Bounded: the oldest entry goes
 * first once `capacity` ids are remembered. Tokens themselves are checked on every handshake.
 */
export class KnownUsers {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  async exists(db: Queryable, userId: string): Promise<boolean> {
    if (this.ids.has(userId)) return true;
    if (!(await findUserById(db, userId))) return false;
    if (this.ids.size >= this.capacity) this.ids.delete(this.ids.values().next().value!);
    this.ids.add(userId);
    return true;
  }
}
