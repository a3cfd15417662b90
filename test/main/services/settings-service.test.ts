import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/ipc';
import type { SettingsStore } from '../../../main/ports';
import { applySettingsPatch, SettingsService, settingsFromStored } from '../../../main/services/settings-service';
import { silentLogger } from '../support';

const memoryStore = (initial: unknown): SettingsStore & { written: Settings[] } => {
  const written: Settings[] = [];
  return { written, read: () => initial, write: (s) => void written.push(s) };
};

describe('settingsFromStored', () => {
  it('takes valid stored settings as they are', () => {
    const stored = { ...DEFAULT_SETTINGS, theme: 'dark', autoAwayMinutes: 5 };
    expect(settingsFromStored(stored)).toEqual({ settings: stored, repaired: false });
  });

  it('falls back to the defaults for nothing or garbage', () => {
    for (const stored of [undefined, null, 42, 'x', []]) expect(settingsFromStored(stored).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the valid fields of a partly corrupt file and repairs the rest', () => {
    const { settings, repaired } = settingsFromStored({
      serverUrl: 'https://chat.example.com',
      theme: 'purple',
      autoAwayMinutes: -3,
      mutedRoomIds: ['not-a-uuid'],
      notifications: { enabled: false, showPreview: 'yes' },
    });
    expect(repaired).toBe(true);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      serverUrl: 'https://chat.example.com',
      notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false },
    });
  });
});

describe('SettingsService', () => {
  it('writes back repaired settings and announces changes', () => {
    const store = memoryStore({ theme: 'neon' });
    const service = new SettingsService(store, silentLogger);
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.written).toHaveLength(1);
    const seen: Array<[Settings['theme'], Settings['theme']]> = [];
    service.onChange((next, previous) => seen.push([next.theme, previous.theme]));
    service.update({ theme: 'dark', notifications: { sound: false } });
    expect(service.get()).toMatchObject({ theme: 'dark', notifications: { enabled: true, showPreview: true, sound: false } });
    expect(seen).toEqual([['dark', 'system']]);
  });

  it('does not rewrite a missing file (first launch) until something changes', () => {
    const store = memoryStore(undefined);
    new SettingsService(store, silentLogger);
    expect(store.written).toEqual([]);
  });

  it('rejects a patch that would make the settings invalid', () => {
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { autoAwayMinutes: 9999 })).toThrow();
  });
});
