import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The installed `electron` npm package and the build it needs, worked out exactly as its own
 * install.js does (same environment variables, same Rosetta check, same isInstalled test), so
 * this script and Electron agree on what "installed" means.
 */
export interface ElectronPackage {
  /** node_modules/electron */
  dir: string;
  version: string;
  platform: string;
  arch: string;
  /** the executable inside dist/, as written to path.txt */
  platformPath: string;
}

export function locateElectronPackage(fromDir: string): ElectronPackage {
  const manifest = createRequire(path.join(fromDir, 'package.json')).resolve('electron/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
  return {
    dir: path.dirname(manifest),
    version,
    platform,
    arch: targetArch(platform),
    platformPath: executablePathFor(platform),
  };
}

export function isElectronInstalled(electron: ElectronPackage): boolean {
  try {
    const distVersion = readFileSync(path.join(electron.dir, 'dist', 'version'), 'utf8').replace(/^v/, '');
    if (distVersion !== electron.version) return false;
    if (readFileSync(path.join(electron.dir, 'path.txt'), 'utf8') !== electron.platformPath) return false;
  } catch {
    return false;
  }
  return existsSync(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electron.dir, 'dist', electron.platformPath));
}

function targetArch(platform: string): string {
  const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
  if (platform === 'darwin' && process.platform === 'darwin' && arch === 'x64' && process.env.npm_config_arch === undefined) {
    // An x64 Node under Rosetta on Apple silicon still wants the arm64 build.
    try {
      if (execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1') return 'arm64';
    } catch {
      // Not translated (or no sysctl): x64 is right.
    }
  }
  return arch;
}

function executablePathFor(platform: string): string {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      throw new Error(`Electron builds are not available on platform: ${platform}`);
  }
}
