import path from 'node:path';
import log from 'electron-log/node';
import type { Logger } from '../ports';
import { redactSecrets } from '../services/log-redaction';

/** Each log file is rotated to `<name>.old.log` when it passes this size, so a profile holds at most twice it. */
const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const MAIN_LOG_FILE = 'main.log';

export interface FileLoggerOptions {
  /** The profile's logs folder (app.getPath('logs')). */
  logsDir: string;
  /** Also print to the terminal (development runs). */
  console: boolean;
  fileName?: string;
  maxBytes?: number;
}

export interface FileLogger extends Logger {
  readonly file: string;
}

/**
 * The Logger port on electron-log: a rotating file in the logs folder (written synchronously, so the
 * lines before a crash are on disk), the terminal in development. Every argument passes through
 * redactSecrets first, so tokens and passwords never reach a file. electron-log's Node build is used
 * because main configures the folder itself and nothing in the renderer logs through it.
 */
export function fileLogger(options: FileLoggerOptions): FileLogger {
  const file = path.join(options.logsDir, options.fileName ?? MAIN_LOG_FILE);
  const logger = log.create({ logId: `droplink:${file}` });
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = options.maxBytes ?? LOG_FILE_MAX_BYTES;
  logger.transports.file.level = 'info';
  // Only the user may read the logs (they name servers and rooms, even with secrets redacted).
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.console.level = options.console ? 'info' : false;
  logger.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactSecrets(item)) }));
  return {
    file,
    info: (message, ...details) => logger.info(message, ...details),
    warn: (message, ...details) => logger.warn(message, ...details),
    error: (message, ...details) => logger.error(message, ...details),
  };
}
