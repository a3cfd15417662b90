import { call } from '../bridge/call';
import type { SettingsPatch } from '../shared/contract';
import { useSettingsStore } from '../stores/settings';

export async function loadSettings(): Promise<void> {
  useSettingsStore.getState().setSettings(await call('settings:get', {}));
}

export async function updateSettings(patch: SettingsPatch): Promise<void> {
  useSettingsStore.getState().setSettings(await call('settings:set', patch));
}

export async function setRoomMuted(roomId: string, muted: boolean): Promise<void> {
  const current = useSettingsStore.getState().settings?.mutedRoomIds ?? [];
  const mutedRoomIds = muted ? [...new Set([...current, roomId])] : current.filter((id) => id !== roomId);
  await updateSettings({ mutedRoomIds });
}
