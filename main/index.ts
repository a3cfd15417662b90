/**
 * Electron entry. Everything that must happen before `ready` happens here, in order; then the
 * services are composed with the Electron adapters (the harness composes the same services
 * with recording adapters).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { APP_ID, PRODUCT_NAME, PROTOCOL_SCHEME, RENDERER_ORIGIN } from './app-identity';
import { composeDesktopApp } from './compose-desktop-app';
import { electronDialog } from './electron/dialog-adapter';
import { electronIdleMonitor } from './electron/idle-monitor';
import { electronIpc } from './electron/ipc-adapter';
import { localServerProcess } from './electron/local-server';
import { installAppMenu } from './electron/app-menu';
import { startCrashReporter } from './electron/crash-reporter';
import { electronHelpActions } from './electron/help-actions';
import { fileLogger } from './electron/logger';
import { MainWindow } from './electron/main-window';
import { electronNotifications } from './electron/notification-adapter';
import { registerRendererScheme, serveRenderer } from './electron/renderer-protocol';
import { installContentGuards, installDevCsp } from './electron/security';
import { createElectronStore, electronSettingsStore, electronWindowBounds } from './electron/settings-store';
import { electronSystem } from './electron/system-adapter';
import { safeStorageTokenVault } from './electron/token-vault';
import { electronTray } from './electron/tray-adapter';
import { electronWakeSignals } from './electron/wake-signals';
import { installContextMenu } from './electron/context-menu';
import { appMenuTemplate } from './services/app-menu';
import { devToolsEnabled } from './services/dev-tools';
import { autostartDir, launchedHidden } from './services/linux-autostart';
import { systemClock } from './services/clock';
import { devRendererUrl } from './services/dev-renderer-url';
import { buildDiagnostics } from './services/diagnostics';
import { trackLocalServer } from './services/local-server-status';
import { originOf } from './services/ipc-router';
import { resolveProfile, userDataDirName } from './services/profile';
import { fileOutboxStore } from './storage/file-outbox-store';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- before ready: profile, logs, crash reporter, identity, schemes, single instance, protocol client
const profile = resolveProfile(process.argv, process.env);
const userData = path.join(app.getPath('appData'), userDataDirName(PRODUCT_NAME, profile));
app.setPath('userData', userData);
// Logs and crash dumps live in the profile on every OS, so "Open logs folder" finds this profile's.
app.setAppLogsPath(path.join(userData, 'logs'));
app.setPath('crashDumps', path.join(userData, 'Crashpad'));
const log = fileLogger({ logsDir: app.getPath('logs'), console: !app.isPackaged });
process.on('unhandledRejection', (reason) => log.error('unhandled promise rejection', reason));
log.info(`starting ${PRODUCT_NAME} ${app.getVersion()} (${app.isPackaged ? 'packaged' : 'development'}, profile ${profile})`);
// As early as possible: Crashpad only watches processes started after it (the window, the local server).
const crashReports = startCrashReporter(process.env, log);
app.setAppUserModelId(APP_ID); // Windows: notifications are attributed to this id (= electron-builder appId)
registerRendererScheme();

// The lock is per userData directory, so each profile is its own single instance.
if (!app.requestSingleInstanceLock()) {
  log.info('another instance of this profile is running; handing over to it');
  app.quit();
} else {
  if (process.defaultApp && process.argv[1]) {
    // Development (`electron .`): the OS must re-launch electron with the app path.
    app.setAsDefaultProtocolClient(PROTOCOL_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
  }
  main().catch((err: unknown) => {
    // Without this the app would linger with no window and no tray: say why, then exit.
    log.error('start-up failed', err);
    dialog.showErrorBox(`${PRODUCT_NAME} could not start`, `${err instanceof Error ? err.message : String(err)}\n\nThe log is in ${app.getPath('logs')}.`);
    app.exit(1);
  });
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

  const dev = devRendererUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  if (dev.url === null && dev.warning) log.warn(dev.warning);
  const devUrl = dev.url;
  const devOrigin = devUrl ? originOf(devUrl) : null;
  const trustedOrigins = [RENDERER_ORIGIN, ...(devOrigin ? [devOrigin] : [])];
  const store = createElectronStore();
  const localServer = localServerProcess({
    entryFile: path.join(here, 'local-server.js'),
    dataDir: path.join(userData, 'local-server'),
    logsDir: app.getPath('logs'),
    log,
  });
  const localServerStatus = trackLocalServer(localServer);

  // The window asks the app what its close button does; the app needs the window as a port.
  let closeRequested = (): 'hide' | 'close' => 'close';
  // Until the settings are read (applyWindowPreferences at start), only development runs and DROPLINK_DEVTOOLS=1 have them.
  let devTools = devToolsEnabled({ setting: false, env: process.env, isPackaged: app.isPackaged });
  const window = new MainWindow({
    preloadPath: path.join(here, '../preload/index.cjs'),
    url: devUrl ?? `${RENDERER_ORIGIN}/index.html`,
    bounds: electronWindowBounds(store),
    onContentsCreated: (contents) => installContextMenu(contents, { devTools: () => devTools, log }),
    onCloseRequested: () => closeRequested(),
  });
  let installMenu = (): void => undefined;

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
      wake: electronWakeSignals(),
      ipc: electronIpc(window),
      system: electronSystem({
        log,
        setZoomLevel: (level) => window.setZoomLevel(level),
        devToolsChanged: (enabled) => {
          devTools = enabled;
          installMenu();
        },
        linuxAutostart: {
          autostartDir: autostartDir(process.env, app.getPath('home')),
          fileName: profile === 'default' ? 'droplink.desktop' : `droplink-${profile}.desktop`,
          appName: profile === 'default' ? PRODUCT_NAME : `${PRODUCT_NAME} (${profile})`,
          // An AppImage runs from a temporary mount: the login item must start the AppImage file itself.
          exec: process.env.APPIMAGE ?? process.execPath,
        },
        // Development (`electron .`): the login item must start electron with the app path, like the protocol client.
        launchArgs: [
          ...(process.defaultApp && process.argv[1] ? [path.resolve(process.argv[1])] : []),
          ...(profile === 'default' ? [] : [`--profile=${profile}`]),
        ],
      }),
      localServer: localServerStatus.port,
      dialog: electronDialog(window),
    },
    { version: app.getVersion(), platform: process.platform, profile, trustedOrigins, attachmentOrigin: RENDERER_ORIGIN },
  );
  closeRequested = () => desktop.requestWindowClose();

  const help = electronHelpActions({
    logsDir: app.getPath('logs'),
    log,
    diagnostics: () =>
      buildDiagnostics({
        ...desktop.snapshot(),
        app: { name: PRODUCT_NAME, version: app.getVersion(), packaged: app.isPackaged, profile },
        versions: process.versions,
        os: { platform: process.platform, release: os.release(), arch: process.arch },
        localServer: localServerStatus.status(),
        paths: { logs: app.getPath('logs'), crashDumps: app.getPath('crashDumps') },
        crashUploadUrl: crashReports.uploadToServer ? crashReports.submitURL : null,
      }),
  });
  installMenu = () =>
    installAppMenu(
      appMenuTemplate({
        platform: process.platform,
        isPackaged: app.isPackaged,
        productName: PRODUCT_NAME,
        devTools,
        zoom: (direction) => desktop.zoom(direction),
        openLogsFolder: () => void help.openLogsFolder(),
        copyDiagnostics: () => void help.copyDiagnostics(),
      }),
    );
  installMenu();

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
    void desktop.dispose().finally(async () => {
      // The local server closes its database before the app exits (killed after a grace period).
      await localServer.stop();
      app.quit();
    });
  });

  await desktop.start();
  // Started by the login item with "Start hidden": only the tray until the user opens the window.
  const openedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  const hidden = launchedHidden(process.argv) || (openedAtLogin && desktop.snapshot().settings.startHidden);
  if (hidden) log.info('started hidden (login item): the window opens from the tray');
  else window.show();
  openLink = (url) => void desktop.handleDeepLink(url);
  for (const url of pendingLinks.splice(0)) openLink(url);
  // Windows/Linux: a first launch by a droplink:// link carries it on the command line.
  const launchLink = process.argv.find((arg) => arg.startsWith(`${PROTOCOL_SCHEME}://`));
  if (launchLink) desktop.handleDeepLink(launchLink);
}
