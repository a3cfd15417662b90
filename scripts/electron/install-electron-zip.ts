import { existsSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importFromElectronPackage } from './download-electron';
import type { ElectronPackage } from './electron-package';

type ExtractZip = { extract: (zipPath: string, options: { dir: string }) => Promise<void> };

/**
 * What install.js does with the zip: extract it into node_modules/electron/dist with Electron's
 * own extractor, move electron.d.ts up if the zip has one, then write path.txt, which is what
 * electron-vite reads to find the executable (written last, so a half-extracted dist never
 * counts as installed).
 */
export async function installElectronZip(electron: ElectronPackage, zipPath: string): Promise<void> {
  const { extract } = await importFromElectronPackage<ExtractZip>(electron, '@electron-internal/extract-zip');
  const distDir = path.join(electron.dir, 'dist');
  await extract(zipPath, { dir: distDir });

  const typeDefinitions = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || distDir, 'electron.d.ts');
  if (existsSync(typeDefinitions)) renameSync(typeDefinitions, path.join(electron.dir, 'electron.d.ts'));

  await writeFile(path.join(electron.dir, 'path.txt'), electron.platformPath);
}
