import { updateSettings } from '../../services/settings';
import { RECENT_EMOJI_MAX, type EmojiSkinTone } from '../../shared/contract';
import { useSettingsStore } from '../../stores/settings';

export const useSkinTone = (): EmojiSkinTone => useSettingsStore((s) => s.settings?.emojiSkinTone ?? 'none');
export const useRecentEmoji = (): readonly string[] => useSettingsStore((s) => s.settings?.recentEmoji ?? EMPTY);
const EMPTY: readonly string[] = [];

export function getSkinTone(): EmojiSkinTone {
  return useSettingsStore.getState().settings?.emojiSkinTone ?? 'none';
}

/** Puts a picked emoji first in the recently used row (kept in the settings file by main). */
export function rememberEmoji(emoji: string): Promise<void> {
  const recent = useSettingsStore.getState().settings?.recentEmoji ?? [];
  if (recent[0] === emoji) return Promise.resolve();
  return updateSettings({ recentEmoji: [emoji, ...recent.filter((e) => e !== emoji)].slice(0, RECENT_EMOJI_MAX) });
}

export function setSkinTone(tone: EmojiSkinTone): Promise<void> {
  return updateSettings({ emojiSkinTone: tone });
}
