import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

import type { TrayView } from '../../../main/ports';
import { stubPlatform } from './support/electron-mock';

const { electronTray } = await import('../../../main/electron/tray-adapter');

const view = (overrides: Partial<TrayView> = {}): TrayView => ({
  icon: 'read',
  tooltip: 'Droplink',
  badgeCount: 0,
  menu: [
    { id: 'open', label: 'Open Droplink' },
    { id: 'status:online', label: 'Online', checked: true },
    { id: 'status:away', label: 'Away', checked: false },
    { id: 'quit', label: 'Quit' },
  ],
  ...overrides,
});
type Image = { path: string; isTemplateImage(): boolean; isEmpty(): boolean };
const trays = () => electron.state.trays;

describe('electronTray', () => {
  let restorePlatform = (): void => undefined;
  beforeEach(async () => {
    electron.reset();
    await electron.app.emitReady();
  });
  afterEach(() => {
    restorePlatform();
    expect(electron.state.violations).toEqual([]);
  });

  it('uses template images on macOS (the system tints them), and the dock badge', () => {
    restorePlatform = stubPlatform('darwin');
    const overlays: unknown[] = [];
    const tray = electronTray({ setOverlayIcon: (...args) => void overlays.push(args) });
    tray.render(view());
    const image = trays()[0]!.image as unknown as Image;
    expect(path.basename(image.path)).toBe('trayTemplate.png');
    expect(image.isTemplateImage()).toBe(true);
    expect(image.isEmpty()).toBe(false);
    tray.render(view({ icon: 'unread', badgeCount: 4 }));
    const unread = trays()[0]!.image as unknown as Image;
    expect(path.basename(unread.path)).toBe('trayUnreadTemplate.png');
    expect(unread.isTemplateImage()).toBe(true);
    expect(existsSync(unread.path.replace('.png', '@2x.png'))).toBe(true);
    expect(electron.callsOf('app.setBadgeCount').map((call) => call.args[0])).toEqual([0, 4]);
    expect(overlays).toEqual([]);
    // macOS opens the menu on click; there is no click handler.
    expect(trays()[0]!.listenerCount('click')).toBe(0);
  });

  it('uses colour images elsewhere, and a click opens the window', () => {
    restorePlatform = stubPlatform('linux');
    const actions: string[] = [];
    const tray = electronTray({ setOverlayIcon: () => undefined });
    tray.onAction((action) => actions.push(action));
    tray.render(view({ icon: 'unread', badgeCount: 2 }));
    const image = trays()[0]!.image as unknown as Image;
    expect(path.basename(image.path)).toBe('trayUnread.png');
    expect(image.isTemplateImage()).toBe(false);
    expect(image.isEmpty()).toBe(false);
    trays()[0]!.emit('click');
    expect(actions).toEqual(['open']);
    expect(electron.callsOf('app.setBadgeCount').map((call) => call.args[0])).toEqual([2]);
  });

  it('shows the count as a taskbar overlay on Windows (cleared at zero)', () => {
    restorePlatform = stubPlatform('win32');
    const overlays: [Image | null, string][] = [];
    const tray = electronTray({ setOverlayIcon: (icon, description) => void overlays.push([icon as unknown as Image | null, description]) });
    tray.render(view({ icon: 'unread', badgeCount: 12, tooltip: 'Droplink: 12 unread' }));
    tray.render(view({ badgeCount: 0 }));
    expect(path.basename(overlays[0]![0]!.path)).toBe('badge-9plus.png');
    expect(overlays[0]![0]!.isEmpty()).toBe(false);
    expect(overlays[0]![1]).toBe('Droplink: 12 unread');
    expect(overlays[1]![0]).toBeNull();
    expect(electron.callsOf('app.setBadgeCount')).toEqual([]);
  });

  it('creates one tray and renders the menu: status radios and actions that report their id', () => {
    restorePlatform = stubPlatform('linux');
    const actions: string[] = [];
    const tray = electronTray({ setOverlayIcon: () => undefined });
    tray.onAction((action) => actions.push(action));
    tray.render(view());
    tray.render(view({ tooltip: 'Droplink: 1 unread' }));
    expect(trays()).toHaveLength(1);
    expect(trays()[0]!.tooltip).toBe('Droplink: 1 unread');
    const items = trays()[0]!.contextMenu!.items as { label: string; type?: string; checked?: boolean; click(): void }[];
    expect(items.map(({ label, type, checked }) => ({ label, type, checked }))).toEqual([
      { label: 'Open Droplink', type: undefined, checked: undefined },
      { label: 'Online', type: 'radio', checked: true },
      { label: 'Away', type: 'radio', checked: false },
      { label: 'Quit', type: undefined, checked: undefined },
    ]);
    items[2]!.click();
    items[3]!.click();
    expect(actions).toEqual(['status:away', 'quit']);
  });

  it('cannot create the tray before ready', () => {
    electron.reset();
    expect(() => electronTray({ setOverlayIcon: () => undefined }).render(view())).toThrow(/before the app is ready/);
    electron.state.violations.length = 0;
  });
});
