import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchEvents } from '../../../../renderer/src/bridge/dispatch';
import { NOTIFICATION_SOUND_URLS, playNotificationSound } from '../../../../renderer/src/features/notifications/notification-sound';

afterEach(() => vi.restoreAllMocks());

describe('notification sounds', () => {
  it('has a bundled WAV for every sound main may ask for', () => {
    expect(Object.keys(NOTIFICATION_SOUND_URLS).sort()).toEqual(['chime', 'ping', 'pop']);
    for (const url of Object.values(NOTIFICATION_SOUND_URLS)) expect(url).toMatch(/\.wav$/);
  });

  it('plays the sound main names in a notification:sound event', async () => {
    const played: string[] = [];
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      played.push(this.src);
      return Promise.resolve();
    });
    dispatchEvents([{ type: 'notification:sound', payload: { sound: 'ping' } }]);
    expect(played).toEqual([expect.stringMatching(/ping\.wav$/)]);
    await expect(playNotificationSound('pop')).resolves.toBeUndefined();
    expect(played[1]).toMatch(/pop\.wav$/);
  });

  it('only warns when the system refuses to play it', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockRejectedValue(new Error('NotAllowedError'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    dispatchEvents([{ type: 'notification:sound', payload: { sound: 'chime' } }]);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('notification sound could not play', expect.any(Error)));
  });
});
