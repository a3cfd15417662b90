import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Downloader, FetchDownloaderOptions, Progress } from '@electron/get';
import type { ElectronPackage } from './electron-package';

type ElectronGet = typeof import('@electron/get');

export type ProgressListener = (url: string, progress: Progress) => void;

/**
 * Fetches the Electron zip (or takes it from the cache) with the very call Electron's install.js
 * makes, so ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache, force_no_cache and
 * electron_use_remote_checksums behave as Electron documents, and the zip is verified against
 * the checksums.json shipped in the electron package (or the mirror's SHASUMS256.txt when remote
 * checksums are asked for). The only addition is the progress listener: install.js shows none
 * unless the download takes 30 s on a terminal. Returns the path of the verified zip.
 */
export async function downloadElectronZip(electron: ElectronPackage, onProgress: ProgressListener): Promise<string> {
  const get = await importFromElectronPackage<ElectronGet>(electron, '@electron/get');
  const remoteChecksums = process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums;
  return get.downloadArtifact({
    version: electron.version,
    artifactName: 'electron',
    // install.js passes `force`, which @electron/get 5 no longer reads; WriteOnly is what it meant.
    cacheMode: process.env.force_no_cache === 'true' ? get.ElectronDownloadCacheMode.WriteOnly : undefined,
    cacheRoot: process.env.electron_config_cache,
    checksums: remoteChecksums ? undefined : bundledChecksums(electron),
    platform: electron.platform,
    arch: electron.arch,
    downloader: reportingDownloader(new get.FetchDownloader(), onProgress),
  });
}

/** Resolves a module the way `require` inside node_modules/electron would, i.e. Electron's own copy. */
export async function importFromElectronPackage<T>(electron: ElectronPackage, specifier: string): Promise<T> {
  const resolved = createRequire(path.join(electron.dir, 'package.json')).resolve(specifier);
  return (await import(pathToFileURL(resolved).href)) as T;
}

function bundledChecksums(electron: ElectronPackage): Record<string, string> {
  return JSON.parse(readFileSync(path.join(electron.dir, 'checksums.json'), 'utf8')) as Record<string, string>;
}

function reportingDownloader(inner: Downloader<FetchDownloaderOptions>, onProgress: ProgressListener): Downloader<FetchDownloaderOptions> {
  return {
    download: (url, targetFilePath, options) =>
      inner.download(url, targetFilePath, {
        ...options,
        quiet: true,
        getProgressCallback: (progress) => {
          onProgress(url, progress);
          return Promise.resolve();
        },
      }),
  };
}
