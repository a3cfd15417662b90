import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { electronNotifications } = await import('../../../main/electron/notification-adapter');

const request = (onClick: () => void = () => undefined) => ({ title: 'Alice in #general', body: 'hello', roomId: 'r1', silent: true, sound: null, onClick });

describe('electronNotifications', () => {
  beforeEach(async () => {
    electron.reset();
    await electron.app.emitReady();
  });
  afterEach(() => expect(electron.state.violations).toEqual([]));

  it('shows a native notification with the title, body and sound setting', () => {
    electronNotifications().show(request());
    const [shown] = electron.state.notifications;
    expect(shown?.options).toEqual({ title: 'Alice in #general', body: 'hello', silent: true });
    expect(shown?.shown).toBe(true);
  });

  it('runs the click handler once clicked, and keeps a listener until then', () => {
    const onClick = vi.fn();
    electronNotifications().show(request(onClick));
    const [shown] = electron.state.notifications;
    expect(shown?.listenerCount('click')).toBe(1);
    shown?.emit('click');
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('shows nothing where the OS has no notifications', () => {
    electron.reset({ notificationsSupported: false });
    electronNotifications().show(request());
    expect(electron.state.notifications).toEqual([]);
  });
});
