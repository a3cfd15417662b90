import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { DesktopEvent, InvokeArgs, InvokeName, InvokeResponse, InvokeResult, SettingsPatch } from '../../common/ipc';
import { applySettingsPatch, settingsFromStored } from '../../main/services/settings-service';
import type { Room } from '../../common/protocol';
import { composeDesktopApp, type DesktopApp } from '../../main/compose-desktop-app';
import type { LocalServerEndpoint, TrayAction } from '../../main/ports';
import { systemClock } from '../../main/services/clock';
import { fileOutboxStore } from '../../main/storage/file-outbox-store';
import { HarnessIpc, pageIdOf } from './harness-ipc';
import { preloadBundle } from './preload-bundle';
import { Recorder } from './recorder';
import {
  fileSettingsStore,
  fileTokenVault,
  recordingNotifications,
  recordingSystem,
  recordingTray,
  RecordingWindow,
  ScriptedDialog,
  ScriptedIdleMonitor,
  ScriptedWakeSignals,
  testLogger,
} from './recording-ports';
import { serveRendererBuild, type StaticServer } from './static-server';
import { HARNESS_WINDOW_STATE, windowStateScript } from './window-state-script';

export const RENDERER_BUILD_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

export interface TestUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
  token: string;
}

export interface LaunchOptions {
  profile: string;
  user?: TestUser;
  settings?: SettingsPatch;
  windowFocused?: boolean;
  /** The server address this app uses instead of the test server's (e.g. a TCP proxy in front of it). */
  serverUrl?: string;
}

interface LaunchContext {
  browser: Browser;
  profilesDir: string;
  serverUrl: string;
  /** What the app's local server port answers (serverUrl ''): a harness server started with a client secret. */
  localServer?: LocalServerEndpoint;
}

/** One running instance of the desktop app in the harness (see test/harness/README.md). */
export class DesktopDriver {
  readonly profile: string;
  readonly profileDir: string;
  recorder = new Recorder();
  page!: Page;
  private app!: DesktopApp;
  private ipc!: HarnessIpc;
  private context!: BrowserContext;
  private window!: RecordingWindow;
  private idle!: ScriptedIdleMonitor;
  private wake!: ScriptedWakeSignals;
  private dialog!: ScriptedDialog;
  private tray!: ReturnType<typeof recordingTray>;
  private notificationClicks: Array<() => void> = [];
  private staticServer: StaticServer | null = null;
  private storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  private running = false;
  private pageWindowState: Promise<unknown> = Promise.resolve();
  readonly log = testLogger('desktop');

  private constructor(
    private readonly launch: LaunchContext,
    private readonly options: LaunchOptions,
  ) {
    this.profile = options.profile;
    this.profileDir = path.join(launch.profilesDir, options.profile);
  }

  static async launch(context: LaunchContext, options: LaunchOptions): Promise<DesktopDriver> {
    if (!existsSync(path.join(RENDERER_BUILD_DIR, 'index.html'))) {
      throw new Error(`The renderer build is missing (${RENDERER_BUILD_DIR}/index.html): run \`npm run build\` first.`);
    }
    const driver = new DesktopDriver(context, options);
    await mkdir(driver.profileDir, { recursive: true });
    driver.presetSettings();
    await driver.boot();
    if (options.user) await driver.signIn(options.user);
    return driver;
  }

  // ---------------------------------------------------------------- lifecycle

  private localServerEndpoint(): LocalServerEndpoint {
    if (!this.launch.localServer) throw new Error('this harness launch has no local server (start the harness server with a client secret)');
    return this.launch.localServer;
  }

  private presetSettings(): void {
    const store = fileSettingsStore(this.profileDir);
    const { settings } = settingsFromStored(store.read());
    store.write(applySettingsPatch(settings, { serverUrl: this.serverUrl, ...this.options.settings }));
  }

