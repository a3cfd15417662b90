import ElectronStore from 'electron-store';
import type { SettingsStore } from '../ports';
import { parseSavedWindowState, type SavedWindowState } from '../services/window-placement';
import type { WindowStateStore } from './main-window';

interface StoredShape {
  settings?: unknown;
  /** Older versions' window rectangle (read once, replaced by windowState). */
  windowBounds?: unknown;
  windowState?: SavedWindowState;
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

/** The window's place, size, maximized state and display (validated on load: the file is the user's to edit). */
export function electronWindowBounds(store: ElectronStore<StoredShape>): WindowStateStore {
  return {
    load: () => parseSavedWindowState(store.get('windowState'), store.get('windowBounds')),
    save: (state) => {
      store.set('windowState', state);
      store.delete('windowBounds');
    },
  };
}
