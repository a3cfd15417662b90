/**
 * Runs the real Electron entry (main/index.ts) against the mocked `electron` module, with the
 * real services, electron-store, electron-log and the local server adapter: what happens before
 * `ready` and in which order, what is created after it, and the packaged-versus-development branches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/ipc';
import { APP_ID, PROTOCOL_SCHEME } from '../../main/app-identity';
import { COPY_DIAGNOSTICS_LABEL, OPEN_LOGS_LABEL, type MenuTemplateItem } from '../../main/services/app-menu';
import { LOCAL_SERVER_READY, LOCAL_SERVER_STOP } from '../../main/local-server/messages';
import { stubPlatform, type ElectronMockOptions } from './electron/support/electron-mock';

const electron = await vi.hoisted(async () => (await import('./electron/support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);
// Development runs also log to the terminal; electron-log keeps the console functions it finds when it loads.
vi.hoisted(() => {
  for (const level of ['info', 'warn', 'error'] as const) console[level] = () => undefined;
});

const repoRoot = path.resolve(import.meta.dirname, '../..');
const builderConfig = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as { appId: string };

/** Calls Electron only accepts after `ready` (the mock throws or records them otherwise). */
const AFTER_READY_ONLY = ['new BrowserWindow', 'new Tray', 'utilityProcess.fork', 'protocol.handle', 'Menu.setApplicationMenu', 'dialog.showMessageBox'];

interface Launch {
  argv?: string[];
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  electron?: ElectronMockOptions;
  /** `electron .` sets process.defaultApp; a packaged app does not. */
  defaultApp?: boolean;
  /** null: leave process.resourcesPath unset (a broken packaged layout). */
  resourcesPath?: null;
}

let appData: string;
let restorePlatform = (): void => undefined;
const originalArgv = process.argv;
let rejectionListeners: NodeJS.UnhandledRejectionListener[] = [];

beforeEach(async () => {
  appData = await mkdtemp(path.join(os.tmpdir(), 'droplink-index-'));
  rejectionListeners = process.listeners('unhandledRejection');
});

afterEach(async () => {
  // Quit what was launched, so timers, the outbox and the local server adapter shut down.
  if (electron.state.ready && electron.state.windows.length > 0) {
    const quit = new Promise<void>((resolve) => electron.app.once('quit', () => resolve()));
    electron.app.quit();
    await quit;
  }
  for (const listener of process.listeners('unhandledRejection')) if (!rejectionListeners.includes(listener)) process.off('unhandledRejection', listener);
  process.argv = originalArgv;
  delete (process as { defaultApp?: boolean }).defaultApp;
  delete (process as { resourcesPath?: string }).resourcesPath;
  restorePlatform();
  restorePlatform = () => undefined;
  vi.unstubAllEnvs();
  await rm(appData, { recursive: true, force: true });
});

/** Imports main/index.ts afresh: its top level is everything before `ready`. */
async function launch(options: Launch = {}): Promise<void> {
  electron.reset({ appData, ...options.electron });
  restorePlatform = stubPlatform(options.platform ?? 'linux');
  process.argv = options.argv ?? [process.execPath, repoRoot];
  if (options.defaultApp ?? !options.electron?.isPackaged) Object.assign(process, { defaultApp: true });
  // Packaged, electron-builder's extraResources put the icons in <resourcesPath>/resources, like the repo's.
  if (options.electron?.isPackaged && options.resourcesPath !== null) Object.assign(process, { resourcesPath: repoRoot });
  vi.stubEnv('DROPLINK_PROFILE', '');
  delete process.env.DROPLINK_PROFILE;
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  delete process.env.ELECTRON_RENDERER_URL;
  vi.stubEnv('DROPLINK_CRASH_REPORT_URL', '');
  delete process.env.DROPLINK_CRASH_REPORT_URL;
  for (const [key, value] of Object.entries(options.env ?? {})) vi.stubEnv(key, value);
  vi.resetModules();
  await import('../../main/index');
}

/** Fires `ready` and waits until the app has shown its window. */
async function becomeReady(): Promise<void> {
  await electron.app.emitReady();
  await vi.waitFor(() => expect(electron.state.windows.filter((win) => win.isVisible())).toHaveLength(1), { timeout: 10_000 });
  // The local server stand-in exits when asked to stop, as the real one does.
  for (const server of electron.state.utilityProcesses) {
    server.postMessage = (message: unknown) => {
      server.posted.push(message);
      if ((message as { type?: string }).type === LOCAL_SERVER_STOP) server.kill();
    };
  }
}