  private async boot(): Promise<void> {
    this.recorder = new Recorder();
    this.notificationClicks = [];
    this.ipc = new HarnessIpc();
    this.window = new RecordingWindow(this.recorder);
    this.idle = new ScriptedIdleMonitor();
    this.wake = new ScriptedWakeSignals();
    this.dialog = new ScriptedDialog(this.recorder);
    this.tray = recordingTray(this.recorder);
    // Kept across restarts, like app://droplink stays the same origin.
    this.staticServer ??= await serveRendererBuild(RENDERER_BUILD_DIR, (pathname) =>
      this.running ? this.app.serveAttachment(pathname) : Promise.resolve(null),
    );
    this.app = composeDesktopApp(
      {
        clock: systemClock,
        log: this.log,
        notifications: recordingNotifications(this.recorder, this.notificationClicks),
        tray: this.tray,
        window: this.window,
        tokenVault: fileTokenVault(this.profileDir),
        settingsStore: fileSettingsStore(this.profileDir),
        outboxStore: fileOutboxStore(this.profileDir),
        idle: this.idle,
        wake: this.wake,
        ipc: this.ipc,
        system: recordingSystem(this.recorder, () => void this.close()),
        localServer: { endpoint: async () => this.localServerEndpoint() },
        dialog: this.dialog,
      },
      {
        version: '0.0.0-harness',
        platform: process.platform,
        profile: this.profile,
        trustedOrigins: [this.staticServer.origin],
        attachmentOrigin: this.staticServer.origin,
        connection: { backoff: { initialMs: 150, maxMs: 1_000, jitter: 0.2 } },
        outboxRetryBackoff: { initialMs: 200, maxMs: 1_000, jitter: 0.2 },
        idlePollMs: 100,
        wake: { pollMs: 100 },
      },
    );
    this.running = true;
    await this.openWindow();
  }

  private async openWindow(): Promise<void> {
    this.context = await this.launch.browser.newContext(this.storageState ? { storageState: this.storageState } : {});
    await this.ipc.bind(this.context);
    const focused = this.options.windowFocused ?? true;
    await this.context.addInitScript({ content: windowStateScript({ focused, visible: true }) });
    await this.context.addInitScript({ content: await preloadBundle() });
    this.page = await this.context.newPage();
    this.window.pageId = pageIdOf(this.page);
    this.ipc.attach(this.page);
    await this.app.start();
    this.window.show();
    this.window.setFocused(focused);
    this.window.onChange = () => this.mirrorWindowState();
    await this.page.goto(`${this.rendererOrigin}/index.html`);
  }

  private get serverUrl(): string {
    return this.options.serverUrl ?? this.launch.serverUrl;
  }

  /** The origin the renderer is served from (the harness's app://droplink). */
  get rendererOrigin(): string {
    if (!this.staticServer) throw new Error('the desktop app is closed');
    return this.staticServer.origin;
  }

  async restart(): Promise<void> {
    await this.shutdown();
    await this.boot();
  }

  async close(): Promise<void> {
    await this.shutdown();
    await this.staticServer?.close();
    this.staticServer = null;
  }

  // ---------------------------------------------------------------- bridge helpers

  /** Calls window.droplink.invoke in the page (through the real preload and IPC path). */
  async invoke<N extends InvokeName>(name: N, args: InvokeArgs<N>): Promise<InvokeResponse<N>> {
    return this.page.evaluate(({ n, a }) => (window as unknown as { droplink: { invoke(n: string, a: unknown): Promise<unknown> } }).droplink.invoke(n, a), {
      n: name,
      a: args,
    }) as Promise<InvokeResponse<N>>;
  }

  async invokeOk<N extends InvokeName>(name: N, args: InvokeArgs<N>): Promise<InvokeResult<N>> {
    const response = await this.invoke(name, args);
    if (!response.ok) throw new Error(`${name} failed: ${response.error.code}: ${response.error.message}`);
    return response.value;
  }

