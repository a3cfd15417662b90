import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LinuxAutostartOptions {
  /** `$XDG_CONFIG_HOME/autostart`, i.e. `~/.config/autostart` by default. */
  autostartDir: string;
  /** The file's name in it, e.g. `droplink.desktop` (one per profile). */
  fileName: string;
  appName: string;
  /** The executable and the arguments the session starts it with. */
  exec: string;
  args: readonly string[];
}

/** `$XDG_CONFIG_HOME/autostart`, falling back to `~/.config/autostart` as the XDG spec says. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart');
}

/** One argument of an Exec key, quoted as the Desktop Entry spec asks (and `%` doubled). */
function execArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escaped) && escaped !== '') return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry's text. */
export function autostartEntry(options: Pick<LinuxAutostartOptions, 'appName' | 'exec' | 'args'>): string {
  const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${oneLine(options.appName)}`,
    `Exec=${[options.exec, ...options.args].map((arg) => execArg(oneLine(arg))).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Launch at login on Linux desktops (GNOME, KDE, Xfce...): an XDG autostart `.desktop` file,
 * written when the setting is on and removed when it is off.
 */
export async function setLinuxAutostart(options: LinuxAutostartOptions, enabled: boolean): Promise<void> {
  const file = path.join(options.autostartDir, options.fileName);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(options.autostartDir, { recursive: true });
  await writeFile(file, autostartEntry(options), { mode: 0o644 });
}

export const HIDDEN_ARG = '--hidden';

/** Started by the login item with "Start hidden": stay in the tray. */
export const launchedHidden = (argv: readonly string[]): boolean => argv.includes(HIDDEN_ARG);
