import type { Logger } from '../ports';

export const consoleLogger: Logger = {
  info: (message, ...details) => console.info(`[droplink] ${message}`, ...details),
  warn: (message, ...details) => console.warn(`[droplink] ${message}`, ...details),
  error: (message, ...details) => console.error(`[droplink] ${message}`, ...details),
};
