import type { PresenceStatus, SettableStatus } from '../../common/protocol';
import type { AppContext } from '../context';
import { roomIdsOfUser } from '../services/membership';
import { LastSeenBatcher } from '../services/last-seen-batcher';
import { findUserById } from '../services/users';
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
  private readonly lastSeen: LastSeenBatcher;

  constructor(
    private readonly ctx: AppContext,
    private readonly broadcaster: Broadcaster,
  ) {
    this.lastSeen = new LastSeenBatcher(ctx.db);
    // In a cluster: the users of a node that died, taken offline by the tracker's sweep.
    ctx.presence.onChange(async ({ userId, status, at }) => {
      await this.lastSeen.touch(userId, at);
      await this.publish(userId, status, at);
    });
  }

  /** `roomIds`: the user's rooms as the socket's handshake read them, where its presence goes. */
  deviceConnected(userId: string, socketId: string, roomIds: readonly string[]): Promise<void> {
    const registration = this.register(userId, socketId, roomIds);
    this.registrations.set(
      socketId,
      // The caller gets `registration` itself and handles its failure; this copy only orders a later disconnect after it.
      // eslint-disable-next-line no-restricted-syntax -- see above
      registration.catch(() => undefined),
    );
    return registration;
  }

  private async register(userId: string, socketId: string, roomIds: readonly string[]): Promise<void> {
    this.cancelExpiry(userId);
    const { cameOnline } = await this.ctx.presence.connect(userId, socketId);
    if (cameOnline) {
      const at = await this.lastSeen.touch(userId);
      await this.publish(userId, 'online', at, roomIds);
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
      await this.lastSeen.touch(userId, disconnectedAt);
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

  private async publish(userId: string, status: PresenceStatus, lastSeenAt: Date | null, knownRoomIds?: readonly string[]): Promise<void> {
    const roomIds = knownRoomIds ?? (await roomIdsOfUser(this.ctx.db, userId));
    this.broadcaster.presence({ userId, status, lastSeenAt: lastSeenAt?.toISOString() ?? null }, roomIds);
  }
}
