/**
 * What a Droplink server URL may be, as plain functions (no zod) so the renderer's forms can
 * give the same answer main enforces. The zod schema built on these is in server-url.ts.
 */

/** WHATWG URL, present in every runtime common/ runs in (Node, Chromium); common/ compiles without DOM or Node types. */
interface ParsedUrl {
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly username: string;
  readonly password: string;
}
declare const URL: new (input: string) => ParsedUrl;

export const SERVER_URL_MAX = 2048;

/** How a valid server URL reaches the server: encrypted, on this computer, or in clear text. */
export type ServerUrlTransport = 'builtIn' | 'https' | 'loopback' | 'insecure';

const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** 127.0.0.0/8, ::1 and localhost (the URL parser has already normalised the hostname). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || LOOPBACK_IPV4.test(host);
}

/** Why a server URL is refused, in words for the user; null when it is acceptable. '' is the built-in server. */
export function serverUrlProblem(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (value.length > SERVER_URL_MAX) return `The server URL is too long (at most ${SERVER_URL_MAX} characters).`;
  let url: ParsedUrl;
  try {
    url = new URL(value);
  } catch {
    return 'The server URL is not a web address. Enter it like https://chat.example.com.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'The server URL must start with https:// (or http:// for a server on this computer).';
  }
  if (!url.hostname) return 'The server URL has no host name.';
  if (url.username || url.password) return 'The server URL must not contain a user name or password.';
  if (value.includes('#')) return 'The server URL must not contain a # fragment.';
  if (url.search) return 'The server URL must not contain a ? query.';
  return null;
}

/** The transport of an acceptable server URL (call serverUrlProblem first). */
export function serverUrlTransport(raw: string): ServerUrlTransport {
  const value = raw.trim();
  if (value === '') return 'builtIn';
  const url = new URL(value);
  if (url.protocol === 'https:') return 'https';
  return isLoopbackHost(url.hostname) ? 'loopback' : 'insecure';
}

/** A canonical form for comparing two acceptable server URLs ('' stays ''). */
export function normalizeServerUrl(raw: string): string {
  const value = raw.trim();
  if (value === '') return '';
  const url = new URL(value);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function sameServerUrl(a: string, b: string): boolean {
  if (serverUrlProblem(a) !== null || serverUrlProblem(b) !== null) return a.trim() === b.trim();
  return normalizeServerUrl(a) === normalizeServerUrl(b);
}
