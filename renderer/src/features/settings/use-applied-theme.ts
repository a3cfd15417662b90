import { useEffect } from 'react';
import { useSettingsStore } from '../../stores/settings';

/** Puts the chosen theme on <html>; "system" removes it so the OS preference applies. */
export function useAppliedTheme(): void {
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