const callsBeforeReady = () => electron.state.calls.filter((call) => !call.ready);
const pathSet = (name: string) => electron.callsOf('app.setPath').find((call) => call.args[0] === name)?.args[1];
const menuTemplate = () => (electron.module.Menu.getApplicationMenu() as unknown as { items: MenuTemplateItem[] } | null)?.items ?? [];
const menuItem = (top: string, label: string) =>
  menuTemplate()
    .find((item) => item.label === top)
    ?.submenu?.find((item) => item.label === label);
const viewRoles = () => (menuTemplate().find((item) => item.label === 'View')?.submenu ?? []).map((item) => item.role);
const mainLog = () => readFile(path.join(appData, 'Droplink', 'logs', 'main.log'), 'utf8');

describe('main/index.ts before ready', () => {
  it('sets the profile, logs, crash dumps, identity, scheme, lock and protocol client, in that order, and nothing that needs ready', async () => {
    await launch();
    const userData = path.join(appData, 'Droplink');
    expect(pathSet('userData')).toBe(userData);
    expect(electron.callsOf('app.setAppLogsPath')[0]?.args).toEqual([path.join(userData, 'logs')]);
    expect(pathSet('crashDumps')).toBe(path.join(userData, 'Crashpad'));
    expect(electron.callsOf('crashReporter.start')[0]?.args[0]).toEqual({ uploadToServer: false, compress: true });
    expect(electron.callsOf('app.setAppUserModelId')[0]?.args).toEqual([APP_ID]);
    expect(APP_ID).toBe(builderConfig.appId);
    expect(electron.callsOf('protocol.registerSchemesAsPrivileged')[0]?.args[0]).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) as unknown },
    ]);
    expect(electron.callsOf('app.requestSingleInstanceLock')).toHaveLength(1);

    const order = callsBeforeReady().map((call) => (call.api === 'app.setPath' ? `app.setPath(${String(call.args[0])})` : call.api));
    const at = (api: string): number => order.indexOf(api);
    expect(at('app.setPath(userData)')).toBe(0);
    expect(at('app.setAppLogsPath')).toBeGreaterThan(at('app.setPath(userData)'));
    expect(at('crashReporter.start')).toBeGreaterThan(at('app.setPath(crashDumps)'));
    // The lock is per userData directory: it must be taken after the profile chose it.
    expect(at('app.requestSingleInstanceLock')).toBeGreaterThan(at('app.setPath(userData)'));
    expect(at('app.requestSingleInstanceLock')).toBeGreaterThan(at('protocol.registerSchemesAsPrivileged'));
    expect(at('app.setAsDefaultProtocolClient')).toBeGreaterThan(at('app.requestSingleInstanceLock'));
    expect(order.filter((api) => AFTER_READY_ONLY.includes(api))).toEqual([]);
    expect(electron.state.windows).toEqual([]);
    expect(electron.state.violations).toEqual([]);
    expect(await mainLog()).toMatch(/\[info\]\s+starting Droplink 0\.1\.0 \(development, profile default\)/);
  });

  it('in development registers the protocol client as electron plus the app path', async () => {
    await launch({ argv: [process.execPath, 'out/main/index.js'] });
    expect(electron.callsOf('app.setAsDefaultProtocolClient')[0]?.args).toEqual([PROTOCOL_SCHEME, process.execPath, [path.resolve('out/main/index.js')]]);
  });

  it('packaged, registers the protocol client as the app itself', async () => {
    await launch({ electron: { isPackaged: true }, argv: [process.execPath], defaultApp: false });
    expect(electron.callsOf('app.setAsDefaultProtocolClient')[0]?.args).toEqual([PROTOCOL_SCHEME]);
    expect(await mainLog()).toMatch(/starting Droplink 0\.1\.0 \(packaged, profile default\)/);
  });

  it('uses <appData>/Droplink-<profile> for --profile (over DROPLINK_PROFILE), logs and dumps inside it', async () => {
    await launch({ argv: [process.execPath, repoRoot, '--profile=work'], env: { DROPLINK_PROFILE: 'other' } });
    const userData = path.join(appData, 'Droplink-work');
    expect(pathSet('userData')).toBe(userData);
    expect(electron.module.app.getPath('logs')).toBe(path.join(userData, 'logs'));
    expect(pathSet('crashDumps')).toBe(path.join(userData, 'Crashpad'));
    expect(existsSync(path.join(userData, 'logs', 'main.log'))).toBe(true);
  });

  it('uploads crash reports only to a configured https collector', async () => {
    await launch({ env: { DROPLINK_CRASH_REPORT_URL: 'https://crash.example/submit' } });
    expect(electron.callsOf('crashReporter.start')[0]?.args[0]).toEqual({ uploadToServer: true, submitURL: 'https://crash.example/submit', compress: true });
  });

  it('quits at once when another instance of the profile holds the lock, and creates nothing', async () => {
    await launch({ electron: { singleInstanceLock: false } });
    expect(electron.state.quitCount).toBe(1);
    expect(electron.callsOf('app.setAsDefaultProtocolClient')).toEqual([]);
    await electron.app.emitReady();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.state.windows).toEqual([]);
    expect(electron.state.trays).toEqual([]);
    expect(electron.state.utilityProcesses).toEqual([]);
    expect(await mainLog()).toContain('another instance of this profile is running');
  });
});

