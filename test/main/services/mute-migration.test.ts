import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/ipc';
import { MuteMigration } from '../../../main/services/mute-migration';
import { SettingsService } from '../../../main/services/settings-service';
import { silentLogger } from '../support';

const MINE = '00000000-0000-7000-8000-0000000000a1';
const FAILS = '00000000-0000-7000-8000-0000000000a2';
const OTHER_ACCOUNT = '00000000-0000-7000-8000-0000000000a3';

describe('MuteMigration', () => {
  it("sets this account's muted rooms to 'nothing' on the server once and drops them from the setting", async () => {
    const written: Settings[] = [];
    const settings = new SettingsService(
      { read: () => ({ ...DEFAULT_SETTINGS, mutedRoomIds: [MINE, FAILS, OTHER_ACCOUNT] }), write: (s) => void written.push(s) },
      silentLogger,
    );
    const asked: string[] = [];
    const migration = new MuteMigration(settings, async (roomId) => (asked.push(roomId), roomId !== FAILS), silentLogger);

    await migration.run([MINE, FAILS]);
    expect(asked).toEqual([MINE, FAILS]);
    // The failed one is tried again on the next connect; another account's room waits for that account.
    expect(settings.get().mutedRoomIds).toEqual([FAILS, OTHER_ACCOUNT]);
    expect(written.at(-1)?.mutedRoomIds).toEqual([FAILS, OTHER_ACCOUNT]);

    await migration.run([MINE, FAILS]);
    expect(asked).toEqual([MINE, FAILS, FAILS]);
  });

  it('asks the server nothing when no room of this account is muted', async () => {
    const settings = new SettingsService({ read: () => DEFAULT_SETTINGS, write: () => undefined }, silentLogger);
    const asked: string[] = [];
    await new MuteMigration(settings, async (roomId) => (asked.push(roomId), true), silentLogger).run([MINE]);
    expect(asked).toEqual([]);
  });
});
