import { app, nativeTheme, shell } from 'electron';
import type { SystemPort } from '../ports';

export function electronSystem(): SystemPort {
  return {
    setLoginItem: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    setTheme: (theme) => {
      nativeTheme.themeSource = theme;
    },
    openExternal: (url) => shell.openExternal(url),
    quit: () => app.quit(),
  };
}
