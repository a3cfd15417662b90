import type { PresenceStatus, SettableStatus } from '../../common/protocol';
import type { AppContext } from '../context';
import { roomIdsOfUser } from '../services/membership';
import { findUserById, touchLastSeen } from '../services/users';
import type { Broadcaster } from './broadcaster';

interface PendingExpiry {
  timer: NodeJS.Timeout;
  run: () => Promise<void>;
}

/**
 * Turns device connects and disconnects into presence changes: online at the first
 * device, offline `offlineGraceMs` after the last one unless a device came back.
 */
export class PresenceLifecycle {
  private readonly pending = new Map<string, PendingExpiry>();
  /** Per socket: its connect being recorded, so later calls for that socket wait for it. */
  private readonly registrations = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly broadcaster: Broadcaster,
  ) {
    // In a cluster: the users of a node that died, taken offline by the tracker's sweep.
    ctx.presence.onChange(async ({ userId, status, at }) => {
      await touchLastSeen(this.ctx.db, userId, at);
      await this.publish(userId, status, at);
    });
  }

  deviceConnected(userId: string, socketId: string): Promise<void> {
    const registration = this.register(userId, socketId);
    this.registrations.set(
      socketId,
      // The caller gets `registration` itself and handles its failure; this copy only orders a later disconnect after it.
      // eslint-disable-next-line no-restricted-syntax -- see above
      registration.catch(() => undefined),
    );
    return registration;
  }

  private async register(userId: string, socketId: string): Promise<void> {
    this.cancelExpiry(userId);
    const { cameOnline } = await this.ctx.presence.connect(userId, socketId);
    if (cameOnline) {
      const at = await touchLastSeen(this.ctx.db, userId);
      await this.publish(userId, 'online', at);
    }
  }

  async deviceDisconnected(userId: string, socketId: string): Promise<void> {
    const disconnectedAt = new Date();
    await this.registrations.get(socketId);
    this.registrations.delete(socketId);
    const { lastDevice, epoch } = await this.ctx.presence.disconnect(userId, socketId);
    if (!lastDevice) return;
    this.cancelExpiry(userId);
    const run = async () => {
      this.pending.delete(userId);
      if (!(await this.ctx.presence.expire(userId, epoch))) return;
      await touchLastSeen(this.ctx.db, userId, disconnectedAt);
      await this.publish(userId, 'offline', disconnectedAt);
    };
    const timer = setTimeout(() => {
      run().catch((error: unknown) => this.ctx.logger.error({ err: error, userId }, 'presence expiry failed'));
    }, this.ctx.config.offlineGraceMs);
    timer.unref();
    this.pending.set(userId, { timer, run });
  }

  /** False when the user has no connected device. */
  async setStatus(userId: string, socketId: string, status: SettableStatus): Promise<boolean> {
    await this.registrations.get(socketId);
    if (!(await this.ctx.presence.setStatus(userId, status))) return false;
    const user = await findUserById(this.ctx.db, userId);
    await this.publish(userId, status, user?.lastSeenAt ?? null);
    return true;
  }

  /**
   * Settles the pending offline checks now instead of after the grace period, so that a
   * node shutting down does not leave its users online in shared (Redis) presence.
   */
  async close(): Promise<void> {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { timer } of pending) clearTimeout(timer);
    await Promise.allSettled(pending.map(({ run }) => run()));
  }

  private cancelExpiry(userId: string): void {
    const entry = this.pending.get(userId);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(userId);
  }

  private async publish(userId: string, status: PresenceStatus, lastSeenAt: Date | null): Promise<void> {
    const roomIds = await roomIdsOfUser(this.ctx.db, userId);
    this.broadcaster.presence({ userId, status, lastSeenAt: lastSeenAt?.toISOString() ?? null }, roomIds);
  }
}
