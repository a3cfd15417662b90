import type { PresenceStatus, SettableStatus } from '../../common/protocol';

/**
 * Who is connected, and with which chosen status. A user is present from their first
 * device's connect until `expire` succeeds after their last device's disconnect; the
 * caller runs the grace timer between the two.
 */
export interface PresenceTracker {
  readonly cluster: 'single' | 'redis';
  /** Records a device; `cameOnline` when the user was offline before. */
  connect(userId: string, socketId: string): Promise<{ cameOnline: boolean }>;
  /** Forgets a device; `lastDevice` when none is left. `epoch` identifies this moment for `expire`. */
  disconnect(userId: string, socketId: string): Promise<{ lastDevice: boolean; epoch: number }>;
  /** Marks the user offline unless a device connected since `epoch`; true when it did. */
  expire(userId: string, epoch: number): Promise<boolean>;
  /** Sets the chosen status of a connected user; false when the user has no device connected. */
  setStatus(userId: string, status: SettableStatus): Promise<boolean>;
  statuses(userIds: readonly string[]): Promise<Map<string, PresenceStatus>>;
  /**
   * Receives the changes the tracker makes on its own rather than in answer to a call:
   * in a cluster, the users of a node that died going offline. The listener stamps and
   * announces them; `null` stops it.
   */
  onChange(listener: ((change: PresenceChange) => Promise<void>) | null): void;
  close(): Promise<void>;
}

export interface PresenceChange {
  userId: string;
  status: 'online' | 'offline';
  /** When the user was last seen (offline) or came back (online). */
  at: Date;
}
