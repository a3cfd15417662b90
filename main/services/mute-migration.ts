import type { Logger } from '../ports';
import type { SettingsService } from './settings-service';

/**
 * Before notification levels, rooms were muted on this device only (settings.mutedRoomIds).
 * Each such room of the signed-in user becomes the server-side level 'none' (rooms:notify) and
 * leaves the setting; ids of other accounts' rooms stay until that account signs in here.
 */
export class MuteMigration {
  private running: Promise<void> | null = null;

  constructor(
    private readonly settings: SettingsService,
    private readonly setNothing: (roomId: string) => Promise<boolean>,
    private readonly log: Logger,
  ) {}

  /** Moves the muted rooms among `memberRoomIds` to the server; safe to call on every connect. */
  run(memberRoomIds: readonly string[]): Promise<void> {
    this.running ??= this.migrate(memberRoomIds).finally(() => (this.running = null));
    return this.running;
  }

  private async migrate(memberRoomIds: readonly string[]): Promise<void> {
    const mine = new Set(memberRoomIds);
    const todo = this.settings.get().mutedRoomIds.filter((id) => mine.has(id));
    if (todo.length === 0) return;
    const moved = new Set<string>();
    for (const roomId of todo) {
      if (await this.setNothing(roomId)) moved.add(roomId);
      else this.log.warn(`mute migration: room ${roomId} could not be set to "nothing"; trying again on the next connect`);
    }
    if (moved.size === 0) return;
    this.settings.setMutedRoomIds(this.settings.get().mutedRoomIds.filter((id) => !moved.has(id)));
  }
}
