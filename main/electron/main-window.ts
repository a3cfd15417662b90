import { BrowserWindow, screen, type NativeImage, type WebContents } from 'electron';
import type { WindowPort } from '../ports';
import { MIN_WINDOW_SIZE, placeWindow, type SavedWindowState } from '../services/window-placement';

export interface WindowStateStore {
  load(): SavedWindowState | null;
  save(state: SavedWindowState): void;
}

export interface MainWindowOptions {
  preloadPath: string;
  /** The URL of the renderer's index.html (app://droplink/index.html, or the dev server). */
  url: string;
  bounds: WindowStateStore;
  /** Hooks the window's contents up (the context menu), once per window. */
  onContentsCreated?(contents: WebContents): void;
  /** Decides what the close button does ('hide' keeps the app in the tray). */
  onCloseRequested(): 'hide' | 'close';
}

/** Where the window opens: the remembered place, clamped onto a display that is still connected. */
function initialPlacement(saved: SavedWindowState | null): SavedWindowState {
  const displays = screen.getAllDisplays().map(({ id, workArea }) => ({ id, workArea }));
  return placeWindow(saved, displays, screen.getPrimaryDisplay().id);
}

/** The one chat window, created on first show, locked down (isolated, sandboxed, no Node). */
export class MainWindow implements WindowPort {
  private window: BrowserWindow | null = null;
  private overlay: { icon: NativeImage | null; description: string } | null = null;
  private zoomLevel = 0;

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

  /** The page's zoom (View → Zoom), kept for windows created later and applied after every load. */
  setZoomLevel(level: number): void {
    this.zoomLevel = level;
    if (this.window && !this.window.isDestroyed()) this.window.webContents.setZoomLevel(level);
  }

  send(channel: string, payload: unknown): void {
    if (this.window && !this.window.isDestroyed()) this.window.webContents.send(channel, payload);
  }

  private create(): BrowserWindow {
    const placement = initialPlacement(this.options.bounds.load());
    const win = new BrowserWindow({
      ...placement.bounds,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
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
    if (placement.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    const saveBounds = (): void => {
      if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
      const bounds = win.getNormalBounds();
      this.options.bounds.save({ bounds, maximized: win.isMaximized(), displayId: screen.getDisplayMatching(bounds).id });
    };
    win.on('resized', saveBounds);
    win.on('moved', saveBounds);
    win.on('maximize', saveBounds);
    win.on('unmaximize', saveBounds);
    win.webContents.on('did-finish-load', () => win.webContents.setZoomLevel(this.zoomLevel));
    this.options.onContentsCreated?.(win.webContents);
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
