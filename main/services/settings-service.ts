import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '../../common/ipc';
import type { Logger, SettingsStore } from '../ports';

/**
 * Validates stored settings against the contract's schema. A stored value that does not pass
 * keeps every field that is still valid on its own and takes the default for the rest, so one
 * corrupt field does not reset everything.
 */
export function settingsFromStored(stored: unknown): { settings: Settings; repaired: boolean } {
  const whole = SettingsSchema.safeParse(stored);
  if (whole.success) return { settings: whole.data, repaired: false };
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(source[key]);
    candidate[key] = field.success ? field.data : DEFAULT_SETTINGS[key];
  }
  const storedFlags = source.notifications;
  if (storedFlags && typeof storedFlags === 'object') {
    const flags = storedFlags as Record<string, unknown>;
    candidate.notifications = Object.fromEntries(
      Object.entries(DEFAULT_SETTINGS.notifications).map(([k, fallback]) => [k, typeof flags[k] === 'boolean' ? flags[k] : fallback]),
    );
  }
  return { settings: SettingsSchema.parse(candidate), repaired: true };
}

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const { notifications, ...rest } = patch;
  return SettingsSchema.parse({
    ...current,
    ...rest,
    notifications: { ...current.notifications, ...notifications },
  });
}

export type SettingsListener = (settings: Settings, previous: Settings) => void;

export class SettingsService {
  private current: Settings;
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly store: SettingsStore,
    log: Logger,
  ) {
    let stored: unknown;
    try {
      stored = store.read();
    } catch (err) {
      log.warn('settings: could not read the stored settings, using defaults', err);
    }
    const { settings, repaired } = settingsFromStored(stored);
    this.current = settings;
    if (repaired && stored !== undefined) {
      log.warn('settings: stored settings were invalid; invalid fields were reset to their defaults');
      this.store.write(settings);
    }
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    return this.replace(applySettingsPatch(this.current, patch));
  }

  /** The legacy mute list, which only main changes (see MuteMigration). */
  setMutedRoomIds(mutedRoomIds: string[]): Settings {
    return this.replace(SettingsSchema.parse({ ...this.current, mutedRoomIds }));
  }

  private replace(next: Settings): Settings {
    const previous = this.current;
    this.current = next;
    this.store.write(this.current);
    for (const listener of this.listeners) listener(this.current, previous);
    return this.current;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
