import { z } from 'zod';
import { isSingleEmoji } from '../protocol/emoji';
import { IdSchema } from '../protocol/entities';
import { EMOJI_SKIN_TONES, RECENT_EMOJI_MAX } from './emoji-preferences';
import { ServerUrlSchema } from './server-url';

const THEMES = ['system', 'light', 'dark'] as const;

export const SettingsSchema = z.object({
  /** Base URL of the Droplink server, e.g. https://chat.example.com. Empty = the bundled local server. */
  serverUrl: ServerUrlSchema,
  notifications: z.object({
    enabled: z.boolean(),
    showPreview: z.boolean(),
    sound: z.boolean(),
  }),
  /**
   * Legacy: rooms muted on this device before notification levels moved to the server
   * (`rooms:notify`). Main turns each into the level 'none' once its account signs in and
   * removes it here; nothing else reads it, and the renderer cannot set it.
   */
  mutedRoomIds: z.array(IdSchema).max(10_000),
  launchAtLogin: z.boolean(),
  theme: z.enum(THEMES),
  /** Minutes of inactivity before the status turns to away; 0 turns auto-away off. */
  autoAwayMinutes: z.number().int().min(0).max(240),
  /** The skin tone the emoji picker and :shortcode: completion use. */
  emojiSkinTone: z.enum(EMOJI_SKIN_TONES),
  /** Emoji picked lately, newest first (the picker's first row). */
  recentEmoji: z.array(z.string().refine(isSingleEmoji, 'not a single emoji')).max(RECENT_EMOJI_MAX),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  notifications: { enabled: true, showPreview: true, sound: true },
  mutedRoomIds: [],
  launchAtLogin: false,
  theme: 'system',
  autoAwayMinutes: 10,
  emojiSkinTone: 'none',
  recentEmoji: [],
};

/** A partial update the renderer may send; nested notification flags may be sent alone. */
export const SettingsPatchSchema = SettingsSchema.omit({ notifications: true, mutedRoomIds: true })
  .partial()
  .extend({ notifications: SettingsSchema.shape.notifications.partial().optional() })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
