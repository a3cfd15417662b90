import type { DesktopEvent } from '../../shared/contract';
import chime from './sounds/chime.wav?url';
import ping from './sounds/ping.wav?url';
import pop from './sounds/pop.wav?url';

type BundledSound = Extract<DesktopEvent, { type: 'notification:sound' }>['payload']['sound'];

/** The short sounds in ./sounds (made by resources/generate-sounds.ts), by their settings name. */
export const NOTIFICATION_SOUND_URLS: Record<BundledSound, string> = { chime, ping, pop };

/** Plays a notification's sound (main shows the notification itself silently). */
export function playNotificationSound(sound: BundledSound): Promise<void> {
  return new Audio(NOTIFICATION_SOUND_URLS[sound]).play();
}
