/**
 * A stand-in for the `electron` module in vitest, modelling the timing rules of Electron's
 * documentation: some APIs only work before `ready`, others only after it. Where real Electron
 * throws (windows, trays, notifications, utility processes, powerMonitor, screen, session,
 * safeStorage encryption, dialogs), this throws too; where Electron silently ignores or misbehaves
 * (privileged schemes, userData paths, the single-instance lock, protocol clients, the crash
 * reporter, all after `ready`), the call is recorded in `violations`. Every call is recorded in
 * `calls`, in order, with the phase it happened in, so tests can assert what ran before `ready`.
 *
 * Use one mock per test file and reset it per test:
 *   const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
 *   vi.mock('electron', () => electron.module);
 *   beforeEach(() => electron.reset({ ... }));
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ElectronMockOptions {
  isPackaged?: boolean;
  /** Directory standing in for the OS's appData (userData and the rest default below it). */
  appData?: string;
  version?: string;
  appPath?: string;
  /** What requestSingleInstanceLock() answers. */
  singleInstanceLock?: boolean;
  encryptionAvailable?: boolean;
  storageBackend?: string;
  notificationsSupported?: boolean;
  idleSeconds?: number;
  /** What net.isOnline() answers. */
  networkOnline?: boolean;
  /** What shell.openPath resolves to ('' = success, as in Electron). */
  openPathResult?: string;
  displays?: { id?: number; workArea: { x: number; y: number; width: number; height: number } }[];
}

export interface RecordedCall {
  api: string;
  args: unknown[];
  ready: boolean;
}

