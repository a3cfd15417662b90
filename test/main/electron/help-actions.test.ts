import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

import { silentLogger } from '../support';

const { electronHelpActions } = await import('../../../main/electron/help-actions');

let root: string;
beforeEach(async () => {
  electron.reset();
  await electron.app.emitReady();
  root = await mkdtemp(path.join(os.tmpdir(), 'droplink-help-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  expect(electron.state.violations).toEqual([]);
});

describe('Help actions', () => {
  it('opens the logs folder (creating it if nothing was logged yet) and shows no error when that worked', async () => {
    const logsDir = path.join(root, 'logs');
    await electronHelpActions({ logsDir, diagnostics: () => '', log: silentLogger }).openLogsFolder();
    expect((await stat(logsDir)).isDirectory()).toBe(true);
    expect(electron.callsOf('shell.openPath').map((call) => call.args)).toEqual([[logsDir]]);
    expect(electron.callsOf('dialog.showErrorBox')).toEqual([]);
  });

  it('shows an error dialog naming the folder when the OS cannot open it', async () => {
    electron.state.options.openPathResult = 'No application is registered for folders';
    const warnings: string[] = [];
    const logsDir = path.join(root, 'logs');
    await electronHelpActions({ logsDir, diagnostics: () => '', log: { ...silentLogger, warn: (message) => void warnings.push(message) } }).openLogsFolder();
    const [box] = electron.callsOf('dialog.showErrorBox');
    expect(box?.args[0]).toBe('Could not open the logs folder');
    expect(box?.args[1]).toContain('No application is registered for folders');
    expect(box?.args[1]).toContain(logsDir);
    expect(warnings).toHaveLength(1);
  });

  it('copies the diagnostics text to the clipboard, built at the time of the click', async () => {
    let count = 0;
    const actions = electronHelpActions({ logsDir: root, diagnostics: () => `Droplink diagnostics #${(count += 1)}`, log: silentLogger });
    await actions.copyDiagnostics();
    expect(electron.state.clipboardText).toBe('Droplink diagnostics #1');
    await actions.copyDiagnostics();
    expect(electron.state.clipboardText).toBe('Droplink diagnostics #2');
    expect(electron.callsOf('dialog.showMessageBox')).toHaveLength(2);
  });

  it('says so in an error dialog when the diagnostics cannot be put together', async () => {
    const warnings: string[] = [];
    const diagnostics = () => {
      throw new Error('settings file unreadable');
    };
    await electronHelpActions({ logsDir: root, diagnostics, log: { ...silentLogger, warn: (message) => void warnings.push(message) } }).copyDiagnostics();
    const [box] = electron.callsOf('dialog.showErrorBox');
    expect(box?.args).toEqual(['Could not copy the diagnostics', 'settings file unreadable']);
    expect(electron.callsOf('dialog.showMessageBox')).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});
