import { create } from 'zustand';
import type { Settings } from '../shared/contract';

interface SettingsStore {
  /** null until loaded from main. */
  settings: Settings | null;
  setSettings: (settings: Settings) => void;
}

export const useSettingsStore = create<SettingsStore>()((set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
}));
