import ElectronStore from 'electron-store';
import type { Rectangle } from 'electron';
import type { SettingsStore } from '../ports';
import type { WindowBoundsStore } from './main-window';

interface StoredShape {
  settings?: unknown;
  windowBounds?: Rectangle;
}

/** electron-store (ESM-only; main is built as ESM) holding the settings and the window bounds. */
export function createElectronStore(): ElectronStore<StoredShape> {
  // A file that is not JSON at all is reset; field-level validation is the settings service's job.
  return new ElectronStore<StoredShape>({ name: 'settings', clearInvalidConfig: true });
}

export function electronSettingsStore(store: ElectronStore<StoredShape>): SettingsStore {
  return {
    read: () => store.get('settings'),
    write: (settings) => store.set('settings', settings),
  };
}

export function electronWindowBounds(store: ElectronStore<StoredShape>): WindowBoundsStore {
  return {
    load() {
      const b = store.get('windowBounds');
      const valid = b && [b.x, b.y, b.width, b.height].every((n) => Number.isInteger(n)) && b.width >= 200 && b.height >= 200;
      return valid ? b : null;
    },
    save: (bounds) => store.set('windowBounds', bounds),
  };
}
