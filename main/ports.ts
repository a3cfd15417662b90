/**
 * The small interfaces main's services use to reach the outside world. Electron adapters in
 * main/electron/ implement them for the app; test/harness/ implements them with recorders.
 */
import type { OutboxItem, Settings } from '../common/ipc';

type BundledSound = Exclude<Settings['notificationSound'], 'default'>;
import type { User } from '../common/protocol';

/** Opaque: only the clock that made a handle can clear it. */
export type TimerHandle = { readonly __timerHandle: unique symbol };

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export interface NotificationRequest {
  title: string;
  body: string;
  roomId: string;
  /** No sound from the OS: none wanted, or a bundled one the window plays (`sound`). */
  silent: boolean;
  /** A bundled sound to play with it (null: the OS's own sound, or none when silent). */
  sound: BundledSound | null;
  onClick: () => void;
}
export interface NotificationPort {
  show(notification: NotificationRequest): void;
}

export type TrayAction = 'open' | 'status:online' | 'status:away' | 'status:dnd' | 'quit';
export interface TrayMenuItem {
  id: TrayAction;
  label: string;
  /** Present for the status radio items. */
  checked?: boolean;
}
export interface TrayView {
  icon: 'read' | 'unread';
  tooltip: string;
  menu: TrayMenuItem[];
  /** The dock/taskbar badge (0 hides it). */
  badgeCount: number;
}
export interface TrayPort {
  render(view: TrayView): void;
  onAction(listener: (action: TrayAction) => void): void;
}

export interface WindowPort {
  /** Shows, restores and focuses the main window (creating it if needed). */
  show(): void;
  /** Hides the window to the tray. */
  hide(): void;
  isFocused(): boolean;
  /** The id of the main window's webContents: the only IPC sender main trusts (null: no window). */
  webContentsId(): number | null;
}

/** What a signed-in session keeps between launches. */
export interface StoredSession {
  serverUrl: string;
  token: string;
  user: User;
}
export interface TokenVault {
  load(): Promise<StoredSession | null>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

export interface SettingsStore {
  /** The raw stored value (validated by the settings service). */
  read(): unknown;
  write(settings: Settings): void;
}

/** One outbox per user, so nothing queued by one account is ever sent as another. */
export interface OutboxStore {
  load(userId: string): Promise<unknown>;
  save(userId: string, items: readonly OutboxItem[]): Promise<void>;
}

export interface IdleMonitor {
  idleSeconds(): number;
  onLock(listener: () => void): void;
  onUnlock(listener: () => void): void;
}

/**
 * Signs that the connection may have died without anything closing it: the system resumed from
 * sleep, the screen was unlocked, the network came back (see services/wake-watch.ts).
 */
export interface WakeSignals {
  onResume(listener: () => void): void;
  onUnlock(listener: () => void): void;
  /** Whether the OS reports a network connection now (polled). */
  networkOnline(): boolean;
}

/** Who sent an IPC message: the webContents id and the URL of the sending frame. */
export interface IpcSender {
  webContentsId: number;
  url: string;
}
export type IpcHandler = (sender: IpcSender, args: unknown) => Promise<unknown>;
export interface IpcPort {
  handle(channel: string, handler: IpcHandler): void;
  send(channel: string, payload: unknown): void;
}

/** The settings that change the window itself. */
export interface WindowPreferences {
  zoomLevel: number;
  spellcheckLanguages: readonly string[];
  /** The setting; an adapter adds DROPLINK_DEVTOOLS=1 and development runs. */
  devTools: boolean;
}

/** OS-level app integration: badge, login item, theme, window preferences, external links, quitting. */
export interface SystemPort {
  /** Launch at login (startHidden: into the tray, without the window). */
  setLoginItem(openAtLogin: boolean, startHidden: boolean): void;
  setTheme(theme: Settings['theme']): void;
  applyWindowPreferences(preferences: WindowPreferences): void;
  openExternal(url: string): Promise<void>;
  quit(): void;
}

/** How main reaches the bundled local server (empty serverUrl): its address and the secret it was started with. */
export interface LocalServerEndpoint {
  url: string;
  /** Made fresh at each start; sent only to this server (register, login, socket handshake). */
  clientSecret: string;
}
export interface LocalServerPort {
  /** Starts the local server on first use (and after it exited); resolves once it listens. */
  endpoint(): Promise<LocalServerEndpoint>;
}

/** A question main asks the user in a native dialog (never in the window, which it does not trust for this). */
export interface ConfirmRequest {
  /** 'warning' for choices that weaken security (e.g. a password sent in clear text). */
  severity: 'question' | 'warning';
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
  cancelLabel: string;
}
export interface DialogPort {
  /** Resolves true only when the user chose the confirm button. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

export interface DesktopPorts {
  clock: Clock;
  log: Logger;
  notifications: NotificationPort;
  tray: TrayPort;
  window: WindowPort;
  tokenVault: TokenVault;
  settingsStore: SettingsStore;
  outboxStore: OutboxStore;
  idle: IdleMonitor;
  wake: WakeSignals;
  ipc: IpcPort;
  system: SystemPort;
  localServer: LocalServerPort;
  dialog: DialogPort;
}
