import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { electronSystem } = await import('../../../main/electron/system-adapter');

const platform = process.platform;
const onPlatform = (name: NodeJS.Platform): void => void Object.defineProperty(process, 'platform', { value: name });
const silentLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function makeSystem(autostartDir = path.join(os.tmpdir(), 'droplink-unused-autostart')) {
  const zoomLevels: number[] = [];
  const devTools: boolean[] = [];
  const system = electronSystem({
    log: silentLog,
    setZoomLevel: (level) => void zoomLevels.push(level),
    devToolsChanged: (enabled) => void devTools.push(enabled),
    linuxAutostart: { autostartDir, fileName: 'droplink-work.desktop', appName: 'Droplink (work)', exec: '/opt/Droplink/droplink' },
    launchArgs: ['--profile=work'],
  });
  return { system, zoomLevels, devTools };
}

describe('electronSystem', () => {
  let dir: string | null = null;
  beforeEach(async () => {
    electron.reset({ isPackaged: true });
    await electron.app.emitReady();
  });
  afterEach(async () => {
    onPlatform(platform);
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
    expect(electron.state.violations).toEqual([]);
  });

  it('maps the port to the native theme, the browser and quit', async () => {
    const { system } = makeSystem();
    system.setTheme('dark');
    await system.openExternal('https://example.com/');
    system.quit();
    expect(electron.module.nativeTheme.themeSource).toBe('dark');
    expect(electron.callsOf('shell.openExternal').map((call) => call.args)).toEqual([['https://example.com/']]);
    expect(electron.state.quitCount).toBe(1);
  });

  it('sets the login item on Windows and macOS, with the profile and --hidden when starting hidden', () => {
    onPlatform('win32');
    const { system } = makeSystem();
    system.setLoginItem(true, true);
    system.setLoginItem(true, false);
    onPlatform('darwin');
    system.setLoginItem(false, false);
    expect(electron.callsOf('app.setLoginItemSettings').map((call) => call.args)).toEqual([
      [{ openAtLogin: true, args: ['--profile=work', '--hidden'] }],
      [{ openAtLogin: true, args: ['--profile=work'] }],
      [{ openAtLogin: false, args: ['--profile=work'] }],
    ]);
  });

  it('writes and removes the XDG autostart entry on Linux instead', async () => {
    onPlatform('linux');
    dir = await mkdtemp(path.join(os.tmpdir(), 'droplink-autostart-'));
    const { system } = makeSystem(dir);
    const file = path.join(dir, 'droplink-work.desktop');
    system.setLoginItem(true, true);
    await vi.waitFor(async () => expect(await readFile(file, 'utf8')).toContain('Exec=/opt/Droplink/droplink --profile=work --hidden\n'));
    system.setLoginItem(false, true);
    await vi.waitFor(async () => expect(stat(file)).rejects.toThrow(/ENOENT/));
    expect(electron.callsOf('app.setLoginItemSettings')).toEqual([]);
  });

  it('applies the zoom, the spell-check languages it has dictionaries for, and the developer tools setting', () => {
    onPlatform('linux');
    const { system, zoomLevels, devTools } = makeSystem();
    const session = electron.module.session.defaultSession;
    system.applyWindowPreferences({ zoomLevel: 1.5, spellcheckLanguages: ['de', 'en-GB', 'xx-YY'], devTools: false });
    expect(zoomLevels).toEqual([1.5]);
    expect(session.getSpellCheckerLanguages()).toEqual(['de', 'en-GB']);
    expect(devTools).toEqual([false]);
    system.applyWindowPreferences({ zoomLevel: 0, spellcheckLanguages: [], devTools: true });
    expect(session.getSpellCheckerLanguages()).toEqual(['en-US']); // the app's locale
    system.applyWindowPreferences({ zoomLevel: 0, spellcheckLanguages: [], devTools: true });
    expect(devTools).toEqual([false, true]); // told only on a change
  });

  it('leaves the spell-check languages to macOS', () => {
    onPlatform('darwin');
    const { system } = makeSystem();
    expect(() => system.applyWindowPreferences({ zoomLevel: 0, spellcheckLanguages: ['de'], devTools: false })).not.toThrow();
    expect(electron.module.session.defaultSession.getSpellCheckerLanguages()).toEqual([]);
  });

  it('turns the developer tools on with DROPLINK_DEVTOOLS=1 in an installed build', () => {
    vi.stubEnv('DROPLINK_DEVTOOLS', '1');
    const { system, devTools } = makeSystem();
    system.applyWindowPreferences({ zoomLevel: 0, spellcheckLanguages: [], devTools: false });
    expect(devTools).toEqual([true]);
    vi.unstubAllEnvs();
  });
});
