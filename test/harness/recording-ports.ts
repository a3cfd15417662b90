import path from 'node:path';
import type {
  DialogPort,
  IdleMonitor,
  Logger,
  NotificationRequest,
  SettingsStore,
  StoredSession,
  SystemPort,
  TokenVault,
  TrayAction,
  TrayPort,
  WakeSignals,
  WindowPort,
} from '../../main/ports';
import { readJsonFile, readJsonFileSync, writeJsonFileAtomic, writeJsonFileAtomicSync } from '../../main/storage/json-file';
import type { Recorder } from './recorder';
import { rm } from 'node:fs/promises';

/** Notifications are recorded with their click handler, so a spec can "click" one. */
export function recordingNotifications(recorder: Recorder, clicks: Array<() => void>) {
  return {
    show(request: NotificationRequest) {
      recorder.notifications.push({
        title: request.title,
        body: request.body,
        roomId: request.roomId,
        silent: request.silent,
        sound: request.sound,
        at: Date.now(),
      });
      clicks.push(request.onClick);
    },
  };
}

export function recordingTray(recorder: Recorder): TrayPort & { click(action: TrayAction): void } {
  let listener: (action: TrayAction) => void = () => undefined;
  return {
    render(view) {
      const tray = { icon: view.icon, tooltip: view.tooltip, menu: view.menu.map((item) => ({ ...item })) };
      recorder.tray = tray;
      recorder.trayHistory.push(tray);
      recorder.badgeCount = view.badgeCount;
    },
    onAction(next) {
      listener = next;
    },
    click: (action) => listener(action),
  };
}

/** The "window" is the Playwright page; its OS focus is simulated. */
export class RecordingWindow implements WindowPort {
  pageId: number | null = null;
  /** Called after every change of visibility or focus (the driver mirrors it into the page). */
  onChange: () => void = () => undefined;

  constructor(private readonly recorder: Recorder) {}

  show(): void {
    const w = this.recorder.window;
    w.visible = true;
    w.showCount += 1;
    this.setFocused(true);
    this.onChange();
  }

  hide(): void {
    this.recorder.window.visible = false;
    this.setFocused(false);
    this.onChange();
  }

  isFocused(): boolean {
    return this.recorder.window.focused;
  }

  webContentsId(): number | null {
    return this.pageId;
  }

  setFocused(focused: boolean): void {
    const w = this.recorder.window;
    if (focused && !w.focused) w.focusCount += 1;
    const changed = w.focused !== focused;
    w.focused = focused;
    if (changed) this.onChange();
  }
}

/** A token vault as a plain JSON file in the profile directory (test only: no OS keychain here). */
export function fileTokenVault(profileDir: string): TokenVault {
  const file = path.join(profileDir, 'session.json');
  return {
    load: async () => ((await readJsonFile(file)) as StoredSession | undefined) ?? null,
    save: (session) => writeJsonFileAtomic(file, session),
    clear: () => rm(file, { force: true }),
  };
}

export function fileSettingsStore(profileDir: string): SettingsStore {
  const file = path.join(profileDir, 'settings.json');
  return {
    read: () => readJsonFileSync(file),
    write: (settings) => writeJsonFileAtomicSync(file, settings),
  };
}

export class ScriptedIdleMonitor implements IdleMonitor {
  seconds = 0;
  private readonly lock = new Set<() => void>();
  private readonly unlock = new Set<() => void>();

  idleSeconds(): number {
    return this.seconds;
  }
  onLock(listener: () => void): void {
    this.lock.add(listener);
  }
  onUnlock(listener: () => void): void {
    this.unlock.add(listener);
  }
  fireLock(): void {
    for (const l of this.lock) l();
  }
  fireUnlock(): void {
    for (const l of this.unlock) l();
  }
}

/** powerMonitor's resume / unlock-screen and net.isOnline(), driven by the spec. */
export class ScriptedWakeSignals implements WakeSignals {
  online = true;
  private readonly resume = new Set<() => void>();
  private readonly unlock = new Set<() => void>();

  onResume(listener: () => void): void {
    this.resume.add(listener);
  }
  onUnlock(listener: () => void): void {
    this.unlock.add(listener);
  }
  networkOnline(): boolean {
    return this.online;
  }
  fireResume(): void {
    for (const l of this.resume) l();
  }
  fireUnlock(): void {
    for (const l of this.unlock) l();
  }
}

export function recordingSystem(recorder: Recorder, onQuit: () => void): SystemPort {
  return {
    setLoginItem: (open, hidden) => {
      recorder.loginItem = open;
      recorder.loginItemHidden = hidden;
    },
    applyWindowPreferences: (preferences) => {
      recorder.windowPreferences = { ...preferences, spellcheckLanguages: [...preferences.spellcheckLanguages] };
    },
    setTheme: (theme) => {
      recorder.theme = theme;
    },
    openExternal: async (url) => {
      recorder.externalUrls.push(url);
    },
    quit: () => {
      recorder.quitRequested = true;
      onQuit();
    },
  };
}

export function testLogger(prefix: string): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      lines.push(`${level} ${message} ${details.map((d) => (d instanceof Error ? d.message : JSON.stringify(d))).join(' ')}`);
      if (process.env.HARNESS_DEBUG) console.log(`[${prefix}] ${level} ${message}`, ...details);
    };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}

/**
 * Native dialogs answered by the spec: `answers` is consumed in order; with none left the user
 * "presses Cancel" (the safe default), so an unexpected dialog can never approve anything.
 */
export class ScriptedDialog implements DialogPort {
  readonly answers: boolean[] = [];

  constructor(private readonly recorder: Recorder) {}

  async confirm(request: Parameters<DialogPort['confirm']>[0]): Promise<boolean> {
    const answer = this.answers.shift() ?? false;
    this.recorder.dialogs.push({ ...request, answer });
    return answer;
  }
}
