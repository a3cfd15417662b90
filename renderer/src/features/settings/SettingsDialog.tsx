import { useState } from 'react';
import { errorMessage } from '../../bridge/bridge-error';
import { setNotifyLevel } from '../../services/notify-level';
import { updateSettings } from '../../services/settings';
import { serverUrlProblem, serverUrlTransport, type Settings, type SettingsPatch } from '../../shared/contract';
import { useRoomsStore } from '../../stores/rooms';
import { selectMyId, useSessionStore } from '../../stores/session';
import { useSettingsStore } from '../../stores/settings';
import { useUsersStore } from '../../stores/users';
import { roomLabel } from '../../lib/room-title';
import { Dialog } from '../../ui/Dialog';
import { Switch } from '../../ui/Switch';
import './SettingsDialog.css';
import { FormError } from '../../ui/FormError';
import { AccountSettings } from './AccountSettings';
import { DesktopSettings, DndScheduleSettings, NotificationSoundSelect } from './DesktopSettings';

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const AWAY_OPTIONS = [0, 5, 10, 15, 30, 60, 120];

/** Every setting main keeps, saved as soon as it changes. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useSettingsStore((s) => s.settings);
  const rooms = useRoomsStore((s) => s.rooms);
  const mutedRooms = Object.values(rooms).filter((room) => room.notify === 'none');
  const users = useUsersStore((s) => s.users);
  const myId = useSessionStore(selectMyId);
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = (patch: SettingsPatch) => {
    setError(null);
    updateSettings(patch).catch((failure) => setError(errorMessage(failure)));
  };

  if (!settings) {
    return (
      <Dialog title="Settings" onClose={onClose}>
        <div className="dialog__body dialog__body--padded-bottom">
          <span className="spinner" role="status" aria-label="Loading settings" />
        </div>
      </Dialog>
    );
  }

  const url = serverUrl ?? settings.serverUrl;
  const unencrypted = serverUrlProblem(url) === null && serverUrlTransport(url) === 'insecure';
  const saveServerUrl = () => {
    const next = url.trim();
    if (next === settings.serverUrl) return setServerUrl(null);
    const problem = serverUrlProblem(next);
    if (problem) return setError(problem);
    setError(null);
    // Main confirms the change in a native dialog; when the user declines, the field shows the saved server again.
    updateSettings({ serverUrl: next }).then(
      () => setServerUrl(null),
      (failure) => {
        setServerUrl(null);
        setError(errorMessage(failure));
      },
    );
  };
  const notifications = settings.notifications;

  return (
    <Dialog title="Settings" onClose={onClose} className="settings">
      <div className="dialog__body settings__body">
        <section className="settings__section" aria-labelledby="settings-appearance">
          <h3 id="settings-appearance" className="settings__heading">
            Appearance
          </h3>
          <div className="settings__themes" role="radiogroup" aria-label="Theme">
            {THEMES.map((theme) => (
              <button
                key={theme.value}
                type="button"
                role="radio"
                aria-checked={settings.theme === theme.value}
                className={`settings__theme settings__theme--${theme.value}`}
                onClick={() => save({ theme: theme.value })}
              >
                <span className="settings__theme-preview" aria-hidden="true" />
                {theme.label}
              </button>
            ))}
          </div>
        </section>

        <section className="settings__section" aria-labelledby="settings-notifications">
          <h3 id="settings-notifications" className="settings__heading">
            Notifications
          </h3>
          <Switch
            label="Desktop notifications"
            description="For new messages in rooms you're not looking at."
            checked={notifications.enabled}
            onChange={(enabled) => save({ notifications: { enabled } })}
          />
          <Switch
            label="Show message previews"
            description="Include the message text in notifications."
            checked={notifications.showPreview}
            disabled={!notifications.enabled}
            onChange={(showPreview) => save({ notifications: { showPreview } })}
          />
          <NotificationSoundSelect settings={settings} save={save} />
          <DndScheduleSettings settings={settings} save={save} />
          <div className="settings__muted">
            <span className="field__label">Rooms set to notify nothing</span>
            {mutedRooms.length === 0 ? (
              <span className="field__hint">None. Choose a room&apos;s notifications from its options menu.</span>
            ) : (
              <ul className="settings__muted-list">
                {mutedRooms.map((room) => (
                  <li key={room.id}>
                    <span>{roomLabel(room, users, myId)}</span>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void setNotifyLevel(room.id, 'all').catch((f) => setError(errorMessage(f)))}
                    >
                      Notify all
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>

        <section className="settings__section" aria-labelledby="settings-general">
          <h3 id="settings-general" className="settings__heading">
            General
          </h3>
          <Switch label="Open Droplink at login" checked={settings.launchAtLogin} onChange={(launchAtLogin) => save({ launchAtLogin })} />
          <label className="field settings__row">
            <span className="field__label">Set me as away after</span>
            <select className="select" value={settings.autoAwayMinutes} onChange={(e) => save({ autoAwayMinutes: Number(e.target.value) })}>
              {AWAY_OPTIONS.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes === 0 ? 'Never' : `${minutes} minutes of inactivity`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Server URL</span>
            <input
              className="input"
              type="url"
              value={url}
              placeholder="Built-in server"
              spellCheck={false}
              onChange={(e) => setServerUrl(e.target.value)}
              onBlur={saveServerUrl}
            />
            <span className="field__hint">
              {unencrypted ? 'Not encrypted: your password would be sent in clear text. ' : ''}Used the next time you sign in.
            </span>
          </label>
        </section>

        <DesktopSettings settings={settings} save={save} />

        <FormError message={error} />

        <AccountSettings />
      </div>
      <div className="dialog__footer">
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
