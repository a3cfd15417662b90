import pino from 'pino';

/** How much of a failed statement a log line keeps; its parameters are only counted. */
export const LOGGED_SQL_MAX = 200;
const FAILED_QUERY = /^Failed query: [\s\S]*?\nparams: [\s\S]*$/;

type SerializedError = Record<string, unknown> & { message: string; stack?: unknown; type?: unknown };

const shorten = (text: string): string => (text.length > LOGGED_SQL_MAX ? `${text.slice(0, LOGGED_SQL_MAX)}… (${text.length} characters)` : text);

/**
 * A query error (drizzle's "Failed query: <sql> params: <every value>") would put the whole
 * statement and every bound value in the log: megabytes for a large IN list, and user data.
 * Keeps the statement's start and the number of parameters instead.
 */
function scrub(error: SerializedError, original: Error): SerializedError {
  const out: SerializedError = { ...error };
  if (typeof out.query === 'string' && Array.isArray(out.params)) {
    const summary = `Failed query: ${shorten(out.query)} (${out.params.length} params)`;
    if (FAILED_QUERY.test(original.message)) {
      // The stack starts with the message; only the frames (and causes) after it are kept.
      const stack = typeof out.stack === 'string' ? out.stack : '';
      const start = stack.indexOf(original.message);
      const frames = start >= 0 ? stack.slice(start + original.message.length) : '';
      // pino appends the causes' messages (the database's reason) to the message: keep those.
      out.message = `${summary}${out.message.startsWith(original.message) ? out.message.slice(original.message.length) : ''}`;
      out.stack = `${String(out.type)}: ${summary}${frames}`;
    }
    out.query = shorten(out.query);
    out.paramCount = out.params.length;
    delete out.params;
  }
  return out;
}

/** pino's error serializer, with query errors cut down to the statement's start and a parameter count. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return scrub(pino.stdSerializers.err(error), error);
}
