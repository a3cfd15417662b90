import { describe, expect, it } from 'vitest';
import { createElectronMock } from './electron-mock';

/** The adapter tests are only as good as the rules the mock enforces; these prove it enforces them. */
describe('the electron mock', () => {
  it('refuses what Electron refuses before ready', () => {
    const electron = createElectronMock();
    const { BrowserWindow, Tray, Notification, nativeImage, utilityProcess, powerMonitor, screen, session, safeStorage } = electron.module;
    expect(() => new BrowserWindow({})).toThrow(/before the app is ready/);
    expect(() => new Tray(nativeImage.createEmpty())).toThrow(/before the app is ready/);
    expect(() => new Notification({})).toThrow(/before the app is ready/);
    expect(() => utilityProcess.fork('/x.js')).toThrow(/before the app is ready/);
    expect(() => powerMonitor.getSystemIdleTime()).toThrow(/before the app is ready/);
    expect(() => screen.getAllDisplays()).toThrow(/before the app is ready/);
    expect(() => session.defaultSession).toThrow(/before the app is ready/);
    expect(() => safeStorage.encryptString('x')).toThrow(/before the app is ready/);
    expect(safeStorage.isEncryptionAvailable()).toBe(false);
    expect(electron.state.violations).toHaveLength(9);
  });

  it('records what only takes effect before ready when it is called after', async () => {
    const electron = createElectronMock();
    await electron.app.emitReady();
    const { app, protocol, crashReporter } = electron.module;
    app.setPath('userData', '/tmp/x');
    app.requestSingleInstanceLock();
    app.setAsDefaultProtocolClient('droplink');
    protocol.registerSchemesAsPrivileged([]);
    crashReporter.start({ uploadToServer: false });
    expect(electron.state.violations).toEqual([
      "app.setPath('userData') after ready",
      'app.requestSingleInstanceLock after ready',
      'app.setAsDefaultProtocolClient after ready',
      'protocol.registerSchemesAsPrivileged after ready',
      'crashReporter.start after ready',
    ]);
    expect(electron.callNames()).toEqual([
      '(ready)',
      'app.setPath',
      'app.requestSingleInstanceLock',
      'app.setAsDefaultProtocolClient',
      'protocol.registerSchemesAsPrivileged',
      'crashReporter.start',
    ]);
  });

  it("follows Electron's crash reporter and quit contracts", async () => {
    const electron = createElectronMock();
    expect(() => electron.module.crashReporter.start({})).toThrow(/submitURL/);
    const events: string[] = [];
    electron.app.on('before-quit', () => events.push('before-quit'));
    electron.app.once('will-quit', (event: { preventDefault(): void }) => {
      events.push('will-quit (held)');
      event.preventDefault();
    });
    electron.app.on('quit', () => events.push('quit'));
    electron.app.quit();
    electron.app.quit();
    expect(events).toEqual(['before-quit', 'will-quit (held)', 'before-quit', 'quit']);
  });

  it('starts every test from a clean state', async () => {
    const electron = createElectronMock();
    await electron.app.emitReady();
    new electron.module.BrowserWindow({});
    electron.reset();
    expect(electron.state.ready).toBe(false);
    expect(electron.state.windows).toEqual([]);
    expect(electron.state.calls).toEqual([]);
  });
});
