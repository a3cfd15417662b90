import { BrowserWindow, screen, type NativeImage, type Rectangle } from 'electron';
import type { WindowPort } from '../ports';

export interface WindowBoundsStore {
  load(): Rectangle | null;
  save(bounds: Rectangle): void;
}

export interface MainWindowOptions {
  preloadPath: string;
  /** The URL of the renderer's index.html (app://droplink/index.html, or the dev server). */
  url: string;
  bounds: WindowBoundsStore;
  /** Decides what the close button does ('hide' keeps the app in the tray). */
  onCloseRequested(): 'hide' | 'close';
}

const DEFAULT_SIZE = { width: 1100, height: 760 };

/** Remembered bounds only if they are still on a connected display (monitors come and go). */
function visibleBounds(saved: Rectangle | null): Partial<Rectangle> {
  if (!saved) return DEFAULT_SIZE;
  const onScreen = screen
    .getAllDisplays()
    .some(({ workArea: a }) => saved.x < a.x + a.width && saved.x + saved.width > a.x && saved.y < a.y + a.height && saved.y + saved.height > a.y);
  return onScreen ? saved : { width: saved.width, height: saved.height };
}

/** The one chat window, created on first show, locked down (isolated, sandboxed, no Node). */
export class MainWindow implements WindowPort {
  private window: BrowserWindow | null = null;
  private overlay: { icon: NativeImage | null; description: string } | null = null;

  constructor(private readonly options: MainWindowOptions) {}

  show(): void {
    const win = this.window ?? this.create();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  hide(): void {
    this.window?.hide();
  }

  isFocused(): boolean {
    return this.window?.isFocused() === true;
  }

  webContentsId(): number | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents.id : null;
  }

  /** The Windows taskbar overlay (kept, and applied again when the window is re-created). */
  setOverlayIcon(icon: NativeImage | null, description: string): void {
    this.overlay = { icon, description };
    this.window?.setOverlayIcon(icon, description);
  }

  send(channel: string, payload: unknown): void {
    if (this.window && !this.window.isDestroyed()) this.window.webContents.send(channel, payload);
  }

  private create(): BrowserWindow {
    const win = new BrowserWindow({
      ...visibleBounds(this.options.bounds.load()),
      minWidth: 480,
      minHeight: 360,
      show: false,
      title: 'Droplink',
      backgroundColor: '#1d1f24',
      webPreferences: {
        preload: this.options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: true,
      },
    });
    win.once('ready-to-show', () => win.show());
    const saveBounds = (): void => {
      if (!win.isDestroyed() && !win.isMinimized() && !win.isFullScreen()) this.options.bounds.save(win.getNormalBounds());
    };
    win.on('resized', saveBounds);
    win.on('moved', saveBounds);
    win.on('close', (event) => {
      saveBounds();
      if (this.options.onCloseRequested() === 'hide') event.preventDefault();
    });
    win.on('closed', () => {
      this.window = null;
    });
    if (this.overlay) win.setOverlayIcon(this.overlay.icon, this.overlay.description);
    void win.loadURL(this.options.url);
    this.window = win;
    return win;
  }
}
