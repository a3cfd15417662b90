import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronPackageDir = path.resolve(import.meta.dirname, '../../../node_modules/electron');

/**
 * Where the Electron binary is, or why there is none. Resolved the way `require('electron')`
 * does, but without its side effect: requiring it with the binary missing starts a download.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = path.join(electronPackageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (the electron package's postinstall downloaded nothing)` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronPackageDir, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}
