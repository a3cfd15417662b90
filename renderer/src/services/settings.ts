import { call } from '../bridge/call';
import type { SettingsPatch } from '../shared/contract';
import { useSettingsStore } from '../stores/settings';

export async function loadSettings(): Promise<void> {
  useSettingsStore.getState().setSettings(await call('settings:get', {}));
}

export async function updateSettings(patch: SettingsPatch): Promise<void> {
  useSettingsStore.getState().setSettings(await call('settings:set', patch));
}
