import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { electronWakeSignals } = await import('../../../main/electron/wake-signals');

describe('electronWakeSignals', () => {
  beforeEach(() => void electron.reset());

  it('hears powerMonitor resume and unlock-screen only', async () => {
    await electron.app.emitReady();
    const signals = electronWakeSignals();
    const seen: string[] = [];
    signals.onResume(() => seen.push('resume'));
    signals.onUnlock(() => seen.push('unlock'));
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen', 'shutdown']) electron.powerMonitor.emit(event);
    expect(seen).toEqual(['resume', 'unlock']);
    expect(electron.state.violations).toEqual([]);
  });

  it('reads the network state from net.isOnline() (only usable after ready)', async () => {
    const signals = electronWakeSignals();
    expect(() => signals.networkOnline()).toThrow(/before the app is ready/);
    await electron.app.emitReady();
    expect(signals.networkOnline()).toBe(true);
    electron.state.options.networkOnline = false;
    expect(signals.networkOnline()).toBe(false);
  });
});
