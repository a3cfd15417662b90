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

describe('settingsFromStored: the desktop settings', () => {
  it('gives settings stored by an older version the defaults for the new fields', () => {
    const { autoAwayMinutes, serverUrl, notifications, mutedRoomIds, emojiSkinTone, recentEmoji } = DEFAULT_SETTINGS;
    const old = { autoAwayMinutes, theme: 'dark', serverUrl, notifications, mutedRoomIds, launchAtLogin: true, emojiSkinTone, recentEmoji };
    expect(settingsFromStored(old).settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', launchAtLogin: true });
  });

  it.each([
    ['a zoom level out of range', { zoomLevel: 12 }],
    ['a spell-check language that is no language code', { spellcheckLanguages: ['en-US', '../../etc'] }],
    ['more than five spell-check languages', { spellcheckLanguages: ['de', 'fr', 'es', 'it', 'nl', 'pl'] }],
    ['an unknown notification sound', { notificationSound: 'file:///tmp/x.wav' }],
    ['a schedule time that is not HH:MM', { dndSchedule: { ...DEFAULT_SETTINGS.dndSchedule, from: '25:00' } }],
    ['a schedule with extra fields', { dndSchedule: { ...DEFAULT_SETTINGS.dndSchedule, days: [1] } }],
  ])('repairs %s to the default', (_name, field) => {
    const { settings, repaired } = settingsFromStored({ ...DEFAULT_SETTINGS, ...field });
    expect(repaired).toBe(true);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses such values from the window too', () => {
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { zoomLevel: -9 })).toThrow();
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { dndSchedule: { ...DEFAULT_SETTINGS.dndSchedule, to: '9:00' } })).toThrow();
    expect(applySettingsPatch(DEFAULT_SETTINGS, { dndSchedule: { ...DEFAULT_SETTINGS.dndSchedule, from: '22:30' } }).dndSchedule.from).toBe('22:30');
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
