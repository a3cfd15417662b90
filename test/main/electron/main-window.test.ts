import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

const { MainWindow } = await import('../../../main/electron/main-window');
type Bounds = { x: number; y: number; width: number; height: number };
type State = import('../../../main/services/window-placement').SavedWindowState;

function makeWindow(saved: Bounds | State | null = null, closeAnswer: 'hide' | 'close' = 'hide') {
  const savedStates: State[] = [];
  const savedBounds: Bounds[] = [];
  const contents: unknown[] = [];
  let answer = closeAnswer;
  const stored: State | null = saved === null ? null : 'bounds' in saved ? saved : { bounds: saved, maximized: false, displayId: 1 };
  const window = new MainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    url: 'app://droplink/index.html',
    bounds: {
      load: () => stored,
      save: (state) => {
        savedStates.push(state);
        savedBounds.push(state.bounds);
      },
    },
    onContentsCreated: (webContents) => void contents.push(webContents),
    onCloseRequested: () => answer,
  });
  return { window, savedBounds, savedStates, contents, setAnswer: (next: 'hide' | 'close') => (answer = next) };
}
const created = () => electron.state.windows;

describe('MainWindow', () => {
  beforeEach(() => void electron.reset());
  afterEach(() => expect(electron.state.violations).toEqual([]));

  it('creates nothing before ready (Electron cannot make windows then)', () => {
    const { window } = makeWindow();
    expect(window.webContentsId()).toBeNull();
    expect(() => window.show()).toThrow(/before the app is ready/);
    electron.state.violations.length = 0;
  });

  it('creates one locked-down window on first show: isolated, sandboxed, no Node, web security, the preload', async () => {
    await electron.app.emitReady();
    const { window } = makeWindow();
    window.show();
    window.show();
    expect(created()).toHaveLength(1);
    const win = created()[0]!;
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    });
    expect(win.options.show).toBe(false);
    expect(win.loadedUrls).toEqual(['app://droplink/index.html']);
    expect(win.isVisible() && win.isFocused()).toBe(true);
    expect(window.webContentsId()).toBe(win.webContents.id);
    expect(window.isFocused()).toBe(true);
  });

  it('reopens remembered bounds on a connected display, centred on the primary one when that display is gone', async () => {
    await electron.app.emitReady();
    makeWindow({ x: 200, y: 150, width: 900, height: 700 }).window.show();
    expect(created()[0]!.options).toMatchObject({ x: 200, y: 150, width: 900, height: 700 });
    makeWindow({ bounds: { x: 5000, y: 5000, width: 900, height: 700 }, maximized: false, displayId: 2 }).window.show();
    expect(created()[1]!.options).toMatchObject({ x: 510, y: 190, width: 900, height: 700 });
    makeWindow(null).window.show();
    expect(created()[2]!.options).toMatchObject({ x: 410, y: 160, width: 1100, height: 760 });
  });

  it('clamps onto the second display it was on, maximizes again, and saves maximized state and display', async () => {
    electron.reset({
      displays: [
        { id: 10, workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
        { id: 20, workArea: { x: 1920, y: 0, width: 1280, height: 1024 } },
      ],
    });
    await electron.app.emitReady();
    const { window, savedStates } = makeWindow({ bounds: { x: 2900, y: 100, width: 900, height: 700 }, maximized: true, displayId: 20 });
    window.show();
    const win = created()[0]!;
    expect(win.options).toMatchObject({ x: 2300, y: 100, width: 900, height: 700 });
    expect(win.isMaximized()).toBe(true);
    win.unmaximize();
    expect(savedStates.at(-1)).toEqual({ bounds: { x: 2300, y: 100, width: 900, height: 700 }, maximized: false, displayId: 20 });
    win.maximize();
    expect(savedStates.at(-1)).toMatchObject({ maximized: true, displayId: 20 });
  });

  it('applies the zoom level now and after every load, and hands the contents over once', async () => {
    await electron.app.emitReady();
    const { window, contents } = makeWindow();
    window.setZoomLevel(1.5); // before the window exists
    window.show();
    const win = created()[0]!;
    expect(contents).toEqual([win.webContents]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.getZoomLevel()).toBe(1.5);
    window.setZoomLevel(-1);
    expect(win.webContents.getZoomLevel()).toBe(-1);
  });

  it('hides instead of closing while the app answers "hide", and saves the bounds', async () => {
    await electron.app.emitReady();
    const { window, savedBounds } = makeWindow(null, 'hide');
    window.show();
    const win = created()[0]!;
    win.setBounds({ width: 1000 });
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(savedBounds.at(-1)).toMatchObject({ width: 1000 });
  });

  it('closes when the app quits, and a later show creates a new window with the taskbar overlay again', async () => {
    await electron.app.emitReady();
    const { window, setAnswer } = makeWindow();
    window.show();
    const overlay = electron.module.nativeImage.createFromPath('/x/badge-3.png');
    window.setOverlayIcon(overlay as never, '3 unread');
    expect(created()[0]!.overlay).toEqual({ icon: overlay, description: '3 unread' });
    setAnswer('close');
    created()[0]!.close();
    expect(window.webContentsId()).toBeNull();
    expect(() => window.send('events', [1])).not.toThrow();
    window.show();
    expect(created()).toHaveLength(2);
    expect(created()[1]!.overlay).toEqual({ icon: overlay, description: '3 unread' });
  });

  it('sends to the window, and hide() hides it', async () => {
    await electron.app.emitReady();
    const { window } = makeWindow();
    window.show();
    window.send('droplink:events', [{ type: 'navigate' }]);
    expect(created()[0]!.webContents.sent).toEqual([{ channel: 'droplink:events', payload: [{ type: 'navigate' }] }]);
    window.hide();
    expect(created()[0]!.isVisible()).toBe(false);
    expect(window.isFocused()).toBe(false);
  });

  it('restores a minimised window on show', async () => {
    await electron.app.emitReady();
    const { window } = makeWindow();
    window.show();
    created()[0]!.minimize();
    window.show();
    expect(created()[0]!.isMinimized()).toBe(false);
  });
});
