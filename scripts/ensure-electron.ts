/**
 * Run by `npm start` and `npm run dev` before electron-vite: makes sure node_modules/electron
 * has its Electron build (electron-vite only reads path.txt and never downloads it; Electron 45's
 * package fetches it on first require, and npm does not run install scripts). Returns at once when
 * the build is present; otherwise downloads it through Electron's own downloader with progress,
 * or explains what to do and exits non-zero. `npm ci` never runs this, so installs stay offline.
 */
import path from 'node:path';
import { downloadElectronZip } from './electron/download-electron';
import { describeDownloadFailure } from './electron/download-failure-help';
import { createProgressPrinter } from './electron/download-progress';
import { isElectronInstalled, locateElectronPackage } from './electron/electron-package';
import { installElectronZip } from './electron/install-electron-zip';

async function main(): Promise<number> {
  // electron-vite launches ELECTRON_EXEC_PATH instead of the package's build when it is set.
  if (process.env.ELECTRON_EXEC_PATH) return 0;

  const electron = locateElectronPackage(path.resolve(import.meta.dirname, '..'));
  if (isElectronInstalled(electron)) return 0;

  const target = `${electron.platform}-${electron.arch}`;
  process.stdout.write(`Electron ${electron.version} (${target}) is not in node_modules/electron yet: fetching it once (about 100 MB).\n`);
  let zipPath: string;
  try {
    zipPath = await downloadElectronZip(electron, createProgressPrinter(process.stdout));
  } catch (error) {
    process.stderr.write(`\n${describeDownloadFailure(error, electron, process.env)}\n`);
    return 1;
  }
  try {
    await installElectronZip(electron, zipPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nCould not unpack ${zipPath} into ${path.join(electron.dir, 'dist')}: ${reason}\n`);
    process.stderr.write('Check that the folder is writable and the disk has about 300 MB free, then run the command again.\n');
    return 1;
  }
  process.stdout.write(`Electron ${electron.version} installed in ${path.join(electron.dir, 'dist')}.\n`);
  return 0;
}

process.exitCode = await main();
