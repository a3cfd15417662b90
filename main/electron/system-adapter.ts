import { app, nativeTheme, session, shell } from 'electron';
import type { Logger, SystemPort } from '../ports';
import { devToolsEnabled } from '../services/dev-tools';
import { HIDDEN_ARG, setLinuxAutostart, type LinuxAutostartOptions } from '../services/linux-autostart';

export interface ElectronSystemOptions {
  log: Logger;
  /** Where the window's zoom goes (the main window). */
  setZoomLevel(level: number): void;
  /** Rebuilds the application menu (the developer tools item comes and goes). */
  devToolsChanged(enabled: boolean): void;
  /** Linux: the XDG autostart entry (its folder, file name and command; `--hidden` is added when asked). */
  linuxAutostart: Omit<LinuxAutostartOptions, 'args'>;
  /** Arguments every launch needs (e.g. `--profile=work`), given to the login item too. */
  launchArgs: readonly string[];
}

export function electronSystem(options: ElectronSystemOptions): SystemPort {
  const { log } = options;
  let devTools: boolean | null = null;
  return {
    setLoginItem: (openAtLogin, startHidden) => {
      const args = [...options.launchArgs, ...(startHidden ? [HIDDEN_ARG] : [])];
      if (process.platform === 'linux') {
        setLinuxAutostart({ ...options.linuxAutostart, args }, openAtLogin).catch((err: unknown) =>
          log.error('launch at login: the autostart entry could not be written', err),
        );
        return;
      }
      // Windows starts the app with args; macOS passes none, so there main/index.ts asks wasOpenedAtLogin.
      app.setLoginItemSettings({ openAtLogin, args });
    },
    setTheme: (theme) => {
      nativeTheme.themeSource = theme;
    },
    applyWindowPreferences: (preferences) => {
      options.setZoomLevel(preferences.zoomLevel);
      const tools = devToolsEnabled({ setting: preferences.devTools, env: process.env, isPackaged: app.isPackaged });
      if (tools !== devTools) {
        devTools = tools;
        options.devToolsChanged(tools);
      }
      // macOS spell-checks with the system's own languages; Electron refuses to set them there.
      if (process.platform === 'darwin') return;
      const available = session.defaultSession.availableSpellCheckerLanguages;
      const wanted = preferences.spellcheckLanguages.filter((language) => available.includes(language));
      if (wanted.length < preferences.spellcheckLanguages.length)
        log.warn('spell check: some languages have no dictionary here', preferences.spellcheckLanguages);
      const fallback = available.includes(app.getLocale()) ? [app.getLocale()] : [];
      try {
        session.defaultSession.setSpellCheckerLanguages(wanted.length > 0 ? wanted : fallback);
      } catch (err) {
        log.warn('spell check: the languages could not be set', err);
      }
    },
    openExternal: (url) => shell.openExternal(url),
    quit: () => app.quit(),
  };
}
