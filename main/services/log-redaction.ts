/** What a secret looks like where it is not under a telling key. */
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g;
const URL_SECRET_PARAM = /([?&](?:token|access_token|secret|password|key|sig|signature)=)[^&#\s"']+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"']+:[^/\s@"']+@/gi;
const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|credential|jwt|apikey|api_key|privatekey/i;

export const REDACTED = '[redacted]';

/** Replaces secrets in a line of log text (bearer tokens, JWTs, credentials in URLs). */
export function redactText(text: string): string {
  return text.replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED).replace(URL_SECRET_PARAM, `$1${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
}

/**
 * A copy of a log argument with every secret replaced: values under secret-sounding keys, and
 * secret-shaped text anywhere (errors keep their name, message and stack, redacted).
 */
export function redactSecrets(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, seen));
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, seen)]));
}
