import { describe, expect, it } from 'vitest';
import { describeDownloadFailure } from '../../../scripts/electron/download-failure-help';
import type { ElectronPackage } from '../../../scripts/electron/electron-package';

const electron: ElectronPackage = { dir: '/app/node_modules/electron', version: '45.6.0', platform: 'linux', arch: 'x64', platformPath: 'electron' };

function fetchFailure(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

describe('describeDownloadFailure', () => {
  it('names the file, the default source, the cause, and every way out (POSIX shells)', () => {
    const text = describeDownloadFailure(fetchFailure('ENOTFOUND'), electron, { npm_lifecycle_event: 'start' }, 'linux');
    expect(text).toContain('Could not get Electron 45.6.0 (electron-v45.6.0-linux-x64.zip): fetch failed (ENOTFOUND)');
    expect(text).toContain('from: https://github.com/electron/electron/releases/download/ (the default; ELECTRON_MIRROR is not set)');
    expect(text).toContain('could not be reached');
    expect(text).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start');
    expect(text).toContain('v45.6.0/electron-v45.6.0-linux-x64.zip');
    expect(text).toContain('checked against the\n    checksums shipped in node_modules/electron/checksums.json');
    expect(text).toContain('NODE_USE_ENV_PROXY=1 HTTPS_PROXY=http://proxy.example:8080 npm start');
    expect(text).toContain('electron_config_cache=/path/to/electron-cache npm start');
  });

  it('repeats the command that was run, in PowerShell syntax on Windows', () => {
    const text = describeDownloadFailure(fetchFailure('ECONNREFUSED'), electron, { npm_lifecycle_event: 'dev' }, 'win32');
    expect(text).toContain('$env:ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/"; npm run dev   (PowerShell)');
  });

  it('for a 404, points at the mirror URL and its layout', () => {
    const error = new Error('Response code 404 (Not Found) for https://mirror.example/v45.6.0/electron-v45.6.0-linux-x64.zip');
    const text = describeDownloadFailure(error, electron, { ELECTRON_MIRROR: 'https://mirror.example' }, 'linux');
    expect(text).toContain('from: https://mirror.example\n');
    expect(text).toContain('check that ELECTRON_MIRROR ends with "/"');
  });

  it('for a checksum mismatch, says which checksums were used and not to turn them off', () => {
    const error = new Error('Generated checksum for "electron-v45.6.0-linux-x64.zip" did not match expected checksum.');
    expect(describeDownloadFailure(error, electron, {}, 'linux')).toContain('does not match its checksum in node_modules/electron/checksums.json');
    const remote = describeDownloadFailure(error, electron, { electron_use_remote_checksums: '1' }, 'linux');
    expect(remote).toContain("does not match its checksum in the mirror's SHASUMS256.txt");
    expect(remote).toContain('Do not turn checksums off');
  });
});
