import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartDir, autostartEntry, launchedHidden, setLinuxAutostart } from '../../../main/services/linux-autostart';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('setLinuxAutostart', () => {
  it('writes the XDG autostart entry (creating the folder) and removes it again', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'droplink-autostart-'));
    dirs.push(home);
    const options = {
      autostartDir: path.join(home, '.config', 'autostart'),
      fileName: 'droplink.desktop',
      appName: 'Droplink',
      exec: '/opt/Droplink/droplink',
      args: ['--hidden'],
    };
    const file = path.join(options.autostartDir, 'droplink.desktop');

    await setLinuxAutostart(options, true);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toEqual(expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Name=Droplink', 'Exec=/opt/Droplink/droplink --hidden']));
    expect((await stat(file)).mode & 0o777).toBe(0o644);

    await setLinuxAutostart({ ...options, args: [] }, true);
    expect(await readFile(file, 'utf8')).toContain('Exec=/opt/Droplink/droplink\n');

    await setLinuxAutostart(options, false);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    await expect(setLinuxAutostart(options, false)).resolves.toBeUndefined(); // already gone
  });
});

describe('autostartEntry', () => {
  it('quotes paths with spaces and specials as the Desktop Entry spec asks, and doubles %', () => {
    const text = autostartEntry({ appName: 'Droplink', exec: '/home/me/My Apps/Droplink.AppImage', args: ['--profile=work $1', '100%'] });
    expect(text).toContain('Exec="/home/me/My Apps/Droplink.AppImage" "--profile=work \\$1" 100%%\n');
  });

  it('keeps every value on one line', () => {
    expect(autostartEntry({ appName: 'Drop\nlink', exec: '/x', args: ['a\nHidden=true'] })).not.toMatch(/^Hidden=/m);
  });
});

describe('autostartDir', () => {
  it('uses XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe(path.join('/cfg', 'autostart'));
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/me')).toBe(path.join('/home/me', '.config', 'autostart'));
    expect(autostartDir({}, '/home/me')).toBe(path.join('/home/me', '.config', 'autostart'));
  });
});

describe('launchedHidden', () => {
  it('is true only with --hidden', () => {
    expect(launchedHidden(['/opt/Droplink/droplink', '--hidden'])).toBe(true);
    expect(launchedHidden(['/opt/Droplink/droplink', '--hidden=no'])).toBe(false);
    expect(launchedHidden(['/opt/Droplink/droplink'])).toBe(false);
  });
});