/** The event object Electron passes to listeners that may cancel the default action. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export const fakeEvent = (): FakeEvent => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

const PATH_NAMES = [
  'home',
  'appData',
  'userData',
  'sessionData',
  'temp',
  'exe',
  'module',
  'desktop',
  'documents',
  'downloads',
  'music',
  'pictures',
  'videos',
  'recent',
  'logs',
  'crashDumps',
] as const;

export type ElectronMock = ReturnType<typeof createElectronMock>;

export function createElectronMock() {
  interface State {
    options: Required<Omit<ElectronMockOptions, 'appData'>> & { appData: string };
    ready: boolean;
    resolveReady: () => void;
    whenReady: Promise<void>;
    paths: Map<string, string>;
    calls: RecordedCall[];
    violations: string[];
    privilegedSchemes: unknown[][];
    protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
    ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
    windows: FakeBrowserWindow[];
    trays: FakeTray[];
    notifications: FakeNotification[];
    utilityProcesses: FakeUtilityProcess[];
    applicationMenu: FakeMenu | null;
    /** The last menu popped up (context menus). */
    lastPopup: FakeMenu | null;
    clipboardText: string;
    themeSource: string;
    quitCount: number;
    exitCode: number | null;
    nextWebContentsId: number;
  }
  const state = {} as State;

  const record = (api: string, args: unknown[]): void => void state.calls.push({ api, args, ready: state.ready });
  const violation = (message: string): void => void state.violations.push(message);
  /** APIs Electron refuses before ready: recorded, and thrown like Electron does. */
  const requireReady = (api: string): void => {
    if (state.ready) return;
    violation(`${api} before ready`);
    throw new Error(`${api} cannot be used before the app is ready`);
  };
  /** APIs that only take effect before ready: recorded as a violation afterwards. */
  const requireNotReady = (api: string): void => {
    if (state.ready) violation(`${api} after ready`);
  };
  /** Displays get ids 1, 2, ... unless the test gave them; the first is the primary one. */
  const displays = () => state.options.displays.map((display, index) => ({ id: display.id ?? index + 1, workArea: display.workArea }));

  function reset(options: ElectronMockOptions = {}): State {
    const appData = options.appData ?? path.join(os.tmpdir(), 'droplink-electron-mock');
    let resolveReady = (): void => undefined;
    const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
    Object.assign(state, {
      options: {
        isPackaged: false,
        version: '0.1.0',
        appPath: path.resolve(fileURLToPath(import.meta.url), '../../../../..'),
        singleInstanceLock: true,
        encryptionAvailable: true,
        storageBackend: 'gnome_libsecret',
        notificationsSupported: true,
        idleSeconds: 0,
        networkOnline: true,
        openPathResult: '',
        displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
        ...options,
        appData,
      },
      ready: false,
      resolveReady,
      whenReady,
      paths: new Map<string, string>([
        ['home', os.homedir()],
        ['appData', appData],
        ['userData', path.join(appData, 'Electron')],
        ['sessionData', path.join(appData, 'Electron')],
        ['temp', os.tmpdir()],
        ['exe', process.execPath],
        ['logs', path.join(appData, 'Electron', 'logs')],
        ['crashDumps', path.join(appData, 'Electron', 'Crashpad')],
      ]),
      calls: [],
      violations: [],
      privilegedSchemes: [],
      protocolHandlers: new Map(),
      ipcHandlers: new Map(),
      windows: [],
      trays: [],
      notifications: [],
      utilityProcesses: [],
      applicationMenu: null,
      lastPopup: null,
      clipboardText: '',
      themeSource: 'system',
      quitCount: 0,
      exitCode: null,
      nextWebContentsId: 1,
    } satisfies State);
    app.removeAllListeners();
    powerMonitorEmitter.removeAllListeners();
    ipcMainEmitter.removeAllListeners();
    Object.assign(defaultSession, {
      permissionRequestHandler: null,
      permissionCheckHandler: null,
      headersReceivedListener: null,
      spellCheckerLanguages: [],
      dictionaryWords: [],
    });
    return state;
  }

  // ---- app
  class FakeApp extends EventEmitter {
    get isPackaged(): boolean {
      return state.options.isPackaged;
    }
    get name(): string {
      return 'Droplink';
    }
    getName = (): string => 'Droplink';
    getVersion = (): string => state.options.version;
    getAppPath = (): string => state.options.appPath;
    isReady = (): boolean => state.ready;
    whenReady = (): Promise<void> => state.whenReady;
    getPath = (name: string): string => {
      if (!(PATH_NAMES as readonly string[]).includes(name)) throw new Error(`Failed to get '${name}' path`);
      const value = state.paths.get(name);
      if (value === undefined) throw new Error(`Failed to get '${name}' path`);
      return value;
    };
    setPath = (name: string, value: string): void => {
      record('app.setPath', [name, value]);
      if (!(PATH_NAMES as readonly string[]).includes(name)) throw new Error(`Failed to set path '${name}'`);
      // Electron: userData/sessionData changes after ready do not move what Chromium already opened.
      if (name === 'userData' || name === 'sessionData') requireNotReady(`app.setPath('${name}')`);
      state.paths.set(name, value);
    };
    setAppLogsPath = (value?: string): void => {
      record('app.setAppLogsPath', [value]);
      state.paths.set('logs', value ?? path.join(state.paths.get('userData') ?? '', 'logs'));
    };
    setAppUserModelId = (id: string): void => record('app.setAppUserModelId', [id]);
    /** Exits at once, without the quit events (as Electron's app.exit does). */
    exit = (code = 0): void => {
      record('app.exit', [code]);
      state.exitCode = code;
    };
    requestSingleInstanceLock = (): boolean => {
      record('app.requestSingleInstanceLock', []);
      requireNotReady('app.requestSingleInstanceLock');
      return state.options.singleInstanceLock;
    };
    setAsDefaultProtocolClient = (...args: unknown[]): boolean => {
      record('app.setAsDefaultProtocolClient', args);
      requireNotReady('app.setAsDefaultProtocolClient');
      return true;
    };
    setLoginItemSettings = (settings: unknown): void => record('app.setLoginItemSettings', [settings]);
    getLocale = (): string => 'en-US';
    getLoginItemSettings = () => ({ openAtLogin: false, wasOpenedAtLogin: false });
    setBadgeCount = (count: number): boolean => {
      record('app.setBadgeCount', [count]);
      return true;
    };
    /** Electron's order: before-quit, (windows close), will-quit, quit; each of the first two may be cancelled. */
    quit = (): void => {
      record('app.quit', []);
      state.quitCount += 1;
      const beforeQuit = fakeEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      const willQuit = fakeEvent();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      this.emit('quit', fakeEvent(), 0);
    };
    /** Test control: the app becomes ready ('will-finish-launching', then 'ready', then whenReady resolves). */
    emitReady = async (): Promise<void> => {
      state.ready = true;
      record('(ready)', []);
      this.emit('will-finish-launching');
      this.emit('ready', fakeEvent(), {});
      state.resolveReady();
      await state.whenReady;
    };
  }
  const app = new FakeApp();

  // ---- nativeImage
  class FakeNativeImage {
    private template = false;
    constructor(readonly path: string) {}
    isEmpty = (): boolean => this.path === '' || !existsSync(this.path);
    setTemplateImage = (flag: boolean): void => {
      this.template = flag;
    };
    isTemplateImage = (): boolean => this.template;
  }
  const nativeImage = {
    createFromPath: (file: string) => new FakeNativeImage(file),
    createEmpty: () => new FakeNativeImage(''),
  };

  // ---- windows
  class FakeWebContents extends EventEmitter {
    readonly id = state.nextWebContentsId++;
    readonly sent: { channel: string; payload: unknown }[] = [];
    windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
    private destroyed = false;
    setWindowOpenHandler = (handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void => {
      this.windowOpenHandler = handler;
    };
    send = (channel: string, payload: unknown): void => {
      if (this.destroyed) throw new Error('Object has been destroyed');
      this.sent.push({ channel, payload });
    };
    isDestroyed = (): boolean => this.destroyed;
    destroy = (): void => {
      this.destroyed = true;
    };
    zoomLevel = 0;
    setZoomLevel = (level: number): void => {
      this.zoomLevel = level;
    };
    getZoomLevel = (): number => this.zoomLevel;
    readonly replacedMisspellings: string[] = [];
    replaceMisspelling = (word: string): void => void this.replacedMisspellings.push(word);
    readonly copiedImagesAt: { x: number; y: number }[] = [];
    copyImageAt = (x: number, y: number): void => void this.copiedImagesAt.push({ x, y });
    readonly inspectedAt: { x: number; y: number }[] = [];
    inspectElement = (x: number, y: number): void => void this.inspectedAt.push({ x, y });
    get session() {
      return session.defaultSession;
    }
  }
  class FakeBrowserWindow extends EventEmitter {
    static fromWebContents = (contents: unknown): FakeBrowserWindow | null => state.windows.find((win) => win.webContents === contents) ?? null;
    static getAllWindows = (): FakeBrowserWindow[] => state.windows.filter((win) => !win.isDestroyed());
    readonly webContents: FakeWebContents;
    readonly loadedUrls: string[] = [];
    overlay: { icon: unknown; description: string } | null = null;
    visible = false;
    focused = false;
    minimized = false;
    fullScreen = false;
    bounds: { x: number; y: number; width: number; height: number };
    private destroyed = false;
    constructor(readonly options: Record<string, unknown> = {}) {
      super();
      requireReady('new BrowserWindow');
      record('new BrowserWindow', [options]);
      this.webContents = new FakeWebContents();
      const num = (key: string, fallback: number): number => (typeof options[key] === 'number' ? options[key] : fallback);
      this.bounds = { x: num('x', 100), y: num('y', 100), width: num('width', 800), height: num('height', 600) };
      state.windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    loadURL = (url: string): Promise<void> => {
      this.loadedUrls.push(url);
      return Promise.resolve();
    };
    show = (): void => {
      this.visible = true;
      this.focused = true;
    };
    hide = (): void => {
      this.visible = false;
      this.focused = false;
    };
    focus = (): void => {
      this.focused = true;
    };
    isFocused = (): boolean => this.focused;
    isVisible = (): boolean => this.visible;
    isMinimized = (): boolean => this.minimized;
    minimize = (): void => {
      this.minimized = true;
    };
    restore = (): void => {
      this.minimized = false;
    };
    isFullScreen = (): boolean => this.fullScreen;
    maximized = false;
    isMaximized = (): boolean => this.maximized;
    maximize = (): void => {
      this.maximized = true;
      this.emit('maximize');
    };
    unmaximize = (): void => {
      this.maximized = false;
      this.emit('unmaximize');
    };
    isDestroyed = (): boolean => this.destroyed;
    getNormalBounds = () => ({ ...this.bounds });
    setBounds = (bounds: Partial<FakeBrowserWindow['bounds']>): void => {
      this.bounds = { ...this.bounds, ...bounds };
      this.emit('resized');
    };
    setOverlayIcon = (icon: unknown, description: string): void => {
      this.overlay = { icon, description };
    };
    /** Like clicking the close button: 'close' may be cancelled; otherwise the window is destroyed. */
    close = (): void => {
      const event = fakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroy();
      this.emit('closed');
    };
  }

  // ---- tray, menus
  class FakeMenu {
    popups = 0;
    constructor(readonly items: unknown[]) {}
    popup = (): void => {
      this.popups += 1;
      state.lastPopup = this;
    };
  }
  const Menu = {
    buildFromTemplate: (template: unknown[]) => new FakeMenu(template),
    setApplicationMenu: (menu: FakeMenu | null): void => {
      record('Menu.setApplicationMenu', [menu]);
      state.applicationMenu = menu;
    },
    getApplicationMenu: () => state.applicationMenu,
  };
  class FakeTray extends EventEmitter {
    image: FakeNativeImage;
    tooltip = '';
    contextMenu: FakeMenu | null = null;
    constructor(image: FakeNativeImage) {
      super();
      requireReady('new Tray');
      record('new Tray', [image]);
      this.image = image;
      state.trays.push(this);
    }
    setImage = (image: FakeNativeImage): void => {
      this.image = image;
    };
    setToolTip = (tooltip: string): void => {
      this.tooltip = tooltip;
    };
    setContextMenu = (menu: FakeMenu | null): void => {
      this.contextMenu = menu;
    };
  }

  // ---- notifications
  class FakeNotification extends EventEmitter {
    static isSupported = (): boolean => state.options.notificationsSupported;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      requireReady('new Notification');
      state.notifications.push(this);
    }
    show = (): void => {
      this.shown = true;
      this.emit('show', fakeEvent());
    };
    close = (): void => void this.emit('close', fakeEvent());
  }

  // ---- ipcMain
  const ipcMainEmitter = new EventEmitter();
  const ipcMain = Object.assign(ipcMainEmitter, {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void => {
      if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      state.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string): void => void state.ipcHandlers.delete(channel),
  });

  // ---- powerMonitor: Electron throws when it is used before ready
  const powerMonitorEmitter = new EventEmitter();
  const powerMonitor = {
    on: (event: string, listener: (...args: unknown[]) => void) => {
      requireReady('powerMonitor.on');
      powerMonitorEmitter.on(event, listener);
      return powerMonitor;
    },
    getSystemIdleTime: (): number => {
      requireReady('powerMonitor.getSystemIdleTime');
      return state.options.idleSeconds;
    },
    emit: (event: string) => powerMonitorEmitter.emit(event),
  };

  const screen = {
    getAllDisplays: () => {
      requireReady('screen.getAllDisplays');
      return displays();
    },
    getPrimaryDisplay: () => {
      requireReady('screen.getPrimaryDisplay');
      return displays()[0]!;
    },
    /** Electron: the display the rectangle overlaps most (the first when none). */
    getDisplayMatching: (rect: { x: number; y: number; width: number; height: number }) => {
      requireReady('screen.getDisplayMatching');
      const overlap = ({ workArea: a }: { workArea: typeof rect }): number =>
        Math.max(0, Math.min(a.x + a.width, rect.x + rect.width) - Math.max(a.x, rect.x)) *
        Math.max(0, Math.min(a.y + a.height, rect.y + rect.height) - Math.max(a.y, rect.y));
      return [...displays()].sort((a, b) => overlap(b) - overlap(a))[0]!;
    },
  };

  // ---- safeStorage: on Linux it cannot encrypt before ready (Electron answers false / throws)
  const ENCRYPTED_PREFIX = Buffer.from('mock-os-crypt:');
  const safeStorage = {
    isEncryptionAvailable: (): boolean => {
      if (!state.ready) {
        violation('safeStorage.isEncryptionAvailable before ready');
        return false;
      }
      return state.options.encryptionAvailable;
    },
    getSelectedStorageBackend: (): string => {
      if (!state.ready) violation('safeStorage.getSelectedStorageBackend before ready');
      return state.options.storageBackend;
    },
    encryptString: (plain: string): Buffer => {
      requireReady('safeStorage.encryptString');
      if (!state.options.encryptionAvailable) throw new Error('Encryption is not available.');
      return Buffer.concat([ENCRYPTED_PREFIX, Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)]);
    },
    decryptString: (encrypted: Buffer): string => {
      requireReady('safeStorage.decryptString');
      if (!encrypted.subarray(0, ENCRYPTED_PREFIX.length).equals(ENCRYPTED_PREFIX))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(ENCRYPTED_PREFIX.length).map((byte) => byte ^ 0x5a)).toString('utf8');
    },
  };

  const shell = {
    openExternal: (url: string): Promise<void> => {
      record('shell.openExternal', [url]);
      return Promise.resolve();
    },
    openPath: (target: string): Promise<string> => {
      record('shell.openPath', [target]);
      return Promise.resolve(state.options.openPathResult);
    },
  };

  const nativeTheme = {
    get themeSource(): string {
      return state.themeSource;
    },
    set themeSource(value: string) {
      record('nativeTheme.themeSource', [value]);
      state.themeSource = value;
    },
  };

  // ---- protocol, session, net
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]): void => {
      record('protocol.registerSchemesAsPrivileged', [schemes]);
      requireNotReady('protocol.registerSchemesAsPrivileged');
      if (state.privilegedSchemes.length > 0) violation('protocol.registerSchemesAsPrivileged called more than once');
      state.privilegedSchemes.push(schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>): void => {
      requireReady('protocol.handle');
      record('protocol.handle', [scheme]);
      if (state.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      state.protocolHandlers.set(scheme, handler);
    },
  };
  const defaultSession = {
    spellCheckerLanguages: [] as string[],
    availableSpellCheckerLanguages: ['de', 'en-GB', 'en-US', 'fr', 'pt-BR'],
    dictionaryWords: [] as string[],
    setSpellCheckerLanguages(languages: string[]) {
      if (process.platform === 'darwin') throw new Error('setSpellCheckerLanguages is not supported on macOS');
      for (const language of languages)
        if (!this.availableSpellCheckerLanguages.includes(language)) throw new Error(`Invalid language code provided: "${language}"`);
      this.spellCheckerLanguages = [...languages];
    },
    getSpellCheckerLanguages() {
      return [...this.spellCheckerLanguages];
    },
    addWordToSpellCheckerDictionary(word: string) {
      this.dictionaryWords.push(word);
      return true;
    },
    permissionRequestHandler: null as unknown,
    permissionCheckHandler: null as unknown,
    headersReceivedListener: null as unknown,
    setPermissionRequestHandler(handler: unknown) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: unknown) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived: (listener: unknown) => {
        defaultSession.headersReceivedListener = listener;
      },
    },
  };
  const session = {
    get defaultSession() {
      requireReady('session.defaultSession');
      return defaultSession;
    },
  };
  const net = {
    isOnline: (): boolean => {
      requireReady('net.isOnline');
      return state.options.networkOnline;
    },
    /** Enough of net.fetch for file: URLs (what the app:// handler reads); everything else is Node's fetch. */
    fetch: async (url: string, init?: RequestInit): Promise<Response> => {
      requireReady('net.fetch');
      if (!url.startsWith('file:')) return fetch(url, init);
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200 });
      } catch {
        return new Response(null, { status: 404 });
      }
    },
  };

  const dialog = {
    showErrorBox: (title: string, content: string): void => record('dialog.showErrorBox', [title, content]),
    showMessageBox: (...args: unknown[]) => {
      requireReady('dialog.showMessageBox');
      record('dialog.showMessageBox', args);
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
  };

  // Electron 45's clipboard is promise-based, like navigator.clipboard.
  const clipboard = {
    writeText: (text: string): Promise<void> => {
      record('clipboard.writeText', [text]);
      state.clipboardText = text;
      return Promise.resolve();
    },
    readText: (): Promise<string> => Promise.resolve(state.clipboardText),
  };

  const crashReporter = {
    start: (options: { uploadToServer?: boolean; submitURL?: string }): void => {
      record('crashReporter.start', [options]);
      // Electron: the handler only watches processes created after it started.
      requireNotReady('crashReporter.start');
      if (options.uploadToServer !== false && !options.submitURL) throw new Error('submitURL must be specified when uploadToServer is true');
    },
  };

  class FakeUtilityProcess extends EventEmitter {
    readonly pid = 40_000 + state.utilityProcesses.length;
    readonly posted: unknown[] = [];
    killed = false;
    constructor(
      readonly modulePath: string,
      readonly args: string[],
      readonly options: Record<string, unknown>,
    ) {
      super();
    }
    postMessage = (message: unknown): void => void this.posted.push(message);
    kill = (): boolean => {
      this.killed = true;
      queueMicrotask(() => this.emit('exit', 0));
      return true;
    };
  }
  const utilityProcess = {
    fork: (modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
      requireReady('utilityProcess.fork');
      record('utilityProcess.fork', [modulePath, args, options]);
      const child = new FakeUtilityProcess(modulePath, args, options);
      state.utilityProcesses.push(child);
      return child;
    },
  };

  const webContents = {
    fromId: (id: number) => state.windows.find((win) => win.webContents.id === id)?.webContents,
  };

  const module = {
    webContents,
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu,
    nativeImage,
    Notification: FakeNotification,
    ipcMain,
    powerMonitor,
    screen,
    safeStorage,
    shell,
    nativeTheme,
    protocol,
    session,
    net,
    dialog,
    clipboard,
    crashReporter,
    utilityProcess,
  };
  reset();

  return {
    module: { ...module, default: module },
    reset,
    app,
    powerMonitor,
    get state() {
      return state;
    },
    /** The recorded API names, in call order (e.g. ['app.setPath', '(ready)', 'new BrowserWindow']). */
    callNames: (): string[] => state.calls.map((call) => call.api),
    callsOf: (api: string): RecordedCall[] => state.calls.filter((call) => call.api === api),
    /** Calls an ipcMain.handle handler the way a renderer's invoke would. */
    invoke: (channel: string, sender: { id: number; url: string }, args: unknown) => {
      const handler = state.ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender: { id: sender.id }, senderFrame: { url: sender.url } }, args);
    },
  };
}

export type FakeBrowserWindowInstance = InstanceType<ElectronMock['module']['BrowserWindow']>;
export type FakeNativeImageInstance = ReturnType<ElectronMock['module']['nativeImage']['createFromPath']>;

/** process.platform is read at call time by the adapters; this swaps it for one test. */
export function stubPlatform(platform: NodeJS.Platform): () => void {
  const original = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  return () => {
    if (original) Object.defineProperty(process, 'platform', original);
  };
}
