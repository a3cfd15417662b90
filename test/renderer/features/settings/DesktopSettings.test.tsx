import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../common/ipc/settings';
import { DesktopSettings, DndScheduleSettings, NotificationSoundSelect } from '../../../../renderer/src/features/settings/DesktopSettings';

/** Renders a part with settings that follow its own patches (as main's answers do), recording them. */
function renderWith(Part: typeof DesktopSettings, initial: Partial<Settings> = {}) {
  const patches: SettingsPatch[] = [];
  function Host() {
    const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS, ...initial });
    const save = (patch: SettingsPatch) => {
      patches.push(patch);
      setSettings((s) => ({ ...s, ...patch, notifications: { ...s.notifications, ...patch.notifications } }));
    };
    return <Part settings={settings} save={save} />;
  }
  render(<Host />);
  return patches;
}

describe('NotificationSoundSelect', () => {
  it('maps None to sound off and the others to sound on with that sound', async () => {
    const patches = renderWith(NotificationSoundSelect);
    const select = screen.getByRole('combobox', { name: 'Notification sound' });
    expect(select).toHaveValue('default');
    await userEvent.selectOptions(select, 'Chime');
    await userEvent.selectOptions(select, 'None');
    expect(select).toHaveValue('none');
    expect(patches).toEqual([{ notifications: { sound: true }, notificationSound: 'chime' }, { notifications: { sound: false } }]);
  });
});

describe('DndScheduleSettings', () => {
  it('sends the whole schedule with each change, and keeps the times disabled while it is off', async () => {
    const patches = renderWith(DndScheduleSettings);
    expect(screen.getByLabelText('Quiet from')).toBeDisabled();
    await userEvent.click(screen.getByRole('switch', { name: /Do not disturb on a schedule/ }));
    expect(screen.getByLabelText('Quiet from')).toBeEnabled();
    await userEvent.click(screen.getByRole('switch', { name: 'All weekend' }));
    expect(patches).toEqual([
      { dndSchedule: { ...DEFAULT_SETTINGS.dndSchedule, enabled: true } },
      { dndSchedule: { ...DEFAULT_SETTINGS.dndSchedule, enabled: true, weekends: false } },
    ]);
    expect(screen.getByRole('group', { name: 'Do not disturb schedule' })).toBeInTheDocument();
  });
});

describe('DesktopSettings', () => {
  it('allows Start hidden only with launch at login', () => {
    renderWith(DesktopSettings);
    expect(screen.getByRole('switch', { name: /Start hidden/ })).toBeDisabled();
  });

  it('changes zoom, spell-check languages (at most five, oldest dropped) and the developer tools', async () => {
    const patches = renderWith(DesktopSettings, { launchAtLogin: true, spellcheckLanguages: ['de', 'fr', 'es', 'it', 'nl'] });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Zoom' }), '120 %');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Polish' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'French' }));
    await userEvent.click(screen.getByRole('switch', { name: /Developer tools/ }));
    await userEvent.click(screen.getByRole('switch', { name: /Start hidden/ }));
    expect(patches).toEqual([
      { zoomLevel: 1 },
      { spellcheckLanguages: ['fr', 'es', 'it', 'nl', 'pl'] },
      { spellcheckLanguages: ['es', 'it', 'nl', 'pl'] },
      { devTools: true },
      { startHidden: true },
    ]);
  });

  it('on macOS says the system chooses the spell-check languages and offers none', () => {
    const agent = vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Droplink Electron');
    renderWith(DesktopSettings);
    expect(screen.getByText(/On macOS, spell check uses the languages chosen in System Settings/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'German' })).toBeNull();
    agent.mockRestore();
  });
});
