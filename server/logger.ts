import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';
import { serializeError } from './log-errors';

export type { Logger };

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** Signed file links carry a bearer-equivalent signature in the query; keep it out of the logs. */
const redactSignature = (url: string | undefined) => url?.replace(/([?&]sig=)[^&]*/g, '$1[redacted]');

/** `destination`: where the lines go (default stdout); tests read them from a stream. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'droplink-server' },
    serializers: {
      req: (request: LoggedRequest) => ({ method: request.method, url: redactSignature(request.url), ip: request.ip }),
      err: serializeError,
    },
    redact: { paths: ['*.password', '*.token', '*.authorization'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
