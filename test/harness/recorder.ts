import type { Settings } from '../../common/ipc';
import type { ConfirmRequest, TrayMenuItem, TrayView, WindowPreferences } from '../../main/ports';

export interface RecordedNotification {
  title: string;
  body: string;
  roomId: string;
  silent: boolean;
  /** The bundled sound the window was asked to play (null: the OS's sound or none). */
  sound: string | null;
  at: number;
}

export interface RecordedTray {
  icon: TrayView['icon'];
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface RecordedWindow {
  visible: boolean;
  focused: boolean;
  showCount: number;
  focusCount: number;
}

/** Everything the app did to the "OS" in the harness. Reads are live and synchronous. */
export class Recorder {
  readonly notifications: RecordedNotification[] = [];
  tray: RecordedTray | null = null;
  readonly trayHistory: RecordedTray[] = [];
  badgeCount = 0;
  readonly window: RecordedWindow = { visible: false, focused: false, showCount: 0, focusCount: 0 };
  readonly externalUrls: string[] = [];
  loginItem = false;
  loginItemHidden = false;
  /** What main last applied to the window (zoom, spell-check languages, developer tools setting). */
  windowPreferences: WindowPreferences | null = null;
  theme: Settings['theme'] = 'system';
  quitRequested = false;
  /** Every native dialog main opened, with the answer the spec scripted for it. */
  readonly dialogs: Array<ConfirmRequest & { answer: boolean }> = [];
}
