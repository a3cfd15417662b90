import { describe, expect, it } from 'vitest';
import { CRASH_REPORT_URL_ENV, crashReporterOptions } from '../../../main/services/crash-report-options';

describe('crashReporterOptions', () => {
  it('keeps dumps local by default', () => {
    expect(crashReporterOptions({})).toEqual({ options: { uploadToServer: false }, warning: null });
    expect(crashReporterOptions({ [CRASH_REPORT_URL_ENV]: '  ' })).toEqual({ options: { uploadToServer: false }, warning: null });
  });

  it('uploads only to an https collector (or a loopback http one)', () => {
    expect(crashReporterOptions({ [CRASH_REPORT_URL_ENV]: 'https://crash.example/submit' }).options).toEqual({
      uploadToServer: true,
      submitURL: 'https://crash.example/submit',
    });
    expect(crashReporterOptions({ [CRASH_REPORT_URL_ENV]: 'http://127.0.0.1:8080/post' }).options).toEqual({
      uploadToServer: true,
      submitURL: 'http://127.0.0.1:8080/post',
    });
  });

  it('refuses clear-text and malformed URLs with a warning, and stays local', () => {
    for (const value of ['http://crash.example/submit', 'ftp://crash.example', 'nonsense']) {
      const result = crashReporterOptions({ [CRASH_REPORT_URL_ENV]: value });
      expect(result.options, value).toEqual({ uploadToServer: false });
      expect(result.warning, value).toContain(CRASH_REPORT_URL_ENV);
    }
  });
});
