import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./support/electron-mock')).createElectronMock());
vi.mock('electron', () => electron.module);

import { silentLogger } from '../support';

const { startCrashReporter } = await import('../../../main/electron/crash-reporter');

describe('startCrashReporter', () => {
  beforeEach(() => void electron.reset());
  afterEach(() => expect(electron.state.violations).toEqual([]));

  it('starts Crashpad with local dumps only by default', () => {
    expect(startCrashReporter({}, silentLogger)).toEqual({ uploadToServer: false });
    expect(electron.callsOf('crashReporter.start').map((call) => call.args[0])).toEqual([{ uploadToServer: false, compress: true }]);
  });

  it('uploads when DROPLINK_CRASH_REPORT_URL names an https collector', () => {
    startCrashReporter({ DROPLINK_CRASH_REPORT_URL: 'https://crash.example/submit' }, silentLogger);
    expect(electron.callsOf('crashReporter.start')[0]?.args[0]).toEqual({ uploadToServer: true, submitURL: 'https://crash.example/submit', compress: true });
  });

  it('stays local and warns about a clear-text collector', () => {
    const warnings: string[] = [];
    startCrashReporter({ DROPLINK_CRASH_REPORT_URL: 'http://crash.example/submit' }, { ...silentLogger, warn: (message) => void warnings.push(message) });
    expect(electron.callsOf('crashReporter.start')[0]?.args[0]).toEqual({ uploadToServer: false, compress: true });
    expect(warnings).toEqual([expect.stringContaining('https')]);
  });
});
