import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

import { DEFAULT_SETTINGS } from '../../../common/ipc';

const { createElectronStore, electronSettingsStore, electronWindowBounds } = await import('../../../main/electron/settings-store');

let appData: string;
let userData: string;
beforeEach(async () => {
  appData = await mkdtemp(path.join(os.tmpdir(), 'droplink-store-'));
  electron.reset({ appData });
  userData = path.join(appData, 'Droplink-test');
  electron.app.setPath('userData', userData);
  await electron.app.emitReady();
});
afterEach(async () => {
  expect(electron.state.violations).toEqual([]);
  await rm(appData, { recursive: true, force: true });
});

describe('settings store (electron-store)', () => {
  it("keeps the settings in settings.json in the profile's userData", async () => {
    const settings = electronSettingsStore(createElectronStore());
    expect(settings.read()).toBeUndefined();
    settings.write({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const file = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8')) as { settings: unknown };
    expect(file.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(electronSettingsStore(createElectronStore()).read()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('starts from scratch when the file is not JSON at all', async () => {
    await rm(userData, { recursive: true, force: true });
    await import('node:fs/promises').then(({ mkdir }) => mkdir(userData, { recursive: true }));
    await writeFile(path.join(userData, 'settings.json'), '{ not json');
    expect(electronSettingsStore(createElectronStore()).read()).toBeUndefined();
  });

  it('remembers the window state, reads the bounds older versions saved, and refuses ones that are not whole numbers or too small', () => {
    const store = createElectronStore();
    const bounds = electronWindowBounds(store);
    expect(bounds.load()).toBeNull();
    store.set('windowBounds', { x: 10, y: 20, width: 900, height: 700 });
    expect(bounds.load()).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false, displayId: null });
    bounds.save({ bounds: { x: 30, y: 40, width: 900, height: 700 }, maximized: true, displayId: 7 });
    expect(electronWindowBounds(createElectronStore()).load()).toEqual({ bounds: { x: 30, y: 40, width: 900, height: 700 }, maximized: true, displayId: 7 });
    expect(store.get('windowBounds')).toBeUndefined();
    store.delete('windowState');
    for (const bad of [
      { x: 1.5, y: 0, width: 900, height: 700 },
      { x: 0, y: 0, width: 100, height: 700 },
      { x: 0, y: 0, width: 900 },
    ]) {
      store.set('windowBounds', bad as never);
      expect(bounds.load(), JSON.stringify(bad)).toBeNull();
    }
  });
});
