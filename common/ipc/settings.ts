import { z } from 'zod';
import { isSingleEmoji } from '../protocol/emoji';
import { IdSchema } from '../protocol/entities';
import { EMOJI_SKIN_TONES, RECENT_EMOJI_MAX } from './emoji-preferences';
import { ServerUrlSchema } from './server-url';

const THEMES = ['system', 'light', 'dark'] as const;

/** The short sounds bundled in resources/sounds (`default` is the OS's own notification sound). */
const NOTIFICATION_SOUNDS = ['default', 'chime', 'ping', 'pop'] as const;

/** Electron's zoom levels (0 = 100 %, each step of 1 is 20 % more or less), as far as the menu goes. */
export const ZOOM_LEVEL_MIN = -3;
export const ZOOM_LEVEL_MAX = 5;

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'not a time as HH:MM');

/** Do not disturb on a schedule: quiet hours every day, and optionally all weekend. */
const DndScheduleSchema = z
  .object({
    enabled: z.boolean(),
    from: TimeOfDaySchema,
    to: TimeOfDaySchema,
    /** All day on Saturdays and Sundays. */
    weekends: z.boolean(),
    /** While the schedule is on, others see the status "do not disturb". */
    showAsDnd: z.boolean(),
  })
  .strict();
export type DndSchedule = z.infer<typeof DndScheduleSchema>;

/** Hunspell dictionary names as Chromium knows them: `en-US`, `de`, `pt-BR`. */
const SpellcheckLanguageSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'not a language code like en-US');

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
  /** Opened at login: start in the tray without showing the window. */
  startHidden: z.boolean(),
  /** Spell-check dictionaries (Windows and Linux; macOS uses the system's). Empty = the system language. */
  spellcheckLanguages: z.array(SpellcheckLanguageSchema).max(5),
  /** The window's zoom level (View → Zoom), applied again at the next start. */
  zoomLevel: z.number().min(ZOOM_LEVEL_MIN).max(ZOOM_LEVEL_MAX),
  /** The developer tools (View menu, "Inspect element") in an installed build; also DROPLINK_DEVTOOLS=1. */
  devTools: z.boolean(),
  /** Which sound a notification plays while `notifications.sound` is on. */
  notificationSound: z.enum(NOTIFICATION_SOUNDS),
  dndSchedule: DndScheduleSchema,
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
  startHidden: false,
  spellcheckLanguages: [],
  zoomLevel: 0,
  devTools: false,
  notificationSound: 'default',
  dndSchedule: { enabled: false, from: '18:00', to: '09:00', weekends: true, showAsDnd: true },
};

/** A partial update the renderer may send; nested notification flags may be sent alone. */
export const SettingsPatchSchema = SettingsSchema.omit({ notifications: true, mutedRoomIds: true })
  .partial()
  .extend({ notifications: SettingsSchema.shape.notifications.partial().optional() })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
