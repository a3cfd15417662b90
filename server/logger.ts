import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** Signed file links carry a bearer-equivalent signature in the query; keep it out of the logs. */
const redactSignature = (url: string | undefined) => url?.replace(/([?&]sig=)[^&]*/g, '$1[redacted]');

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'droplink-server' },
    serializers: {
      req: (request: LoggedRequest) => ({ method: request.method, url: redactSignature(request.url), ip: request.ip }),
      err: pino.stdSerializers.err,
    },
    redact: { paths: ['*.password', '*.token', '*.authorization'], censor: '[redacted]' },
  });
}
