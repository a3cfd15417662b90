import type { PresenceStatus, SettableStatus } from '../../common/protocol';
import type { PresenceTracker } from './presence-tracker';

interface UserPresence {
  sockets: Set<string>;
  /** null once the user has been reported offline. */
  status: SettableStatus | null;
  epoch: number;
}

/** Presence for a single server process. */
export class MemoryPresence implements PresenceTracker {
  readonly cluster = 'single' as const;
  private readonly users = new Map<string, UserPresence>();

  private entry(userId: string): UserPresence {
    let entry = this.users.get(userId);
    if (!entry) {
      entry = { sockets: new Set(), status: null, epoch: 0 };
      this.users.set(userId, entry);
    }
    return entry;
  }

  async connect(userId: string, socketId: string): Promise<{ cameOnline: boolean }> {
    const entry = this.entry(userId);
    entry.sockets.add(socketId);
    entry.epoch += 1;
    const cameOnline = entry.status === null;
    entry.status ??= 'online';
    return { cameOnline };
  }

  async disconnect(userId: string, socketId: string): Promise<{ lastDevice: boolean; epoch: number }> {
    const entry = this.entry(userId);
    entry.sockets.delete(socketId);
    return { lastDevice: entry.sockets.size === 0, epoch: entry.epoch };
  }

  async expire(userId: string, epoch: number): Promise<boolean> {
    const entry = this.users.get(userId);
    if (!entry || entry.sockets.size > 0 || entry.epoch !== epoch || entry.status === null) return false;
    this.users.delete(userId);
    return true;
  }

  async setStatus(userId: string, status: SettableStatus): Promise<boolean> {
    const entry = this.users.get(userId);
    if (!entry || entry.sockets.size === 0) return false;
    entry.status = status;
    return true;
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>> {
    return new Map(userIds.map((id) => [id, this.users.get(id)?.status ?? 'offline']));
  }

  /** One process: when it stops, every device it held goes with it, so nothing changes on its own. */
  onChange(): void {}

  async close(): Promise<void> {
    this.users.clear();
  }
}
