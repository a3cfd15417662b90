/** Set to an https:// URL (a Crashpad/Breakpad-compatible collector) to upload crash reports. */
export const CRASH_REPORT_URL_ENV = 'DROPLINK_CRASH_REPORT_URL';

export type CrashReporterOptions = { uploadToServer: false } | { uploadToServer: true; submitURL: string };

/**
 * Crash dumps stay on the user's machine unless an upload URL is configured; a URL that is not
 * https (or loopback http, for a local collector) is refused, so reports never travel in clear text.
 */
export function crashReporterOptions(env: Record<string, string | undefined>): { options: CrashReporterOptions; warning: string | null } {
  const value = env[CRASH_REPORT_URL_ENV]?.trim();
  if (!value) return { options: { uploadToServer: false }, warning: null };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { options: { uploadToServer: false }, warning: `${CRASH_REPORT_URL_ENV} is not a URL; crash reports stay local` };
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { options: { uploadToServer: false }, warning: `${CRASH_REPORT_URL_ENV} must be an https:// URL; crash reports stay local` };
  }
  return { options: { uploadToServer: true, submitURL: url.href }, warning: null };
}