  /** Signs in through the bridge and waits until the connection is online. */
  async signIn(user: Pick<TestUser, 'username' | 'password'>): Promise<void> {
    await this.invokeOk('session:login', { serverUrl: this.serverUrl, username: user.username, password: user.password });
    await this.waitForConnection('online');
  }

  async waitForConnection(status: 'online' | 'offline' | 'connecting' | 'unauthorized', timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.invokeOk('connection:get', {});
      if (state.status === status) return;
      if (Date.now() > deadline) throw new Error(`connection stayed '${state.status}' (wanted '${status}'): ${state.reason ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Every event main pushed to this window since the last (re)start, flattened. */
  events(): DesktopEvent[] {
    return this.ipc.batches.flat();
  }

  batches(): DesktopEvent[][] {
    return this.ipc.batches;
  }

  async createRoom(name: string, memberIds: string[] = []): Promise<Room> {
    const { room } = await this.invokeOk('rooms:create', { kind: 'channel', name, memberIds });
    return room;
  }

  sendViaBridge(roomId: string, body: string) {
    return this.invokeOk('messages:send', { roomId, body });
  }

  async focusRoom(roomId: string | null): Promise<void> {
    await this.invokeOk('ui:focus-room', { roomId });
  }

  // ---------------------------------------------------------------- simulated OS

  /** Tells the page what the OS would: focus/blur and visibility, as Electron's page sees them. */
  private mirrorWindowState(): void {
    const { focused, visible } = this.recorder.window;
    const page = this.page;
    this.pageWindowState = this.pageWindowState
      .then(() =>
        page.evaluate(({ name, f, v }) => (window as unknown as Record<string, (f: boolean, v: boolean) => void>)[name]?.(f, v), {
          name: HARNESS_WINDOW_STATE,
          f: focused,
          v: visible,
        }),
      )
      .catch(() => undefined);
  }

  /** Simulates the OS focusing or blurring the window (main and the page both see it). */
  async setWindowFocused(focused: boolean): Promise<void> {
    this.window.setFocused(focused);
    await this.pageWindowState;
  }

  /** The window's close button: returns what the app did ('hide' to the tray). */
  async closeWindow(): Promise<'hide' | 'close'> {
    const outcome = this.app.requestWindowClose();
    await this.pageWindowState;
    return outcome;
  }

  async clickNotification(index: number): Promise<void> {
    const click = this.notificationClicks[index];
    if (!click) throw new Error(`no notification #${index} (recorded: ${this.recorder.notifications.length})`);
    click();
    await this.pageWindowState;
  }

  async clickTrayMenu(action: TrayAction): Promise<void> {
    this.tray.click(action);
    await this.pageWindowState;
  }

  /** Scripts the user's answers to the next native dialogs (true = confirm); unscripted ones are cancelled. */
  answerDialogs(...answers: boolean[]): void {
    this.dialog.answers.push(...answers);
  }

  setIdleSeconds(seconds: number): void {
    this.idle.seconds = seconds;
  }

  lockScreen(): void {
    this.idle.fireLock();
  }

  unlockScreen(): void {
    this.idle.fireUnlock();
    this.wake.fireUnlock();
  }

  /** powerMonitor's `resume`: the system woke from sleep (presence and the connection both hear it). */
  systemResume(): void {
    this.idle.fireUnlock();
    this.wake.fireResume();
  }

  /** What net.isOnline() answers from now on (polled every 100 ms in the harness). */
  setNetworkOnline(online: boolean): void {
    this.wake.online = online;
  }

  /** As if the OS launched `droplink://...` while the app runs (a second instance forwarding it). */
  async openDeepLink(url: string): Promise<void> {
    this.app.handleSecondInstance(['droplink', url]);
    await this.pageWindowState;
  }

  private async shutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.app.dispose();
    await this.ipc.drain();
    this.ipc.attach(null);
    this.storageState = await this.context.storageState().catch(() => undefined);
    await this.context.close().catch(() => undefined);
  }
}
