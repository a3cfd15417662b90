import { z } from 'zod';
import { IdSchema } from '../protocol/entities';
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
  mutedRoomIds: z.array(IdSchema).max(10_000),
  launchAtLogin: z.boolean(),
  theme: z.enum(THEMES),
  /** Minutes of inactivity before the status turns to away; 0 turns auto-away off. */
  autoAwayMinutes: z.number().int().min(0).max(240),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: '',
  notifications: { enabled: true, showPreview: true, sound: true },
  mutedRoomIds: [],
  launchAtLogin: false,
  theme: 'system',
  autoAwayMinutes: 10,
};

/** A partial update the renderer may send; nested notification flags may be sent alone. */
export const SettingsPatchSchema = SettingsSchema.omit({ notifications: true })
  .partial()
  .extend({ notifications: SettingsSchema.shape.notifications.partial().optional() })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
