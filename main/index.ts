/**
 * Electron entry. Everything that must happen before `ready` happens here, in order; then the
 * services are composed with the Electron adapters (the harness composes the same services
 * with recording adapters).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { APP_ID, PRODUCT_NAME, PROTOCOL_SCHEME, RENDERER_ORIGIN } from './app-identity';
import { composeDesktopApp } from './compose-desktop-app';
import { electronDialog } from './electron/dialog-adapter';
import { electronIdleMonitor } from './electron/idle-monitor';
import { electronIpc } from './electron/ipc-adapter';
import { localServerProcess } from './electron/local-server';
import { consoleLogger } from './electron/logger';
import { MainWindow } from './electron/main-window';
import { electronNotifications } from './electron/notification-adapter';
import { registerRendererScheme, serveRenderer } from './electron/renderer-protocol';
import { installContentGuards, installDevCsp } from './electron/security';
import { createElectronStore, electronSettingsStore, electronWindowBounds } from './electron/settings-store';
import { electronSystem } from './electron/system-adapter';
import { safeStorageTokenVault } from './electron/token-vault';
import { electronTray } from './electron/tray-adapter';
import { systemClock } from './services/clock';
import { originOf } from './services/ipc-router';
import { resolveProfile, userDataDirName } from './services/profile';
import { fileOutboxStore } from './storage/file-outbox-store';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = consoleLogger;

// ---- before ready: profile, identity, schemes, single instance, protocol client
const profile = resolveProfile(process.argv, process.env);
app.setPath('userData', path.join(app.getPath('appData'), userDataDirName(PRODUCT_NAME, profile)));
app.setAppUserModelId(APP_ID); // Windows: notifications are attributed to this id (= electron-builder appId)
registerRendererScheme();

// The lock is per userData directory, so each profile is its own single instance.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  if (process.defaultApp && process.argv[1]) {
    // Development (`electron .`): the OS must re-launch electron with the app path.
    app.setAsDefaultProtocolClient(PROTOCOL_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
  }
  void main();
}

async function main(): Promise<void> {
  // macOS delivers deep links as 'open-url', possibly before ready: keep them until the app is composed.
  const pendingLinks: string[] = [];
  let openLink = (url: string): void => void pendingLinks.push(url);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });

  await app.whenReady();

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const devOrigin = devUrl ? originOf(devUrl) : null;
  const trustedOrigins = [RENDERER_ORIGIN, ...(devOrigin ? [devOrigin] : [])];
  const userData = app.getPath('userData');
  const store = createElectronStore();
  const localServer = localServerProcess(path.join(here, 'local-server.js'), path.join(userData, 'local-server'), log);

  // The window asks the app what its close button does; the app needs the window as a port.
  let closeRequested = (): 'hide' | 'close' => 'close';
  const window = new MainWindow({
    preloadPath: path.join(here, '../preload/index.cjs'),
    url: devUrl ?? `${RENDERER_ORIGIN}/index.html`,
    bounds: electronWindowBounds(store),
    onCloseRequested: () => closeRequested(),
  });

  const desktop = composeDesktopApp(
    {
      clock: systemClock,
      log,
      notifications: electronNotifications(),
      tray: electronTray(window),
      window,
      tokenVault: safeStorageTokenVault(userData, log),
      settingsStore: electronSettingsStore(store),
      outboxStore: fileOutboxStore(userData),
      idle: electronIdleMonitor(),
      ipc: electronIpc(window),
      system: electronSystem(),
      localServer,
      dialog: electronDialog(window),
    },
    { version: app.getVersion(), platform: process.platform, profile, trustedOrigins, attachmentOrigin: RENDERER_ORIGIN },
  );
  closeRequested = () => desktop.requestWindowClose();

  installContentGuards(trustedOrigins);
  // app:// serves attachments in dev too, so it is registered either way.
  serveRenderer(path.join(here, '../renderer'), desktop.serveAttachment);
  if (devOrigin) installDevCsp(devOrigin, RENDERER_ORIGIN);

  app.on('second-instance', (_event, argv) => desktop.handleSecondInstance(argv));
  app.on('activate', () => window.show());
  app.on('before-quit', () => desktop.markQuitting());
  // The app lives in the tray: closing the last window does not quit.
  app.on('window-all-closed', () => undefined);
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void desktop.dispose().finally(() => {
      localServer.stop();
      app.quit();
    });
  });

  await desktop.start();
  window.show();
  openLink = (url) => void desktop.handleDeepLink(url);
  for (const url of pendingLinks.splice(0)) openLink(url);
  // Windows/Linux: a first launch by a droplink:// link carries it on the command line.
  const launchLink = process.argv.find((arg) => arg.startsWith(`${PROTOCOL_SCHEME}://`));
  if (launchLink) desktop.handleDeepLink(launchLink);
}
