import type { Settings, SettingsPatch } from '../../shared/contract';
import { Switch } from '../../ui/Switch';

type SoundChoice = Settings['notificationSound'] | 'none';
const SOUNDS: { value: SoundChoice; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'default', label: 'System default' },
  { value: 'chime', label: 'Chime' },
  { value: 'ping', label: 'Ping' },
  { value: 'pop', label: 'Pop' },
];

/** Dictionaries Chromium ships for Windows and Linux (the ones most teams ask for). */
const SPELLCHECK_LANGUAGES: { code: string; label: string }[] = [
  { code: 'en-US', label: 'English (US)' },
  { code: 'en-GB', label: 'English (UK)' },
  { code: 'de', label: 'German' },
  { code: 'fr', label: 'French' },
  { code: 'es', label: 'Spanish' },
  { code: 'it', label: 'Italian' },
  { code: 'nl', label: 'Dutch' },
  { code: 'pt-BR', label: 'Portuguese (Brazil)' },
  { code: 'pl', label: 'Polish' },
  { code: 'sv', label: 'Swedish' },
];
const SPELLCHECK_MAX = 5;

/** Electron zoom levels: each step of 1 is 20 % (1.2^level). */
const ZOOM_LEVELS = [-3, -2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4, 5];
const zoomLabel = (level: number): string => `${Math.round(100 * 1.2 ** level)} %`;

const isMac = (): boolean => /Macintosh|Mac OS X/.test(navigator.userAgent);

interface Props {
  settings: Settings;
  save: (patch: SettingsPatch) => void;
}

/** Notification sound: none, the system's, or one of the bundled sounds (replaces a plain on/off). */
export function NotificationSoundSelect({ settings, save }: Props) {
  const value: SoundChoice = settings.notifications.sound ? settings.notificationSound : 'none';
  const choose = (choice: SoundChoice) =>
    save(choice === 'none' ? { notifications: { sound: false } } : { notifications: { sound: true }, notificationSound: choice });
  return (
    <label className="field settings__row">
      <span className="field__label">Notification sound</span>
      <select className="select" value={value} disabled={!settings.notifications.enabled} onChange={(e) => choose(e.target.value as SoundChoice)}>
        {SOUNDS.map((sound) => (
          <option key={sound.value} value={sound.value}>
            {sound.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Do not disturb on a schedule: quiet hours every day, optionally the whole weekend. */
export function DndScheduleSettings({ settings, save }: Props) {
  const schedule = settings.dndSchedule;
  const update = (change: Partial<Settings['dndSchedule']>) => save({ dndSchedule: { ...schedule, ...change } });
  return (
    <div className="settings__group" role="group" aria-label="Do not disturb schedule">
      <Switch
        label="Do not disturb on a schedule"
        description="No notifications during quiet hours."
        checked={schedule.enabled}
        onChange={(enabled) => update({ enabled })}
      />
      <div className="settings__times">
        <label className="field">
          <span className="field__label">Quiet from</span>
          <input
            className="input"
            type="time"
            value={schedule.from}
            disabled={!schedule.enabled}
            required
            onChange={(e) => {
              if (e.target.value) update({ from: e.target.value });
            }}
          />
        </label>
        <label className="field">
          <span className="field__label">Quiet until</span>
          <input
            className="input"
            type="time"
            value={schedule.to}
            disabled={!schedule.enabled}
            required
            onChange={(e) => {
              if (e.target.value) update({ to: e.target.value });
            }}
          />
        </label>
      </div>
      <Switch label="All weekend" checked={schedule.weekends} disabled={!schedule.enabled} onChange={(weekends) => update({ weekends })} />
      <Switch
        label="Show me as do not disturb"
        description="Others see your status as do not disturb during quiet hours."
        checked={schedule.showAsDnd}
        disabled={!schedule.enabled}
        onChange={(showAsDnd) => update({ showAsDnd })}
      />
    </div>
  );
}

/** Start-up, spell check, zoom and developer tools. */
export function DesktopSettings({ settings, save }: Props) {
  const mac = isMac();
  const languages = settings.spellcheckLanguages;
  const toggleLanguage = (code: string, on: boolean) =>
    save({ spellcheckLanguages: on ? [...languages.filter((l) => l !== code), code].slice(-SPELLCHECK_MAX) : languages.filter((l) => l !== code) });
  return (
    <section className="settings__section" aria-labelledby="settings-desktop">
      <h3 id="settings-desktop" className="settings__heading">
        Desktop
      </h3>
      <Switch
        label="Start hidden"
        description="When opened at login, stay in the tray until you open the window."
        checked={settings.startHidden}
        disabled={!settings.launchAtLogin}
        onChange={(startHidden) => save({ startHidden })}
      />
      <label className="field settings__row">
        <span className="field__label">Zoom</span>
        <select className="select" value={settings.zoomLevel} onChange={(e) => save({ zoomLevel: Number(e.target.value) })}>
          {(ZOOM_LEVELS.includes(settings.zoomLevel) ? ZOOM_LEVELS : [...ZOOM_LEVELS, settings.zoomLevel].sort((a, b) => a - b)).map((level) => (
            <option key={level} value={level}>
              {zoomLabel(level)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="settings__fieldset" aria-describedby="settings-spellcheck-hint">
        <legend className="field__label">Spell check languages</legend>
        <span id="settings-spellcheck-hint" className="field__hint">
          {mac
            ? 'On macOS, spell check uses the languages chosen in System Settings → Keyboard.'
            : `None chosen: your system language. Up to ${SPELLCHECK_MAX}.`}
        </span>
        {!mac && (
          <div className="settings__languages">
            {SPELLCHECK_LANGUAGES.map((language) => (
              <label key={language.code} className="settings__language">
                <input type="checkbox" checked={languages.includes(language.code)} onChange={(e) => toggleLanguage(language.code, e.target.checked)} />
                {language.label}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <Switch
        label="Developer tools"
        description="View → Toggle Developer Tools and Inspect element. Anyone at this computer could read the window's data with them."
        checked={settings.devTools}
        onChange={(devTools) => save({ devTools })}
      />
    </section>
  );
}
