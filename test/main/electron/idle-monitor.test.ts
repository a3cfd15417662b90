import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { electronIdleMonitor } = await import('../../../main/electron/idle-monitor');

describe('electronIdleMonitor', () => {
  beforeEach(() => void electron.reset({ idleSeconds: 42 }));

  it('reads the system idle time from powerMonitor (only usable after ready)', async () => {
    const idle = electronIdleMonitor();
    expect(() => idle.idleSeconds()).toThrow(/before the app is ready/);
    await electron.app.emitReady();
    expect(idle.idleSeconds()).toBe(42);
  });

  it('treats screen lock and suspend as locked, unlock and resume as unlocked', async () => {
    await electron.app.emitReady();
    const idle = electronIdleMonitor();
    const seen: string[] = [];
    idle.onLock(() => seen.push('lock'));
    idle.onUnlock(() => seen.push('unlock'));
    for (const event of ['lock-screen', 'unlock-screen', 'suspend', 'resume', 'shutdown']) electron.powerMonitor.emit(event);
    expect(seen).toEqual(['lock', 'unlock', 'lock', 'unlock']);
    expect(electron.state.violations).toEqual([]);
  });
});
