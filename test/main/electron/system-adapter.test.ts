import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { electronSystem } = await import('../../../main/electron/system-adapter');

describe('electronSystem', () => {
  beforeEach(async () => {
    electron.reset();
    await electron.app.emitReady();
  });

  it('maps the port to the login item, the native theme, the browser and quit', async () => {
    const system = electronSystem();
    system.setLoginItem(true);
    system.setTheme('dark');
    await system.openExternal('https://example.com/');
    system.quit();
    expect(electron.callsOf('app.setLoginItemSettings').map((call) => call.args)).toEqual([[{ openAtLogin: true }]]);
    expect(electron.module.nativeTheme.themeSource).toBe('dark');
    expect(electron.callsOf('shell.openExternal').map((call) => call.args)).toEqual([['https://example.com/']]);
    expect(electron.state.quitCount).toBe(1);
    expect(electron.state.violations).toEqual([]);
  });
});
