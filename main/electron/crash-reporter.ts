import { crashReporter } from 'electron';
import type { Logger } from '../ports';
import { crashReporterOptions, type CrashReporterOptions } from '../services/crash-report-options';

/**
 * Starts Crashpad. Electron's docs: call it as early as possible, before `ready`, because only
 * processes created after it are watched. Dumps go to app.getPath('crashDumps'); they are uploaded
 * only when DROPLINK_CRASH_REPORT_URL names a collector.
 */
export function startCrashReporter(env: Record<string, string | undefined>, log: Logger): CrashReporterOptions {
  const { options, warning } = crashReporterOptions(env);
  if (warning) log.warn(warning);
  crashReporter.start({ ...options, compress: true });
  log.info(options.uploadToServer ? `crash reports are uploaded to ${new URL(options.submitURL).origin}` : 'crash reports are kept locally');
  return options;
}