describe('main/index.ts after ready', () => {
  it('creates the locked-down window on app://droplink with the preload, the tray, the menu and the local server', async () => {
    await launch({ env: { DATABASE_URL: 'postgres://elsewhere/db', REDIS_URL: 'redis://elsewhere' } });
    await becomeReady();
    const [win] = electron.state.windows;
    expect(win?.options.webPreferences).toMatchObject({
      preload: path.join(repoRoot, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win?.loadedUrls).toEqual(['app://droplink/index.html']);
    expect(electron.state.protocolHandlers.has('app')).toBe(true);
    expect(electron.state.trays).toHaveLength(1);
    expect(path.basename((electron.state.trays[0]?.image as unknown as { path: string }).path)).toBe('tray.png');
    // No server configured: the bundled one is started at launch, outside the asar and with its own environment.
    const [server] = electron.state.utilityProcesses;
    expect(server?.modulePath).toBe(path.join(repoRoot, 'main/local-server.js'));
    expect(server?.options.cwd).toBe(path.join(appData, 'Droplink', 'local-server'));
    const serverEnv = server?.options.env as Record<string, string>;
    expect(serverEnv.DATA_DIR).toBe(path.join(appData, 'Droplink', 'local-server'));
    expect(serverEnv).not.toHaveProperty('DATABASE_URL');
    expect(serverEnv).not.toHaveProperty('REDIS_URL');
    expect(menuItem('Help', OPEN_LOGS_LABEL)).toBeDefined();
    expect(viewRoles()).toContain('toggleDevTools');
    expect(electron.state.violations).toEqual([]);
  });

  it('uses template tray images on macOS', async () => {
    await launch({ platform: 'darwin' });
    await becomeReady();
    const image = electron.state.trays[0]?.image as unknown as { path: string; isTemplateImage(): boolean };
    expect(path.basename(image.path)).toBe('trayTemplate.png');
    expect(image.isTemplateImage()).toBe(true);
    expect(menuTemplate()[0]?.role).toBe('appMenu');
  });

  it('in development loads a loopback ELECTRON_RENDERER_URL, and gives it the dev CSP', async () => {
    await launch({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    await becomeReady();
    expect(electron.state.windows[0]?.loadedUrls).toEqual(['http://localhost:5173/']);
    expect(electron.module.session.defaultSession.headersReceivedListener).not.toBeNull();
  });

  it('in development ignores an ELECTRON_RENDERER_URL that is not loopback http', async () => {
    await launch({ env: { ELECTRON_RENDERER_URL: 'http://attacker.example:5173/' } });
    await becomeReady();
    expect(electron.state.windows[0]?.loadedUrls).toEqual(['app://droplink/index.html']);
    expect(await mainLog()).toMatch(/\[warn\]\s+ELECTRON_RENDERER_URL must be a loopback/);
  });

  it('packaged, ignores ELECTRON_RENDERER_URL (with a warning in the log) and has no reload or developer tools', async () => {
    await launch({ electron: { isPackaged: true }, argv: [process.execPath], defaultApp: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    await becomeReady();
    expect(electron.state.windows[0]?.loadedUrls).toEqual(['app://droplink/index.html']);
    expect(electron.module.session.defaultSession.headersReceivedListener).toBeNull();
    expect(await mainLog()).toMatch(/\[warn\]\s+ELECTRON_RENDERER_URL is ignored in a packaged build/);
    expect(viewRoles()).not.toContain('toggleDevTools');
    expect(viewRoles()).not.toContain('reload');
  });

  it('packaged, offers the developer tools with DROPLINK_DEVTOOLS=1, and zooms from the View menu into the settings', async () => {
    await launch({ electron: { isPackaged: true }, argv: [process.execPath], defaultApp: false, env: { DROPLINK_DEVTOOLS: '1' } });
    await becomeReady();
    expect(viewRoles()).toContain('toggleDevTools');
    expect(viewRoles()).not.toContain('reload');
    const win = electron.state.windows[0]!;
    menuItem('View', 'Zoom in')?.click?.();
    menuItem('View', 'Zoom in')?.click?.();
    await vi.waitFor(() => expect(win.webContents.getZoomLevel()).toBe(1));
    const stored = JSON.parse(await readFile(path.join(appData, 'Droplink', 'settings.json'), 'utf8')) as { settings: { zoomLevel: number } };
    expect(stored.settings.zoomLevel).toBe(1);
    menuItem('View', 'Actual size')?.click?.();
    await vi.waitFor(() => expect(win.webContents.getZoomLevel()).toBe(0));
  });

  it('packaged on Windows, renews the login item at start with the profile and --hidden for Start hidden', async () => {
    await mkdir(path.join(appData, 'Droplink-work'), { recursive: true });
    await writeFile(
      path.join(appData, 'Droplink-work', 'settings.json'),
      JSON.stringify({ settings: { ...DEFAULT_SETTINGS, launchAtLogin: true, startHidden: true } }),
    );
    await launch({ platform: 'win32', electron: { isPackaged: true }, argv: [process.execPath, '--profile=work'], defaultApp: false });
    await becomeReady();
    expect(electron.callsOf('app.setLoginItemSettings').map((call) => call.args)).toEqual([[{ openAtLogin: true, args: ['--profile=work', '--hidden'] }]]);
  });

  it('started with --hidden (launch at login, start hidden), stays in the tray without a window', async () => {
    await launch({ argv: [process.execPath, repoRoot, '--hidden'] });
    await electron.app.emitReady();
    await vi.waitFor(() => expect(electron.state.trays).toHaveLength(1));
    await vi.waitFor(async () => expect(await mainLog()).toMatch(/started hidden/));
    expect(electron.state.windows).toEqual([]);
    electron.state.trays[0]?.emit('click');
    expect(electron.state.windows.filter((win) => win.isVisible())).toHaveLength(1);
  });

  it('shows a start-up failure in an error box, logs it and exits with code 1 instead of lingering without a window', async () => {
    await launch({ electron: { isPackaged: true }, argv: [process.execPath], defaultApp: false, resourcesPath: null });
    await electron.app.emitReady();
    await vi.waitFor(() => expect(electron.state.exitCode).toBe(1));
    const [box] = electron.callsOf('dialog.showErrorBox');
    expect(box?.args[0]).toBe('Droplink could not start');
    expect(box?.args[1]).toContain(path.join(appData, 'Droplink', 'logs'));
    expect(await mainLog()).toMatch(/\[error\]\s+start-up failed/);
  });

  it('Help → Open logs folder opens the profile logs folder; Copy diagnostics copies versions and state without secrets', async () => {
    await launch({ argv: [process.execPath, repoRoot, '--profile=work'] });
    await becomeReady();
    electron.state.utilityProcesses[0]?.emit('message', { type: LOCAL_SERVER_READY, url: 'http://127.0.0.1:40123' });
    menuItem('Help', OPEN_LOGS_LABEL)?.click?.();
    await vi.waitFor(() => expect(electron.callsOf('shell.openPath').map((call) => call.args[0])).toEqual([path.join(appData, 'Droplink-work', 'logs')]));
    menuItem('Help', COPY_DIAGNOSTICS_LABEL)?.click?.();
    await vi.waitFor(() => expect(electron.state.clipboardText).not.toBe(''));
    const text = electron.state.clipboardText;
    expect(text).toContain('Droplink 0.1.0 (development run, profile work)');
    expect(text).toContain(`OS: linux ${os.release()} (${process.arch})`);
    expect(text).toContain('Session: signed out');
    expect(text).toMatch(/Connection: \w+/);
    expect(text).toContain('Local server: running at http://127.0.0.1:40123');
    expect(text).toContain('serverUrl: (none: the bundled local server)');
    const secret = (electron.state.utilityProcesses[0]?.options.env as Record<string, string> | undefined) ?? {};
    for (const value of Object.values(secret).filter((v) => v.length >= 32)) expect(text).not.toContain(value);
  });

  it('on quit, disposes the services and stops the local server before the app exits', async () => {
    await launch();
    await becomeReady();
    const server = electron.state.utilityProcesses[0]!;
    const quit = new Promise<void>((resolve) => electron.app.once('quit', () => resolve()));
    electron.app.quit();
    await quit;
    expect(server.posted).toEqual([{ type: LOCAL_SERVER_STOP }]);
    expect(electron.state.quitCount).toBe(2); // the first quit was held back until everything was flushed
    expect(electron.state.violations).toEqual([]);
  });
});
